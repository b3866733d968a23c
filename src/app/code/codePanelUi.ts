/**
 * Whether the code panel is open, and which model another part of the app asked it to show.
 * Part of the first screen's bundle (the toggle needs it), so it imports nothing of Monaco; the
 * panel itself is loaded on first open (LazyCodePanel).
 */
import { createStore } from 'zustand/vanilla';
import { persist } from 'zustand/middleware';
import { useStore } from 'zustand';

export interface ModelRequest {
  readonly name: string;
  /** Distinguishes two requests for the same model. */
  readonly serial: number;
}

export interface CodePanelUiState {
  readonly open: boolean;
  /** A model to show in a tab, taken (and cleared) by the panel once it is loaded. */
  readonly request: ModelRequest | null;
  setOpen(open: boolean): void;
  toggle(): void;
  /** Opens the panel on a model (project or built-in), e.g. from the inspector. */
  showModel(name: string): void;
  clearRequest(serial: number): void;
}

export function createCodePanelUiStore() {
  return createStore<CodePanelUiState>()(
    persist(
      (set, get) => ({
        open: false,
        request: null,
        setOpen(open) {
          set({ open });
        },
        toggle() {
          set({ open: !get().open });
        },
        showModel(name) {
          set({ open: true, request: { name, serial: (get().request?.serial ?? 0) + 1 } });
        },
        clearRequest(serial) {
          if (get().request?.serial === serial) set({ request: null });
        },
      }),
      // Only `open` outlives the page: a reload with the panel open reopens it.
      { name: 'spikeflow.code.ui', partialize: (s) => ({ open: s.open }) },
    ),
  );
}

export const codePanelUi = createCodePanelUiStore();

export const useCodePanelUi = <T>(selector: (s: CodePanelUiState) => T): T => useStore(codePanelUi, selector);
