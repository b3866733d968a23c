import { describe, expect, it } from 'vitest';
import {
  addRecovery,
  Autosaver,
  EMERGENCY_PREFIX,
  listRecovery,
  MAX_RECOVERY,
  MAX_SLOTS,
  newestPerTab,
  readAutosaves,
  removeRecovery,
  slotKey,
  tidyAutosaves,
  type AutosaveRecord,
  type RecoveryEntry,
  type Timers,
} from './autosave';
import { memoryStore, memorySyncStorage, syncBackedStore, withFallback, type KeyValueStore } from './kvStore';

/** Timers under the test's control. */
function fakeTimers(start = 1000) {
  let now = start;
  let nextId = 1;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      const id = nextId++;
      pending.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (h) => void pending.delete(h as number),
    now: () => now,
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, t] of [...pending]) {
      if (t.at <= now) {
        pending.delete(id);
        t.fn();
      }
    }
  };
  return { timers, advance, pending };
}

const settle = () => new Promise((r) => setTimeout(r, 0));
const rec = (tabId: string, savedAt: number, text = '{}'): AutosaveRecord => ({ kind: 'spikeflow-autosave', tabId, savedAt, name: tabId, text, dirty: true });

describe('Autosaver', () => {
  it('writes once, 300 ms after the last of a burst of changes', async () => {
    const kv = memoryStore();
    const { timers, advance } = fakeTimers();
    const saver = new Autosaver(kv, 'T', { timers, emergency: null, onError: (e) => { throw e; } });
    saver.schedule('{"n":1}', 'p', true);
    advance(200);
    saver.schedule('{"n":2}', 'p', true);
    advance(299);
    await settle();
    expect(kv.data.has(slotKey('T'))).toBe(false);
    advance(1);
    await settle();
    expect(kv.data.get(slotKey('T'))).toMatchObject({ kind: 'spikeflow-autosave', tabId: 'T', text: '{"n":2}', name: 'p', dirty: true });
    expect(saver.hasUnsaved).toBe(false);
  });

  it('flush writes at once; a later flush with nothing new writes nothing', async () => {
    const sets: string[] = [];
    const kv = memoryStore();
    const spy: KeyValueStore = { ...kv, set: async (k, v) => { sets.push(k); await kv.set(k, v); } };
    const { timers, pending } = fakeTimers();
    const saver = new Autosaver(spy, 'T', { timers, emergency: null, onError: () => undefined });
    saver.schedule('{"a":1}', 'p', false);
    await saver.flush();
    expect(pending.size).toBe(0);
    await saver.flush();
    expect(sets).toEqual([slotKey('T')]);
  });

  it('writes in order: a slow older write never lands after a newer one', async () => {
    const kv = memoryStore();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let first = true;
    const slow: KeyValueStore = {
      ...kv,
      set: async (k, v) => {
        if (first) {
          first = false;
          await gate;
        }
        await kv.set(k, v);
      },
    };
    const { timers } = fakeTimers();
    const saver = new Autosaver(slow, 'T', { timers, emergency: null, onError: () => undefined });
    saver.schedule('old', 'p', true);
    const a = saver.flush();
    saver.schedule('new', 'p', true);
    const b = saver.flush();
    release();
    await Promise.all([a, b]);
    expect((kv.data.get(slotKey('T')) as AutosaveRecord).text).toBe('new');
  });

  it('reports a failed write and keeps the change as unsaved (the next flush retries)', async () => {
    const kv = memoryStore();
    let fail = true;
    const flaky: KeyValueStore = { ...kv, set: async (k, v) => { if (fail) throw new Error('quota exceeded'); await kv.set(k, v); } };
    const errors: string[] = [];
    const { timers } = fakeTimers();
    const saver = new Autosaver(flaky, 'T', { timers, emergency: null, onError: (e) => errors.push((e as Error).message) });
    saver.schedule('x', 'p', true);
    await saver.flush();
    expect(errors).toEqual(['quota exceeded']);
    expect(saver.hasUnsaved).toBe(true);
    fail = false;
    await saver.flush();
    expect((kv.data.get(slotKey('T')) as AutosaveRecord).text).toBe('x');
  });

  it('on pagehide copies the unconfirmed change to localStorage at once, and drops the copy once written', async () => {
    const kv = memoryStore();
    const local = memorySyncStorage();
    const { timers } = fakeTimers();
    const saver = new Autosaver(kv, 'T', { timers, emergency: local, onError: () => undefined });
    saver.schedule('latest', 'p', true);
    saver.flushNow();
    // Synchronously, before any promise settles:
    expect(JSON.parse(local.getItem(EMERGENCY_PREFIX + 'T')!)).toMatchObject({ text: 'latest', tabId: 'T' });
    await saver.flush();
    expect(local.getItem(EMERGENCY_PREFIX + 'T')).toBeNull();
  });

  it('pagehide with everything written leaves no emergency copy', async () => {
    const local = memorySyncStorage();
    const { timers } = fakeTimers();
    const saver = new Autosaver(memoryStore(), 'T', { timers, emergency: local, onError: () => undefined });
    saver.schedule('x', 'p', true);
    await saver.flush();
    saver.flushNow();
    expect(local.length).toBe(0);
  });

  it('stamps strictly increasing times even within one clock tick', async () => {
    const kv = memoryStore();
    const { timers } = fakeTimers();
    const saver = new Autosaver(kv, 'T', { timers, emergency: null, onError: () => undefined });
    saver.schedule('a', 'p', true);
    await saver.flush();
    const t1 = (kv.data.get(slotKey('T')) as AutosaveRecord).savedAt;
    saver.schedule('b', 'p', true);
    await saver.flush();
    expect((kv.data.get(slotKey('T')) as AutosaveRecord).savedAt).toBe(t1 + 1);
  });
});

describe('reading and tidying autosave slots', () => {
  it('keeps the newest record per tab', () => {
    expect(newestPerTab([rec('A', 1), rec('B', 5), rec('A', 3)]).map((r) => `${r.tabId}${r.savedAt}`)).toEqual(['B5', 'A3']);
  });

  it('reads slots and emergency copies, the newer of the two winning; ignores junk', async () => {
    const kv = memoryStore({ [slotKey('A')]: rec('A', 10, 'idb'), [slotKey('B')]: rec('B', 30, 'idb'), 'autosave:junk': { nope: 1 }, other: rec('C', 99) });
    const local = memorySyncStorage();
    local.setItem(EMERGENCY_PREFIX + 'A', JSON.stringify(rec('A', 20, 'emergency')));
    local.setItem(EMERGENCY_PREFIX + 'B', JSON.stringify(rec('B', 25, 'stale emergency')));
    local.setItem(EMERGENCY_PREFIX + 'X', '{half-writ');
    const records = await readAutosaves(kv, local);
    expect(records.map((r) => `${r.tabId}:${r.text}`)).toEqual(['B:idb', 'A:emergency']);
  });

  it('tidy moves newer emergency copies into their slots, retires the previous slot, keeps MAX_SLOTS', async () => {
    const initial: Record<string, unknown> = {};
    for (let i = 0; i < MAX_SLOTS + 3; i++) initial[slotKey(`old${i}`)] = rec(`old${i}`, i);
    initial[slotKey('prev')] = rec('prev', 500);
    initial[slotKey('me')] = rec('me', 1000);
    initial[slotKey('closed')] = rec('closed', 400, 'stored');
    const kv = memoryStore(initial);
    const local = memorySyncStorage();
    local.setItem(EMERGENCY_PREFIX + 'closed', JSON.stringify(rec('closed', 450, 'last moments')));
    await tidyAutosaves(kv, local, 'me', 'prev');
    expect(local.length).toBe(0);
    expect((kv.data.get(slotKey('closed')) as AutosaveRecord).text).toBe('last moments');
    expect(kv.data.has(slotKey('prev'))).toBe(false);
    const left = await readAutosaves(kv, null);
    expect(left).toHaveLength(MAX_SLOTS);
    expect(left[0].tabId).toBe('me');
    expect(left.some((r) => r.tabId === 'old0')).toBe(false);
  });
});

describe('recovery entries', () => {
  const entry = (id: string, text: string): RecoveryEntry => ({ id, keptAt: 1, savedAt: 1, name: id, reason: 'failed validation', text, errors: [] });
  it('adds newest first, once per text, at most MAX_RECOVERY; removes by id', async () => {
    const kv = memoryStore();
    await addRecovery(kv, entry('a', 'A'));
    await addRecovery(kv, entry('b', 'B'));
    await addRecovery(kv, entry('a2', 'A'));
    expect((await listRecovery(kv)).map((e) => e.id)).toEqual(['a2', 'b']);
    for (let i = 0; i < MAX_RECOVERY + 2; i++) await addRecovery(kv, entry(`n${i}`, `N${i}`));
    expect(await listRecovery(kv)).toHaveLength(MAX_RECOVERY);
    await removeRecovery(kv, `n${MAX_RECOVERY + 1}`);
    expect((await listRecovery(kv))[0].id).toBe(`n${MAX_RECOVERY}`);
  });
});

describe('key-value stores', () => {
  it('localStorage-backed store round-trips values and lists its own keys only', async () => {
    const local = memorySyncStorage();
    local.setItem('unrelated', 'x');
    const kv = syncBackedStore(local);
    await kv.set('a', { x: [1, 2] });
    expect(await kv.get('a')).toEqual({ x: [1, 2] });
    expect(await kv.keys()).toEqual(['a']);
    await kv.del('a');
    expect(await kv.get('a')).toBeUndefined();
  });

  it('falls back for good after the primary store fails, and says so once', async () => {
    const broken: KeyValueStore = {
      get: () => Promise.reject(new Error('IndexedDB refused')),
      set: () => Promise.reject(new Error('IndexedDB refused')),
      del: () => Promise.reject(new Error('IndexedDB refused')),
      keys: () => Promise.reject(new Error('IndexedDB refused')),
    };
    const fallback = memoryStore();
    const told: string[] = [];
    const kv = withFallback(broken, () => fallback, (e) => told.push((e as Error).message));
    await kv.set('k', 1);
    expect(await kv.get('k')).toBe(1);
    expect(await kv.keys()).toEqual(['k']);
    expect(told).toEqual(['IndexedDB refused']);
  });
});
