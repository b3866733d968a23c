import { describe, expect, it } from 'vitest';
import { draftsKey, forgetDrafts, loadDrafts, parseDrafts, saveDrafts, type DraftStorage } from './drafts';
import { NO_TABS, type TabsState } from './tabs';

function fakeStorage(): DraftStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

const refusing: DraftStorage = {
  getItem: () => {
    throw new Error('SecurityError');
  },
  setItem: () => {
    throw new Error('QuotaExceededError');
  },
  removeItem: () => {
    throw new Error('SecurityError');
  },
};

const state: TabsState = {
  tabs: [
    { name: 'MyK', builtin: false, draft: 'model MyK : channel\n# typing…\n' },
    { name: 'LIF', builtin: true },
    { name: 'Saved', builtin: false },
  ],
  active: 'LIF',
};

describe('drafts', () => {
  it('survive a reload: the open tabs, the active one and the unsaved text, per project', () => {
    const storage = fakeStorage();
    expect(saveDrafts(storage, 'Project A', state)).toBe(true);
    expect(loadDrafts(storage, 'Project A')).toEqual(state);
    expect(loadDrafts(storage, 'Project B')).toEqual(NO_TABS);
    expect([...storage.data.keys()]).toEqual([draftsKey('Project A')]);
  });

  it('an unnamed project has a key of its own', () => {
    expect(draftsKey(undefined)).toBe(draftsKey('Untitled project'));
    expect(draftsKey('  ')).toBe(draftsKey(undefined));
  });

  it('no tabs: the entry goes away', () => {
    const storage = fakeStorage();
    saveDrafts(storage, 'P', state);
    saveDrafts(storage, 'P', NO_TABS);
    expect(storage.data.size).toBe(0);
  });

  it('forgetDrafts removes a project entry', () => {
    const storage = fakeStorage();
    saveDrafts(storage, 'P', state);
    forgetDrafts(storage, 'P');
    expect(loadDrafts(storage, 'P')).toEqual(NO_TABS);
  });

  it('a refusing storage loses nothing but the drafts: load gives none, save says false', () => {
    expect(loadDrafts(refusing, 'P')).toEqual(NO_TABS);
    expect(saveDrafts(refusing, 'P', state)).toBe(false);
    expect(() => forgetDrafts(refusing, 'P')).not.toThrow();
  });

  it('reads what it can of a damaged entry', () => {
    const storage = fakeStorage();
    storage.setItem(draftsKey('P'), '{not json');
    expect(loadDrafts(storage, 'P')).toEqual(NO_TABS);
    expect(parseDrafts(null)).toEqual(NO_TABS);
    expect(
      parseDrafts({
        tabs: [{ name: 'A', builtin: false, draft: 'x' }, { name: 'A', builtin: false }, { name: 7 }, 'junk', { name: 'LIF', builtin: true, draft: 'ignored' }],
        active: 'gone',
      }),
    ).toEqual({ tabs: [{ name: 'A', builtin: false, draft: 'x' }, { name: 'LIF', builtin: true }], active: 'A' });
  });
});
