/**
 * What the phase plane remembers while the app is open (not saved with the project): the
 * population last chosen in it, the axes per population, the input and held-state values typed
 * into it, the view per plane, the trajectories' starting points and their length. The panel
 * unmounts when another bottom tab is shown; this store keeps the picture for when it comes back.
 *
 * Per-population values are keyed by a scope (phaseChoice.ts populationScope: the loaded
 * project's serial and the population id), so opening another project starts afresh.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { PlaneView } from '../../../analysis/phasePlane';

export interface TrajectoryStart {
  readonly x: number;
  readonly y: number;
}

export interface PhaseUiState {
  /** The population last picked in the phase plane (the graph selection wins while it is a candidate). */
  readonly population: string | null;
  /** Axes by scope. */
  readonly axes: Readonly<Record<string, { readonly x: string; readonly y: string }>>;
  /** Input values typed in, by `scope/input`, in the input's declared unit. */
  readonly inputs: Readonly<Record<string, number>>;
  /** Held-state values typed in, by `scope/state`, in the state's declared unit. */
  readonly held: Readonly<Record<string, number>>;
  /** Views by plane key (scope/model/x/y). */
  readonly views: Readonly<Record<string, PlaneView>>;
  /** Trajectory starts of the plane `startsKey` (other planes start empty). */
  readonly starts: readonly TrajectoryStart[];
  readonly startsKey: string;
  readonly durationMs: number;
  /** Bumped by "Fit view", so the automatic view is made again from the current values. */
  readonly fitSerial: number;
  choosePopulation(id: string): void;
  setAxes(scope: string, x: string, y: string): void;
  setInput(scope: string, input: string, value: number | undefined): void;
  setHeld(scope: string, state: string, value: number | undefined): void;
  setView(key: string, view: PlaneView | undefined): void;
  /** Back to the automatic view, made afresh. */
  fit(key: string): void;
  addStart(key: string, start: TrajectoryStart): void;
  clearStarts(): void;
  setDuration(ms: number): void;
}

export const MAX_TRAJECTORIES = 20;

const without = <T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> => {
  const next = { ...record };
  delete next[key];
  return next;
};

export function createPhaseStore() {
  return createStore<PhaseUiState>()((set, get) => ({
    population: null,
    axes: {},
    inputs: {},
    held: {},
    views: {},
    starts: [],
    startsKey: '',
    durationMs: 200,
    fitSerial: 0,
    choosePopulation(id) {
      set({ population: id });
    },
    setAxes(scope, x, y) {
      set({ axes: { ...get().axes, [scope]: { x, y } } });
    },
    setInput(scope, input, value) {
      const key = `${scope}/${input}`;
      set({ inputs: value === undefined ? without(get().inputs, key) : { ...get().inputs, [key]: value } });
    },
    setHeld(scope, state, value) {
      const key = `${scope}/${state}`;
      set({ held: value === undefined ? without(get().held, key) : { ...get().held, [key]: value } });
    },
    setView(key, view) {
      set({ views: view === undefined ? without(get().views, key) : { ...get().views, [key]: view } });
    },
    fit(key) {
      set({ views: without(get().views, key), fitSerial: get().fitSerial + 1 });
    },
    addStart(key, start) {
      const s = get();
      const kept = s.startsKey === key ? s.starts : [];
      set({ starts: [...kept, start].slice(-MAX_TRAJECTORIES), startsKey: key });
    },
    clearStarts() {
      set({ starts: [] });
    },
    setDuration(ms) {
      set({ durationMs: ms });
    },
  }));
}

export const phaseStore = createPhaseStore();

export const usePhaseUi = <T>(selector: (s: PhaseUiState) => T): T => useStore(phaseStore, selector);
