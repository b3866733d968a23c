import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DraftAutosave } from './draftAutosave';
import { draftsKey, loadDrafts, type DraftStorage } from './drafts';
import { NO_TABS, type TabsState } from './tabs';

function fakeStorage(): DraftStorage & { data: Map<string, string>; writes: number } {
  const data = new Map<string, string>();
  const s = {
    data,
    writes: 0,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => {
      s.writes++;
      data.set(k, v);
    },
    removeItem: (k: string) => void data.delete(k),
  };
  return s;
}

const tabsWith = (text: string): TabsState => ({ tabs: [{ name: 'MyK', builtin: false, draft: text }], active: 'MyK' });

describe('DraftAutosave', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes once typing pauses, not on every change', () => {
    const storage = fakeStorage();
    let tabs = tabsWith('a');
    const autosave = new DraftAutosave(storage, 'P', () => tabs, () => undefined, 400);
    for (const t of ['ab', 'abc', 'abcd']) {
      tabs = tabsWith(t);
      autosave.schedule();
      vi.advanceTimersByTime(100);
    }
    expect(storage.writes).toBe(0);
    vi.advanceTimersByTime(400);
    expect(storage.writes).toBe(1);
    expect(loadDrafts(storage, 'P')).toEqual(tabsWith('abcd'));
  });

  it('flush writes what is pending at once, and only then', () => {
    const storage = fakeStorage();
    const autosave = new DraftAutosave(storage, 'P', () => tabsWith('x'), () => undefined);
    autosave.flush();
    expect(storage.writes).toBe(0);
    autosave.schedule();
    autosave.flush();
    expect(storage.writes).toBe(1);
    vi.runAllTimers();
    expect(storage.writes).toBe(1);
  });

  it('a renamed project takes its drafts along', () => {
    const storage = fakeStorage();
    const autosave = new DraftAutosave(storage, 'Old', () => tabsWith('x'), () => undefined);
    autosave.schedule();
    autosave.flush();
    autosave.rename('New');
    vi.runAllTimers();
    expect([...storage.data.keys()]).toEqual([draftsKey('New')]);
  });

  it('switching projects writes the old one’s pending drafts under its name and writes nothing for the restore', () => {
    const storage = fakeStorage();
    let tabs = tabsWith('old project text');
    const autosave = new DraftAutosave(storage, 'A', () => tabs, () => undefined);
    autosave.schedule();
    autosave.switchTo('B', () => {
      tabs = NO_TABS;
      autosave.schedule(); // the store's subscription reacts to the restore
    });
    vi.runAllTimers();
    expect(loadDrafts(storage, 'A')).toEqual(tabsWith('old project text'));
    expect(storage.data.has(draftsKey('B'))).toBe(false);
    expect(storage.writes).toBe(1);
  });

  it('says when the storage refuses, and does nothing without one', () => {
    const kept: boolean[] = [];
    const full: DraftStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    const autosave = new DraftAutosave(full, 'P', () => tabsWith('x'), (k) => kept.push(k));
    autosave.schedule();
    vi.runAllTimers();
    expect(kept).toEqual([false]);
    const none = new DraftAutosave(null, 'P', () => tabsWith('x'), (k) => kept.push(k));
    none.schedule();
    none.flush();
    vi.runAllTimers();
    expect(kept).toEqual([false]);
  });
});
