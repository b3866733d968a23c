/**
 * The project menu's own UI state (which dialog is open, the problem or message shown, the share
 * link last made, the document last saved or opened), in a vanilla zustand store so the actions
 * module (called from keyboard shortcuts, not only from React) can drive it.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { ProjectDoc } from '../store/document';

export type NoticeTone = 'error' | 'warning' | 'info';

/** A file the user can download from a notice (e.g. a project set aside as unreadable). */
export interface NoticeDownload {
  readonly label: string;
  readonly fileName: string;
  readonly text: string;
}

export interface NoticeSection {
  readonly title: string;
  /** One line each: `file.json:12:5: $.populations[0].size: expected ...`. */
  readonly lines: readonly string[];
  readonly download?: NoticeDownload;
}

export interface Notice {
  readonly id: number;
  readonly tone: NoticeTone;
  readonly sections: readonly NoticeSection[];
  /** Offer an Undo button (the change that the notice reports can be undone). */
  readonly undoable: boolean;
}

export interface ShareState {
  readonly url: string;
  /** null while copying; then whether the clipboard took it. */
  readonly copied: boolean | null;
  readonly copyError: string | null;
}

export type ProjectDialog = 'examples' | 'share';

export interface ProjectUiState {
  /** An error or warning (shown until dismissed). */
  readonly problem: Notice | null;
  /** What just happened (opened a file, loaded an example), with Undo. */
  readonly message: Notice | null;
  readonly dialog: ProjectDialog | null;
  readonly share: ShareState | null;
  /** The document as last saved to or opened from a file (null: never, this session). */
  readonly savedDoc: ProjectDoc | null;
  /** Autosave could not write (the reason), shown in the menu. */
  readonly autosaveError: string | null;
  showProblem(section: NoticeSection, tone?: 'error' | 'warning'): void;
  showMessage(section: NoticeSection, undoable?: boolean): void;
  dismissProblem(): void;
  dismissMessage(): void;
  openDialog(dialog: ProjectDialog): void;
  closeDialog(): void;
  setShare(share: ShareState | null): void;
  markSaved(doc: ProjectDoc | null): void;
  setAutosaveError(error: string | null): void;
}

let nextId = 1;

export function createProjectUiStore() {
  return createStore<ProjectUiState>()((set, get) => ({
    problem: null,
    message: null,
    dialog: null,
    share: null,
    savedDoc: null,
    autosaveError: null,
    showProblem(section, tone = 'error') {
      const prev = get().problem;
      // Problems accumulate until dismissed, so two at startup (a bad link and a bad autosave) both show.
      const sections = prev ? [...prev.sections, section] : [section];
      const worst = prev?.tone === 'error' || tone === 'error' ? 'error' : 'warning';
      // Dialogs are modal (the top layer): close them, or the problem would be hidden behind one.
      set({ problem: { id: nextId++, tone: worst, sections, undoable: false }, dialog: null });
    },
    showMessage(section, undoable = false) {
      set({ message: { id: nextId++, tone: 'info', sections: [section], undoable } });
    },
    dismissProblem() {
      set({ problem: null });
    },
    dismissMessage() {
      set({ message: null });
    },
    openDialog(dialog) {
      set({ dialog });
    },
    closeDialog() {
      set({ dialog: null });
    },
    setShare(share) {
      set({ share });
    },
    markSaved(doc) {
      set({ savedDoc: doc });
    },
    setAutosaveError(autosaveError) {
      set({ autosaveError });
    },
  }));
}

export const projectUiStore = createProjectUiStore();

export const useProjectUi = <T>(selector: (s: ProjectUiState) => T): T => useStore(projectUiStore, selector);
