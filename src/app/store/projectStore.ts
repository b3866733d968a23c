/**
 * The project store: the document, its undo/redo history, and the editor selection.
 *
 * A vanilla zustand store (no React here), so tests drive it headlessly and non-React code (the
 * run session, autosave) subscribes to it directly. Components read it with `useProjectStore`.
 *
 * History keeps whole documents: edits share structure (they copy only what they change), so a
 * snapshot costs little. Edits with the same `coalesce` key within COALESCE_MS (a slider drag)
 * make one undo step.
 */
import { createStore } from 'zustand/vanilla';
import { applyEdit, type Edit } from './edits';
import type { NodeRef, ProjectDoc } from './document';

export const HISTORY_LIMIT = 200;
export const COALESCE_MS = 800;

export interface Selection {
  readonly nodes: readonly NodeRef[];
  readonly projections: readonly string[];
}

export const EMPTY_SELECTION: Selection = { nodes: [], projections: [] };

export interface DispatchOptions {
  /** Edits with the same key in quick succession are one undo step. */
  readonly coalesce?: string;
}

export interface ProjectState {
  readonly doc: ProjectDoc;
  readonly past: readonly ProjectDoc[];
  readonly future: readonly ProjectDoc[];
  readonly selection: Selection;
  /** Bumped on every document change (edits, undo, redo, load): cheap change detection. */
  readonly revision: number;
  /** Bumped when a different project is loaded (not on edits). */
  readonly projectSerial: number;
  /** The last edit that failed, for the UI to show. */
  readonly editError: string | null;
  dispatch(edit: Edit, options?: DispatchOptions): boolean;
  undo(): void;
  redo(): void;
  /** Replaces the document (open, example, share link); clears history unless asked to keep it. */
  load(doc: ProjectDoc, options?: { keepHistory?: boolean }): void;
  select(selection: Selection): void;
  clearEditError(): void;
}

export type ProjectStore = ReturnType<typeof createProjectStore>;

export function createProjectStore(initial: ProjectDoc, now: () => number = () => Date.now()) {
  let lastCoalesce: { key: string; at: number } | null = null;
  return createStore<ProjectState>()((set, get) => ({
    doc: initial,
    past: [],
    future: [],
    selection: EMPTY_SELECTION,
    revision: 0,
    projectSerial: 0,
    editError: null,
    dispatch(edit, options = {}) {
      const state = get();
      let doc: ProjectDoc;
      try {
        doc = applyEdit(state.doc, edit);
      } catch (e) {
        set({ editError: e instanceof Error ? e.message : String(e) });
        return false;
      }
      if (doc === state.doc) return true;
      const t = now();
      const merge = options.coalesce !== undefined && lastCoalesce?.key === options.coalesce && t - lastCoalesce.at < COALESCE_MS && state.past.length > 0;
      lastCoalesce = options.coalesce !== undefined ? { key: options.coalesce, at: t } : null;
      const past = merge ? state.past : [...state.past, state.doc].slice(-HISTORY_LIMIT);
      set({ doc, past, future: [], revision: state.revision + 1, editError: null, selection: pruneSelection(doc, state.selection) });
      return true;
    },
    undo() {
      const state = get();
      if (state.past.length === 0) return;
      lastCoalesce = null;
      const doc = state.past[state.past.length - 1];
      set({ doc, past: state.past.slice(0, -1), future: [state.doc, ...state.future], revision: state.revision + 1, selection: pruneSelection(doc, state.selection) });
    },
    redo() {
      const state = get();
      if (state.future.length === 0) return;
      lastCoalesce = null;
      const doc = state.future[0];
      set({ doc, past: [...state.past, state.doc], future: state.future.slice(1), revision: state.revision + 1, selection: pruneSelection(doc, state.selection) });
    },
    load(doc, options = {}) {
      const state = get();
      lastCoalesce = null;
      set({
        doc,
        past: options.keepHistory ? [...state.past, state.doc].slice(-HISTORY_LIMIT) : [],
        future: [],
        selection: EMPTY_SELECTION,
        revision: state.revision + 1,
        projectSerial: state.projectSerial + 1,
        editError: null,
      });
    },
    select(selection) {
      set({ selection });
    },
    clearEditError() {
      set({ editError: null });
    },
  }));
}

/** Keeps only selected things that still exist. */
function pruneSelection(doc: ProjectDoc, selection: Selection): Selection {
  if (selection.nodes.length === 0 && selection.projections.length === 0) return selection;
  const pops = new Set(doc.populations.map((p) => p.id));
  const stims = new Set((doc.stimuli ?? []).map((s) => s.id));
  const recs = new Set((doc.recordings ?? []).map((r, i) => r.id ?? `rec${i + 1}`));
  const projs = new Set((doc.projections ?? []).map((p) => p.id));
  const nodes = selection.nodes.filter((n) => (n.kind === 'population' ? pops : n.kind === 'stimulus' ? stims : recs).has(n.id));
  const projections = selection.projections.filter((id) => projs.has(id));
  return nodes.length === selection.nodes.length && projections.length === selection.projections.length ? selection : { nodes, projections };
}
