/**
 * Per-neuron (or per-connection) parameter sampling from a distribution.
 *
 * Conventions:
 * - The caller has validated the spec and converted every value to canonical internal units.
 * - Element i is drawn from counter i of the (seed, stream) pair, via the counter-based RNG in
 *   rng.ts, so element i does not depend on n or on evaluation order, and any backend can
 *   recompute it. Use a named stream, e.g. `streamId('param', populationId, paramName)`.
 * - uniform:   low + (high - low)·u, u = uniform01(seed, stream, i) ∈ (0, 1).
 * - normal:    mean + std·z, z = standardNormal(seed, stream, i); then clipped to [min, max]
 *              where given (clipping, not rejection: the clip bounds get a point mass).
 * - lognormal: exp(mu + sigma·z) — mu and sigma are the mean and std of the logarithm;
 *              optional min/max clip as for normal.
 */
import { normalSampler, rngKey, hashWithKey, u32ToUniform01 } from './rng.ts';

export type DistributionSpec =
  | { dist: 'uniform'; low: number; high: number }
  | { dist: 'normal'; mean: number; std: number; min?: number; max?: number }
  | { dist: 'lognormal'; mu: number; sigma: number; min?: number; max?: number };

function check(condition: boolean, message: string): void {
  if (!condition) throw new RangeError(`sampleParam: ${message}`);
}

function clip(x: number, min: number | undefined, max: number | undefined): number {
  if (min !== undefined && x < min) return min;
  if (max !== undefined && x > max) return max;
  return x;
}

function checkClip(min: number | undefined, max: number | undefined): void {
  check(min === undefined || !Number.isNaN(min), 'min is NaN');
  check(max === undefined || !Number.isNaN(max), 'max is NaN');
  check(min === undefined || max === undefined || min <= max, `min (${min}) > max (${max})`);
}

/** Draws `n` values of `spec`; element i uses counter i of (seed, stream). */
export function sampleParam(spec: DistributionSpec, n: number, seed: number, stream: number): Float64Array {
  check(Number.isInteger(n) && n >= 0 && n <= 0xffffffff, `n must be a non-negative integer, got ${n}`);
  const out = new Float64Array(n);
  switch (spec.dist) {
    case 'uniform': {
      const { low, high } = spec;
      check(Number.isFinite(low) && Number.isFinite(high), 'low and high must be finite');
      check(low <= high, `low (${low}) > high (${high})`);
      const key = rngKey(seed, stream);
      const span = high - low;
      for (let i = 0; i < n; i++) out[i] = low + span * u32ToUniform01(hashWithKey(key, i));
      return out;
    }
    case 'normal': {
      const { mean, std, min, max } = spec;
      check(Number.isFinite(mean) && Number.isFinite(std), 'mean and std must be finite');
      check(std >= 0, `std must be >= 0, got ${std}`);
      checkClip(min, max);
      const z = normalSampler(seed, stream);
      for (let i = 0; i < n; i++) out[i] = clip(mean + std * z(i), min, max);
      return out;
    }
    case 'lognormal': {
      const { mu, sigma, min, max } = spec;
      check(Number.isFinite(mu) && Number.isFinite(sigma), 'mu and sigma must be finite');
      check(sigma >= 0, `sigma must be >= 0, got ${sigma}`);
      checkClip(min, max);
      const z = normalSampler(seed, stream);
      for (let i = 0; i < n; i++) out[i] = clip(Math.exp(mu + sigma * z(i)), min, max);
      return out;
    }
    default: {
      const never: never = spec;
      throw new RangeError(`sampleParam: unknown distribution ${JSON.stringify(never)}`);
    }
  }
}
