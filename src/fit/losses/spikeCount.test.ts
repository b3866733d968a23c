import { describe, expect, it } from 'vitest';
import { rate, rateHz, spikeCount } from './spikeCount.ts';
import { centralDiff, observe, relError, type SmoothCase } from './testing.ts';

const f64 = (...xs: number[]): Float64Array => Float64Array.from(xs);

/** 1000 steps of 0.1 ms (T = 100 ms), 3 spikes, and a θ-independent surrogate per step. */
const C = (n: number): number[] => [Math.sin(0.01 * n) * 0.02, Math.exp(-(((n - 400) / 50) ** 2)) * 0.1];
const base: SmoothCase = {
  dtMs: 0.1,
  steps: 1000,
  paramCount: 2,
  spikes: () => ({ times: [12.34, 40, 77.7], grads: [[0, 0], [0, 0], [0, 0]] }),
  signalGrad: C,
};
const theta0 = f64(0.3, -1.1);

/**
 * The count is piecewise constant, so its gradient is the surrogate one. We check it is the exact
 * gradient of the relaxed count Ñ(θ) = N + Σ_n C_n·(θ − θ0) + ½(θ0 − θ0₀)²·q (its derivative at θ0
 * is Σ_n C_n), i.e. that the chain rule through spikeSignalGrad is right.
 */
function relaxedCount(theta: Float64Array): number {
  let sum = 3;
  for (let n = 0; n < 1000; n++) {
    const c = C(n);
    sum += c[0] * (theta[0] - theta0[0]) + c[1] * (theta[1] - theta0[1]);
  }
  return sum + 0.7 * (theta[0] - theta0[0]) ** 2;
}

describe('spikeCount', () => {
  it('is (N − N*)² with N the number of spiking steps', () => {
    const obs = observe(base, theta0);
    expect(spikeCount(obs, 5).value).toBe(4);
    expect(spikeCount(obs, 3).value).toBe(0);
    expect(Array.from(spikeCount(obs, 3).grad)).toEqual([0, 0]);
  });

  it('has the exact gradient of the relaxed loss (chain rule through spikeSignalGrad)', () => {
    const obs = observe(base, theta0);
    for (const target of [0, 5, 7]) {
      const relaxed = (th: Float64Array): number => (relaxedCount(th) - target) ** 2;
      const { value, grad } = spikeCount(obs, target);
      expect(value).toBeCloseTo(relaxed(theta0), 12);
      expect(relError(grad, centralDiff(relaxed, theta0))).toBeLessThan(1e-6);
    }
  });

  it('rejects bad targets', () => {
    expect(() => spikeCount(observe(base, theta0), -1)).toThrow(RangeError);
    expect(() => spikeCount(observe(base, theta0), Number.NaN)).toThrow(RangeError);
  });
});

describe('rate', () => {
  it('is (r − r*)² in Hz², r = N / T', () => {
    expect(rateHz(3, 100)).toBeCloseTo(30, 12);
    const obs = observe(base, theta0);
    expect(rate(obs, 50).value).toBeCloseTo(400, 9);
    expect(rate(obs, 30).value).toBeCloseTo(0, 9);
  });

  it('has the exact gradient of the relaxed loss', () => {
    const obs = observe(base, theta0);
    for (const target of [0, 12.5, 80]) {
      const relaxed = (th: Float64Array): number => (rateHz(relaxedCount(th), 100) - target) ** 2;
      const { value, grad } = rate(obs, target);
      expect(value).toBeCloseTo(relaxed(theta0), 9);
      expect(relError(grad, centralDiff(relaxed, theta0))).toBeLessThan(1e-6);
    }
  });

  it('rejects an empty run and bad targets', () => {
    expect(() => rate(observe({ ...base, steps: 0, spikes: undefined }, theta0), 1)).toThrow(/no time/);
    expect(() => rate(observe(base, theta0), -3)).toThrow(RangeError);
  });
});
