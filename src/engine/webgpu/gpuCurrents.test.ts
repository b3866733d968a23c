/**
 * Per-connection currents and clock-driven synapse states on the GPU against the CPU backend
 * (float32): gap junctions between and within populations (reading the pre cell's v), and Jaxley's
 * SpikeSynapse (a per-connection state advanced every step, driving a current per connection).
 * Runs on Dawn in Node; without a WebGPU adapter the tests are reported as skipped with the reason.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireNodeGpu } from '../../cli/gpu';
import type { Project } from '../../project/schema';
import { compileProject } from '../build';
import type { Chunk } from '../simulation';
import { compareTrains, expectOnBothPaths, project, runCpu, runGpu, worstTraceError, type Outcome } from './backendComparison';
import { GpuSimulation } from './gpuSimulation';
import { gpuUnsupportedReason } from './support';

const gpu = await acquireNodeGpu();

/** A driven LIF layer coupled to a silent one by gap junctions and kicked (a delta synapse on v, which the currents must see), and gap junctions inside the silent one. */
const gapJunctions = (): Project =>
  project({
    simulation: { dtMs: 0.1, durationMs: 120, seed: 2, precision: 'f32' },
    populations: [
      { id: 'driven', model: 'LIF', size: 20, params: { thr: { dist: 'uniform', low: -54, high: -50 } } },
      { id: 'coupled', model: 'LIF', size: 16 },
    ],
    projections: [
      { id: 'gap', pre: 'driven', post: 'coupled', synapse: 'GapJunction', connectivity: { rule: 'fixed_probability', p: 0.3 }, weight: { dist: 'uniform', low: '0.05 uS', high: '0.2 uS' } },
      { id: 'within', pre: 'coupled', post: 'coupled', synapse: 'GapJunction', connectivity: { rule: 'fixed_probability', p: 0.2 }, weight: '0.1 uS' },
      { id: 'kick', pre: 'driven', post: 'coupled', synapse: 'DeltaSynapse', connectivity: { rule: 'fixed_probability', p: 0.2 }, weight: '1 mV', delayMs: 1 },
    ],
    stimuli: [
      { id: 'drive', type: 'step', target: 'driven', amplitude: '18 nA', startMs: 5 },
      { id: 'bias', type: 'step', target: 'coupled', amplitude: '13.5 nA' },
    ],
    recordings: [{ population: 'coupled', variables: ['v'], neurons: [0, 5, 15] }],
  });

/** examples/jaxley_network.json in float32, every cell's v recorded. */
function jaxley(): Project {
  const json = JSON.parse(readFileSync(new URL('../../../examples/jaxley_network.json', import.meta.url), 'utf8'));
  return project({ ...json, simulation: { ...json.simulation, precision: 'f32' } });
}

if (typeof gpu === 'string') {
  it.skip(`WebGPU per-connection currents: no WebGPU adapter here (${gpu})`, () => {});
} else {
  afterAll(() => gpu.device.destroy());

  const onBothPaths = (cpu: Outcome, p: Project, tolerance: number) => expectOnBothPaths(gpu, cpu, p, tolerance);

  describe(`per-connection currents on ${gpu.adapterName}, as on the CPU backend`, () => {
    it('gap junctions between and within populations (v_pre and v), with a chemical synapse beside them', async () => {
      const p = gapJunctions();
      expect(gpuUnsupportedReason(compileProject(p))).toBeUndefined();
      const cpu = runCpu(p);
      expect(cpu.sim.spikeCounts[1]).toBeGreaterThan(10);
      // Currents read the pre cells after everyone's step: a dispatch for the populations' step, one
      // for the arrivals, one for the currents — or the whole chunk in one workgroup, with barriers.
      const { perStep } = await onBothPaths(cpu, p, 0.01);
      // The kicks are pushed, between the step and the arrivals (which collect them): a fourth dispatch.
      expect([perStep.dispatchesPerStep, perStep.pushed]).toEqual([4, ['kick']]);
      const pulled = await runGpu(gpu, p, 300, { workgroup: false, push: false });
      expect([pulled.dispatchesPerStep, pulled.pushed]).toEqual([3, []]);
      expect(compareTrains(cpu, pulled).off).toEqual([]);
      expect(worstTraceError(perStep, pulled)).toBeLessThan(1e-3);
      // The coupling matters: without the gap junctions the coupled cells' traces are others.
      const uncoupled = runCpu({ ...p, projections: p.projections.filter((q) => q.synapse !== 'GapJunction') });
      expect(worstTraceError(cpu, uncoupled)).toBeGreaterThan(0.05);
    });

    it("Jaxley's network (SpikeSynapse: a state advanced every step per connection, a current per connection): spikes and traces", async () => {
      const p = jaxley();
      expect(gpuUnsupportedReason(compileProject(p))).toBeUndefined();
      const cpu = runCpu(p);
      expect(cpu.sim.spikeCounts.reduce((a, b) => a + b, 0)).toBeGreaterThan(5);
      await onBothPaths(cpu, p, 0.01);
    });

    it('hands over between the backends mid-run (CPU → GPU in chunks → CPU): the CPU run, spike for spike and trace for trace', async () => {
      // The host computes the first GPU step's currents; each chunk leaves the connection states
      // where the CPU expects them at its step. Off by one step either way, the traces part.
      // The gap junctions with a dispatch per phase, Jaxley's network in one workgroup a chunk.
      const jaxleyNet = jaxley();
      for (const p of [gapJunctions(), jaxleyNet]) {
        const cpu = runCpu(p);
        const steps = Math.round(p.simulation.durationMs / p.simulation.dtMs);
        const host = compileProject(p);
        const chunks: Chunk[] = [];
        const keep = (c: Chunk) => void chunks.push(c);
        host.run({ steps: Math.round(steps / 4), onChunk: keep });
        const gpuSim = GpuSimulation.create(host, gpu, { chunkSteps: 97, workgroup: p === jaxleyNet });
        await gpuSim.runAsync({ steps: Math.round(steps / 2), onChunk: keep });
        gpuSim.destroy();
        host.run({ steps: steps - Math.round(steps / 4) - Math.round(steps / 2), onChunk: keep });
        const mixed = { sim: host, chunks };
        expect(compareTrains(cpu, mixed).off).toEqual([]);
        // Measured 3e-7 of the range; the first GPU step without the host's currents gives 2e-3.
        expect(worstTraceError(cpu, mixed)).toBeLessThan(1e-4);
      }
    });

    it('a clock-driven state whose equation reads the time t: the CPU\'s values, recorded', async () => {
      // x follows a 20 ms sine through a 5 ms lag (its forcing depends on t, so it advances every step), and scales the kicks.
      const pulsing = 'model Pulsing : synapse\n\nparams\n  w = 2 mV\n\ninputs\n  v : mV\n\nstates\n  x : 1 = 0\n\nequations\n  dx/dt = (0.5 + 0.5 * sin(2 * pi * t / (20 ms)) - x) / (5 ms)\n\non_pre\n  v += w * x\n';
      const p = gapJunctions();
      const timed: Project = {
        ...p,
        models: { Pulsing: pulsing },
        projections: [...p.projections, { id: 'pulse', pre: 'driven', post: 'coupled', synapse: 'Pulsing', connectivity: { rule: 'fixed_probability', p: 0.3 }, delayMs: 0.5 }],
        connectionRecordings: [{ projection: 'pulse', variables: ['x'], connections: [0, 7], intervalMs: 0.5 }],
      } as Project;
      expect(gpuUnsupportedReason(compileProject(timed))).toBeUndefined();
      const cpu = runCpu(timed);
      await onBothPaths(cpu, timed, 1e-3);
      // The time matters: with x's forcing constant the traces are others.
      const constant = { ...timed, models: { Pulsing: pulsing.replace('sin(2 * pi * t / (20 ms))', '0') } } as Project;
      expect(worstTraceError(cpu, runCpu(constant))).toBeGreaterThan(0.01);
    });

    it("a clock-driven state whose equation reads the pre cell (v_pre): advanced before the step, with the cells at t_n; spikes, traces and its recordings", async () => {
      // A custom synapse whose per-connection state follows the pre cell's v every step.
      const p = gapJunctions();
      const follower: Project = {
        ...p,
        models: {
          Follower: 'model Follower : synapse\n\nparams\n  w = 1 nS\n  tau = 5 ms\n\ninputs\n  v : mV\n  v_pre : mV\n\nstates\n  f : mV = -65 mV\n\nequations\n  df/dt = (v_pre - f) / tau\n\ncurrent\n  i = w * (f - v)\n',
        },
        projections: [{ ...p.projections[0], id: 'follow', synapse: 'Follower' }, ...p.projections.slice(1)],
        connectionRecordings: [{ projection: 'follow', variables: ['f'], connections: [0, 3, 17], intervalMs: 0.3 }],
      } as Project;
      expect(gpuUnsupportedReason(compileProject(follower))).toBeUndefined();
      const cpu = runCpu(follower);
      expect(cpu.sim.spikeCounts[1]).toBeGreaterThan(10);
      // Measured 0 (the same float32 values); with the clocks after the populations' step, 1.2e-2.
      const { perStep } = await onBothPaths(cpu, follower, 1e-4);
      // The clocks, the populations' step, the kicks' push, the arrivals, the currents.
      expect(perStep.dispatchesPerStep).toBe(5);
    });
  });
}
