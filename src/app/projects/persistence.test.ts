import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ProjectDoc } from '../store/document';
import { createProjectStore } from '../store/projectStore';
import { listRecovery, slotKey, TAB_ID_KEY, type AutosaveRecord, type Timers } from './autosave';
import { memoryStore, memorySyncStorage, type KeyValueStore } from './kvStore';
import { attachAutosave, restoreProject, type PersistenceEnv } from './persistence';
import { createProjectUiStore } from './projectUi';
import { encodeShareData } from './shareLink';

const example = (name: string) => JSON.parse(readFileSync(new URL(`../../../examples/${name}`, import.meta.url), 'utf8')) as ProjectDoc;
const DEFAULT = example('default.json');
const LIF = example('LIF.json');
const CUBA = example('cuba.json');
const record = (doc: ProjectDoc | string, tabId: string, savedAt: number): AutosaveRecord => ({
  kind: 'spikeflow-autosave',
  tabId,
  savedAt,
  name: typeof doc === 'string' ? 'broken' : (doc.name ?? ''),
  text: typeof doc === 'string' ? doc : JSON.stringify(doc),
  dirty: true,
});
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

function setup(options: { kv?: KeyValueStore & { data?: Map<string, unknown> }; hash?: string; previousTabId?: string } = {}) {
  const kv = options.kv ?? memoryStore();
  const local = memorySyncStorage();
  const session = memorySyncStorage();
  if (options.previousTabId) session.setItem(TAB_ID_KEY, options.previousTabId);
  let hash = options.hash ?? '';
  let now = 1_000_000;
  const queue: (() => void)[] = [];
  // Debounce timers run when the test says; cancelled ones run too (a flush with nothing new is a no-op).
  const timers: Timers = { setTimeout: (fn) => queue.push(fn), clearTimeout: () => undefined, now: () => now++ };
  const runTimers = () => queue.splice(0).forEach((fn) => fn());
  const env: PersistenceEnv = {
    kv,
    local,
    session,
    timers,
    newTabId: () => 'new-tab',
    getHash: () => hash,
    replaceHash: (h) => {
      hash = h;
    },
  };
  const project = createProjectStore(structuredClone(DEFAULT));
  const ui = createProjectUiStore();
  return { env, kv, local, session, project, ui, runTimers, hash: () => hash };
}

const slot = (kv: KeyValueStore, tabId: string) => kv.get<AutosaveRecord>(slotKey(tabId));

describe('restoring at startup', () => {
  it('nothing saved: keeps the default example, marks it saved, then autosaves it', async () => {
    const t = setup();
    const restored = await restoreProject(t.env, t.project, t.ui);
    expect(t.project.getState().doc).toEqual(DEFAULT);
    expect(t.ui.getState().savedDoc).toBe(t.project.getState().doc);
    expect(t.ui.getState().problem).toBeNull();
    expect(t.session.getItem(TAB_ID_KEY)).toBe('new-tab');
    attachAutosave(restored, t.env, t.project, t.ui);
    await settle();
    expect(await slot(t.kv, 'new-tab')).toMatchObject({ text: JSON.stringify(DEFAULT), dirty: false });
  });

  it('after a reload: reopens its own autosave with a fresh history, moves it to a new slot', async () => {
    const kv = memoryStore({ [slotKey('old-tab')]: record(LIF, 'old-tab', 5), [slotKey('other')]: record(CUBA, 'other', 9) });
    const t = setup({ kv, previousTabId: 'old-tab' });
    const restored = await restoreProject(t.env, t.project, t.ui);
    expect(t.project.getState().doc).toEqual(LIF);
    expect(t.project.getState().past).toEqual([]);
    expect(t.ui.getState().savedDoc).toBeNull(); // it had unsaved changes
    attachAutosave(restored, t.env, t.project, t.ui);
    await settle();
    expect(await slot(kv, 'old-tab')).toBeUndefined();
    expect(await slot(kv, 'other')).toBeDefined();
    expect((await slot(kv, 'new-tab'))?.text).toBe(JSON.stringify(LIF));
  });

  it('a share link: opens it over the autosave (one Undo away, kept), clears the hash', async () => {
    const kv = memoryStore({ [slotKey('old-tab')]: record(LIF, 'old-tab', 5) });
    const t = setup({ kv, previousTabId: 'old-tab', hash: `#project=${encodeShareData(CUBA)}` });
    await restoreProject(t.env, t.project, t.ui);
    expect(t.project.getState().doc).toEqual(CUBA);
    expect(t.hash()).toBe('');
    expect(t.ui.getState().message?.undoable).toBe(true);
    expect((await listRecovery(kv)).map((e) => e.reason)).toEqual(['replaced by a share link']);
    t.project.getState().undo();
    expect(t.project.getState().doc).toEqual(LIF);
  });

  it('a corrupt share link: error shown, autosave opened, hash cleared', async () => {
    const kv = memoryStore({ [slotKey('old-tab')]: record(LIF, 'old-tab', 5) });
    const t = setup({ kv, previousTabId: 'old-tab', hash: '#project=%%%' });
    await restoreProject(t.env, t.project, t.ui);
    expect(t.project.getState().doc).toEqual(LIF);
    expect(t.hash()).toBe('');
    expect(t.ui.getState().problem?.tone).toBe('error');
    expect(t.ui.getState().problem?.sections[0].title).toMatch(/share link could not be opened \(bad base64url\)/);
  });

  it('an unreadable autosave: kept for recovery, error with a download, default opened', async () => {
    const kv = memoryStore({ [slotKey('old-tab')]: record('{ "format": "spikeflow', 'old-tab', 5) });
    const t = setup({ kv, previousTabId: 'old-tab' });
    const restored = await restoreProject(t.env, t.project, t.ui);
    expect(t.project.getState().doc).toEqual(DEFAULT);
    const problem = t.ui.getState().problem!;
    expect(problem.tone).toBe('error');
    expect(problem.sections[0].lines[0]).toMatch(/^autosave:1:\d+: (\$\.\w+: )?invalid JSON/);
    expect(problem.sections[0].download?.text).toBe('{ "format": "spikeflow');
    expect((await listRecovery(kv))[0].text).toBe('{ "format": "spikeflow');
    attachAutosave(restored, t.env, t.project, t.ui);
    await settle();
    expect(await slot(kv, 'old-tab')).toBeUndefined(); // safe: it is in the recovery list
  });

  it('when the store cannot be read: a warning, and no slot is retired', async () => {
    const kv = memoryStore({ [slotKey('old-tab')]: record(LIF, 'old-tab', 5) });
    let failKeys = true;
    const flaky: KeyValueStore = { ...kv, keys: () => (failKeys ? Promise.reject(new Error('blocked')) : kv.keys()) };
    const t = setup({ kv: flaky, previousTabId: 'old-tab' });
    const restored = await restoreProject(t.env, t.project, t.ui);
    expect(t.ui.getState().problem?.tone).toBe('warning');
    expect(restored.supersede).toBeNull();
    failKeys = false;
    attachAutosave(restored, t.env, t.project, t.ui);
    await settle();
    expect(await kv.get(slotKey('old-tab'))).toBeDefined();
  });

  it('edits made while the store was read stay one Undo away', async () => {
    const kv = memoryStore({ [slotKey('old-tab')]: record(LIF, 'old-tab', 5) });
    const t = setup({ kv, previousTabId: 'old-tab' });
    const restoring = restoreProject(t.env, t.project, t.ui);
    t.project.getState().dispatch({ type: 'setMeta', name: 'typed early' });
    await restoring;
    expect(t.project.getState().doc).toEqual(LIF);
    t.project.getState().undo();
    expect(t.project.getState().doc.name).toBe('typed early');
  });
});

describe('autosaving', () => {
  it('saves each change (debounced) with its saved-to-file state; stops on cleanup', async () => {
    const t = setup();
    const restored = await restoreProject(t.env, t.project, t.ui);
    const detach = attachAutosave(restored, t.env, t.project, t.ui);
    await settle();
    t.project.getState().dispatch({ type: 'setMeta', name: 'edited' });
    t.runTimers();
    await settle();
    expect(await slot(t.kv, 'new-tab')).toMatchObject({ name: 'edited', dirty: true });
    t.ui.getState().markSaved(t.project.getState().doc);
    t.runTimers();
    await settle();
    expect(await slot(t.kv, 'new-tab')).toMatchObject({ name: 'edited', dirty: false });
    detach();
    t.project.getState().dispatch({ type: 'setMeta', name: 'after cleanup' });
    t.runTimers();
    await settle();
    expect((await slot(t.kv, 'new-tab'))?.name).toBe('edited');
  });
});
