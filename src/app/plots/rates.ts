/**
 * Population firing rates from spike counts: counts are kept per fine "base" bin (about 1 ms, a
 * whole number of steps) as spikes arrive; a plot asks for any multiple of that width and an
 * optional Gaussian smoothing, computed on demand in O(bins).
 */

export interface BinnedCounts {
  /** Spikes per base bin; counts[i] belongs to absolute base bin `firstBin + i`. */
  readonly counts: ArrayLike<number>;
  readonly length: number;
  readonly firstBin: number;
  /** Steps per base bin (base bin b covers steps [b·stepsPerBin, (b+1)·stepsPerBin)). */
  readonly stepsPerBin: number;
  /** Steps simulated: [startStep, endStep). Bins are normalised by the part they cover. */
  readonly startStep: number;
  readonly endStep: number;
  readonly dtMs: number;
  /** Neurons in the population (rates are per neuron). */
  readonly size: number;
}

export interface RateSeries {
  /** Centre of the simulated part of each bin, ms. */
  readonly timesMs: Float64Array;
  /** Spikes per neuron per second. */
  readonly rateHz: Float64Array;
  /** The bin width actually used (a multiple of the base bin), ms. */
  readonly binMs: number;
}

/** Steps per base bin: about 1 ms, at least one step. */
export function baseBinSteps(dtMs: number): number {
  return Math.max(1, Math.round(1 / dtMs));
}

/** How many base bins make a bin of about `binMs`. */
export function binFactor(binMs: number, stepsPerBin: number, dtMs: number): number {
  return Math.max(1, Math.round(binMs / (stepsPerBin * dtMs)));
}

/** Rates in bins of about `binMs` over the simulated range (empty before any step). */
export function binnedRate(input: BinnedCounts, binMs: number): RateSeries {
  const { counts, length, firstBin, stepsPerBin, dtMs, size } = input;
  const factor = binFactor(binMs, stepsPerBin, dtMs);
  const binSteps = factor * stepsPerBin;
  // Only the part of the run whose counts are still held.
  const fromStep = Math.max(input.startStep, firstBin * stepsPerBin);
  const toStep = Math.min(input.endStep, (firstBin + length) * stepsPerBin);
  if (toStep <= fromStep || size <= 0) return { timesMs: new Float64Array(0), rateHz: new Float64Array(0), binMs: binSteps * dtMs };
  const b0 = Math.floor(fromStep / binSteps);
  const b1 = Math.ceil(toStep / binSteps);
  const n = b1 - b0;
  const timesMs = new Float64Array(n);
  const rateHz = new Float64Array(n);
  for (let b = 0; b < n; b++) {
    const s0 = Math.max(fromStep, (b0 + b) * binSteps);
    const s1 = Math.min(toStep, (b0 + b + 1) * binSteps);
    let count = 0;
    const i0 = Math.floor(s0 / stepsPerBin) - firstBin;
    const i1 = Math.ceil(s1 / stepsPerBin) - firstBin;
    for (let i = Math.max(0, i0); i < Math.min(length, i1); i++) count += counts[i];
    timesMs[b] = ((s0 + s1) / 2) * dtMs;
    rateHz[b] = count / (size * ((s1 - s0) * dtMs) / 1000);
  }
  return { timesMs, rateHz, binMs: binSteps * dtMs };
}

/**
 * Gaussian smoothing with standard deviation `sigmaBins` (in bins), truncated at 3σ; near the
 * ends the kernel is renormalised over the bins that exist, so edges are not pulled toward zero.
 */
export function gaussianSmooth(values: ArrayLike<number>, sigmaBins: number): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  if (!(sigmaBins > 0.05)) {
    for (let i = 0; i < n; i++) out[i] = values[i];
    return out;
  }
  const radius = Math.ceil(3 * sigmaBins);
  const kernel = new Float64Array(2 * radius + 1);
  for (let j = -radius; j <= radius; j++) kernel[j + radius] = Math.exp(-(j * j) / (2 * sigmaBins * sigmaBins));
  for (let i = 0; i < n; i++) {
    let sum = 0;
    let weight = 0;
    const j0 = Math.max(-radius, -i);
    const j1 = Math.min(radius, n - 1 - i);
    for (let j = j0; j <= j1; j++) {
      const w = kernel[j + radius];
      sum += w * values[i + j];
      weight += w;
    }
    out[i] = sum / weight;
  }
  return out;
}
