import { describe, expect, it } from 'vitest';
import { activateTab, closeTab, isDirty, NO_TABS, openTab, recordText, tabText, type TabsState } from './tabs';

const three: TabsState = {
  tabs: [
    { name: 'A', builtin: false },
    { name: 'LIF', builtin: true },
    { name: 'C', builtin: false, draft: 'model C : cell\n' },
  ],
  active: 'LIF',
};

describe('tabs', () => {
  it('opening appends and activates; opening an open tab only activates it, keeping its draft', () => {
    const one = openTab(NO_TABS, { name: 'A', builtin: false, draft: 'x' });
    expect(one).toEqual({ tabs: [{ name: 'A', builtin: false, draft: 'x' }], active: 'A' });
    const again = openTab(openTab(one, { name: 'B', builtin: true }), { name: 'A', builtin: false });
    expect(again.tabs.map((t) => t.name)).toEqual(['A', 'B']);
    expect(again.active).toBe('A');
    expect(again.tabs[0].draft).toBe('x');
  });

  it('closing the active tab activates its right neighbour, else its left one', () => {
    expect(closeTab(three, 'LIF')).toMatchObject({ active: 'C' });
    expect(closeTab({ ...three, active: 'C' }, 'C')).toMatchObject({ active: 'LIF' });
    expect(closeTab({ tabs: [{ name: 'A', builtin: false }], active: 'A' }, 'A')).toEqual(NO_TABS);
    expect(closeTab(three, 'A')).toMatchObject({ active: 'LIF', tabs: [{ name: 'LIF' }, { name: 'C' }] });
    expect(closeTab(three, 'nope')).toBe(three);
  });

  it('activating an unknown or the active tab changes nothing', () => {
    expect(activateTab(three, 'nope')).toBe(three);
    expect(activateTab(three, 'LIF')).toBe(three);
    expect(activateTab(three, 'A').active).toBe('A');
  });

  it('records a draft only while the text differs from the saved source', () => {
    const typed = recordText(three, 'A', 'model A : cell\n# more\n', 'model A : cell\n');
    expect(typed.tabs[0]).toEqual({ name: 'A', builtin: false, draft: 'model A : cell\n# more\n' });
    const back = recordText(typed, 'A', 'model A : cell\n', 'model A : cell\n');
    expect(back.tabs[0]).toEqual({ name: 'A', builtin: false });
    expect(recordText(back, 'A', 'model A : cell\n', 'model A : cell\n')).toBe(back);
  });

  it('keeps the text of a model that is not saved anywhere as a draft, even when it matches nothing', () => {
    expect(recordText(three, 'C', 'model C : cell\n', undefined).tabs[2].draft).toBe('model C : cell\n');
  });

  it('never records drafts for built-in tabs', () => {
    expect(recordText(three, 'LIF', 'changed', undefined)).toBe(three);
  });

  it('dirty: a project tab whose text is not what the project holds', () => {
    expect(isDirty({ name: 'A', builtin: false }, 'src')).toBe(false);
    expect(isDirty({ name: 'A', builtin: false, draft: 'other' }, 'src')).toBe(true);
    expect(isDirty({ name: 'A', builtin: false, draft: 'src' }, 'src')).toBe(false);
    expect(isDirty({ name: 'A', builtin: false, draft: 'new' }, undefined)).toBe(true);
    expect(isDirty({ name: 'A', builtin: false }, undefined)).toBe(true);
    expect(isDirty({ name: 'LIF', builtin: true }, undefined)).toBe(false);
  });

  it('shows the draft, else the saved source, else for a built-in tab the library source', () => {
    expect(tabText({ name: 'A', builtin: false, draft: 'd' }, 's', 'l')).toBe('d');
    expect(tabText({ name: 'A', builtin: false }, 's', 'l')).toBe('s');
    expect(tabText({ name: 'LIF', builtin: true }, undefined, 'l')).toBe('l');
  });
});
