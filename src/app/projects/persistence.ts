/**
 * Startup and autosave. `startPersistence()` (App, once) restores what to open — share link, else
 * autosave, else the default example (see startup.ts) — then saves every document change into this
 * tab's autosave slot (see autosave.ts), and opens share links pasted into an open tab.
 *
 * The restore runs once per page even when React mounts twice (StrictMode): the first run may
 * already have cleared `#project=` from the address. The browser pieces come in through
 * PersistenceEnv so the restore runs in Node tests against fakes.
 */
import { projectStore as appProjectStore } from '../store';
import type { ProjectStore } from '../store/projectStore';
import {
  addRecovery,
  Autosaver,
  readAutosaves,
  TAB_ID_KEY,
  tidyAutosaves,
  type AutosaveRecord,
  type Timers,
} from './autosave';
import { openShareData } from './fileActions';
import { browserKeyValueStore } from './idbStore';
import type { KeyValueStore, SyncStorage } from './kvStore';
import { projectFileName } from './projectFile';
import { projectUiStore as appUiStore, type createProjectUiStore } from './projectUi';
import { hashWithoutShare, readShareHash } from './shareLink';
import { decideStartup } from './startup';

type UiStore = ReturnType<typeof createProjectUiStore>;

export interface PersistenceEnv {
  readonly kv: KeyValueStore;
  /** localStorage (emergency copies), null where unavailable. */
  readonly local: SyncStorage | null;
  /** sessionStorage (this tab's id across reloads), null where unavailable. */
  readonly session: SyncStorage | null;
  readonly timers: Timers;
  readonly newTabId: () => string;
  readonly getHash: () => string;
  /** Replaces the address's fragment without a navigation or history entry. */
  readonly replaceHash: (hash: string) => void;
}

export interface Restored {
  readonly tabId: string;
  /** This tab's slot from before the reload, to delete once the new slot is written (null: keep it, e.g. it could not be read). */
  readonly supersede: string | null;
  readonly autosaver: Autosaver;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Decides and opens the startup project. Never throws: problems become notices. */
export async function restoreProject(env: PersistenceEnv, project: ProjectStore, ui: UiStore): Promise<Restored> {
  const previousTabId = env.session?.getItem(TAB_ID_KEY) ?? null;
  const tabId = env.newTabId();
  // A fresh slot per page: a duplicated tab (which copies sessionStorage) must not share one.
  env.session?.setItem(TAB_ID_KEY, tabId);
  const startRevision = project.getState().revision;

  let autosaves: AutosaveRecord[] = [];
  let readOk = true;
  try {
    autosaves = await readAutosaves(env.kv, env.local);
  } catch (err) {
    readOk = false;
    ui.getState().showProblem({ title: 'The autosaved project could not be read; the default example was opened', lines: [message(err)] }, 'warning');
  }

  const plan = decideStartup({ hash: env.getHash(), previousTabId, autosaves, now: env.timers.now() });
  if (plan.clearHash) env.replaceHash(hashWithoutShare(env.getHash()));

  let keptOk = true;
  for (const entry of plan.recovery) {
    try {
      await addRecovery(env.kv, entry);
    } catch (err) {
      keptOk = false;
      ui.getState().showProblem({ title: `'${entry.name}' could not be set aside in this browser; download it now to keep it`, lines: [message(err)], download: { label: 'Download it', fileName: projectFileName({ name: entry.name }), text: entry.text } });
    }
  }

  // Edits made while the store was being read stay one Undo away.
  const keepHistory = project.getState().revision !== startRevision;
  if (plan.base) {
    project.getState().load(plan.base, { keepHistory });
    project.getState().load(plan.doc!, { keepHistory: true });
  } else if (plan.doc) {
    project.getState().load(plan.doc, { keepHistory });
  }
  const current = project.getState().doc;
  // The baseline of the Save button's "unsaved changes" mark (null: unknown, so marked unsaved).
  ui.getState().markSaved(plan.dirty ? null : current);

  for (const section of plan.errors) ui.getState().showProblem(section, 'error');
  for (const section of plan.warnings) ui.getState().showProblem(section, 'warning');
  if (plan.info) ui.getState().showMessage(plan.info, plan.base !== null);

  const autosaver = new Autosaver(env.kv, tabId, {
    timers: env.timers,
    emergency: env.local,
    onError: (err) => ui.getState().setAutosaveError(message(err)),
    onSaved: () => {
      if (ui.getState().autosaveError) ui.getState().setAutosaveError(null);
    },
  });
  return { tabId, supersede: readOk && keptOk ? previousTabId : null, autosaver };
}

/** Saves every change of the document (and of its saved-to-file state) into this tab's slot. */
export function attachAutosave(restored: Restored, env: PersistenceEnv, project: ProjectStore, ui: UiStore): () => void {
  const { autosaver } = restored;
  const save = () => {
    const doc = project.getState().doc;
    autosaver.schedule(JSON.stringify(doc), doc.name ?? '', ui.getState().savedDoc !== doc);
  };
  save();
  void autosaver.flush().then(() => tidyAutosaves(env.kv, env.local, restored.tabId, restored.supersede).catch(() => undefined));
  const unsubProject = project.subscribe((s, prev) => {
    if (s.doc !== prev.doc) save();
  });
  const unsubUi = ui.subscribe((s, prev) => {
    if (s.savedDoc !== prev.savedDoc) save();
  });
  return () => {
    unsubProject();
    unsubUi();
    void autosaver.flush();
  };
}

// ---------------------------------------------------------------------------------------------
// The page

function browserEnv(ui: UiStore): PersistenceEnv {
  const storage = (name: 'localStorage' | 'sessionStorage'): SyncStorage | null => {
    try {
      return window[name];
    } catch {
      return null; // storage disabled: reading the property throws
    }
  };
  return {
    kv: browserKeyValueStore((err) =>
      ui.getState().showProblem({ title: 'This browser refused IndexedDB; autosave uses localStorage instead (smaller)', lines: [message(err)] }, 'warning'),
    ),
    local: storage('localStorage'),
    session: storage('sessionStorage'),
    timers: { setTimeout: (fn, ms) => window.setTimeout(fn, ms), clearTimeout: (h) => window.clearTimeout(h as number), now: () => Date.now() },
    newTabId: () => (typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`),
    getHash: () => location.hash,
    replaceHash: (hash) => history.replaceState(history.state, '', `${location.pathname}${location.search}${hash}`),
  };
}

let env: PersistenceEnv | null = null;
let restoring: Promise<Restored> | null = null;

/** The key-value store autosave uses (for the list of projects kept in this browser). */
export function persistenceStore(): KeyValueStore {
  env ??= browserEnv(appUiStore);
  return env.kv;
}

/** Restores the startup project (once per page) and autosaves from then on; returns the cleanup. */
export function startPersistence(): () => void {
  const e = (env ??= browserEnv(appUiStore));
  restoring ??= restoreProject(e, appProjectStore, appUiStore);
  let detach: (() => void) | null = null;
  let stopped = false;
  void restoring.then((restored) => {
    if (stopped) return;
    detach = attachAutosave(restored, e, appProjectStore, appUiStore);
  });

  const onVisibility = () => {
    if (document.visibilityState === 'hidden') void restoring?.then((r) => r.autosaver.flush());
  };
  // pagehide may be the last chance: the synchronous emergency copy must happen in this tick, not after an await.
  let restoredNow: Restored | null = null;
  void restoring.then((r) => (restoredNow = r));
  const onPageHide = () => restoredNow?.autosaver.flushNow();
  const onHashChange = () => {
    const data = readShareHash(location.hash);
    if (data === null) return;
    e.replaceHash(hashWithoutShare(location.hash));
    openShareData(data);
  };
  document.addEventListener('visibilitychange', onVisibility);
  window.addEventListener('pagehide', onPageHide);
  window.addEventListener('hashchange', onHashChange);
  return () => {
    stopped = true;
    document.removeEventListener('visibilitychange', onVisibility);
    window.removeEventListener('pagehide', onPageHide);
    window.removeEventListener('hashchange', onHashChange);
    detach?.();
  };
}
