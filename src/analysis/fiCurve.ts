/**
 * The f–I curve (firing rate against a constant input current) as ONE batched simulation: a
 * project with one population of N independent cells, neuron i driven by its own step current
 * I_i from t = 0, and the analysis of its spikes (rates after a transient, rheobase bracket).
 *
 * Pure data in, data out: no engine, no DOM. The page runs the project in a worker, the tests in
 * the engine directly; both hand the spikes to `analyseFi`.
 */
import type { IntegratorName, ProjectInput } from '../project/schema';

/** A scalar parameter or initial value as a project file writes it: a number in the declared unit, or "12 ms". */
export type FiAmount = number | string;

/** The cell whose f–I curve is measured: a model with scalar values (no per-neuron arrays or distributions). */
export interface FiCell {
  readonly model: string;
  readonly params?: Readonly<Record<string, FiAmount>>;
  readonly init?: Readonly<Record<string, FiAmount>>;
  readonly channels?: readonly { readonly model: string; readonly params?: Readonly<Record<string, FiAmount>>; readonly init?: Readonly<Record<string, FiAmount>> }[];
  readonly integrator?: IntegratorName;
  readonly update?: 'simultaneous' | 'sequential';
  /** The input the current goes into; default: the cell's first input. */
  readonly input?: string;
  /** The project's own model sources, when the cell (or a channel) is one of them. */
  readonly models?: Readonly<Record<string, string>>;
}

export interface FiSweep {
  /** Input currents, one per neuron, in the declared unit of the input (nA, uA/cm2, pA, ...). */
  readonly currents: readonly number[];
  readonly durationMs: number;
  /** Spikes before this time are not counted (the onset response). */
  readonly transientMs: number;
  readonly dtMs: number;
  /** Where it runs (the project's choice); default the CPU. */
  readonly backend?: 'cpu' | 'webgpu' | 'auto';
  /**
   * Default on the CPU f64: the tool measures, it does not need the speed of f32. On `webgpu` or
   * `auto`, f32: the GPU computes in float32 (and `auto` without a GPU runs f32 on the CPU).
   */
  readonly precision?: 'f32' | 'f64';
  readonly seed?: number;
}

/** Population id in the f–I project (its spikes are the ones analysed). */
export const FI_POPULATION = 'fi';

/** `points` evenly spaced currents from `from` to `to` inclusive (one point: `from`). */
export function sweepCurrents(from: number, to: number, points: number): number[] {
  const n = Math.max(1, Math.floor(points));
  if (n === 1) return [from];
  // Computed from the ends (not by accumulation), rounded to drop binary noise such as 0.30000000000000004.
  return Array.from({ length: n }, (_, k) => Number((from + ((to - from) * k) / (n - 1)).toPrecision(12)));
}

/** What is wrong with a sweep's settings, for people; undefined when it can run. */
export function sweepProblem(s: { from: number; to: number; points: number; durationMs: number; transientMs: number; dtMs: number }): string | undefined {
  if (![s.from, s.to, s.points, s.durationMs, s.transientMs, s.dtMs].every(Number.isFinite)) return 'every field needs a number';
  if (!Number.isInteger(s.points) || s.points < 1) return 'points must be a whole number ≥ 1';
  if (s.points > MAX_POINTS) return `at most ${MAX_POINTS} points`;
  if (s.points > 1 && s.to <= s.from) return '"to" must be larger than "from"';
  if (s.dtMs <= 0) return 'dt must be > 0 ms';
  if (s.durationMs <= 0) return 'the duration must be > 0 ms';
  if (s.transientMs < 0) return 'the transient must be ≥ 0 ms';
  if (s.durationMs - s.transientMs < s.dtMs) return 'the duration must be longer than the transient';
  if (s.durationMs / s.dtMs > MAX_STEPS) return `duration / dt is more than ${MAX_STEPS.toLocaleString('en-US')} steps; raise dt or shorten the duration`;
  return undefined;
}

export const MAX_POINTS = 1000;
export const MAX_STEPS = 20_000_000;

/**
 * The batched project: population `fi` of N cells (one per current), stimulus `I<i>` a step of
 * amplitude currents[i] from t = 0 into neuron i only, spikes recorded, nothing else.
 */
export function buildFiProject(cell: FiCell, sweep: FiSweep): ProjectInput {
  if (sweep.currents.length === 0) throw new Error('an f–I sweep needs at least one current');
  const backend = sweep.backend ?? 'cpu';
  const population: ProjectInput['populations'][number] = {
    id: FI_POPULATION,
    model: cell.model,
    size: sweep.currents.length,
    params: { ...cell.params },
    init: { ...cell.init },
    integrator: cell.integrator ?? 'euler',
    update: cell.update ?? 'simultaneous',
  };
  if (cell.channels && cell.channels.length > 0) {
    population.channels = cell.channels.map((c) => ({ model: c.model, params: { ...c.params }, init: { ...c.init } }));
  }
  return {
    format: 'spikeflow-project',
    version: 1,
    name: `f–I curve of ${cell.model}`,
    simulation: { dtMs: sweep.dtMs, durationMs: sweep.durationMs, seed: sweep.seed ?? 1, backend, precision: sweep.precision ?? (backend === 'cpu' ? 'f64' : 'f32') },
    models: { ...cell.models },
    populations: [population],
    stimuli: sweep.currents.map((amplitude, i) => ({
      id: `I${i}`,
      type: 'step' as const,
      target: FI_POPULATION,
      ...(cell.input ? { input: cell.input } : {}),
      neurons: [i],
      amplitude,
      startMs: 0,
    })),
    recordings: [],
    spikes: { populations: [FI_POPULATION] },
  };
}

export interface FiPoint {
  /** In the input's declared unit. */
  readonly current: number;
  /** Spikes in [transientMs, durationMs). */
  readonly spikeCount: number;
  /** spikeCount / window: what the curve shows. */
  readonly rateHz: number;
  /** 1000 / (mean inter-spike interval in the window), NaN with fewer than 2 spikes: exact for periodic firing. */
  readonly isiRateHz: number;
}

/** The rheobase as the sweep resolves it. */
export type Rheobase =
  /** Silent at `silent`, fires at `firing` (the smallest current that fires): the rheobase is in between. */
  | { readonly kind: 'bracket'; readonly silent: number; readonly firing: number }
  /** Fires already at the smallest current swept. */
  | { readonly kind: 'below'; readonly firing: number }
  /** No current swept makes it fire after the transient. */
  | { readonly kind: 'above'; readonly silent: number };

export interface FiResult {
  /** In ascending order of current. */
  readonly points: readonly FiPoint[];
  readonly rheobase: Rheobase;
  readonly windowMs: number;
}

export interface SpikesIn {
  readonly tMs: ArrayLike<number>;
  readonly neuron: ArrayLike<number>;
  /** Population id per spike; when given, only `fi` spikes count. */
  readonly population?: readonly string[];
}

/**
 * Rates from the spikes of a batched run: neuron i had currents[i]. A spike counts when its time
 * stamp (the start of its step) is in [transientMs, durationMs), compared with half a step's
 * margin so that binary noise in step·dt cannot move a spike across an edge.
 */
export function analyseFi(spikes: SpikesIn, currents: readonly number[], timing: { durationMs: number; transientMs: number; dtMs: number }): FiResult {
  const n = currents.length;
  const counts = new Int32Array(n);
  const first = new Float64Array(n).fill(NaN);
  const last = new Float64Array(n).fill(NaN);
  const lo = timing.transientMs - timing.dtMs / 2;
  const hi = timing.durationMs - timing.dtMs / 2;
  for (let k = 0; k < spikes.tMs.length; k++) {
    if (spikes.population && spikes.population[k] !== FI_POPULATION) continue;
    const i = spikes.neuron[k];
    const t = spikes.tMs[k];
    if (i < 0 || i >= n || t < lo || t >= hi) continue;
    counts[i]++;
    if (Number.isNaN(first[i]) || t < first[i]) first[i] = t;
    if (Number.isNaN(last[i]) || t > last[i]) last[i] = t;
  }
  const windowMs = timing.durationMs - timing.transientMs;
  const points = currents
    .map((current, i): FiPoint => ({
      current,
      spikeCount: counts[i],
      rateHz: (1000 * counts[i]) / windowMs,
      isiRateHz: counts[i] >= 2 ? (1000 * (counts[i] - 1)) / (last[i] - first[i]) : NaN,
    }))
    .sort((a, b) => a.current - b.current);
  return { points, rheobase: rheobaseOf(points), windowMs };
}

/** Smallest current with a spike after the transient, and the largest current below it (silent by definition). */
export function rheobaseOf(points: readonly Pick<FiPoint, 'current' | 'spikeCount'>[]): Rheobase {
  const sorted = [...points].sort((a, b) => a.current - b.current);
  const k = sorted.findIndex((p) => p.spikeCount > 0);
  if (k < 0) return { kind: 'above', silent: sorted[sorted.length - 1]?.current ?? NaN };
  if (k === 0) return { kind: 'below', firing: sorted[0].current };
  return { kind: 'bracket', silent: sorted[k - 1].current, firing: sorted[k].current };
}

/** `n` currents strictly inside a bracket, evenly spaced: the next batch that narrows it n + 1 times. */
export function refinementCurrents(rheobase: Rheobase, n: number): number[] {
  if (rheobase.kind !== 'bracket' || n < 1) return [];
  const { silent, firing } = rheobase;
  return Array.from({ length: n }, (_, k) => silent + ((firing - silent) * (k + 1)) / (n + 1));
}

/** The rheobase from a sweep and its refinement batches together. */
export function mergeRheobase(...batches: readonly (readonly Pick<FiPoint, 'current' | 'spikeCount'>[])[]): Rheobase {
  return rheobaseOf(batches.flat());
}
