/**
 * Autosave for the code panel: the open tabs and their unsaved text, per project, in
 * localStorage, so that a reload (or a crash) loses no typing. Saved model sources live in the
 * project document and its own autosave; only what is not saved yet is kept here.
 *
 * Projects have no id, so drafts are keyed by the project's name: two projects with one name
 * share their drafts (a tab whose model the other project lacks shows as a new, unsaved model).
 */
import { NO_TABS, type CodeTab, type TabsState } from './tabs';

/** What drafts need of localStorage (a Map-backed fake in tests). */
export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const DRAFTS_PREFIX = 'spikeflow.code.drafts.v1:';

export function draftsKey(projectName: string | undefined): string {
  return DRAFTS_PREFIX + (projectName?.trim() || 'Untitled project');
}

/** The stored tabs for a project; anything unreadable counts as none (drafts are a convenience). */
export function loadDrafts(storage: DraftStorage, projectName: string | undefined): TabsState {
  let raw: string | null;
  try {
    raw = storage.getItem(draftsKey(projectName));
  } catch {
    return NO_TABS;
  }
  if (raw === null) return NO_TABS;
  try {
    return parseDrafts(JSON.parse(raw));
  } catch {
    return NO_TABS;
  }
}

/** Keeps the well-formed tabs of a stored value (one name once), and an active tab that exists. */
export function parseDrafts(value: unknown): TabsState {
  if (!value || typeof value !== 'object') return NO_TABS;
  const v = value as { tabs?: unknown; active?: unknown };
  const tabs: CodeTab[] = [];
  const seen = new Set<string>();
  for (const t of Array.isArray(v.tabs) ? v.tabs : []) {
    if (!t || typeof t !== 'object') continue;
    const { name, builtin, draft } = t as { name?: unknown; builtin?: unknown; draft?: unknown };
    if (typeof name !== 'string' || name === '' || seen.has(name)) continue;
    seen.add(name);
    const isBuiltin = builtin === true;
    tabs.push(typeof draft === 'string' && !isBuiltin ? { name, builtin: isBuiltin, draft } : { name, builtin: isBuiltin });
  }
  const active = typeof v.active === 'string' && seen.has(v.active) ? v.active : (tabs[0]?.name ?? null);
  return { tabs, active };
}

/**
 * Stores the tabs for a project (no tabs: the entry is removed). Returns false when the storage
 * refused (full, or disabled), for the panel to say that drafts are not being kept.
 */
export function saveDrafts(storage: DraftStorage, projectName: string | undefined, state: TabsState): boolean {
  const key = draftsKey(projectName);
  try {
    if (state.tabs.length === 0) storage.removeItem(key);
    else storage.setItem(key, JSON.stringify({ tabs: state.tabs, active: state.active }));
    return true;
  } catch {
    return false;
  }
}

/** Drops a project's drafts (its name changed: they move to the new key). */
export function forgetDrafts(storage: DraftStorage, projectName: string | undefined): void {
  try {
    storage.removeItem(draftsKey(projectName));
  } catch {
    // Nothing to do: a storage that refuses removal keeps a stale entry, which is harmless.
  }
}
