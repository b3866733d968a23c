/**
 * What a fitted case should reproduce (recorded or synthetic data), and the helpers that put it on
 * the simulation's time grid.
 *
 * Time grid: a `CaseObservation` with `steps` steps of `dtMs` has sample n at t = n·dt, and
 * covers the window (0, T] with T = steps·dt. Target data outside that window cannot be compared
 * with the simulation: resampled trace values there are NaN ("no data") and spike terms ignore
 * target spikes outside [0, T].
 */

export interface TraceTarget {
  /** Sample times in ms, strictly increasing. */
  readonly tMs: Float64Array;
  /** Observed values in the model's canonical units (same length as tMs). */
  readonly values: Float64Array;
}

export interface CaseTarget {
  readonly trace?: TraceTarget;
  /** Target spike times in ms, non-decreasing. */
  readonly spikeTimesMs?: Float64Array;
}

/** Throws a RangeError naming the first problem of a trace target (lengths, order, finiteness). */
export function checkTraceTarget(trace: TraceTarget): void {
  const { tMs, values } = trace;
  if (tMs.length !== values.length) {
    throw new RangeError(`target trace: tMs has ${tMs.length} samples but values has ${values.length}`);
  }
  if (tMs.length === 0) throw new RangeError('target trace is empty');
  for (let i = 0; i < tMs.length; i++) {
    if (!Number.isFinite(tMs[i]) || !Number.isFinite(values[i])) {
      throw new RangeError(`target trace: sample ${i} is not finite (t = ${tMs[i]} ms, value = ${values[i]})`);
    }
    if (i > 0 && !(tMs[i] > tMs[i - 1])) {
      throw new RangeError(`target trace: tMs must be strictly increasing (sample ${i} at ${tMs[i]} ms)`);
    }
  }
}

/** Throws a RangeError unless the spike times are finite and non-decreasing. */
export function checkSpikeTimes(spikeTimesMs: Float64Array, what = 'target spike times'): void {
  for (let i = 0; i < spikeTimesMs.length; i++) {
    if (!Number.isFinite(spikeTimesMs[i])) throw new RangeError(`${what}: spike ${i} is not finite`);
    if (i > 0 && spikeTimesMs[i] < spikeTimesMs[i - 1]) {
      throw new RangeError(`${what}: must be sorted (spike ${i} at ${spikeTimesMs[i]} ms)`);
    }
  }
}

/**
 * Linear interpolation of (tMs, values) at each query time. Queries outside [tMs[0], tMs[last]]
 * get NaN: extrapolating would invent data, and the losses skip NaN targets. A query within
 * 1e-9·(span) of an end counts as on it, so float rounding of grid times does not drop the ends.
 */
export function resampleLinear(trace: TraceTarget, atMs: Float64Array): Float64Array {
  checkTraceTarget(trace);
  const { tMs, values } = trace;
  const last = tMs.length - 1;
  const tol = 1e-9 * Math.max(Math.abs(tMs[0]), Math.abs(tMs[last]), tMs[last] - tMs[0], 1e-300);
  const out = new Float64Array(atMs.length);
  for (let q = 0; q < atMs.length; q++) {
    let t = atMs[q];
    if (t < tMs[0] - tol || t > tMs[last] + tol || Number.isNaN(t)) {
      out[q] = Number.NaN;
      continue;
    }
    t = Math.min(Math.max(t, tMs[0]), tMs[last]);
    if (last === 0) {
      out[q] = values[0];
      continue;
    }
    // Largest i with tMs[i] <= t, clamped so that [i, i + 1] is a segment.
    let lo = 0;
    let hi = last;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (tMs[mid] <= t) lo = mid;
      else hi = mid;
    }
    const f = (t - tMs[lo]) / (tMs[hi] - tMs[lo]);
    out[q] = values[lo] + f * (values[hi] - values[lo]);
  }
  return out;
}

/** The observation's sample times: t_n = n·dt, n = 0 … steps − 1 (the state before step n, as the engine records). */
export function sampleTimesMs(dtMs: number, steps: number): Float64Array {
  const out = new Float64Array(steps);
  for (let n = 0; n < steps; n++) out[n] = n * dtMs;
  return out;
}

/** The target trace on the simulation grid (NaN where the target has no data). */
export function resampleToSteps(trace: TraceTarget, dtMs: number, steps: number): Float64Array {
  if (!(dtMs > 0) || !Number.isFinite(dtMs)) throw new RangeError(`dtMs must be > 0 (got ${dtMs})`);
  return resampleLinear(trace, sampleTimesMs(dtMs, steps));
}

/** Target spikes inside the observation window [0, durationMs], in order. */
export function spikesInWindow(spikeTimesMs: Float64Array, durationMs: number): Float64Array {
  let from = 0;
  while (from < spikeTimesMs.length && spikeTimesMs[from] < 0) from++;
  let to = from;
  while (to < spikeTimesMs.length && spikeTimesMs[to] <= durationMs) to++;
  return spikeTimesMs.subarray(from, to);
}
