/**
 * Parameter sweeps of one population as ONE batched simulation: the population isolated (its
 * projections dropped), one neuron per combination of the swept values (parameter 1 varies
 * fastest), the swept parameters as per-neuron arrays, every other value reduced to one typical
 * value (as the f–I tool does), and the population's stimuli retargeted to all neurons, on the
 * project's backend.
 *
 * Pure data in, data out: the page runs the project in a worker, the tests in the engine.
 */
import type { ModelInfo, ParamInfo } from '../library/catalog';
import type { ProjectInput } from '../project/schema';
import { fiCellFromPopulation, type ModelLookup } from './fiCell';
import { sweepCurrents } from './fiCurve';

/** Population id in the sweep project. */
export const SWEEP_POPULATION = 'sweep';
/** At most this many combinations (neurons) in one sweep. */
export const MAX_COMBINATIONS = 10_000;

export interface SweepAxis {
  readonly param: string;
  /** In the parameter's declared unit. */
  readonly from: number;
  readonly to: number;
  readonly points: number;
}

export interface SweepAxisValues {
  readonly param: string;
  readonly unit: string;
  readonly values: readonly number[];
}

export interface SweepBuild {
  readonly project: ProjectInput;
  /** One or two axes; neuron k has axes[0].values[k % n0] and axes[1].values[floor(k / n0)]. */
  readonly axes: readonly SweepAxisValues[];
  /** Latency reference: the earliest start of the population's stimuli (0 without stimuli). */
  readonly onsetMs: number;
  readonly durationMs: number;
  readonly dtMs: number;
  /** Projections of the project that touch the population and are not simulated. */
  readonly droppedProjections: readonly string[];
  /** Stimuli carried over (retargeted to every neuron). */
  readonly stimuli: readonly string[];
  /** Per-neuron values reduced to one, for people (from fiCell). */
  readonly notes: readonly string[];
}

/** The swept values of an axis: `points` evenly spaced, ends included. */
export const axisValues = (a: SweepAxis): number[] => sweepCurrents(a.from, a.to, a.points);

/** Parameters a sweep can vary: the cell model's own parameters. */
export const sweepableParams = (info: ModelInfo | undefined): readonly ParamInfo[] => info?.params ?? [];

/** What is wrong with the axes, for people; undefined when the sweep can run. */
export function axesProblem(axes: readonly SweepAxis[]): string | undefined {
  if (axes.length === 0) return 'choose a parameter';
  for (const [k, a] of axes.entries()) {
    const n = k + 1;
    if (![a.from, a.to, a.points].every(Number.isFinite)) return `parameter ${n}: every field needs a number`;
    if (!Number.isInteger(a.points) || a.points < 1) return `parameter ${n}: points must be a whole number ≥ 1`;
    if (a.points > 1 && a.to === a.from) return `parameter ${n}: "from" and "to" are equal`;
  }
  if (axes.length === 2 && axes[0].param === axes[1].param) return 'choose two different parameters';
  const total = axes.reduce((p, a) => p * a.points, 1);
  if (total > MAX_COMBINATIONS) return `${total.toLocaleString('en-US')} combinations: at most ${MAX_COMBINATIONS.toLocaleString('en-US')}`;
  return undefined;
}

/** The swept values of combination k (neuron k), one per axis. */
export function combination(axes: readonly SweepAxisValues[], k: number): number[] {
  const n0 = axes[0].values.length;
  return axes.length === 1 ? [axes[0].values[k]] : [axes[0].values[k % n0], axes[1].values[Math.floor(k / n0)]];
}

export const combinationCount = (axes: readonly { readonly values: readonly number[] }[]): number => axes.reduce((p, a) => p * a.values.length, 1);

/** The batched sweep project of population `populationId` of `doc`; throws with a message for people. */
export function buildSweepProject(doc: ProjectInput, populationId: string, axes: readonly SweepAxis[], lookup: ModelLookup): SweepBuild {
  const problem = axesProblem(axes);
  if (problem) throw new Error(problem);
  const resolved = fiCellFromPopulation(doc, populationId, lookup);
  if (!resolved) throw new Error(`no population '${populationId}'`);
  const { cell } = resolved;
  const info = lookup(cell.model);
  const swept: SweepAxisValues[] = axes.map((a) => {
    const p = info?.params.find((q) => q.name === a.param);
    if (!p) throw new Error(`${cell.model} has no parameter '${a.param}'`);
    return { param: a.param, unit: p.unit, values: axisValues(a) };
  });
  const size = combinationCount(swept);
  const perNeuron = swept.map(() => new Array<number>(size));
  for (let k = 0; k < size; k++) combination(swept, k).forEach((v, j) => (perNeuron[j][k] = v));
  const params: Record<string, number | string | number[]> = { ...cell.params };
  swept.forEach((a, j) => (params[a.param] = perNeuron[j]));

  const population: ProjectInput['populations'][number] = {
    id: SWEEP_POPULATION,
    model: cell.model,
    size,
    params,
    init: { ...cell.init },
    integrator: cell.integrator ?? 'euler',
    update: cell.update ?? 'simultaneous',
  };
  if (cell.channels && cell.channels.length > 0) population.channels = cell.channels.map((c) => ({ model: c.model, params: { ...c.params }, init: { ...c.init } }));

  const own = (doc.stimuli ?? []).filter((s) => s.target === populationId);
  const stimuli = own.map((s) => ({ ...s, target: SWEEP_POPULATION, neurons: 'all' as const }));
  const onsetMs = own.length === 0 ? 0 : Math.min(...own.map((s) => s.startMs ?? 0));
  const dropped = (doc.projections ?? []).filter((p) => p.pre === populationId || p.post === populationId).map((p) => p.id);
  const sim = doc.simulation;
  const dtMs = sim.dtMs ?? 0.1;
  return {
    project: {
      format: 'spikeflow-project',
      version: 1,
      name: `sweep of ${populationId}`,
      // The project's backend: a sweep is one population of independent neurons, which a GPU runs
      // a whole chunk of steps at a time in one dispatch.
      simulation: { dtMs, durationMs: sim.durationMs, seed: sim.seed ?? 1, backend: sim.backend ?? 'cpu', precision: sim.precision ?? 'f32' },
      models: { ...cell.models },
      populations: [population],
      stimuli,
      recordings: [],
      spikes: { populations: [SWEEP_POPULATION] },
    },
    axes: swept,
    onsetMs,
    durationMs: sim.durationMs,
    dtMs,
    droppedProjections: dropped,
    stimuli: own.map((s) => s.id),
    notes: resolved.notes,
  };
}
