import { describe, expect, it } from 'vitest';
import { intervals, isiDistribution, wasserstein1 } from './isi.ts';
import { centralDiff, observe, relError, type SmoothCase } from './testing.ts';

const f64 = (...xs: number[]): Float64Array => Float64Array.from(xs);

/** W₁ via the CDF form ∫|F(x) − G(x)| dx (an independent formula from the quantile merge). */
function cdfW1(a: number[], b: number[]): number {
  const xs = [...a, ...b].sort((x, y) => x - y);
  const F = (s: number[], x: number): number => s.filter((v) => v <= x).length / s.length;
  let sum = 0;
  for (let i = 0; i + 1 < xs.length; i++) sum += Math.abs(F(a, xs[i]) - F(b, xs[i])) * (xs[i + 1] - xs[i]);
  return sum;
}

describe('wasserstein1', () => {
  it('matches hand-computed cases', () => {
    expect(wasserstein1([1, 3], [2]).value).toBeCloseTo(1, 15);
    expect(wasserstein1([3, 1, 2], [1, 2, 3]).value).toBe(0);
    expect(wasserstein1([1, 2], [1, 2, 3]).value).toBeCloseTo(0.5, 15);
    expect(wasserstein1([5], [2]).value).toBe(3);
  });

  it('matches the CDF formula on random samples of unequal sizes', () => {
    let seed = 7;
    const rand = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 10;
    for (const [m, n] of [[3, 5], [7, 2], [6, 6], [1, 9]]) {
      const a = Array.from({ length: m }, rand);
      const b = Array.from({ length: n }, rand);
      expect(wasserstein1(a, b).value).toBeCloseTo(cdfW1(a, b), 12);
    }
  });

  it('returns the gradient in the original order', () => {
    // a = [3, 1] against b = [0]: W = (3 + 1)/2, ∂W/∂a_i = ½ sign(a_i − 0).
    expect(Array.from(wasserstein1([3, 1], [0]).gradA)).toEqual([0.5, 0.5]);
    expect(Array.from(wasserstein1([3, 1], [2]).gradA)).toEqual([0.5, -0.5]);
    expect(() => wasserstein1([], [1])).toThrow(/non-empty/);
  });
});

describe('isiDistribution', () => {
  // Six model spikes whose ISIs are smooth, distinct functions of θ.
  const c: SmoothCase = {
    dtMs: 0.1,
    steps: 600,
    paramCount: 2,
    spikes: (th) => {
      const times: number[] = [];
      const grads: number[][] = [];
      let t = 3;
      let g = [0, 0];
      for (let j = 0; j < 6; j++) {
        times.push(t);
        grads.push(g);
        const isi = 4 + j * 1.3 + th[0] * Math.cos(j) + 0.5 * th[1] * th[1] * (j % 3);
        g = [g[0] + Math.cos(j), g[1] + th[1] * (j % 3)];
        t += isi;
      }
      return { times, grads };
    },
  };
  const theta = f64(0.35, 0.8);

  it('is W₁ between the two ISI samples', () => {
    const obs = observe(c, theta);
    const target = f64(1, 6, 10, 17.5, 21);
    expect(isiDistribution(obs, target).value).toBeCloseTo(
      wasserstein1(intervals(obs.spikeTimesMs), [5, 4, 7.5, 3.5]).value,
      14,
    );
  });

  for (const target of [f64(1, 6, 10, 17.5, 21, 30.2, 33), f64(2, 60), f64(0.5, 9.1, 40.3, 45)]) {
    it(`gradient matches finite differences (${target.length} target spikes)`, () => {
      const loss = (th: Float64Array): number => isiDistribution(observe(c, th), target).value;
      const { grad } = isiDistribution(observe(c, theta), target);
      expect(relError(grad, centralDiff(loss, theta))).toBeLessThan(1e-6);
    });
  }

  it('scores trains with fewer than two spikes as one censored interval T', () => {
    const one: SmoothCase = { dtMs: 0.1, steps: 200, paramCount: 1, spikes: () => ({ times: [3], grads: [[1]] }) };
    const obs = observe(one, f64(0)); // T = 20
    const { value, grad } = isiDistribution(obs, f64(1, 3, 8));
    expect(value).toBeCloseTo((18 + 15) / 2, 14);
    expect(Array.from(grad)).toEqual([0]);
    expect(isiDistribution(obs, f64(4)).value).toBe(0);
    expect(isiDistribution(obs, f64(1, 30)).value).toBe(0); // second target spike is outside T
    // Model ISIs against a silent target: pulled towards T (sparser firing).
    const two: SmoothCase = { dtMs: 0.1, steps: 200, paramCount: 1, spikes: (th) => ({ times: [2, 6 + th[0]], grads: [[0], [1]] }) };
    const r = isiDistribution(observe(two, f64(0)), f64());
    expect(r.value).toBeCloseTo(16, 14);
    expect(r.grad[0]).toBeCloseTo(-1, 14);
  });
});
