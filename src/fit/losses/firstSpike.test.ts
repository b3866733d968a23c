import { describe, expect, it } from 'vitest';
import { firstSpikeLatency } from './firstSpike.ts';
import { centralDiff, observe, relError, type SmoothCase } from './testing.ts';

const f64 = (...xs: number[]): Float64Array => Float64Array.from(xs);
const T = 50; // 500 steps of 0.1 ms

/** Spike times t_j = b_j + θ0·sin(j + 1) + θ1²·0.3 + θ0·θ1·0.1: smooth and nonlinear. */
function spiking(base: number[]): SmoothCase {
  return {
    dtMs: 0.1,
    steps: 500,
    paramCount: 2,
    spikes: (th) => ({
      times: base.map((b, j) => b + th[0] * Math.sin(j + 1) + 0.3 * th[1] * th[1] + 0.1 * th[0] * th[1]),
      grads: base.map((_b, j) => [Math.sin(j + 1) + 0.1 * th[1], 0.6 * th[1] + 0.1 * th[0]]),
    }),
  };
}

describe('firstSpikeLatency with a model spike', () => {
  const c = spiking([7.3, 20, 33]);
  const theta = f64(0.4, 0.9);

  it('is (t₁ − t₁*)² and matches finite differences', () => {
    const obs = observe(c, theta);
    const t1 = obs.spikeTimesMs[0];
    for (const goal of [3, 7.5, 40]) {
      const { value, grad } = firstSpikeLatency(obs, goal);
      expect(value).toBeCloseTo((t1 - goal) ** 2, 12);
      const loss = (th: Float64Array): number => firstSpikeLatency(observe(c, th), goal).value;
      expect(relError(grad, centralDiff(loss, theta))).toBeLessThan(1e-6);
    }
  });

  it('treats a silent target as censored at T (pushes the spike out of the window)', () => {
    const obs = observe(c, theta);
    const { value, grad } = firstSpikeLatency(obs, null);
    expect(value).toBeCloseTo((obs.spikeTimesMs[0] - T) ** 2, 12);
    const loss = (th: Float64Array): number => firstSpikeLatency(observe(c, th), null).value;
    expect(relError(grad, centralDiff(loss, theta))).toBeLessThan(1e-6);
    // A target latency past the window is the same as no target spike.
    expect(firstSpikeLatency(obs, 80).value).toBeCloseTo(value, 12);
  });
});

describe('firstSpikeLatency with a silent model (surrogate relaxation)', () => {
  // Surrogate ∂s[n]/∂θ: parameter 0 raises the signal around 20 ms, parameter 1 around 2 ms.
  const bump = (n: number, atMs: number): number => Math.exp(-(((n * 0.1 - atMs) / 1.5) ** 2));
  const silent: SmoothCase = { dtMs: 0.1, steps: 500, paramCount: 2, signalGrad: (n) => [bump(n, 20), bump(n, 2)] };
  const theta0 = f64(0, 0);

  /** L̃ = (T − t*)²(1 − Σ s̃) + Σ s̃_n (t_n − t*)², s̃_n = (∂s[n]/∂θ)·(θ − θ0). */
  function relaxed(goal: number): (th: Float64Array) => number {
    return (th) => {
      let value = (T - goal) ** 2;
      for (let n = 0; n < 500; n++) {
        const [a, b] = silent.signalGrad!(n);
        const s = a * (th[0] - theta0[0]) + b * (th[1] - theta0[1]);
        value += s * ((n * 0.1 - goal) ** 2 - (T - goal) ** 2);
      }
      return value;
    };
  }

  it('scores the silent model as latency T and differentiates the relaxed loss', () => {
    const obs = observe(silent, theta0);
    for (const goal of [20, 35]) {
      const { value, grad } = firstSpikeLatency(obs, goal);
      expect(value).toBeCloseTo((T - goal) ** 2, 12);
      expect(relError(grad, centralDiff(relaxed(goal), theta0))).toBeLessThan(1e-6);
    }
  });

  it('pulls towards spiking near the target latency and away from much too early spikes', () => {
    const { grad } = firstSpikeLatency(observe(silent, theta0), 20);
    expect(grad[0]).toBeLessThan(0); // descent raises θ0: more spike signal around 20 ms
    // A spike at 2 ms costs (2 − 20)² = 324 < (50 − 20)² = 900 for silence: also pulled towards.
    expect(grad[1]).toBeLessThan(0);
    const late = firstSpikeLatency(observe(silent, theta0), 45);
    // With t* = 45, silence costs 25 while a spike at 2 ms costs 1849: pushed away.
    expect(late.grad[1]).toBeGreaterThan(0);
    expect(late.grad[0]).toBeGreaterThan(0); // 20 ms costs 625 > 25 too
  });

  it('is zero for a silent model and a silent target, with a gradient that keeps it quiet', () => {
    const { value, grad } = firstSpikeLatency(observe(silent, theta0), null);
    expect(value).toBe(0);
    expect(grad[0]).toBeGreaterThan(0);
    expect(grad[1]).toBeGreaterThan(0);
    expect(relError(grad, centralDiff(relaxed(T), theta0))).toBeLessThan(1e-6);
  });

  it('rejects a non-finite target latency', () => {
    expect(() => firstSpikeLatency(observe(silent, theta0), Number.NaN)).toThrow(RangeError);
  });
});
