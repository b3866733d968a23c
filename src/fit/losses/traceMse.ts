/**
 * Trace mean squared error: how far the observed state's trace is from a target trace.
 *
 *   L = Σ_n w_n (y_n − ŷ_n)² / Σ_n w_n,      ∂L/∂θ_k = Σ_n 2 w_n (y_n − ŷ_n) ∂y_n/∂θ_k / Σ_n w_n
 *
 * over the samples n inside the window whose target ŷ_n (the target resampled linearly onto the
 * simulation grid t_n = n·dt) exists. Units: the trace's canonical unit squared (mV²).
 * The normaliser Σ w_n depends only on the window, weights and target, not on θ, so it is a
 * constant in the gradient.
 */
import type { CaseObservation, LossValue } from '../observation.ts';
import { resampleToSteps, type TraceTarget } from '../targets.ts';
import { addRow, checkObservation } from './common.ts';

export interface TraceMseOptions {
  /** Window start in ms (inclusive); default 0. */
  readonly startMs?: number;
  /** Window end in ms (inclusive); default: the end of the simulation. */
  readonly stopMs?: number;
  /** Per-sample weights w_n ≥ 0, one per simulated step; default all 1. */
  readonly weights?: Float64Array;
}

// Resampling costs O(steps·log M); an optimiser evaluates the same target thousands of times on
// the same grid, so the resampled array is kept per target object and grid (dropped with it).
// Targets are therefore treated as immutable: build a new TraceTarget instead of editing one.
const resampled = new WeakMap<TraceTarget, Map<string, Float64Array>>();

function targetOnGrid(target: TraceTarget, dtMs: number, steps: number): Float64Array {
  let byGrid = resampled.get(target);
  if (byGrid === undefined) {
    byGrid = new Map();
    resampled.set(target, byGrid);
  }
  const key = `${dtMs}:${steps}`;
  let values = byGrid.get(key);
  if (values === undefined) {
    values = resampleToSteps(target, dtMs, steps);
    byGrid.set(key, values);
  }
  return values;
}

/** The target on the simulation grid, each sample's weight in the mean (0: outside the window or no target there) and their total. */
export interface TraceMseGrid {
  readonly goal: Float64Array;
  readonly weights: Float64Array;
  readonly weightSum: number;
}

const grids = new WeakMap<TraceTarget, Map<string, TraceMseGrid>>();

/** What trace-mse compares a trace of `steps` samples at `dtMs` with (kept per target, grid and window when the weights are the default). */
export function traceMseGrid(target: TraceTarget, dtMs: number, steps: number, options: TraceMseOptions = {}): TraceMseGrid {
  const startMs = options.startMs ?? 0;
  const stopMs = options.stopMs ?? Infinity;
  if (Number.isNaN(startMs) || Number.isNaN(stopMs) || !(startMs <= stopMs)) {
    throw new RangeError(`trace-mse: window [${startMs}, ${stopMs}] ms is not a valid interval`);
  }
  const given = options.weights;
  if (given !== undefined && given.length !== steps) {
    throw new RangeError(`trace-mse: ${given.length} weights for ${steps} samples`);
  }
  const key = `${dtMs}:${steps}:${startMs}:${stopMs}`;
  const cached = given === undefined ? grids.get(target)?.get(key) : undefined;
  if (cached) return cached;
  const goal = targetOnGrid(target, dtMs, steps);
  // Grid times are n·dt in floating point; a tolerance keeps a window edge that is meant to
  // land on a sample (e.g. 50 ms at dt 0.1) from dropping it by rounding.
  const tol = 1e-9 * dtMs;
  const first = Math.max(0, Math.ceil((startMs - tol) / dtMs));
  const last = Math.min(steps - 1, Math.floor((stopMs + tol) / dtMs));
  const weights = new Float64Array(steps);
  let weightSum = 0;
  for (let n = first; n <= last; n++) {
    const w = given === undefined ? 1 : given[n];
    if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`trace-mse: weight ${n} = ${w} is not finite and ≥ 0`);
    if (w === 0 || Number.isNaN(goal[n])) continue;
    weights[n] = w;
    weightSum += w;
  }
  if (!(weightSum > 0)) {
    throw new Error(
      `trace-mse: no sample in the window [${startMs}, ${stopMs}] ms has target data and a weight > 0 ` +
        `(simulation covers (0, ${steps * dtMs}] ms; target covers [${target.tMs[0]}, ${target.tMs[target.tMs.length - 1]}] ms)`,
    );
  }
  const grid = { goal, weights, weightSum };
  if (given === undefined) {
    if (!grids.has(target)) grids.set(target, new Map());
    grids.get(target)!.set(key, grid);
  }
  return grid;
}

export function traceMse(obs: CaseObservation, target: TraceTarget, options: TraceMseOptions = {}): LossValue {
  checkObservation(obs);
  const { goal, weights, weightSum } = traceMseGrid(target, obs.dtMs, obs.steps, options);
  const grad = new Float64Array(obs.paramCount);
  let sum = 0;
  for (let n = 0; n < obs.steps; n++) {
    const w = weights[n];
    if (w === 0) continue;
    const err = obs.trace[n] - goal[n];
    sum += w * err * err;
    addRow(grad, obs.traceGrad, n, 2 * w * err);
  }
  for (let k = 0; k < grad.length; k++) grad[k] /= weightSum;
  return { value: sum / weightSum, grad };
}
