/**
 * The code panel's open tabs as plain data, changed by pure functions (so the rules are tested in
 * Node and the state persists as JSON).
 *
 * A tab is a model by name: a built-in one (read-only) or a project one. A project tab's `draft`
 * is its text when that differs from the source saved in the project (`doc.models[name]`);
 * undefined means "as saved". A model that is not in the project yet (new, duplicated, or removed
 * by an undo) always has a draft: its text lives nowhere else.
 */
export interface CodeTab {
  readonly name: string;
  readonly builtin: boolean;
  readonly draft?: string;
}

export interface TabsState {
  readonly tabs: readonly CodeTab[];
  /** The name of the tab shown, null when none is open. */
  readonly active: string | null;
}

export const NO_TABS: TabsState = { tabs: [], active: null };

export function findTab(state: TabsState, name: string | null): CodeTab | undefined {
  return name === null ? undefined : state.tabs.find((t) => t.name === name);
}

/** Opens a tab (or shows it, if it is open already: its draft is kept) and makes it active. */
export function openTab(state: TabsState, tab: CodeTab): TabsState {
  if (findTab(state, tab.name)) return { ...state, active: tab.name };
  return { tabs: [...state.tabs, tab], active: tab.name };
}

/** Closes a tab; the active one passes to its right neighbour, else its left one. */
export function closeTab(state: TabsState, name: string): TabsState {
  const k = state.tabs.findIndex((t) => t.name === name);
  if (k < 0) return state;
  const tabs = state.tabs.filter((_, i) => i !== k);
  if (state.active !== name) return { ...state, tabs };
  const next = tabs[k] ?? tabs[k - 1];
  return { tabs, active: next ? next.name : null };
}

export function activateTab(state: TabsState, name: string): TabsState {
  return findTab(state, name) && state.active !== name ? { ...state, active: name } : state;
}

/**
 * Records a tab's current text against the saved source: a draft when they differ (or nothing is
 * saved), none when they agree. Built-in tabs never have drafts.
 */
export function recordText(state: TabsState, name: string, text: string, saved: string | undefined): TabsState {
  const tab = findTab(state, name);
  if (!tab || tab.builtin) return state;
  const draft = saved !== undefined && text === saved ? undefined : text;
  if (draft === tab.draft) return state;
  return { ...state, tabs: state.tabs.map((t) => (t.name === name ? withDraft(t, draft) : t)) };
}

function withDraft(tab: CodeTab, draft: string | undefined): CodeTab {
  return draft === undefined ? { name: tab.name, builtin: tab.builtin } : { name: tab.name, builtin: tab.builtin, draft };
}

/** Unsaved: a project tab whose text is not what the project holds. */
export function isDirty(tab: CodeTab, saved: string | undefined): boolean {
  if (tab.builtin) return false;
  return tab.draft !== undefined ? tab.draft !== saved : saved === undefined;
}

/** The text a tab shows: its draft, else the saved source, else (built-in) the library's. */
export function tabText(tab: CodeTab, saved: string | undefined, builtinSource: string | undefined): string {
  if (tab.builtin) return builtinSource ?? '';
  return tab.draft ?? saved ?? '';
}
