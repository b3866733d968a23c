/**
 * The app's stores, one of each, and the React hooks that read them. Non-React code (the run
 * session, autosave, keyboard shortcuts) uses the stores directly.
 */
import { useStore } from 'zustand';
import defaultExample from '../../../examples/default.json';
import { createCatalogStore, type CatalogState } from './catalogStore';
import type { ProjectDoc } from './document';
import { createPrefsStore, type PrefsState } from './prefsStore';
import { createProjectStore, type ProjectState } from './projectStore';
import { createRunStore, type RunState } from './runStore';

export const DEFAULT_PROJECT = defaultExample as unknown as ProjectDoc;

export const projectStore = createProjectStore(structuredClone(DEFAULT_PROJECT));
export const catalogStore = createCatalogStore();
export const runStore = createRunStore();
export const prefsStore = createPrefsStore();

export const useProject = <T>(selector: (s: ProjectState) => T): T => useStore(projectStore, selector);
export const useCatalog = <T>(selector: (s: CatalogState) => T): T => useStore(catalogStore, selector);
export const useRun = <T>(selector: (s: RunState) => T): T => useStore(runStore, selector);
export const usePrefs = <T>(selector: (s: PrefsState) => T): T => useStore(prefsStore, selector);

export type { ProjectState, CatalogState, RunState, PrefsState };
