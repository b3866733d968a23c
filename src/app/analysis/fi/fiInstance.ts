/** The app's one f–I store, reading the project and catalog stores, and the hook components use. */
import { useStore } from 'zustand';
import { catalogStore, projectStore } from '../../store';
import { createFiStore, type FiState } from './fiStore';

export const fiStore = createFiStore({
  getDoc: () => projectStore.getState().doc,
  getSelection: () => projectStore.getState().selection,
  getCatalog: () => catalogStore.getState().byName,
});

export const useFi = <T>(selector: (s: FiState) => T): T => useStore(fiStore, selector);
