/**
 * The sweep panel's state, outside React so that results and a running sweep survive switching
 * tabs: the chosen population, the one or two axes, the measure, the last result, the running job.
 * `createSweepStore(deps)` makes it; sweepInstance.ts holds the app's one, wired to the stores.
 */
import { createStore } from 'zustand/vanilla';
import { formatValue } from '../../../analysis/fiCell';
import { buildSweepProject, combination, type SweepAxis, type SweepAxisValues, type SweepBuild } from '../../../analysis/sweep';
import { MEASURES, type SweepMeasure } from '../../../analysis/sweepMeasures';
import type { ModelInfo, ParamInfo } from '../../../library/catalog';
import type { ProjectDoc, ValueDoc } from '../../store/document';
import type { Edit } from '../../store/edits';
import type { Selection } from '../../store/projectStore';
import type { BackendInfo } from '../../../worker/protocol';
import { startSweepJob, type SweepJob } from './sweepRunner';

export interface AxisForm {
  /** '' : the default (axis 1: the model's first parameter; axis 2: none). */
  readonly param: string;
  /** '' : the parameter's slider range (ParamInfo min / max). */
  readonly from: string;
  readonly to: string;
  readonly points: string;
}

export interface SweepResult {
  readonly populationId: string;
  readonly model: string;
  readonly axes: readonly SweepAxisValues[];
  readonly values: readonly number[];
  readonly measure: SweepMeasure;
  readonly wallMs: number;
  /** Where it computed (the project's backend, as the worker chose it). */
  readonly backend?: BackendInfo;
  readonly droppedProjections: readonly string[];
  readonly stimuli: readonly string[];
  readonly notes: readonly string[];
}

export interface SweepDeps {
  getDoc(): ProjectDoc;
  getSelection(): Selection;
  getCatalog(): ReadonlyMap<string, ModelInfo>;
  dispatch(edit: Edit): boolean;
  /** Shows the run plots and starts the main run. */
  openRun(): void;
  startJob?: (build: SweepBuild, measure: SweepMeasure, onProgress: (fraction: number) => void) => SweepJob;
}

export interface SweepState {
  /** null: follow the selection. */
  readonly population: string | null;
  readonly axes: readonly [AxisForm, AxisForm];
  readonly measure: SweepMeasure;
  readonly result: SweepResult | null;
  readonly job: { readonly fraction: number } | null;
  readonly message: { readonly kind: 'error' | 'info'; readonly text: string } | null;
  setPopulation(id: string): void;
  setAxis(axis: 0 | 1, key: keyof AxisForm, value: string): void;
  setMeasure(measure: SweepMeasure): void;
  run(): void;
  cancel(): void;
  /** Applies combination k to the population (one undoable edit) and runs the project. */
  open(k: number): void;
}

export const NONE = '';
const DEFAULT_AXES: readonly [AxisForm, AxisForm] = [
  { param: '', from: '', to: '', points: '11' },
  { param: NONE, from: '', to: '', points: '5' },
];

/** Everything the controls show and a run needs, resolved against the project as it is now. */
export interface SweepView {
  readonly populationId: string | undefined;
  readonly model: ModelInfo | undefined;
  readonly params: readonly ParamInfo[];
  /** Axis 1, then axis 2 when chosen; fields filled in with defaults. */
  readonly axes: readonly (AxisForm & { readonly info: ParamInfo | undefined })[];
  readonly problem: string | undefined;
  readonly spec: SweepAxis[] | undefined;
  readonly droppedProjections: readonly string[];
}

export function sweepView(state: Pick<SweepState, 'population' | 'axes'>, doc: ProjectDoc, selection: Selection, byName: ReadonlyMap<string, ModelInfo>): SweepView {
  const selected = selection.nodes.find((n) => n.kind === 'population' && doc.populations.some((p) => p.id === n.id))?.id;
  const populationId = state.population && doc.populations.some((p) => p.id === state.population) ? state.population : (selected ?? doc.populations[0]?.id);
  const pop = doc.populations.find((p) => p.id === populationId);
  const model = pop ? byName.get(pop.model) : undefined;
  const params = model?.params ?? [];
  const fill = (a: AxisForm, param: string) => {
    const info = params.find((p) => p.name === param);
    return { ...a, param, from: a.from !== '' ? a.from : String(info?.min ?? ''), to: a.to !== '' ? a.to : String(info?.max ?? ''), info };
  };
  const first = state.axes[0].param !== '' && params.some((p) => p.name === state.axes[0].param) ? state.axes[0].param : (params[0]?.name ?? '');
  const second = params.some((p) => p.name === state.axes[1].param) ? state.axes[1].param : NONE;
  const axes = [fill(state.axes[0], first), ...(second !== NONE ? [fill(state.axes[1], second)] : [])];
  const droppedProjections = (doc.projections ?? []).filter((p) => p.pre === populationId || p.post === populationId).map((p) => p.id);
  let problem: string | undefined;
  if (!pop) problem = 'the project has no population';
  else if (!model) problem = byName.size === 0 ? 'the model catalog is still loading' : `unknown model '${pop.model}'`;
  else if (params.length === 0) problem = `${pop.model} has no parameters to sweep`;
  const n = (s: string) => (s.trim() === '' ? NaN : Number(s));
  const spec = problem ? undefined : axes.map((a) => ({ param: a.param, from: n(a.from), to: n(a.to), points: n(a.points) }));
  return { populationId, model, params, axes, problem, spec, droppedProjections };
}

/** A swept value as the inspector would write it: `-50 mV`, or a bare number when dimensionless. */
export function valueDoc(value: number, unit: string): ValueDoc {
  return unit === '' || unit === '1' ? Number(formatValue(value)) : `${formatValue(value)} ${unit}`;
}

export function createSweepStore(deps: SweepDeps) {
  const start = deps.startJob ?? ((build, measure, onProgress) => startSweepJob(build, measure, { onProgress }));
  let job: SweepJob | null = null;
  return createStore<SweepState>()((set, get) => ({
    population: null,
    axes: DEFAULT_AXES,
    measure: 'rate',
    result: null,
    job: null,
    message: null,
    setPopulation(id) {
      // Another model has other parameters: back to the defaults (ranges stay per axis otherwise).
      set({ population: id, axes: [{ ...get().axes[0], param: '', from: '', to: '' }, { ...get().axes[1], param: NONE, from: '', to: '' }], message: null });
    },
    setAxis(axis, key, value) {
      const axes: [AxisForm, AxisForm] = [...get().axes];
      // A new parameter starts at its own slider range.
      axes[axis] = key === 'param' ? { ...axes[axis], param: value, from: '', to: '' } : { ...axes[axis], [key]: value };
      set({ axes });
    },
    setMeasure(measure) {
      set({ measure });
    },
    run() {
      if (job) return;
      const doc = deps.getDoc();
      const byName = deps.getCatalog();
      const view = sweepView(get(), doc, deps.getSelection(), byName);
      let build: SweepBuild;
      try {
        if (!view.spec || !view.populationId) throw new Error(view.problem ?? 'nothing to sweep');
        build = buildSweepProject(doc, view.populationId, view.spec, (name) => byName.get(name));
      } catch (e) {
        set({ message: { kind: 'error', text: e instanceof Error ? e.message : String(e) } });
        return;
      }
      const measure = get().measure;
      const populationId = view.populationId;
      // The job may report progress before start() returns: `current` is not yet assigned then.
      let current: SweepJob | null = null;
      current = start(build, measure, (fraction) => {
        if (current === null || job === current) set({ job: { fraction } });
      });
      job = current;
      set({ job: { fraction: 0 }, message: null });
      current.done.then(
        (r) => {
          if (job !== current) return;
          job = null;
          if (!r) return set({ job: null, message: { kind: 'info', text: 'Sweep cancelled.' } });
          const result: SweepResult = {
            populationId,
            model: build.project.populations[0].model,
            axes: build.axes,
            values: r.values,
            measure,
            wallMs: r.wallMs,
            backend: r.backend,
            droppedProjections: build.droppedProjections,
            stimuli: build.stimuli,
            notes: build.notes,
          };
          set({ job: null, result });
        },
        (e: unknown) => {
          if (job !== current) return;
          job = null;
          set({ job: null, message: { kind: 'error', text: e instanceof Error ? e.message : String(e) } });
        },
      );
    },
    cancel() {
      const current = job;
      if (!current) return;
      job = null;
      current.cancel();
      set({ job: null, message: { kind: 'info', text: 'Sweep cancelled.' } });
    },
    open(k) {
      const result = get().result;
      if (!result || k < 0 || k >= result.values.length) return;
      if (!deps.getDoc().populations.some((p) => p.id === result.populationId)) {
        set({ message: { kind: 'error', text: `population '${result.populationId}' no longer exists` } });
        return;
      }
      const values = combination(result.axes, k);
      const edits: Edit[] = result.axes.map((a, j) => ({ type: 'setParam', population: result.populationId, param: a.param, value: valueDoc(values[j], a.unit) }));
      if (!deps.dispatch({ type: 'batch', edits })) {
        set({ message: { kind: 'error', text: 'the parameter values could not be applied' } });
        return;
      }
      const text = result.axes.map((a, j) => `${a.param} = ${valueDoc(values[j], a.unit)}`).join(', ');
      set({ message: { kind: 'info', text: `Opened ${result.populationId} with ${text} (undo to go back).` } });
      deps.openRun();
    },
  }));
}

export type SweepStore = ReturnType<typeof createSweepStore>;
export const measureInfo = (m: SweepMeasure) => MEASURES[m];
