import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runProject } from '../engine';
import { parseProject } from '../project/validate';
import type { Project } from '../project/schema';
import { DifferentiableCell, type DifferentiableCellOptions } from './differentiableCell';

const fastSigmoid = (x: number) => 1 / (1 + Math.abs(x)) ** 2;

function example(name: string, edit: (json: Record<string, unknown>) => void = () => {}): Project {
  const json = JSON.parse(readFileSync(new URL(`../../examples/${name}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
  (json.simulation as Record<string, unknown>).precision = 'f64';
  edit(json);
  const parsed = parseProject(json);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.project;
}

/** Every step recorded: one variable of neuron 0 of the first population. */
function engineTrace(project: Project, variable: string): Float64Array {
  const pop = project.populations[0].id;
  const run = runProject({ ...project, recordings: [{ population: pop, variables: [variable], neurons: [0], intervalMs: project.simulation.dtMs }] });
  return Float64Array.from(run.recordings[0].values);
}

const cell = (project: Project, params: string[], extra: Partial<DifferentiableCellOptions> = {}) =>
  new DifferentiableCell([project], { population: project.populations[0].id, params, surrogate: fastSigmoid, resetGradient: 'differentiate', ...extra });

describe('DifferentiableCell: the forward pass is the engine run', () => {
  for (const name of ['LIF', 'HodgkinHuxley1952', 'AdEx', 'Izhikevich2003', 'Compartment_Na_K_Leak', 'Compartment_Leak_Fire', 'FitzhughNagumoCell', 'QuadLIFCell']) {
    it(`${name}: same membrane potential at every step as the CPU backend (float64)`, () => {
      const project = example(name);
      const c = cell(project, []);
      const want = engineTrace(project, c.observedState);
      const [obs] = c.run(new Float64Array(0), false);
      expect(obs.steps).toBe(want.length);
      let worst = 0;
      for (let n = 0; n < want.length; n++) worst = Math.max(worst, Math.abs(obs.trace[n] - want[n]));
      // Exponential Euler's φ is a series on the CPU for |B·dt| < 1e-5 and exprel here: ~1e-10 apart.
      expect(worst).toBeLessThan(1e-7);
    });
  }
});

/** Central finite difference of f(θ) along parameter k. */
function centralDifference(f: (theta: Float64Array) => number, theta: Float64Array, k: number, h: number): number {
  const plus = Float64Array.from(theta);
  const minus = Float64Array.from(theta);
  plus[k] += h;
  minus[k] -= h;
  return (f(plus) - f(minus)) / (2 * h);
}

describe('DifferentiableCell: gradients agree with central finite differences on smooth models', () => {
  it('Hodgkin–Huxley: ∂v(t)/∂(gNa, gK, gL) along a whole action-potential train, relative error < 1e-5', () => {
    const project = example('HodgkinHuxley1952', (j) => ((j.simulation as Record<string, number>).durationMs = 40));
    const c = cell(project, ['gNa', 'gK', 'gL']);
    const theta = c.initialValues;
    const [obs] = c.run(theta);
    const P = 3;
    for (const n of [500, 1500, 2500, 3999]) {
      for (let k = 0; k < P; k++) {
        const h = theta[k] * 1e-6;
        const fd = centralDifference((t) => c.run(t, false)[0].trace[n], theta, k, h);
        const ad = obs.traceGrad[n * P + k];
        expect(Math.abs(ad - fd)).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd)));
      }
    }
  });

  it('trained initial values and gate steady states: ∂v/∂v0 matches finite differences', () => {
    const project = example('HodgkinHuxley1952', (j) => ((j.simulation as Record<string, number>).durationMs = 20));
    const c = cell(project, ['init:v', 'gL']);
    const theta = c.initialValues;
    const [obs] = c.run(theta);
    for (const n of [0, 10, 999, 1999]) {
      for (let k = 0; k < 2; k++) {
        const fd = centralDifference((t) => c.run(t, false)[0].trace[n], theta, k, 1e-5 * Math.abs(theta[k]));
        expect(Math.abs(obs.traceGrad[n * 2 + k] - fd)).toBeLessThan(1e-4 * Math.max(1, Math.abs(fd)));
      }
    }
  });
});

describe('DifferentiableCell: spiking models', () => {
  it('LIF spike times: their derivative is that of the interpolated crossing (finite differences agree with detached reset)', () => {
    const project = example('LIF');
    const c = cell(project, ['tau_m'], { resetGradient: 'detach' });
    const theta = c.initialValues;
    const [obs] = c.run(theta);
    expect(obs.spikeTimesMs.length).toBeGreaterThan(2);
    const h = theta[0] * 1e-7;
    const spikeTime = (t: Float64Array, j: number) => c.run(t, false)[0].spikeTimesMs[j];
    for (let j = 0; j < 3; j++) {
      const fd = centralDifference((t) => spikeTime(t, j), theta, 0, h);
      expect(obs.spikeTimeGrad[j]).toBeCloseTo(fd, 4);
    }
  });

  it('the spike signal surrogate is σ′(margin)·∂margin/∂θ: non-zero only near threshold and out of refractoriness', () => {
    const project = example('LIF');
    const c = cell(project, ['tau_m']);
    const [obs] = c.run(c.initialValues);
    const nonZero = obs.spikeSignalGrad.filter((g) => g !== 0).length;
    expect(nonZero).toBeGreaterThan(0);
  });

  it('refuses what it cannot differentiate, saying why', () => {
    const cuba = example('cuba');
    expect(() => cell(cuba, ['tau'], { population: cuba.populations[0].id })).toThrow(/projection/);
    const project = example('LIF');
    expect(() => cell(project, ['nope'])).toThrow(/'nope' is not a parameter of population/);
    const noisy = example('LIF', (j) => {
      j.models = { Noisy: 'model Noisy : cell\nparams\n  tau = 10 ms\nstates\n  v = 0 mV\nequations\n  dv/dt = (-v + 1 mV * randn()) / tau\n' };
      (j.populations as { model: string }[])[0].model = 'Noisy';
      j.stimuli = [];
    });
    expect(() => cell(noisy, ['tau'])).toThrow(/rand\(\)\/randn\(\) cannot be fitted by gradient/);
  });
});
