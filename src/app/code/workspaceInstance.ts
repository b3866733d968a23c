/** The page's one code workspace, created when the code panel first loads. */
import { LIBRARY_SOURCES } from '../../library';
import { catalogStore, projectStore } from '../store';
import { runOrPause } from '../toolbar/shortcuts';
import type { DraftStorage } from './drafts';
import { libraryEntries } from './libraryList';
import { monaco } from './monacoSetup';
import { CodeWorkspace } from './workspace';

let instance: CodeWorkspace | null = null;

export function getWorkspace(): CodeWorkspace {
  if (!instance) {
    const ws = new CodeWorkspace({
      monaco,
      project: projectStore,
      library: libraryEntries(LIBRARY_SOURCES),
      storage: localStorageOrNull(),
      catalogNames: () => catalogStore.getState().byName.keys(),
      runOrPause,
    });
    // Drafts are written shortly after typing stops; a closing tab writes what is pending.
    window.addEventListener('pagehide', () => ws.flushDrafts());
    instance = ws;
  }
  return instance;
}

function localStorageOrNull(): DraftStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Reading localStorage throws where storage is disabled.
    return null;
  }
}
