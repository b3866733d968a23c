/**
 * Pushed spikes on the GPU (pushProjection.ts) against the CPU backend and against pulling: the
 * arrivals' exact sum, a network's spikes and traces, and the same numbers on every run. Without a
 * WebGPU adapter the tests are reported as skipped with the reason.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { acquireNodeGpu } from '../../cli/gpu';
import { compileProject } from '../build';
import { project, runCpu, runGpu as runOn, spikeTrains, worstTraceError } from './backendComparison';
import { GpuSimulation } from './gpuSimulation';
import type { Chunk } from '../simulation';

const gpu = await acquireNodeGpu();

/** Driven LIF cells kicking cells that only hold what arrives (dv/dt = 0), with a 1 ms delay. */
const kicks = () =>
  project({
    simulation: { dtMs: 0.1, durationMs: 60, seed: 11, precision: 'f32' },
    models: { Holder: 'model Holder : cell\nstates\n  v : mV = -70 mV\nequations\n  dv/dt = 0 mV / ms\n' },
    populations: [
      { id: 'src', model: 'LIF', size: 50, params: { R: { dist: 'uniform', low: 0.8, high: 1.4 }, t_ref: 2 } },
      { id: 'hold', model: 'Holder', size: 20 },
    ],
    projections: [{ id: 'kick', pre: 'src', post: 'hold', synapse: 'DeltaSynapse', connectivity: { rule: 'fixed_probability', p: 0.5 }, weight: { dist: 'uniform', low: '-1 mV', high: '2 mV' }, delayMs: 1 }],
    stimuli: [{ id: 'drive', type: 'step', target: 'src', amplitude: '16 nA', startMs: 2 }],
  });

/** Driven cells into recurrent cells: exponential and alpha currents, delta kicks, delays 0–1.5 ms. */
const recurrent = () =>
  project({
    simulation: { dtMs: 0.1, durationMs: 120, seed: 5, precision: 'f32' },
    populations: [
      { id: 'src', model: 'LIF', size: 40, params: { R: { dist: 'uniform', low: 0.9, high: 1.3 }, t_ref: 2 } },
      { id: 'dst', model: 'LIF', size: 30, params: { t_ref: 2 } },
    ],
    projections: [
      { id: 'alpha', pre: 'src', post: 'dst', synapse: 'AlphaCurrent', connectivity: { rule: 'fixed_probability', p: 0.3 }, weight: { dist: 'uniform', low: '1 nA', high: '3 nA' }, delayMs: 1.5 },
      { id: 'kick', pre: 'src', post: 'dst', synapse: 'DeltaSynapse', connectivity: { rule: 'fixed_probability', p: 0.1 }, weight: '0.8 mV', delayMs: 1 },
      { id: 'rec', pre: 'dst', post: 'dst', synapse: 'ExpCurrent', connectivity: { rule: 'all_to_all', allowSelf: false }, weight: '-0.3 nA' },
    ],
    stimuli: [{ id: 'drive', type: 'step', target: 'src', amplitude: '16 nA', startMs: 5 }],
    recordings: [{ population: 'dst', variables: ['v'], neurons: [0, 7, 29] }],
  });

/** As `recurrent`, with a delay drawn per connection (0.5–3 ms and 0–2 ms: 26 and 21 distinct steps). */
const spreadDelays = () =>
  project({
    simulation: { dtMs: 0.1, durationMs: 120, seed: 9, precision: 'f32' },
    populations: [
      { id: 'src', model: 'LIF', size: 40, params: { R: { dist: 'uniform', low: 0.9, high: 1.3 }, t_ref: 2 } },
      { id: 'dst', model: 'LIF', size: 30, params: { t_ref: 2 } },
    ],
    projections: [
      { id: 'wide', pre: 'src', post: 'dst', synapse: 'ExpCurrent', connectivity: { rule: 'fixed_probability', p: 0.5 }, weight: { dist: 'uniform', low: '3 nA', high: '6 nA' }, delayMs: { dist: 'uniform', low: 0.5, high: 3 } },
      { id: 'rec', pre: 'dst', post: 'dst', synapse: 'DeltaSynapse', connectivity: { rule: 'fixed_probability', p: 0.3, allowSelf: false }, weight: '0.3 mV', delayMs: { dist: 'uniform', low: 0, high: 2 } },
    ],
    stimuli: [{ id: 'drive', type: 'step', target: 'src', amplitude: '16 nA', startMs: 5 }],
    recordings: [{ population: 'dst', variables: ['v'], neurons: [0, 7, 29] }],
  });

if (typeof gpu === 'string') {
  it.skip(`pushed spikes on WebGPU: no WebGPU adapter here (${gpu})`, () => {});
} else {
  afterAll(() => gpu.device.destroy());
  const runGpu = (...args: Parameters<typeof runOn> extends [unknown, ...infer Rest] ? Rest : never) => runOn(gpu, ...args);

  describe(`pushed spikes on ${gpu.adapterName}`, () => {
    it('what arrives is the sum of the weights of the spikes that arrived, exactly as the CPU adds them (to 10⁻⁶)', async () => {
      const p = kicks();
      const cpu = runCpu(p);
      const onGpu = await runGpu(p, 150, { workgroup: false });
      expect(onGpu.pushed).toEqual(['kick']);
      // The exact sum: every pre spike sent before the last millisecond arrives (delay 1 ms).
      const { setup } = cpu.sim.projections[0];
      const spikes = new Map<number, number>();
      for (const c of cpu.chunks) c.spikes.neurons.forEach((i, j) => c.spikes.populations[j] === 0 && c.spikes.steps[j] < 600 - 10 && spikes.set(i, (spikes.get(i) ?? 0) + 1));
      const exact = new Float64Array(20).fill(-70);
      setup.connections.pre.forEach((pre, c) => (exact[setup.connections.post[c]] += (spikes.get(pre) ?? 0) * setup.connectionParams[0]![c]));
      expect(Math.max(...exact.map((v) => Math.abs(v + 70)))).toBeGreaterThan(20);
      const [vCpu, vGpu] = [cpu.sim, onGpu.sim].map((sim) => sim.getState('hold', 'v'));
      exact.forEach((v, j) => {
        expect(Math.abs(vCpu[j] - v), `cpu ${j}`).toBeLessThan(1e-6 * 200);
        expect(Math.abs(vGpu[j] - v), `gpu ${j}`).toBeLessThan(1e-6 * 200);
      });
    });

    it.each([
      ['a recurrent network', recurrent, ['alpha', 'kick', 'rec']],
      ['delays per connection', spreadDelays, ['wide', 'rec']],
    ])('%s: the spikes of the CPU and of pulling (each within a step), traces within 10⁻³ of their range', async (_, make, names) => {
      const p = make();
      const cpu = runCpu(p);
      const pushed = await runGpu(p, 300, { workgroup: false });
      const pulled = await runGpu(p, 300, { workgroup: false, push: false });
      expect([pushed.pushed, pulled.pushed]).toEqual([names, []]);
      expect(cpu.sim.spikeCounts[1]).toBeGreaterThan(50);
      for (const other of [cpu, pulled]) {
        const [a, b] = [spikeTrains(other.chunks), spikeTrains(pushed.chunks)];
        expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
        for (const [key, steps] of a) {
          expect(b.get(key)!.length, key).toBe(steps.length);
          steps.forEach((s, j) => expect(Math.abs(s - b.get(key)![j]), key).toBeLessThanOrEqual(1));
        }
        expect(worstTraceError(other, pushed)).toBeLessThan(1e-3);
      }
    });

    it('gives the same numbers on every run, whatever order the threads add in (integers)', async () => {
      const p = recurrent();
      const final = async (chunkSteps: number) => {
        const host = compileProject(p);
        const gpuSim = GpuSimulation.create(host, gpu, { chunkSteps, workgroup: false });
        await gpuSim.runAsync({});
        gpuSim.destroy();
        return Float32Array.from(host.getState('dst', 'v'));
      };
      const first = await final(300);
      expect(await final(300)).toEqual(first);
      expect(await final(97)).toEqual(first);
    });

    it.each([
      ['a recurrent network', recurrent, ['alpha', 'kick', 'rec']],
      ['delays per connection', spreadDelays, ['wide', 'rec']],
    ])('%s pushes in one workgroup a chunk too: the numbers of a dispatch a step, bit for bit', async (_, make, names) => {
      const p = make();
      const run = async (workgroup: boolean, chunkSteps: number) => {
        const host = compileProject(p);
        const gpuSim = GpuSimulation.create(host, gpu, { chunkSteps, workgroup });
        expect(gpuSim.dispatchMode).toBe(workgroup ? 'workgroup' : 'per-step-with-arrivals');
        expect(gpuSim.pushedProjections).toEqual(names);
        const chunks: Chunk[] = [];
        await gpuSim.runAsync({ onChunk: (c) => void chunks.push(c) });
        gpuSim.destroy();
        return { v: Float32Array.from(host.getState('dst', 'v')), spikes: spikeTrains(chunks), spikeCount: host.spikeCounts[1] };
      };
      const perStep = await run(false, 300);
      expect(perStep.spikeCount).toBeGreaterThan(50);
      const inWorkgroup = await run(true, 300);
      expect(inWorkgroup.v).toEqual(perStep.v);
      expect(inWorkgroup.spikes).toEqual(perStep.spikes);
      // Chunks that end in the middle of a delay: the arrivals pushed across a chunk's end.
      expect((await run(true, 97)).v).toEqual(perStep.v);
    });
  });
}
