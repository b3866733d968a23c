import { describe, expect, it } from 'vitest';
import { vanRossum, vanRossumDistanceSq } from './vanRossum.ts';
import { centralDiff, observe, relError, type SmoothCase } from './testing.ts';

const f64 = (...xs: number[]): Float64Array => Float64Array.from(xs);

/** D² by its definition: (1/τ)∫(f − g)² dt with exponentially filtered trains (midpoint rule). */
function numericDistanceSq(a: number[], b: number[], tauMs: number): number {
  const filt = (train: number[], t: number): number =>
    train.reduce((s, ti) => s + (t >= ti ? Math.exp(-(t - ti) / tauMs) : 0), 0);
  const end = Math.max(...a, ...b) + 40 * tauMs;
  const dt = 1e-4;
  let sum = 0;
  for (let t = dt / 2; t < end; t += dt) sum += (filt(a, t) - filt(b, t)) ** 2;
  return (sum * dt) / tauMs;
}

describe('vanRossumDistanceSq', () => {
  it('is 0 for identical trains, ½ per unmatched spike, 1 − e^{−δ/τ} for one shifted spike', () => {
    expect(vanRossumDistanceSq([3, 8, 9.5], [3, 8, 9.5], 2)).toBe(0);
    expect(vanRossumDistanceSq([], [], 2)).toBe(0);
    expect(vanRossumDistanceSq([4], [], 2)).toBeCloseTo(0.5, 15);
    expect(vanRossumDistanceSq([], [1, 30], 2)).toBeCloseTo(1 + Math.exp(-29 / 2), 15);
    for (const delta of [0.1, 1, 5]) {
      expect(vanRossumDistanceSq([10 + delta], [10], 3)).toBeCloseTo(1 - Math.exp(-delta / 3), 14);
      expect(vanRossumDistanceSq([10], [10 + delta], 3)).toBeCloseTo(1 - Math.exp(-delta / 3), 14);
    }
  });

  it('matches the integral definition', () => {
    const a = [1, 2.5, 6];
    const b = [1.4, 5, 5.5, 9];
    expect(vanRossumDistanceSq(a, b, 1.5)).toBeCloseTo(numericDistanceSq(a, b, 1.5), 5);
  });

  it('equals the sum over all pairs, with ties within and across trains and trains out of order', () => {
    const pairs = (a: number[], b: number[], tau: number): number => a.reduce((sum, x) => sum + b.reduce((s, y) => s + Math.exp(-Math.abs(x - y) / tau), 0), 0);
    const byPairs = (a: number[], b: number[], tau: number): number => 0.5 * (pairs(a, a, tau) + pairs(b, b, tau)) - pairs(a, b, tau);
    let seed = 7;
    const next = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let trial = 0; trial < 40; trial++) {
      // Times on a 0.5 ms grid, so ties happen; shuffled, so order is not assumed.
      const train = (n: number): number[] => Array.from({ length: n }, () => Math.round(next() * 200) / 2);
      const a = train(Math.floor(next() * 30));
      const b = [...train(Math.floor(next() * 30)), ...a.slice(0, 3)];
      const tau = [0.3, 5, 50][trial % 3];
      const want = byPairs(a, b, tau);
      expect(Math.abs(vanRossumDistanceSq(a, b, tau) - want)).toBeLessThanOrEqual(1e-12 * Math.max(1, pairs(a, a, tau) + pairs(b, b, tau)));
    }
  });

  it('rejects a bad τ', () => {
    expect(() => vanRossumDistanceSq([1], [2], 0)).toThrow(/tauMs/);
  });
});

describe('vanRossum loss', () => {
  // Four model spikes, smooth in θ; a target train that interleaves with them.
  const c: SmoothCase = {
    dtMs: 0.1,
    steps: 400,
    paramCount: 3,
    spikes: (th) => {
      const base = [4, 11, 19.5, 30];
      return {
        times: base.map((b, j) => b + th[0] * (j + 1) * 0.5 + Math.sin(th[1] + j) + th[2] * th[2] * 0.2),
        grads: base.map((_b, j) => [(j + 1) * 0.5, Math.cos(th[1] + j), 0.4 * th[2]]),
      };
    },
  };
  const target = f64(5, 12.2, 13, 27, 35.5, 45); // 45 > T = 40 is ignored
  const theta = f64(0.3, 0.2, -0.7);

  for (const tauMs of [0.8, 3, 20]) {
    it(`gradient matches finite differences (τ = ${tauMs} ms)`, () => {
      const loss = (th: Float64Array): number => vanRossum(observe(c, th), target, { tauMs }).value;
      const { value, grad } = vanRossum(observe(c, theta), target, { tauMs });
      expect(value).toBeCloseTo(vanRossumDistanceSq(observe(c, theta).spikeTimesMs, target.subarray(0, 5), tauMs), 14);
      expect(relError(grad, centralDiff(loss, theta))).toBeLessThan(1e-6);
    });
  }

  it('is 0 with zero gradient when the model reproduces the target', () => {
    const obs = observe(c, theta);
    const { value, grad } = vanRossum(obs, obs.spikeTimesMs, { tauMs: 2 });
    expect(value).toBe(0);
    for (const g of grad) expect(Math.abs(g)).toBeLessThan(1e-15); // self and cross sums cancel
  });

  it('gives the same gradient whatever order the spike times come in', () => {
    const obs = observe(c, theta);
    const order = [2, 0, 3, 1];
    const P = obs.paramCount;
    const shuffled = {
      ...obs,
      spikeTimesMs: Float64Array.from(order, (j) => obs.spikeTimesMs[j]),
      spikeTimeGrad: Float64Array.from({ length: order.length * P }, (_, i) => obs.spikeTimeGrad[order[Math.floor(i / P)] * P + (i % P)]),
    };
    const inOrder = vanRossum(obs, target, { tauMs: 3 });
    const outOfOrder = vanRossum(shuffled, target, { tauMs: 3 });
    expect(outOfOrder.value).toBeCloseTo(inOrder.value, 14);
    inOrder.grad.forEach((g, k) => expect(outOfOrder.grad[k]).toBeCloseTo(g, 14));
  });

  it('pulls a single shifted spike towards the target spike', () => {
    const one: SmoothCase = {
      dtMs: 0.1,
      steps: 100,
      paramCount: 1,
      spikes: (th) => ({ times: [5 + th[0]], grads: [[1]] }),
    };
    const { value, grad } = vanRossum(observe(one, f64(2)), f64(5), { tauMs: 4 });
    expect(value).toBeCloseTo(1 - Math.exp(-2 / 4), 14);
    expect(grad[0]).toBeCloseTo(Math.exp(-2 / 4) / 4, 14); // d/dδ (1 − e^{−δ/τ})
  });
});
