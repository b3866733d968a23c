/** Which view the bottom panel shows: the run's plots or one of the analysis tools. Remembered. */
import { createStore } from 'zustand/vanilla';
import { persist } from 'zustand/middleware';
import { useStore } from 'zustand';

export const BOTTOM_TABS = [
  { id: 'plots', title: 'Run plots', hint: 'Traces, raster and population rate of the current run' },
  { id: 'phase', title: 'Phase plane', hint: 'Nullclines, vector field, fixed points and trajectories of a two-state model' },
  { id: 'fi', title: 'f–I curve', hint: 'Firing rate against input current, and the rheobase' },
  { id: 'sweep', title: 'Sweep', hint: 'One or two parameters of a population over ranges: rate, spike count, CV or latency as a line or heat map' },
  { id: 'fit', title: 'Fit', hint: 'Fit parameters of a cell to target traces or spike times: gradient descent (Adam, SGD) or CMA-ES, live' },
] as const;

export type BottomTab = (typeof BOTTOM_TABS)[number]['id'];

export interface BottomTabsState {
  readonly tab: BottomTab;
  show(tab: BottomTab): void;
}

export const bottomTabs = createStore<BottomTabsState>()(
  persist(
    (set) => ({
      tab: 'plots',
      show(tab) {
        set({ tab });
      },
    }),
    { name: 'spikeflow.bottomTab' },
  ),
);

export const useBottomTab = <T>(selector: (s: BottomTabsState) => T): T => useStore(bottomTabs, selector);
