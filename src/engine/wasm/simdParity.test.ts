/**
 * The WebAssembly SIMD kernel against the JavaScript step it replaces, on every float32 example and
 * on the cases the kernel handles specially (padding lanes, per-neuron values, blow-ups, live
 * edits, fallbacks). The kernel computes in float32 and the JavaScript step in float64 (storing
 * float32), so values differ by rounding: traces are compared within 1e-4 of each state's range
 * and spike counts exactly over short runs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BlowUpError, compileProject, type Simulation } from '..';
import type { ProjectInput } from '../../project/schema';
import { parseProject } from '../../project/validate';
import { singlePopulationProject } from '../testing';
import { wasmSimdSupported } from './binary';

const EXAMPLES = join(__dirname, '../../../examples');

function both(json: ProjectInput, durationMs?: number): [Simulation, Simulation] {
  const parsed = parseProject(json);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return [compileProject(parsed.project, { simd: false, durationMs }), compileProject(parsed.project, { simd: true, durationMs })];
}

/** Largest state difference relative to the state's range, over every population and state. */
function worstRelative(js: Simulation, simd: Simulation): number {
  let worst = 0;
  js.populations.forEach((pop, p) =>
    pop.states.forEach((values, k) => {
      let range = 1e-12;
      for (const v of values) range = Math.max(range, Math.abs(v));
      values.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - simd.populations[p].states[k][i]) / range)));
    }),
  );
  return worst;
}

describe.runIf(wasmSimdSupported())('WebAssembly SIMD kernel', () => {
  const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json'));
  const float32 = examples.filter((f) => JSON.parse(readFileSync(join(EXAMPLES, f), 'utf8')).simulation.precision !== 'f64');

  // Recurrent networks (CUBA, COBA, COBAHH) are chaotic: rounding differences grow into spikes a
  // step apart within tens of milliseconds. Their spike counts are compared within 1%; every other
  // example's counts exactly and its states within 1e-4 of range.
  const isNetwork = (json: { projections?: unknown[] }) => (json.projections?.length ?? 0) > 0;

  it.each(float32)('%s: the same spikes and states within 1e-4 of range as the JavaScript step (100 ms)', (file) => {
    const json = JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8'));
    const [js, simd] = both(json, 100);
    js.run();
    simd.run();
    if (isNetwork(json)) {
      js.spikeCounts.forEach((count, p) => expect(Math.abs(simd.spikeCounts[p] - count) / count).toBeLessThan(0.01));
      return;
    }
    expect([...simd.spikeCounts]).toEqual([...js.spikeCounts]);
    expect(worstRelative(js, simd)).toBeLessThan(1e-4);
  });

  it('steps every example population that has no population reduction or one_spike', () => {
    const fallbacks = new Map<string, string>();
    for (const file of float32) {
      const [, simd] = both(JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')), 1);
      for (const pop of simd.populations) if (pop.cpuKernel.kind !== 'wasm-simd') fallbacks.set(`${file}:${pop.id}`, pop.cpuKernel.reason ?? '');
    }
    expect(Object.fromEntries(fallbacks)).toEqual({
      'WTASCell.json:cell': 'population reductions (pop_sum, pop_max) need the whole population first',
    });
  });

  it('draws rand() bit-identically and randn() to float32 rounding, per neuron and step', () => {
    // One Euler step of 1 ms: x and y become this step's draws of every neuron.
    const model = 'model Draws : cell\nstates\n  x = 0\n  y = 0\nequations\n  dx/dt = rand() / ms\n  dy/dt = randn() / ms\n';
    const [js, simd] = both(singlePopulationProject({ model: 'Draws', size: 2000 }, { models: { Draws: model }, precision: 'f32', dtMs: 1 }));
    expect(simd.populations[0].cpuKernel.kind).toBe('wasm-simd');
    for (let step = 0; step < 3; step++) {
      js.run({ steps: 1 });
      simd.run({ steps: 1 });
      expect([...simd.populations[0].states[0]]).toEqual([...js.populations[0].states[0]]);
      let worst = 0;
      js.populations[0].states[1].forEach((v, i) => (worst = Math.max(worst, Math.abs(v - simd.populations[0].states[1][i]))));
      expect(worst).toBeLessThan(2e-5);
    }
    // and they are the counter-based streams' values: different per neuron and step
    const y = simd.populations[0].states[1];
    const mean = Array.from(y).reduce((a, b) => a + b, 0) / y.length;
    expect(Math.abs(mean) / Math.sqrt(3 / y.length)).toBeLessThan(4); // three N(0,1) draws summed
  });

  it('computes sin and cos of per-neuron values (a theta neuron) as the JavaScript step does', () => {
    const model = [
      'model Theta : cell',
      'params',
      '  drive = 0.3',
      'states',
      '  theta = 0',
      '  y = 0',
      'equations',
      '  dtheta/dt = ((1 - cos(theta)) + (1 + cos(theta)) * drive) / ms',
      '  dy/dt = sin(theta) / ms',
      'spike theta > pi',
      'reset',
      '  theta -= 2 * pi',
    ].join('\n');
    const project = singlePopulationProject({ model: 'Theta', size: 8, params: { drive: [0.05, 0.1, 0.2, 0.3, 0.5, 0.8, 1, 2] } }, { models: { Theta: model }, precision: 'f32', durationMs: 100 });
    const [js, simd] = both(project);
    expect(simd.populations[0].cpuKernel.kind).toBe('wasm-simd');
    js.run();
    simd.run();
    expect(simd.spikeCounts[0]).toBeGreaterThan(10);
    expect([...simd.spikeCounts]).toEqual([...js.spikeCounts]);
    expect(worstRelative(js, simd)).toBeLessThan(1e-4);
  });

  it('ignores the padding lanes of a population whose size is not a multiple of 4', () => {
    for (const size of [1, 2, 3, 5, 7]) {
      const project = singlePopulationProject({ model: 'LIF', size, params: { R: Array.from({ length: size }, (_, i) => 12 + 2 * i) } }, { precision: 'f32', durationMs: 200, stimuli: [{ id: 's', type: 'step', target: 'pop', amplitude: 1.5 }] });
      const [js, simd] = both(project);
      const spikes = (sim: Simulation) => {
        const out: number[] = [];
        sim.run({ onChunk: (c) => void out.push(...c.spikes.neurons) });
        return out;
      };
      expect(simd.populations[0].cpuKernel.kind).toBe('wasm-simd');
      const simdSpikes = spikes(simd);
      expect(simdSpikes).toEqual(spikes(js));
      expect(Math.max(...simdSpikes)).toBeLessThan(size);
    }
  });

  it('reads per-neuron parameters and inputs, and follows live edits of them', () => {
    const size = 10;
    const project = singlePopulationProject(
      { model: 'LIF', size, params: { tau_m: Array.from({ length: size }, (_, i) => 5 + i) } },
      { precision: 'f32', durationMs: 100, stimuli: [{ id: 's', type: 'step', target: 'pop', amplitude: 20, neurons: [1, 3, 5, 7, 9] }] },
    );
    const [js, simd] = both(project);
    expect(simd.populations[0].cpuKernel.kind).toBe('wasm-simd');
    for (const sim of [js, simd]) {
      sim.run({ durationMs: 50 });
      sim.setParam('pop', 'tau_m', Array.from({ length: size }, (_, i) => 15 - i));
      sim.run({ durationMs: 50 });
    }
    // Spike counts over 100 ms of regular firing: equal, or one apart where float32 rounding moved
    // a spike across the end (states are then a step apart, a few mV, so they are not compared).
    expect(simd.spikeCounts[0]).toBeGreaterThan(20);
    expect(Math.abs(simd.spikeCounts[0] - js.spikeCounts[0])).toBeLessThanOrEqual(1);
    // A parameter that becomes per-neuron after the build has no float32 copy: JavaScript from then on.
    simd.setParam('pop', 'thr', Array.from({ length: size }, () => -50));
    expect(simd.populations[0].cpuKernel).toEqual({ kind: 'javascript', reason: 'a parameter became per-neuron after the population was built' });
    js.setParam('pop', 'thr', Array.from({ length: size }, () => -50));
    const [jsBefore, simdBefore] = [js.spikeCounts[0], simd.spikeCounts[0]];
    js.run({ durationMs: 50 });
    simd.run({ durationMs: 50 });
    expect(simd.spikeCounts[0] - simdBefore).toBeGreaterThan(5);
    expect(Math.abs(simd.spikeCounts[0] - simdBefore - (js.spikeCounts[0] - jsBefore))).toBeLessThanOrEqual(1);
  });

  it('reports a blow-up with the neuron, variable and time, as the JavaScript step does', () => {
    // Neuron 2 of 6 has a negative time constant: its v grows by 2% a step until it overflows.
    const model = 'model Grow : cell\nparams\n  tau = 10 ms\nstates\n  v = 1 mV\nequations\n  dv/dt = -v / tau\n';
    const project = singlePopulationProject({ model: 'Grow', size: 6, params: { tau: [10, 10, -5, 10, 10, 10] } }, { models: { Grow: model }, precision: 'f32', durationMs: 1000 });
    const errors = both(project).map((sim) => {
      try {
        sim.run();
      } catch (e) {
        return e as BlowUpError;
      }
      throw new Error('no blow-up');
    });
    expect(errors[1]).toBeInstanceOf(BlowUpError);
    expect([errors[1].population, errors[1].neuron, errors[1].variable]).toEqual(['pop', 2, 'v']);
    expect(errors[1].value).toBe(Infinity);
    expect(Math.abs(errors[1].tMs - errors[0].tMs)).toBeLessThanOrEqual(0.2);
  });

  it('keeps float64 runs, and runs asked for JavaScript, on the JavaScript step', () => {
    const project = singlePopulationProject({ model: 'LIF' }, { precision: 'f64' });
    const [, f64] = both(project);
    expect(f64.populations[0].cpuKernel).toEqual({ kind: 'javascript' });
    const [js, simd] = both(singlePopulationProject({ model: 'LIF' }, { precision: 'f32' }));
    expect(js.populations[0].cpuKernel).toEqual({ kind: 'javascript' });
    expect(simd.populations[0].cpuKernel).toEqual({ kind: 'wasm-simd' });
  });

  it('flushes subnormal states to zero (they would slow the kernel ~20×)', () => {
    const model = 'model Decay : cell\nstates\n  g = 1 nS\nequations\n  dg/dt = -g / (1 ms)\n';
    const [, simd] = both(singlePopulationProject({ model: 'Decay', size: 4 }, { models: { Decay: model }, precision: 'f32' }), 1000);
    simd.run({ durationMs: 200 }); // 0.9^2000: far below float32's smallest normal number
    expect([...simd.populations[0].states[0]]).toEqual([0, 0, 0, 0]);
  });
});
