import { describe, expect, it } from 'vitest';
import { sampleParam, type DistributionSpec } from './distributions.ts';
import { standardNormal, streamId, uniform01 } from './rng.ts';

const N = 200_000;
const STREAM = streamId('param', 'exc', 'tau_m');

function meanVar(xs: Float64Array): { mean: number; variance: number } {
  let s = 0;
  for (const x of xs) s += x;
  const mean = s / xs.length;
  let v = 0;
  for (const x of xs) v += (x - mean) * (x - mean);
  return { mean, variance: v / xs.length };
}

describe('sampleParam', () => {
  it('uniform: in [low, high] with mean (low+high)/2 and variance (high-low)²/12', () => {
    const xs = sampleParam({ dist: 'uniform', low: 5, high: 15 }, N, 1, STREAM);
    expect(xs.length).toBe(N);
    let outside = 0;
    for (const x of xs) if (x <= 5 || x >= 15) outside++;
    expect(outside).toBe(0);
    const m = meanVar(xs);
    expect(m.mean).toBeCloseTo(10, 1); // se ≈ 6.5e-3
    expect(Math.abs(m.variance - 100 / 12)).toBeLessThan(0.1);
  });

  it('uniform: element i is low + (high-low)·uniform01(seed, stream, i)', () => {
    const xs = sampleParam({ dist: 'uniform', low: -2, high: 3 }, 100, 9, STREAM);
    for (let i = 0; i < 100; i++) expect(xs[i]).toBe(-2 + 5 * uniform01(9, STREAM, i));
  });

  it('normal: mean and std', () => {
    const xs = sampleParam({ dist: 'normal', mean: -65, std: 2 }, N, 2, STREAM);
    const m = meanVar(xs);
    expect(Math.abs(m.mean + 65)).toBeLessThan(0.02); // se ≈ 4.5e-3
    expect(Math.abs(Math.sqrt(m.variance) - 2)).toBeLessThan(0.02); // se ≈ 3e-3
    for (let i = 0; i < 100; i++) expect(xs[i]).toBe(-65 + 2 * standardNormal(2, STREAM, i));
  });

  it('normal: min/max clip, with the clipped mass at the bounds', () => {
    const xs = sampleParam({ dist: 'normal', mean: 0, std: 1, min: -1, max: 0.5 }, N, 3, STREAM);
    let atMin = 0;
    let atMax = 0;
    let outside = 0;
    for (const x of xs) {
      if (x === -1) atMin++;
      else if (x === 0.5) atMax++;
      if (x < -1 || x > 0.5) outside++;
    }
    expect(outside).toBe(0);
    expect(Math.abs(atMin / N - 0.158655)).toBeLessThan(0.005); // P(z < -1)
    expect(Math.abs(atMax / N - 0.308538)).toBeLessThan(0.005); // P(z > 0.5)
    const onlyMin = sampleParam({ dist: 'normal', mean: 0, std: 1, min: 0 }, 1000, 3, STREAM);
    expect(Math.min(...onlyMin)).toBe(0);
    expect(Math.max(...onlyMin)).toBeGreaterThan(1);
  });

  it('lognormal: median exp(mu), mean exp(mu + σ²/2), variance (e^σ² - 1)e^(2mu+σ²)', () => {
    const mu = 0.5;
    const sigma = 0.4;
    const xs = sampleParam({ dist: 'lognormal', mu, sigma }, N, 4, STREAM);
    let negative = 0;
    for (const x of xs) if (!(x > 0)) negative++;
    expect(negative).toBe(0);
    const m = meanVar(xs);
    const mean = Math.exp(mu + (sigma * sigma) / 2);
    const variance = (Math.exp(sigma * sigma) - 1) * Math.exp(2 * mu + sigma * sigma);
    expect(Math.abs(m.mean / mean - 1)).toBeLessThan(5e-3);
    expect(Math.abs(m.variance / variance - 1)).toBeLessThan(0.03);
    const sorted = Float64Array.from(xs).sort();
    expect(Math.abs(sorted[N / 2] / Math.exp(mu) - 1)).toBeLessThan(5e-3);
    const clipped = sampleParam({ dist: 'lognormal', mu, sigma, max: 2 }, 1000, 4, STREAM);
    expect(Math.max(...clipped)).toBe(2);
  });

  it('is deterministic, prefix-stable in n, and depends on seed and stream', () => {
    const spec: DistributionSpec = { dist: 'normal', mean: 1, std: 1 };
    const a = sampleParam(spec, 1000, 5, STREAM);
    expect(sampleParam(spec, 1000, 5, STREAM)).toEqual(a);
    expect(sampleParam(spec, 10, 5, STREAM)).toEqual(a.subarray(0, 10));
    const otherSeed = sampleParam(spec, 1000, 6, STREAM);
    const otherStream = sampleParam(spec, 1000, 5, streamId('param', 'exc', 'tau_e'));
    let same = 0;
    for (let i = 0; i < 1000; i++) {
      if (otherSeed[i] === a[i]) same++;
      if (otherStream[i] === a[i]) same++;
    }
    expect(same).toBe(0);
  });

  it('handles degenerate and empty cases, and rejects bad specs', () => {
    expect(sampleParam({ dist: 'uniform', low: 1, high: 1 }, 3, 0, 0)).toEqual(new Float64Array([1, 1, 1]));
    expect(sampleParam({ dist: 'normal', mean: 2, std: 0 }, 3, 0, 0)).toEqual(new Float64Array([2, 2, 2]));
    expect(sampleParam({ dist: 'normal', mean: 2, std: 1 }, 0, 0, 0).length).toBe(0);
    expect(() => sampleParam({ dist: 'uniform', low: 2, high: 1 }, 3, 0, 0)).toThrow(RangeError);
    expect(() => sampleParam({ dist: 'normal', mean: 0, std: -1 }, 3, 0, 0)).toThrow(RangeError);
    expect(() => sampleParam({ dist: 'normal', mean: 0, std: 1, min: 1, max: 0 }, 3, 0, 0)).toThrow(RangeError);
    expect(() => sampleParam({ dist: 'lognormal', mu: 0, sigma: -1 }, 3, 0, 0)).toThrow(RangeError);
    expect(() => sampleParam({ dist: 'normal', mean: 0, std: 1 }, 1.5, 0, 0)).toThrow(RangeError);
  });
});
