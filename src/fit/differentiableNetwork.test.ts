import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runProject } from '../engine';
import type { Project } from '../project/schema';
import { DifferentiableCell, type DifferentiableCellOptions } from './differentiableCell';
import { DifferentiableNetwork } from './differentiableNetwork';
import { fitNeedsNetwork } from './networkPlan';
import { chainProject, testProject } from './testNetworks';

const fastSigmoid = (x: number) => 1 / (1 + Math.abs(x)) ** 2;

const project = testProject;

const options = (population: string, params: string[], extra: Partial<DifferentiableCellOptions> = {}): DifferentiableCellOptions => ({
  population,
  params,
  surrogate: fastSigmoid,
  resetGradient: 'differentiate',
  ...extra,
});

function worst(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let w = 0;
  for (let n = 0; n < a.length; n++) w = Math.max(w, Math.abs(a[n] - b[n]));
  return w;
}

/** Regular sources → LIF cells (the single-cell gradient's case). */
const feedForward = (synapse: string, weight: string) =>
  project({
    populations: [
      { id: 'src', model: 'RegularSource', size: 3, params: { rate: [40, 55, 70], phase: [1, 3, 6] } },
      { id: 'cell', model: 'LIF', size: 2, params: { tau_m: '12 ms' } },
    ],
    projections: [{ id: 'input', pre: 'src', post: 'cell', synapse, connectivity: { rule: 'all_to_all' }, weight, delayMs: 1.5 }],
    stimuli: [{ id: 'bias', type: 'step', target: 'cell', amplitude: '20 nA' }],
  });

/** Twelve LIF cells with different thresholds, coupled to each other (a loop), driven by a step. */
const recurrent = (delayMs: unknown = 1.2) =>
  project({
    populations: [{ id: 'cell', model: 'LIF', size: 12, params: { thr: Array.from({ length: 12 }, (_, i) => -54 + 0.5 * i) } }],
    projections: [{ id: 'rec', pre: 'cell', post: 'cell', synapse: 'ExpCurrent', connectivity: { rule: 'fixed_probability', p: 0.5 }, weight: '1.5 nA', delayMs }],
    stimuli: [{ id: 'bias', type: 'step', target: 'cell', amplitude: '16 nA' }],
  });

const chain = () => chainProject();

describe('DifferentiableNetwork', () => {
  for (const [synapse, weight] of [
    ['ExpCurrent', '0.6 nA'],
    ['AlphaCurrent', '0.3 nA'],
    ['DeltaSynapse', '0.8 mV'],
  ] as const) {
    it(`${synapse}, feed-forward inputs: the same observation and derivatives as the single-cell gradient`, () => {
      const p = feedForward(synapse, weight);
      const opts = options('cell', ['syn:input.w', 'tau_m', 'init:v']);
      const cell = new DifferentiableCell([p], opts);
      const network = new DifferentiableNetwork([p], opts);
      expect(Array.from(network.initialValues)).toEqual(Array.from(cell.initialValues));
      const theta = cell.initialValues;
      const [a] = cell.run(theta, true);
      const [b] = network.run(theta, true);
      expect(a.spikeTimesMs.length).toBeGreaterThan(4);
      expect(worst(b.trace, a.trace)).toBe(0);
      expect(worst(b.traceGrad, a.traceGrad)).toBe(0);
      expect(Array.from(b.spikeTimesMs)).toEqual(Array.from(a.spikeTimesMs));
      expect(worst(b.spikeTimeGrad, a.spikeTimeGrad)).toBe(0);
      expect(worst(b.spikeSignalGrad, a.spikeSignalGrad)).toBe(0);
    });
  }

  for (const model of ['LIF', 'HodgkinHuxley1952', 'AdEx', 'Izhikevich2003', 'Compartment_Na_K_Leak', 'FitzhughNagumoCell', 'QuadLIFCell']) {
    it(`${model}: the population step gives the single-cell step's values and derivatives, every reset mode`, () => {
      const json = JSON.parse(readFileSync(new URL(`../../examples/${model}.json`, import.meta.url), 'utf8'));
      json.simulation = { ...json.simulation, precision: 'f64', durationMs: 60 };
      const p = project(json);
      const population = p.populations[0].id;
      const probe = new DifferentiableCell([p], options(population, []));
      const params = probe.flat.params.slice(0, 2).map((q) => q.name);
      for (const resetGradient of ['detach', 'differentiate', 'spike-times'] as const) {
        const opts = options(population, params, { resetGradient });
        const cell = new DifferentiableCell([p], opts);
        const [a] = cell.run(cell.initialValues, true);
        const [b] = new DifferentiableNetwork([p], opts).run(cell.initialValues, true);
        // Equal up to rounding: the release term's ∂t/∂θ is the same formula in another order.
        const scale = Math.max(1, ...Array.from(a.traceGrad, Math.abs));
        expect(worst(b.trace, a.trace)).toBe(0);
        expect(worst(b.traceGrad, a.traceGrad)).toBeLessThan(1e-12 * scale);
        expect(worst(b.spikeTimeGrad, a.spikeTimeGrad)).toBeLessThan(1e-12 * Math.max(1, ...Array.from(a.spikeTimeGrad, Math.abs)));
      }
    });
  }

  it('a recurrent network: every observed neuron follows the engine (float64), spikes and all', () => {
    const p = recurrent();
    expect(fitNeedsNetwork(p, 'cell', ['tau_m'])).toBe(true);
    const run = runProject({ ...p, recordings: [{ population: 'cell', variables: ['v'], neurons: [0, 5, 11], intervalMs: 0.1 }] });
    const values = run.recordings[0].values;
    [0, 5, 11].forEach((neuron, col) => {
      const [obs] = new DifferentiableNetwork([p], { ...options('cell', ['tau_m']), neuron }).run(Float64Array.of(10), true);
      const want = Float64Array.from({ length: obs.steps }, (_, n) => values[n * 3 + col]);
      expect(worst(obs.trace, want)).toBeLessThan(1e-9);
      expect(obs.spikeTimesMs.length).toBeGreaterThan(3);
    });
    // The coupling matters: without it neuron 0's trace is another one.
    const [alone] = new DifferentiableNetwork([{ ...p, projections: [] }], options('cell', ['tau_m'])).run(Float64Array.of(10), true);
    const [coupled] = new DifferentiableNetwork([p], options('cell', ['tau_m'])).run(Float64Array.of(10), true);
    expect(worst(alone.trace, coupled.trace)).toBeGreaterThan(1);
  });

  it('per-connection delays: the forward pass is the engine run', () => {
    const p = recurrent({ dist: 'uniform', low: '0.5 ms', high: '3 ms' });
    const run = runProject({ ...p, recordings: [{ population: 'cell', variables: ['v'], neurons: [3], intervalMs: 0.1 }] });
    const [obs] = new DifferentiableNetwork([p], { ...options('cell', ['tau_m']), neuron: 3 }).run(Float64Array.of(10), false);
    expect(worst(obs.trace, run.recordings[0].values)).toBeLessThan(1e-9);
  });

  it("a spike's surrogate derivative travels through the synapse with the delay (a → b → c)", () => {
    // θ = the weight a → b: it moves b's spikes, which reach c (held below threshold) through a
    // delta synapse. c's derivative is then only what b's spikes carry: with Euler,
    //   ∂v_c[n + 1] = (1 − dt/τ) ∂v_c[n] + w_bc · ∂s_b[n − d]   (arrival at the end of step n).
    const p = chain();
    expect(fitNeedsNetwork(p, 'c', ['syn:ab.w'])).toBe(true);
    const theta = Float64Array.of(4);
    // Detached resets (the fit's default): a differentiated reset with a wide surrogate makes b's
    // own derivative grow without bound, which is not what this test is about.
    const detached = { resetGradient: 'detach' as const, synapseGradient: 'surrogate' as const };
    const [b] = new DifferentiableNetwork([p], options('b', ['syn:ab.w'], detached)).run(theta, true);
    const [c] = new DifferentiableNetwork([p], options('c', ['syn:ab.w'], detached)).run(theta, true);
    expect(b.spikeTimesMs.length).toBeGreaterThan(2);
    expect(c.spikeTimesMs.length).toBe(0);
    const decay = 1 - 0.1 / 20;
    const d = 15;
    const want = new Float64Array(c.steps);
    for (let n = 0; n + 1 < c.steps; n++) want[n + 1] = decay * want[n] + (n >= d ? 0.5 * b.spikeSignalGrad[n - d] : 0);
    const scale = Math.max(...want.map(Math.abs));
    expect(scale).toBeGreaterThan(1e-3);
    expect(worst(c.traceGrad, want) / scale).toBeLessThan(1e-12);
    // One step off in the delay would be another trace.
    const off = new Float64Array(c.steps);
    for (let n = 0; n + 1 < c.steps; n++) off[n + 1] = decay * off[n] + (n >= d + 1 ? 0.5 * b.spikeSignalGrad[n - d - 1] : 0);
    expect(worst(off, want) / scale).toBeGreaterThan(1e-3);
  });

  it("a spike's time derivative moves its arrival: the post cell takes the jump condition (a → b → c)", () => {
    // θ = the weight a → b moves b's spike times by ∂t/∂θ; a delta synapse's jump into c's linear
    // membrane then shifts c by (f⁻ − f⁺)·∂t/∂θ = (w_bc/τ_c)·∂t/∂θ at the arrival, decaying after:
    //   ∂v_c[n + 1] = (1 − dt/τ) ∂v_c[n] + Σ_{b's spikes of step n − d} (w_bc/τ_c) · ∂t_spike/∂θ.
    const p = chain();
    const theta = Float64Array.of(4);
    const spikeTimes = { resetGradient: 'detach' as const, synapseGradient: 'spike-times' as const };
    const [b] = new DifferentiableNetwork([p], options('b', ['syn:ab.w'], spikeTimes)).run(theta, true);
    const [c] = new DifferentiableNetwork([p], options('c', ['syn:ab.w'], spikeTimes)).run(theta, true);
    const spikeSteps = Array.from(b.spikeTimesMs, (t) => Math.floor(t / b.dtMs));
    expect(spikeSteps.length).toBeGreaterThan(2);
    expect(Math.min(...Array.from(b.spikeTimeGrad, Math.abs))).toBeGreaterThan(0);
    const kick = new Float64Array(c.steps);
    spikeSteps.forEach((m, j) => m + 15 < c.steps && (kick[m + 15] += (0.5 / 20) * b.spikeTimeGrad[j]));
    const want = new Float64Array(c.steps);
    for (let n = 0; n + 1 < c.steps; n++) want[n + 1] = (1 - 0.1 / 20) * want[n] + kick[n];
    const scale = Math.max(...want.map(Math.abs));
    expect(scale).toBeGreaterThan(1e-3);
    expect(worst(c.traceGrad, want) / scale).toBeLessThan(1e-12);
  });

  it('refuses a loop through a synapse it cannot carry derivatives through, naming it', () => {
    const p = recurrent();
    const tm = { ...p, projections: [{ ...p.projections[0], synapse: 'TsodyksMarkram' }] } as Project;
    expect(() => new DifferentiableNetwork([tm], options('cell', ['tau_m'], { synapseGradient: 'surrogate' }))).toThrow(/projection 'rec' \('cell' → 'cell'\).*per-connection states/);
  });
});
