/**
 * The fit panel's state outside React, so a running fit and its history survive switching tabs:
 * the current run (phase, latest loss, best, overlay; the history itself in a FitSeries), the
 * previous run's loss curve (for comparing optimisers), the synthetic target's "true" values, what
 * Apply best replaced (for Revert), and a message for people.
 *
 * The fit itself runs in the fit worker (FitClient); every change to the document goes through
 * `dispatch` as one edit. A vanilla zustand store made by `createFitStore(deps)`: tests give it a
 * document, a catalog and a fake client; the app's singleton is in fitInstance.ts.
 */
import { createStore } from 'zustand/vanilla';
import type { ModelInfo } from '../../../library/catalog';
import type { FitBackendInfo, FitCaseTarget, FitDone, FitHandle, FitOverlay, FitParamInfo, FitProgress } from '../../../worker/fitClient';
import type { FitDoc, ProjectDoc } from '../../store/document';
import type { Edit } from '../../store/edits';
import { parseTargetCsv } from './fitCsv';
import { applyValuesEdit, newFit, revertValuesEdit, trainableInfo, type AppliedValues, type FitCaseDoc } from './fitDoc';
import { optimizerLabel, startProblem } from './fitSettings';
import { FitSeries } from './fitSeries';

/** What the store needs of a FitClient. */
export interface FitClientLike {
  start(project: unknown, events: { started?(m: { params: readonly FitParamInfo[]; optimizer: string; gradient?: 'cell' | 'network'; simulatedNeurons?: number; backend?: FitBackendInfo }): void; progress?(m: FitProgress): void; done?(m: FitDone): void; failed?(f: { message: string; path?: string }): void }): FitHandle;
  makeTarget(project: unknown, values: Readonly<Record<string, number>>, maxSamples?: number): Promise<FitCaseTarget[]>;
}

export interface FitDeps {
  getDoc(): ProjectDoc;
  getCatalog(): ReadonlyMap<string, ModelInfo>;
  dispatch(edit: Edit): boolean;
  client(): FitClientLike;
}

export type FitPhase = 'starting' | 'running' | 'paused' | 'stopping' | 'done' | 'failed';

export interface FitRun {
  readonly id: number;
  readonly population: string;
  /** The observed state (what the overlay shows). */
  readonly observe: string;
  /** `Adam, lr 0.05`: what the loss curve is labelled with. */
  readonly label: string;
  readonly phase: FitPhase;
  /** From `started`: the trained values with units and starting values. */
  readonly params: readonly FitParamInfo[];
  /** From `started`: a network gradient, and the cells it steps (undefined: one cell). */
  readonly networkCells?: number;
  /** From `started`: where the simulations run (CMA-ES generations on the GPU, or the CPU and why). */
  readonly backend?: FitBackendInfo;
  readonly series: FitSeries;
  readonly iteration: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly iterationsPerSecond: number;
  readonly loss: number | undefined;
  readonly firstLoss: number | undefined;
  readonly best: { readonly iteration: number; readonly loss: number; readonly values: readonly number[] } | undefined;
  readonly overlay: FitOverlay | undefined;
  /** The iteration the overlay shows (overlays come less often than progress). */
  readonly overlayIteration: number | undefined;
  readonly done: { readonly reason: 'completed' | 'stopped'; readonly wallMs: number } | undefined;
  readonly error: string | undefined;
  /** The synthetic target's true values (declared units, by name), when the target was made here. */
  readonly truth: Readonly<Record<string, number>> | undefined;
}

export interface PreviousRun {
  readonly label: string;
  readonly iterations: Float64Array;
  /** The lowest loss up to each iteration. */
  readonly bestLosses: Float64Array;
}

/** True values of the last synthetic target, valid while the document holds those very cases. */
interface Truth {
  readonly values: Readonly<Record<string, number>>;
  readonly cases: readonly FitCaseDoc[];
}

export interface FitState {
  readonly run: FitRun | null;
  readonly previous: PreviousRun | null;
  /** Bumped on every progress message: the charts redraw from the series. */
  readonly tick: number;
  readonly truth: Truth | null;
  readonly makingTarget: boolean;
  /** What the user typed as "true" values for a synthetic target (declared units), by name; empty: the current value. */
  readonly trueText: Readonly<Record<string, string>>;
  readonly applied: AppliedValues | null;
  readonly message: { readonly kind: 'error' | 'info'; readonly text: string } | null;
  start(): void;
  pause(): void;
  resume(): void;
  stop(): void;
  applyBest(): void;
  revert(): void;
  makeTarget(values: Readonly<Record<string, number>>, maxSamples?: number): Promise<void>;
  /** Loads target data from CSV text into a case (a trace, or spike times for one column). */
  loadCaseCsv(caseIndex: number, text: string, fileName: string): void;
  setTrueText(name: string, text: string): void;
  clearMessage(): void;
}

export const MAX_TARGET_SAMPLES = 2000;

/** The true values of the cases the document holds now, if the target was made here. */
export function currentTruth(truth: Truth | null, doc: ProjectDoc): Readonly<Record<string, number>> | undefined {
  return truth && doc.fit?.cases === truth.cases ? truth.values : undefined;
}

export function createFitStore(deps: FitDeps) {
  let handle: FitHandle | null = null;

  return createStore<FitState>()((set, get) => {
    /** Applies a change to the current run if it is still the fit `id`. */
    const update = (id: number, patch: (run: FitRun) => Partial<FitRun>, bump = false) => {
      const run = get().run;
      if (!run || run.id !== id) return;
      set({ run: { ...run, ...patch(run) }, ...(bump ? { tick: get().tick + 1 } : {}) });
    };
    const setFit = (fit: FitDoc) => deps.dispatch({ type: 'setFit', fit });

    return {
      run: null,
      previous: null,
      tick: 0,
      truth: null,
      makingTarget: false,
      trueText: {},
      applied: null,
      message: null,

      start() {
        const doc = deps.getDoc();
        const problem = startProblem(doc, deps.getCatalog());
        if (problem || !doc.fit) {
          set({ message: { kind: 'error', text: problem ?? 'nothing to fit' } });
          return;
        }
        if (handle) return;
        const old = get().run;
        const previous = old && old.series.length > 0 ? { label: old.label, iterations: old.series.iterations.slice(), bestLosses: old.series.bestLosses.slice() } : get().previous;
        const truth = currentTruth(get().truth, doc);
        const population = doc.fit.population;
        const pop = doc.populations.find((p) => p.id === population);
        const states = (pop && deps.getCatalog().get(pop.model)?.states) ?? [];
        const observe = doc.fit.observe ?? (states.some((st) => st.name === 'v') || states.length === 0 ? 'v' : states[0].name);
        // Until `started` names them, the trained values as the document has them.
        const params: FitParamInfo[] = (doc.fit.params ?? []).map((p) => {
          const info = pop ? trainableInfo(pop, p.name, deps.getCatalog(), doc.projections) : undefined;
          return { name: p.name, unit: info?.unit ?? '', initial: info?.value ?? Number.NaN };
        });
        const current = deps.client().start(doc, {
          started: (m) => update(id, (r) => ({ phase: r.phase === 'starting' ? 'running' : r.phase, params: m.params, series: new FitSeries(m.params.length), networkCells: m.gradient === 'network' ? m.simulatedNeurons : undefined, backend: m.backend })),
          progress: (m) =>
            update(
              id,
              (r) => {
                r.series.push(m.iteration, m.loss, m.values, m.best.loss);
                return {
                  phase: r.phase === 'starting' ? 'running' : r.phase,
                  iteration: m.iteration,
                  evaluations: m.evaluations,
                  iterationsPerSecond: m.iterationsPerSecond,
                  loss: m.loss,
                  firstLoss: r.firstLoss ?? m.loss,
                  best: m.best,
                  overlay: m.overlay ?? r.overlay,
                  overlayIteration: m.overlay ? m.iteration : r.overlayIteration,
                  backend: m.backend ?? r.backend,
                };
              },
              true,
            ),
          done: (m) => {
            update(id, () => ({ phase: 'done', best: m.best, iteration: m.iterations, done: { reason: m.reason, wallMs: m.wallMs } }), true);
            if (handle?.fitId === id) handle = null;
          },
          failed: (f) => {
            update(id, () => ({ phase: 'failed', error: f.path && !f.message.includes(f.path) ? `${f.message} (at ${f.path})` : f.message }));
            if (handle?.fitId === id) handle = null;
            set({ message: { kind: 'error', text: `The fit failed: ${f.message}${f.path && !f.message.includes(f.path) ? ` (at ${f.path})` : ''}` } });
          },
        });
        const id = current.fitId;
        handle = current;
        const run: FitRun = {
          id,
          population,
          observe,
          label: optimizerLabel(doc.fit.optimizer),
          phase: 'starting',
          params,
          series: new FitSeries(params.length),
          iteration: 0,
          iterations: doc.fit.optimizer?.iterations ?? 200,
          evaluations: 0,
          iterationsPerSecond: 0,
          loss: undefined,
          firstLoss: undefined,
          best: undefined,
          overlay: undefined,
          overlayIteration: undefined,
          done: undefined,
          error: undefined,
          truth,
        };
        set({ run, previous, applied: null, message: null, tick: get().tick + 1 });
      },

      pause() {
        const run = get().run;
        if (!handle || !run || run.phase !== 'running') return;
        handle.pause();
        update(run.id, () => ({ phase: 'paused' }));
      },

      resume() {
        const run = get().run;
        if (!handle || !run || run.phase !== 'paused') return;
        handle.resume();
        update(run.id, () => ({ phase: 'running' }));
      },

      stop() {
        const run = get().run;
        if (!handle || !run) return;
        handle.stop();
        update(run.id, () => ({ phase: 'stopping' }));
      },

      applyBest() {
        const run = get().run;
        if (!run?.best || (run.phase !== 'done' && run.phase !== 'paused')) return;
        try {
          const { edit, applied } = applyValuesEdit(deps.getDoc(), run.population, run.params, run.best.values);
          if (deps.dispatch(edit)) set({ applied, message: { kind: 'info', text: `Applied the best values (iteration ${run.best.iteration}) to ${run.population}. Revert or undo puts the old ones back.` } });
        } catch (e) {
          set({ message: { kind: 'error', text: e instanceof Error ? e.message : String(e) } });
        }
      },

      revert() {
        const applied = get().applied;
        if (!applied) return;
        try {
          if (deps.dispatch(revertValuesEdit(deps.getDoc(), applied))) set({ applied: null, message: { kind: 'info', text: `Restored the values of ${applied.population} from before Apply.` } });
        } catch (e) {
          set({ message: { kind: 'error', text: e instanceof Error ? e.message : String(e) } });
        }
      },

      async makeTarget(values, maxSamples = MAX_TARGET_SAMPLES) {
        const doc = deps.getDoc();
        if (!doc.fit || get().makingTarget) return;
        // A fit without cases gets one (the project's stimuli as they are).
        const fit: FitDoc = (doc.fit.cases ?? []).length > 0 ? doc.fit : { ...doc.fit, cases: newFit(doc.fit.population).cases };
        set({ makingTarget: true, message: null });
        try {
          const made = await deps.client().makeTarget({ ...doc, fit }, values, maxSamples);
          // The document may have changed while the worker simulated: the data go into its cases as they are now.
          const now = deps.getDoc().fit ?? fit;
          const base = (now.cases ?? []).length > 0 ? now : { ...now, cases: fit.cases };
          const cases = (base.cases ?? []).map((c, k) => (made[k] ? { ...c, trace: made[k].trace, spikeTimesMs: made[k].spikeTimesMs } : c));
          const next = { ...base, cases };
          if (setFit(next)) {
            const spikes = made.reduce((n, c) => n + c.spikeTimesMs.length, 0);
            set({ truth: { values: { ...values }, cases }, message: { kind: 'info', text: `Synthetic target made: ${made.length} case${made.length === 1 ? '' : 's'}, ${made[0]?.trace.values.length ?? 0} samples each, ${spikes} spike${spikes === 1 ? '' : 's'} in all.` } });
          }
        } catch (e) {
          set({ message: { kind: 'error', text: `Could not make the target: ${e instanceof Error ? e.message : String(e)}` } });
        } finally {
          set({ makingTarget: false });
        }
      },

      loadCaseCsv(caseIndex, text, fileName) {
        const doc = deps.getDoc();
        const fit = doc.fit;
        const c = fit?.cases?.[caseIndex];
        if (!fit || !c) return;
        const pop = doc.populations.find((p) => p.id === fit.population);
        const cell = pop ? deps.getCatalog().get(pop.model) : undefined;
        const observe = fit.observe ?? (cell?.states.some((s) => s.name === 'v') ? 'v' : (cell?.states[0]?.name ?? 'v'));
        const stateUnit = cell?.states.find((s) => s.name === observe)?.unit ?? '';
        const parsed = parseTargetCsv(text, { observe, stateUnit });
        if (!parsed.ok) {
          set({ message: { kind: 'error', text: `${fileName}: ${parsed.error}` } });
          return;
        }
        const next: FitCaseDoc = parsed.kind === 'trace' ? { ...c, trace: parsed.trace } : { ...c, spikeTimesMs: parsed.spikeTimesMs };
        const cases = (fit.cases ?? []).map((x, k) => (k === caseIndex ? next : x));
        if (setFit({ ...fit, cases })) {
          const what = parsed.kind === 'trace' ? `a trace of ${parsed.trace.timesMs.length} samples` : `${parsed.spikeTimesMs.length} spike times`;
          set({ message: { kind: 'info', text: `${fileName}: ${what} for ${c.label ?? `case ${caseIndex + 1}`}.${parsed.notes.length > 0 ? ` Note: ${parsed.notes.join('; ')}.` : ''}` } });
        }
      },

      setTrueText(name, text) {
        set({ trueText: { ...get().trueText, [name]: text } });
      },

      clearMessage() {
        set({ message: null });
      },
    };
  });
}

export type FitStore = ReturnType<typeof createFitStore>;
