/** The app's one sweep store, wired to the project, catalog and run, and the hook components use. */
import { useStore } from 'zustand';
import { getSession } from '../../run';
import { catalogStore, projectStore } from '../../store';
import { bottomTabs } from '../bottomTabs';
import { createSweepStore, type SweepState } from './sweepStore';

export const sweepStore = createSweepStore({
  getDoc: () => projectStore.getState().doc,
  getSelection: () => projectStore.getState().selection,
  getCatalog: () => catalogStore.getState().byName,
  dispatch: (edit) => projectStore.getState().dispatch(edit),
  openRun: () => {
    bottomTabs.getState().show('plots');
    void getSession().run();
  },
});

export const useSweep = <T>(selector: (s: SweepState) => T): T => useStore(sweepStore, selector);
