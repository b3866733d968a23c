/**
 * Convergence orders of the integrators on a smooth model with a known solution: a damped
 * oscillator x'' + 2ζω x' + ω² x = 0. Halving dt must shrink the error by 2^order.
 */
import { describe, expect, it } from 'vitest';
import { runProject } from '.';
import { singlePopulationProject } from './testing';

const oscillator = `## Damped harmonic oscillator (a smooth test model).
model Oscillator : cell
params
  w = 0.5 / ms     # angular frequency
  z = 0.1          # damping ratio
states
  x : 1 = 1        # position
  y : 1/ms = 0/ms  # velocity
equations
  dx/dt = y
  dy/dt = -w^2*x - 2*z*w*y
`;

const W = 0.5;
const Z = 0.1;
const T = 20;

function exactX(t: number): number {
  const wd = W * Math.sqrt(1 - Z * Z);
  return Math.exp(-Z * W * t) * (Math.cos(wd * t) + ((Z * W) / wd) * Math.sin(wd * t));
}

function errorAtEnd(integrator: string, dtMs: number): number {
  const run = runProject(
    singlePopulationProject({ model: 'Oscillator', integrator: integrator as 'euler' }, { models: { Oscillator: oscillator }, dtMs, durationMs: T + dtMs, record: ['x'], intervalMs: dtMs }),
  );
  const { timesMs, values } = run.recordings[0];
  const last = timesMs.length - 1;
  expect(timesMs[last]).toBeCloseTo(T, 9);
  return Math.abs(values[last] - exactX(T));
}

describe('integrator convergence orders', () => {
  it.each([
    ['euler', 1],
    ['midpoint', 2],
    ['heun', 2],
    ['rk4', 4],
  ])('%s converges with order %i', (integrator, order) => {
    const dts = [0.2, 0.1, 0.05];
    const errors = dts.map((dt) => errorAtEnd(integrator as string, dt));
    const observed = Math.log2(errors[1] / errors[2]);
    expect(observed).toBeGreaterThan((order as number) - 0.2);
    expect(observed).toBeLessThan((order as number) + 0.3);
    expect(errors[2]).toBeLessThan(errors[0]);
  });

  it('accepts ngclearn integrator names (rk2 is the midpoint method)', () => {
    expect(errorAtEnd('rk2', 0.1)).toBe(errorAtEnd('midpoint', 0.1));
  });
});
