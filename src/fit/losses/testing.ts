/**
 * Test helpers: synthetic `CaseObservation`s whose trace and spike times are smooth, analytically
 * differentiable functions of θ, so a loss's chain-rule gradient can be checked against a central
 * finite difference of the loss itself. Only tests import this.
 */
import type { CaseObservation } from '../observation.ts';

export interface SmoothCase {
  readonly dtMs: number;
  readonly steps: number;
  readonly paramCount: number;
  /** y(θ, t) and ∂y/∂θ at sample time t. Default: 0. */
  readonly trace?: (theta: Float64Array, tMs: number) => { value: number; grad: number[] };
  /** Spike times (sorted, inside (0, T]) and ∂t_j/∂θ. Default: none. */
  readonly spikes?: (theta: Float64Array) => { times: number[]; grads: number[][] };
  /** Surrogate ∂s[n]/∂θ per step. Default: 0. */
  readonly signalGrad?: (n: number) => number[];
}

export function observe(c: SmoothCase, theta: Float64Array): CaseObservation {
  const { dtMs, steps, paramCount: P } = c;
  const trace = new Float64Array(steps);
  const traceGrad = new Float64Array(steps * P);
  const spikeSignalGrad = new Float64Array(steps * P);
  for (let n = 0; n < steps; n++) {
    if (c.trace !== undefined) {
      const { value, grad } = c.trace(theta, n * dtMs);
      trace[n] = value;
      traceGrad.set(grad, n * P);
    }
    if (c.signalGrad !== undefined) spikeSignalGrad.set(c.signalGrad(n), n * P);
  }
  const { times, grads } = c.spikes?.(theta) ?? { times: [], grads: [] };
  const spikeTimeGrad = new Float64Array(times.length * P);
  times.forEach((t, j) => {
    spikeTimeGrad.set(grads[j], j * P);
  });
  return {
    dtMs,
    steps,
    paramCount: P,
    trace,
    traceGrad,
    spikeTimesMs: Float64Array.from(times),
    spikeTimeGrad,
    spikeSignalGrad,
  };
}

/** Central finite difference of f at θ with step h in every coordinate. */
export function centralDiff(f: (theta: Float64Array) => number, theta: Float64Array, h = 1e-5): Float64Array {
  const out = new Float64Array(theta.length);
  for (let k = 0; k < theta.length; k++) {
    const plus = Float64Array.from(theta);
    const minus = Float64Array.from(theta);
    plus[k] += h;
    minus[k] -= h;
    out[k] = (f(plus) - f(minus)) / (2 * h);
  }
  return out;
}

/** ‖a − b‖∞ / ‖b‖∞: relative error of a gradient against a reference. */
export function relError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / Math.max(scale, 1e-300);
}
