import { describe, expect, it } from 'vitest';
import { traceMse } from './traceMse.ts';
import { centralDiff, observe, relError, type SmoothCase } from './testing.ts';

const f64 = (...xs: number[]): Float64Array => Float64Array.from(xs);

/** y(θ, t) = θ0·sin(0.7 t) + θ1 + θ2²·e^{−t/5}: smooth and nonlinear in θ. */
const smooth: SmoothCase = {
  dtMs: 0.1,
  steps: 200,
  paramCount: 3,
  trace: (th, t) => ({
    value: th[0] * Math.sin(0.7 * t) + th[1] + th[2] * th[2] * Math.exp(-t / 5),
    grad: [Math.sin(0.7 * t), 1, 2 * th[2] * Math.exp(-t / 5)],
  }),
};

describe('traceMse values', () => {
  const flat: SmoothCase = {
    dtMs: 1,
    steps: 3,
    paramCount: 1,
    trace: (_th, t) => ({ value: t + 1, grad: [1] }), // samples 1, 2, 3 at t = 0, 1, 2
  };
  const zero = { tMs: f64(0, 10), values: f64(0, 0) };

  it('is the weighted mean of squared errors', () => {
    const obs = observe(flat, f64(0));
    expect(traceMse(obs, zero).value).toBeCloseTo((1 + 4 + 9) / 3, 14);
    const { value, grad } = traceMse(obs, zero, { weights: f64(1, 0, 1) });
    expect(value).toBeCloseTo((1 + 9) / 2, 14);
    expect(grad[0]).toBeCloseTo((2 * 1 + 2 * 3) / 2, 14); // Σ 2 w e ∂y / Σ w, ∂y = 1
  });

  it('keeps samples inside the inclusive window [startMs, stopMs]', () => {
    const obs = observe(flat, f64(0));
    expect(traceMse(obs, zero, { startMs: 1, stopMs: 2 }).value).toBeCloseTo((4 + 9) / 2, 14);
    expect(traceMse(obs, zero, { stopMs: 0 }).value).toBeCloseTo(1, 14);
    // Window edges that are grid times up to float rounding still count (0.1·3 ≠ 0.3 in binary).
    const fine = observe({ ...flat, dtMs: 0.1, steps: 10 }, f64(0));
    const w = traceMse(fine, zero, { startMs: 0.3, stopMs: 0.3 });
    expect(w.value).toBeCloseTo(1.3 * 1.3, 14);
  });

  it('skips samples where the target has no data, and throws when none is left', () => {
    const obs = observe(flat, f64(0));
    const partial = { tMs: f64(0.5, 3), values: f64(0, 0) };
    expect(traceMse(obs, partial).value).toBeCloseTo((4 + 9) / 2, 14);
    const late = { tMs: f64(50, 60), values: f64(0, 0) };
    expect(() => traceMse(obs, late)).toThrow(/no sample in the window/);
    expect(() => traceMse(obs, zero, { startMs: 5, stopMs: 1 })).toThrow(/window/);
    expect(() => traceMse(obs, zero, { weights: f64(1, 1) })).toThrow(/weights/);
    expect(() => traceMse(obs, zero, { weights: f64(1, -1, 1) })).toThrow(/weight 1/);
  });

  it('is zero, with zero gradient, when the model reproduces the target', () => {
    const theta = f64(0.8, -0.3, 1.7);
    const obs = observe(smooth, theta);
    const target = { tMs: Float64Array.from({ length: 200 }, (_, n) => n * 0.1), values: obs.trace };
    const { value, grad } = traceMse(obs, target);
    expect(value).toBe(0);
    expect(Array.from(grad)).toEqual([0, 0, 0]);
  });
});

describe('traceMse gradient vs finite differences', () => {
  // An irregularly sampled target that covers only part of the run, and random weights.
  const tMs = Float64Array.from({ length: 40 }, (_, i) => 0.5 + i * 0.45 + 0.1 * Math.sin(i));
  const target = { tMs, values: tMs.map((t) => 0.5 * Math.sin(0.6 * t) + 0.2 * t - 1) };
  const weights = Float64Array.from({ length: 200 }, (_, n) => 0.5 + 0.5 * Math.cos(n * 1.3) ** 2);

  for (const options of [{}, { startMs: 3, stopMs: 15 }, { startMs: 2.05, weights }]) {
    it(`matches with options ${JSON.stringify(Object.keys(options))}`, () => {
      const theta = f64(0.8, -0.3, 1.7);
      const loss = (th: Float64Array): number => traceMse(observe(smooth, th), target, options).value;
      const { grad } = traceMse(observe(smooth, theta), target, options);
      expect(relError(grad, centralDiff(loss, theta))).toBeLessThan(1e-6);
    });
  }
});
