import { describe, expect, it } from 'vitest';
import {
  hashU32,
  hashWithKey,
  mix32,
  normalSampler,
  rngKey,
  standardNormal,
  streamId,
  u32ToUniform01,
  uniform01,
} from './rng.ts';

const N = 1_000_000;

function moments(xs: Float64Array): { mean: number; variance: number; kurtosis: number } {
  let s = 0;
  for (const x of xs) s += x;
  const mean = s / xs.length;
  let m2 = 0;
  let m4 = 0;
  for (const x of xs) {
    const d = x - mean;
    m2 += d * d;
    m4 += d * d * d * d;
  }
  m2 /= xs.length;
  m4 /= xs.length;
  return { mean, variance: m2, kurtosis: m4 / (m2 * m2) };
}

function lag1(xs: Float64Array): number {
  const { mean, variance } = moments(xs);
  let c = 0;
  for (let i = 1; i < xs.length; i++) c += (xs[i] - mean) * (xs[i - 1] - mean);
  return c / (xs.length - 1) / variance;
}

function correlation(a: Float64Array, b: Float64Array): number {
  const ma = moments(a);
  const mb = moments(b);
  let c = 0;
  for (let i = 0; i < a.length; i++) c += (a[i] - ma.mean) * (b[i] - mb.mean);
  return c / a.length / Math.sqrt(ma.variance * mb.variance);
}

function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

describe('hashU32', () => {
  it('is deterministic and returns u32 numbers', () => {
    for (let c = 0; c < 1000; c++) {
      const h = hashU32(42, 7, c);
      expect(h).toBe(hashU32(42, 7, c));
      expect(Number.isInteger(h)).toBe(true);
      expect(h).toBeGreaterThanOrEqual(0);
      expect(h).toBeLessThan(2 ** 32);
    }
  });

  it('pins golden values (GPU ports must reproduce these exactly)', () => {
    const golden = [
      hashU32(0, 0, 0),
      hashU32(1, 0, 0),
      hashU32(0, 1, 0),
      hashU32(0, 0, 1),
      hashU32(0, 0, 0, 1),
      hashU32(12345, streamId('stimulus', 'noise1'), 999, 17),
      hashU32(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff),
    ];
    expect(golden).toEqual(GOLDEN);
    expect(mix32(0)).toBe(0);
    expect(mix32(1)).toBe(MIX32_OF_1);
    expect(streamId('param', 'exc', 'tau_m')).toBe(STREAM_PARAM_EXC_TAU_M);
  });

  it('differs between seeds, streams, counters and hi words', () => {
    const base = hashU32(1, 2, 3, 4);
    expect(hashU32(2, 2, 3, 4)).not.toBe(base);
    expect(hashU32(1, 3, 3, 4)).not.toBe(base);
    expect(hashU32(1, 2, 4, 4)).not.toBe(base);
    expect(hashU32(1, 2, 3, 5)).not.toBe(base);
    // swapping argument positions must not give the same number
    expect(hashU32(2, 1, 3, 4)).not.toBe(base);
    expect(hashU32(1, 2, 4, 3)).not.toBe(base);
  });

  it('is a bijection in the counter for a fixed key (no collisions within a stream)', () => {
    const seen = new Set<number>();
    const key = rngKey(9, 9);
    for (let c = 0; c < 200_000; c++) seen.add(hashWithKey(key, c));
    expect(seen.size).toBe(200_000);
  });

  it('equals hashWithKey(rngKey(...)) so loops can pre-compute the key', () => {
    for (let c = 0; c < 100; c++) expect(hashWithKey(rngKey(5, 6, 7), c)).toBe(hashU32(5, 6, c, 7));
  });

  it('has every output bit balanced and avalanches on one-bit input changes', () => {
    const ones = new Float64Array(32);
    const samples = 100_000;
    for (let c = 0; c < samples; c++) {
      const h = hashU32(3, 4, c);
      for (let b = 0; b < 32; b++) ones[b] += (h >>> b) & 1;
    }
    for (let b = 0; b < 32; b++) expect(Math.abs(ones[b] / samples - 0.5)).toBeLessThan(0.01);

    // flip each input bit of each word: about half the output bits should change
    const flips = { seed: 0, stream: 0, counter: 0, hi: 0 };
    let trials = 0;
    for (let i = 0; i < 500; i++) {
      const s = hashU32(i, 11, 0);
      const seed = i * 7919;
      const stream = s;
      const counter = mix32(i + 1);
      const hi = mix32(i + 2);
      const h0 = hashU32(seed, stream, counter, hi);
      for (let b = 0; b < 32; b++) {
        const m = (1 << b) >>> 0;
        flips.seed += popcount(h0 ^ hashU32((seed ^ m) >>> 0, stream, counter, hi));
        flips.stream += popcount(h0 ^ hashU32(seed, (stream ^ m) >>> 0, counter, hi));
        flips.counter += popcount(h0 ^ hashU32(seed, stream, (counter ^ m) >>> 0, hi));
        flips.hi += popcount(h0 ^ hashU32(seed, stream, counter, (hi ^ m) >>> 0));
        trials++;
      }
    }
    for (const total of Object.values(flips)) expect(Math.abs(total / trials / 32 - 0.5)).toBeLessThan(0.01);
  });
});

describe('uniform01', () => {
  it('is in (0, 1), never 0 or 1, and exactly representable in float32', () => {
    expect(u32ToUniform01(0)).toBe(2 ** -24);
    expect(u32ToUniform01(0xffffffff)).toBe(1 - 2 ** -24);
    expect(Math.fround(u32ToUniform01(0xffffffff))).toBe(1 - 2 ** -24);
    let bad = 0;
    for (let c = 0; c < 200_000; c++) {
      const u = uniform01(1, 2, c);
      if (!(u > 0 && u < 1) || Math.fround(u) !== u) bad++;
    }
    expect(bad).toBe(0);
  });

  it('has the right mean and variance and passes a 100-bin chi-square on 1e6 samples', () => {
    for (const [seed, stream] of [
      [0, 0],
      [20240601, streamId('stimulus', 'noise1')],
    ]) {
      const xs = new Float64Array(N);
      const bins = new Float64Array(100);
      for (let c = 0; c < N; c++) {
        const u = uniform01(seed, stream, c);
        xs[c] = u;
        bins[Math.floor(u * 100)]++;
      }
      const m = moments(xs);
      // standard error of the mean: sqrt(1/12/N) ≈ 2.9e-4
      expect(Math.abs(m.mean - 0.5)).toBeLessThan(1.5e-3);
      expect(Math.abs(m.variance - 1 / 12)).toBeLessThan(1e-3);
      const expected = N / 100;
      let chi2 = 0;
      for (const b of bins) chi2 += ((b - expected) * (b - expected)) / expected;
      // 99 degrees of freedom: mean 99, sd 14; P(chi2 > 160) ≈ 1e-4
      expect(chi2).toBeLessThan(160);
      expect(chi2).toBeGreaterThan(50);
      expect(Math.abs(lag1(xs))).toBeLessThan(5e-3);
    }
  });

  it('gives uncorrelated sequences for neighbouring seeds, streams and hi words', () => {
    const n = 200_000;
    const a = new Float64Array(n);
    const bSeed = new Float64Array(n);
    const bStream = new Float64Array(n);
    const bHi = new Float64Array(n);
    const bShift = new Float64Array(n);
    for (let c = 0; c < n; c++) {
      a[c] = uniform01(1, 1, c);
      bSeed[c] = uniform01(2, 1, c);
      bStream[c] = uniform01(1, 2, c);
      bHi[c] = uniform01(1, 1, c, 1);
      bShift[c] = uniform01(1, 1, c + 1);
    }
    // 1/sqrt(n) ≈ 2.2e-3
    for (const b of [bSeed, bStream, bHi, bShift]) expect(Math.abs(correlation(a, b))).toBeLessThan(1e-2);
  });
});

describe('standardNormal', () => {
  it('has mean 0, std 1 and kurtosis 3 on 1e6 samples, and small lag-1 autocorrelation', () => {
    const xs = new Float64Array(N);
    for (let c = 0; c < N; c++) xs[c] = standardNormal(7, streamId('test', 'normal'), c);
    const m = moments(xs);
    expect(Math.abs(m.mean)).toBeLessThan(5e-3); // se 1e-3
    expect(Math.abs(Math.sqrt(m.variance) - 1)).toBeLessThan(5e-3); // se ≈ 7e-4
    expect(Math.abs(m.kurtosis - 3)).toBeLessThan(0.03); // se ≈ 5e-3
    expect(Math.abs(lag1(xs))).toBeLessThan(5e-3);
    // tail mass beyond 2σ: 0.0455
    let tail = 0;
    for (const x of xs) if (Math.abs(x) > 2) tail++;
    expect(Math.abs(tail / N - 0.0455)).toBeLessThan(1.5e-3);
  });

  it('is independent of uniform01 on the same triple', () => {
    const n = 200_000;
    const u = new Float64Array(n);
    const z = new Float64Array(n);
    for (let c = 0; c < n; c++) {
      u[c] = uniform01(3, 3, c);
      z[c] = standardNormal(3, 3, c);
    }
    expect(Math.abs(correlation(u, z))).toBeLessThan(1e-2);
  });

  it('matches the pre-keyed sampler', () => {
    const sample = normalSampler(11, 12, 13);
    for (let c = 0; c < 1000; c++) expect(sample(c)).toBe(standardNormal(11, 12, c, 13));
  });

  it('is finite at every counter', () => {
    let bad = 0;
    for (let c = 0; c < 100_000; c++) if (!Number.isFinite(standardNormal(0, 0, c))) bad++;
    expect(bad).toBe(0);
  });
});

describe('streamId', () => {
  it('is stable, order- and boundary-sensitive, and distinguishes numbers from strings', () => {
    expect(streamId('stimulus', 'noise1')).toBe(streamId('stimulus', 'noise1'));
    expect(streamId('ab', 'c')).not.toBe(streamId('a', 'bc'));
    expect(streamId('a', 'b')).not.toBe(streamId('b', 'a'));
    expect(streamId(1)).not.toBe(streamId('1'));
    expect(streamId('x')).not.toBe(streamId('x', ''));
    expect(streamId()).not.toBe(streamId(''));
    const id = streamId('param', 'exc', 'tau_m');
    expect(Number.isInteger(id) && id >= 0 && id < 2 ** 32).toBe(true);
  });

  it('has no collisions among many similar names', () => {
    const seen = new Set<number>();
    for (let p = 0; p < 100; p++) for (let q = 0; q < 100; q++) seen.add(streamId('param', `pop${p}`, `v${q}`));
    expect(seen.size).toBe(10_000);
  });
});

// Golden values of this algorithm (see rng.ts), cross-checked against an independent C
// implementation with uint32_t arithmetic (gcc). A WGSL port must reproduce them bit for bit.
const GOLDEN = [1274352531, 11421356, 3066168021, 103190913, 3269489540, 2345593523, 4219382363];
const MIX32_OF_1 = 69681622;
const STREAM_PARAM_EXC_TAU_M = 3083337742;
