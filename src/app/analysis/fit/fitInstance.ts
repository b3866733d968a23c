/**
 * The app's one fit store and fit client (its worker starts on the first fit or target), wired to
 * the project and catalog stores, and the hook components use.
 */
import { useStore } from 'zustand';
import { FitClient } from '../../../worker/fitClient';
import { catalogStore, projectStore } from '../../store';
import type { FitDoc } from '../../store/document';
import { createFitStore, type FitState } from './fitStore';

let client: FitClient | null = null;

export const fitStore = createFitStore({
  getDoc: () => projectStore.getState().doc,
  getCatalog: () => catalogStore.getState().byName,
  dispatch: (edit) => projectStore.getState().dispatch(edit),
  client: () => (client ??= new FitClient()),
});

export const useFit = <T>(selector: (s: FitState) => T): T => useStore(fitStore, selector);

/** Changes the project's fit section (nothing when it has none) as one edit; `coalesce` merges a burst of typing. */
export function editFit(change: (fit: FitDoc) => FitDoc, coalesce?: string): boolean {
  const fit = projectStore.getState().doc.fit;
  if (!fit) return false;
  return projectStore.getState().dispatch({ type: 'setFit', fit: change(fit) }, coalesce ? { coalesce: `fit:${coalesce}` } : undefined);
}
