/** The code workspace's observable state (what the panel renders) and what it is built from. */
import type { ProjectStore } from '../store/projectStore';
import type { TabCheck } from './checkResult';
import type { DraftStorage } from './drafts';
import type { LibraryEntry } from './libraryList';
import type { Monaco } from './monacoSetup';
import type { TabsState } from './tabs';

export interface Notice {
  readonly text: string;
  readonly tone: 'info' | 'error';
  readonly serial: number;
}

export interface CodeState {
  readonly tabs: TabsState;
  /** The latest check of each project tab's text. */
  readonly checks: Readonly<Record<string, TabCheck>>;
  readonly notice: Notice | null;
  /** False once localStorage refused the drafts (full or disabled): unsaved text would not survive a reload. */
  readonly draftsKept: boolean;
}

export interface WorkspaceDeps {
  readonly monaco: Monaco;
  readonly project: ProjectStore;
  readonly library: readonly LibraryEntry[];
  /** localStorage, or null where it is unavailable. */
  readonly storage: DraftStorage | null;
  /** Names the worker knows (library and project): never offered for a new model. */
  readonly catalogNames: () => Iterable<string>;
  /** The app's Ctrl/⌘+Enter (run or pause). */
  readonly runOrPause?: () => void;
}

export type { TabCheck };
