/**
 * The WebGPU backend against the CPU backend (float32) on what the single-neuron examples of
 * parity.test.ts leave out: populations with per-neuron parameters and stimuli, every integrator,
 * sequential updates, recordings at intervals across chunk boundaries, spike-buffer overflow,
 * blow-ups, reading states back, and pausing. Runs on Dawn in Node (SwiftShader where no GPU is
 * present); without a WebGPU adapter the tests are reported as skipped with the reason.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { acquireNodeGpu } from '../../cli/gpu';
import { parseProject } from '../../project/validate';
import type { Project, ProjectInput } from '../../project/schema';
import { compileProject } from '../build';
import { BlowUpError } from '../errors';
import type { Chunk, RunOptions, Simulation } from '../simulation';
import { singlePopulationProject } from '../testing';
import { DeviceLostError, GpuSimulation, type GpuSimulationOptions } from './gpuSimulation';
import { compareTrains, runCpu, runGpu as runOn, spikeTrains, traces, worstTraceError, type Outcome } from './backendComparison';

const gpu = await acquireNodeGpu();
const runGpu = (p: Project, chunkSteps?: number, options?: GpuSimulationOptions) => runOn(gpu as Exclude<typeof gpu, string>, p, chunkSteps, options);

/** A one-population float32 project, validated as a document would be. */
function project(population: Parameters<typeof singlePopulationProject>[0], options: Parameters<typeof singlePopulationProject>[1] = {}, extra: Partial<ProjectInput> = {}): Project {
  const parsed = parseProject({ ...singlePopulationProject(population, { precision: 'f32', ...options }), ...extra });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.project;
}

/** Deterministic runs: the same neurons spike as often, each spike within one step. */
function expectSameSpikes(a: Outcome, b: Outcome): void {
  const cmp = compareTrains(a, b);
  expect(cmp.off).toEqual([]);
  expect(cmp.worstShift).toBeLessThanOrEqual(1);
  expect(Array.from(b.sim.spikeCounts)).toEqual(Array.from(a.sim.spikeCounts));
}

function caught(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

if (typeof gpu === 'string') {
  it.skip(`WebGPU backend against the CPU backend: no WebGPU adapter here (${gpu})`, () => {});
} else {
  afterAll(() => gpu.device.destroy());

  describe(`WebGPU backend on ${gpu.adapterName} against the CPU backend`, () => {
    // LIF cells: τm drawn per neuron, noise on every cell, a step on 50 of them (neuron 3 listed
    // twice, so it gets the step twice); v and the input j recorded on four neurons.
    const lifNetwork = (size: number, durationMs: number): Project =>
      project(
        { model: 'LIF', size, params: { tau_m: { dist: 'normal', mean: 10, std: 2, min: 4 }, t_ref: 2 } },
        {
          seed: 7,
          durationMs,
          record: ['v', 'j'],
          neurons: [0, 3, 60, size - 1],
          stimuli: [
            { id: 'noise', type: 'noise', target: 'pop', mean: '11 nA', std: '25 nA' },
            { id: 'step', type: 'step', target: 'pop', neurons: [...Array.from({ length: 50 }, (_, i) => i), 3], amplitude: '4 nA', startMs: 50, stopMs: 150 },
          ],
        },
      );

    it('500 LIF cells: per-neuron τm, noise on all, a step on some with one neuron listed twice', async () => {
      const p = lifNetwork(500, 200);
      const cpu = runCpu(p);
      const gpuRun = await runGpu(p);
      // Normals differ: the GPU evaluates Box–Muller's log and cos in f32 with WGSL's accuracy
      // (SwiftShader: |Δz| up to 7e-4 at z ≈ 3.9), so v drifts ~1e-3 mV from the CPU's between
      // resets. A crossing that close to threshold goes either way, and then the noise decides
      // when the cell fires: measured over seeds 1–12, 0–3 of 500 neurons fire a spike 2–20 steps
      // later or one spike fewer/more. Allowed: 1% of the neurons, each at most one spike apart.
      const cmp = compareTrains(cpu, gpuRun);
      expect(cmp.off.length, cmp.off.join('\n')).toBeLessThanOrEqual(5);
      expect(cmp.maxCountGap).toBeLessThanOrEqual(1);
      expect(cmp.worstShift).toBeLessThanOrEqual(1);
      expect(Math.abs(gpuRun.sim.spikeCounts[0] - cpu.sim.spikeCounts[0])).toBeLessThanOrEqual(0.005 * cpu.sim.spikeCounts[0]);
      expect(cpu.sim.spikeCounts[0]).toBeGreaterThan(1000);
      // A spike one step apart makes v differ by the reset's height at that sample, so traces are
      // compared on the recorded neurons whose trains are identical (here all four: v and j within
      // 1e-4 of their range; neuron 413, not recorded, is the one whose spike moved 2 steps).
      const [x, y] = [spikeTrains(cpu.chunks), spikeTrains(gpuRun.chunks)];
      const same = (i: number) => String(x.get(`0:${i}`) ?? []) === String(y.get(`0:${i}`) ?? []);
      expect([0, 3, 60, 499].filter(same).length).toBeGreaterThanOrEqual(3);
      expect(worstTraceError(cpu, gpuRun, same)).toBeLessThan(0.01);
    });

    // HH with gK drawn per neuron, so that the four cells fire at different times.
    const hh = (integrator: 'euler' | 'midpoint' | 'heun' | 'rk4' | 'exponential_euler' | 'exact'): Project =>
      project(
        { model: 'HodgkinHuxley1952', size: 4, integrator, params: { gK: { dist: 'uniform', low: 30, high: 40 } } },
        { dtMs: 0.01, durationMs: 40, record: ['v', 'm', 'h', 'n'], neurons: [0, 3], intervalMs: 0.05, stimuli: [{ id: 's', type: 'step', target: 'pop', amplitude: 10, startMs: 5 }] },
      );
    it.each(['euler', 'midpoint', 'heun', 'rk4', 'exponential_euler', 'exact'] as const)('integrator %s', async (integrator) => {
      let p: Project;
      if (integrator === 'exact') {
        // 'exact' needs linear equations: HH is refused, so it runs on LIF with τm per neuron.
        expect(() => compileProject(hh('exact'))).toThrow(/exact/);
        p = project({ model: 'LIF', size: 20, integrator, params: { tau_m: { dist: 'uniform', low: 5, high: 20 } } }, { durationMs: 100, record: ['v'], neurons: [0, 19], stimuli: [{ id: 's', type: 'step', target: 'pop', amplitude: 20, startMs: 10 }] });
      } else p = hh(integrator);
      const cpu = runCpu(p);
      const gpuRun = await runGpu(p);
      expect(cpu.sim.spikeCounts[0]).toBeGreaterThanOrEqual(8);
      expectSameSpikes(cpu, gpuRun);
      // Measured: no spike moved; traces within 1.8e-4 of their range (rk4 the worst).
      expect(worstTraceError(cpu, gpuRun)).toBeLessThan(0.01);
    });

    it("update 'sequential': Izhikevich cells (v then u) and a compartment with HH channels first", async () => {
      // I = 20 mV/ms keeps the cells away from the slow passage near the saddle-node: at I = 10–14
      // the CPU's own f32 and f64 runs already drift apart by several steps.
      const izh = project(
        { model: 'Izhikevich2003', size: 200, update: 'sequential', params: { a: { dist: 'uniform', low: 0.02, high: 0.1 }, d: { dist: 'uniform', low: 2, high: 8 } } },
        { durationMs: 200, record: ['v', 'u'], neurons: [0, 199], stimuli: [{ id: 's', type: 'step', target: 'pop', amplitude: 20, startMs: 10 }] },
      );
      // Sequential exponential Euler: the gates, then v from the new gates.
      const compartment = project(
        { model: 'Compartment', size: 3, channels: [{ model: 'HH' }], integrator: 'exponential_euler', update: 'sequential' },
        { dtMs: 0.01, durationMs: 40, record: ['v', 'HH.m'], neurons: [0, 2], intervalMs: 0.05, stimuli: [{ id: 's', type: 'step', target: 'pop', neurons: [0, 2, 2], amplitude: 10, startMs: 5 }] },
      );
      for (const p of [izh, compartment]) {
        const cpu = runCpu(p);
        const gpuRun = await runGpu(p);
        expectSameSpikes(cpu, gpuRun);
        expect(worstTraceError(cpu, gpuRun)).toBeLessThan(0.01); // measured: no spike moved, traces within 5e-5
      }
      // The flag matters: the same cells updated simultaneously fire differently.
      const simultaneous = await runGpu({ ...izh, populations: [{ ...izh.populations[0], update: 'simultaneous' }] });
      const sequential = await runGpu(izh);
      expect(spikeTrains(simultaneous.chunks)).not.toEqual(spikeTrains(sequential.chunks));
    });

    it('records a definition, a parameter and an input every 7 steps while running chunks of 10', async () => {
      const p = project(
        { model: 'HodgkinHuxley1952', size: 3, integrator: 'rk4', params: { gNa: { dist: 'uniform', low: 100, high: 130 } } },
        {
          dtMs: 0.01,
          durationMs: 30,
          record: ['v', 'INa', 'gNa', 'I'],
          neurons: [0, 2],
          intervalMs: 0.07,
          stimuli: [
            { id: 's', type: 'step', target: 'pop', amplitude: 10, startMs: 5 },
            { id: 'n', type: 'noise', target: 'pop', std: 2 },
          ],
        },
      );
      const cpu = runCpu(p); // chunks of 1000 steps
      const gpuRun = await runGpu(p, 10);
      // Samples fall inside chunks at every phase of the interval: 10 and 7 divide neither way.
      expect(gpuRun.chunks.some((c) => c.recordings[0].timesMs.length === 2)).toBe(true);
      expect(gpuRun.chunks.some((c) => c.recordings[0].timesMs.length === 1)).toBe(true);
      for (const c of gpuRun.chunks) for (const t of c.recordings[0].timesMs) expect(Math.round(t / 0.01) % 7).toBe(0);
      expect(traces(cpu)[0].times.length).toBe(Math.ceil(3000 / 7));
      const cmp = compareTrains(cpu, gpuRun);
      expect(cmp.off).toEqual([]);
      expect(cmp.worstShift).toBeLessThanOrEqual(1);
      // Measured: v and INa within 1.1e-3 of their range (one spike a step later), the noisy input
      // I within 5e-5 (|Δ| 1e-3 uA/cm2: the GPU's f32 normals), the parameter gNa exactly.
      expect(worstTraceError(cpu, gpuRun)).toBeLessThan(0.01);
    });

    it('reruns a chunk whose spikes overflow the spike buffer, dropping none', async () => {
      // Every cell fires nearly every step: ~250,000 spikes in the first 50-step chunk against an
      // initial buffer of max(4096, 4·5000) = 20,000.
      const p = project({ model: 'LIF', size: 5000, params: { t_ref: 0, tau_m: { dist: 'uniform', low: 5, high: 9 } } }, { durationMs: 10, stimuli: [{ id: 's', type: 'step', target: 'pop', amplitude: 1000 }] });
      const cpu = runCpu(p);
      const gpuRun = await runGpu(p, 50);
      expect(gpuRun.chunks[0].spikes.steps.length).toBeGreaterThan(20_000);
      expect(gpuRun.sim.spikeCounts[0]).toBe(cpu.sim.spikeCounts[0]);
      const flat = (o: Outcome) => o.chunks.flatMap((c) => Array.from(c.spikes.steps, (s, j) => s * 5000 + c.spikes.neurons[j]));
      expect(flat(gpuRun)).toEqual(flat(cpu));
    });

    // w grows by a factor 1 + dt/τ per step until it overflows f32 (dt = 1 ms keeps dt·w/τ from
    // overflowing before w + dt·w/τ does, so both backends stop at the same step); v stays finite.
    const growth = 'model Growth : cell\nparams\n  tau = 1 ms\nstates\n  v = 1 mV\n  w = 1 mV\nequations\n  dv/dt = -v / (10 ms)\n  dw/dt = w / tau\n';
    const blowUp = async (tau: number[]) => {
      const p = project({ id: 'exc', model: 'Growth', size: 4, params: { tau } }, { models: { Growth: growth }, dtMs: 1, durationMs: 200 });
      const cpu = caught(() => compileProject(p).run());
      const gpuSim = GpuSimulation.create(compileProject(p), gpu);
      const onGpu = await gpuSim.runAsync().then(
        () => undefined,
        (e: unknown) => e,
      );
      gpuSim.destroy();
      expect(cpu).toBeInstanceOf(BlowUpError);
      expect(onGpu).toBeInstanceOf(BlowUpError);
      return [cpu, onGpu] as BlowUpError[];
    };

    it('reports a blow-up as the CPU does: population, neuron, variable, time and value', async () => {
      // Only neuron 2 (w tripling every step) blows up: 3^81 > 3.4e38 at step 80, t = 81 ms.
      const [cpu, onGpu] = await blowUp([10, 10, 0.5, 10]);
      expect(cpu).toMatchObject({ population: 'exc', neuron: 2, variable: 'w', tMs: 81, value: Infinity });
      // The kernel stamps the first non-finite step (atomicMin), so the time is exact, not a chunk's.
      expect({ ...onGpu }).toEqual({ ...cpu });
      expect(onGpu.message).toBe(cpu.message);
    });

    it('names the neuron that blew up first when another one blows up later in the same chunk', async () => {
      // Neuron 2 overflows at step 80 and neuron 1 (×2.67 a step) at step 90: both in the first
      // 100-step chunk. The report must name neuron 2 at 81 ms, as the CPU does; neuron 1 was
      // still finite then.
      const [cpu, onGpu] = await blowUp([10, 0.6, 0.5, 10]);
      expect(cpu).toMatchObject({ population: 'exc', neuron: 2, variable: 'w', tMs: 81 });
      expect({ ...onGpu }).toEqual({ ...cpu });
    });

    it('download() gives the host the final states and last-spike steps of the CPU run', async () => {
      const p = project(
        { model: 'Izhikevich2003', size: 300, params: { a: { dist: 'uniform', low: 0.02, high: 0.1 }, b: { dist: 'uniform', low: 0.2, high: 0.25 }, d: { dist: 'uniform', low: 2, high: 8 } } },
        { durationMs: 150, stimuli: [{ id: 's', type: 'step', target: 'pop', amplitude: 20, startMs: 10 }] },
      );
      const cpu = runCpu(p);
      const host = compileProject(p);
      const gpuSim = GpuSimulation.create(host, gpu);
      await gpuSim.runAsync();
      expect(host.step).toBe(cpu.sim.step);
      // Every chunk leaves its final states in the host (a checkpoint): download() reads the same.
      const checkpoint = host.getState('pop', 'v');
      expect(checkpoint).not.toEqual(compileProject(p).getState('pop', 'v'));
      await gpuSim.download();
      gpuSim.destroy();
      expect(host.getState('pop', 'v')).toEqual(checkpoint);
      expect(Array.from(host.populations[0].lastSpikeStep)).toEqual(Array.from(cpu.sim.populations[0].lastSpikeStep));
      for (const state of ['v', 'u']) {
        const [a, b] = [cpu.sim.getState('pop', state), host.getState('pop', state)];
        const range = Math.max(...a) - Math.min(...a);
        const worst = Math.max(...a.map((x, i) => Math.abs(x - b[i])));
        // Measured: v within 2e-5 of its range across the cells, u within 1e-6.
        expect(worst / range, `${state}: max |Δ| ${worst} over a range of ${range}`).toBeLessThan(0.01);
      }
    });

    /**
     * A driven source layer into a target layer (exponential and alpha currents, delays drawn from
     * 0–4 ms, weights per connection; a delta synapse with one delay), and recurrent exponential
     * currents inside the target with no delay. Deterministic: spikes must match the CPU's.
     */
    const delayedNetwork = (): Project => {
      const parsed = parseProject({
        format: 'spikeflow-project',
        version: 1,
        simulation: { dtMs: 0.1, durationMs: 150, seed: 5, precision: 'f32' },
        populations: [
          { id: 'src', model: 'LIF', size: 40, params: { R: { dist: 'uniform', low: 0.9, high: 1.3 }, t_ref: 2 } },
          { id: 'dst', model: 'LIF', size: 30, params: { t_ref: 2 } },
        ],
        projections: [
          { id: 'ff', pre: 'src', post: 'dst', synapse: 'ExpCurrent', connectivity: { rule: 'fixed_probability', p: 0.4 }, weight: { dist: 'uniform', low: '1 nA', high: '3 nA' }, delayMs: { dist: 'uniform', low: 0, high: 4 } },
          { id: 'alpha', pre: 'src', post: 'dst', synapse: 'AlphaCurrent', connectivity: { rule: 'fixed_probability', p: 0.2 }, weight: '2 nA', delayMs: 1.5 },
          { id: 'kick', pre: 'src', post: 'dst', synapse: 'DeltaSynapse', connectivity: { rule: 'fixed_probability', p: 0.1 }, weight: '0.8 mV', delayMs: 1 },
          { id: 'rec', pre: 'dst', post: 'dst', synapse: 'ExpCurrent', connectivity: { rule: 'all_to_all', allowSelf: false }, weight: '-0.3 nA' },
        ],
        stimuli: [{ id: 'drive', type: 'step', target: 'src', amplitude: '16 nA', startMs: 5 }],
        recordings: [{ population: 'dst', variables: ['v', 'ff.I'], neurons: [0, 7, 29] }],
      });
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      return parsed.project;
    };

    it('projections: heterogeneous and zero delays, per-connection weights, delta and alpha synapses, as on the CPU', async () => {
      const project = delayedNetwork();
      const cpu = runCpu(project);
      expect(cpu.sim.spikeCounts[1]).toBeGreaterThan(50);
      // In one workgroup (the chunk in one dispatch; pushed, and all pulled), and as a large network runs it: a dispatch a
      // step that pushes the spikes (ff's delays too), and one for both populations, which collect them in their step.
      const inWorkgroup = await runGpu(project, 300, { workgroup: true });
      const pulledInWorkgroup = await runGpu(project, 300, { workgroup: true, push: false });
      const perStep = await runGpu(project, 300, { workgroup: false });
      expect([inWorkgroup.dispatchMode, inWorkgroup.dispatchesPerStep, pulledInWorkgroup.dispatchMode]).toEqual(['workgroup', 0, 'workgroup']);
      expect([perStep.dispatchMode, perStep.dispatchesPerStep]).toEqual(['per-step-with-arrivals', 2]);
      const all = ['ff', 'alpha', 'kick', 'rec'];
      expect([inWorkgroup.pushed, pulledInWorkgroup.pushed, perStep.pushed]).toEqual([all, [], all]);
      for (const onGpu of [inWorkgroup, pulledInWorkgroup, perStep]) {
        const [a, b] = [spikeTrains(cpu.chunks), spikeTrains(onGpu.chunks)];
        expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
        for (const [key, steps] of a) {
          expect(b.get(key)!.length, key).toBe(steps.length);
          steps.forEach((s, j) => expect(Math.abs(s - b.get(key)![j]), key).toBeLessThanOrEqual(1));
        }
        expect(worstTraceError(cpu, onGpu)).toBeLessThan(0.01);
      }
    });

    it('plastic and short-term-plastic synapses (STDP, Tsodyks–Markram): weights, traces, recordings of them and spikes as on the CPU', async () => {
      // Regular inputs at different rates onto LIF cells through STDP (per-connection weights and
      // traces, on_pre and on_post) and a depressing Tsodyks–Markram projection with delays.
      const parsed = parseProject({
        format: 'spikeflow-project',
        version: 1,
        simulation: { dtMs: 0.1, durationMs: 400, seed: 3, precision: 'f32' },
        populations: [
          { id: 'in', model: 'RegularSource', size: 30, params: { rate: { dist: 'uniform', low: 10, high: 40 }, phase: { dist: 'uniform', low: 0, high: 20 } } },
          { id: 'cell', model: 'LIF', size: 4, params: { R: 100, tau_m: 10, v_rest: -74, v_reset: -60, thr: -54, t_ref: 0 } },
        ],
        projections: [
          { id: 'stdp', pre: 'in', post: 'cell', synapse: 'STDP', connectivity: { rule: 'all_to_all' }, params: { w: { dist: 'uniform', low: '1 nS', high: '4 nS' }, wmax: '5 nS', Apre: 0.05, Apost: -0.06 } },
          { id: 'tm', pre: 'in', post: 'cell', synapse: 'TsodyksMarkram', connectivity: { rule: 'fixed_probability', p: 0.5 }, weight: '0.3 nA', delayMs: { dist: 'uniform', low: 0.5, high: 3 } },
        ],
        recordings: [{ population: 'cell', variables: ['v'], neurons: [0, 3] }],
        connectionRecordings: [
          { projection: 'stdp', variables: ['w', 'apre', 'apost'], connections: [0, 5, 17, 60], intervalMs: 1 },
          { projection: 'tm', variables: ['x', 'u'], connections: 'all', intervalMs: 0.7 },
        ],
      });
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      const cpu = runCpu(parsed.project);
      const onGpu = await runGpu(parsed.project, 700);
      // Recorded per-connection values (sampled on the GPU at t = n·dt, traces caught up to then).
      expect(worstTraceError(cpu, onGpu)).toBeLessThan(0.01);
      expect(cpu.sim.spikeCounts[1]).toBeGreaterThan(20);
      const [a, b] = [spikeTrains(cpu.chunks), spikeTrains(onGpu.chunks)];
      expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
      for (const [key, steps] of a) {
        expect(b.get(key)!.length, key).toBe(steps.length);
        steps.forEach((s, j) => expect(Math.abs(s - b.get(key)![j]), key).toBeLessThanOrEqual(1));
      }
      // Per-connection values come back to the host: the weights moved, and as on the CPU.
      const weights = (sim: Simulation) => Array.from(sim.projections[0].setup.connectionParams[0]!);
      const initial = weights(compileProject(parsed.project));
      expect(weights(onGpu.sim).filter((w, c) => Math.abs(w - initial[c]) > 1e-4).length).toBeGreaterThan(10);
      weights(cpu.sim).forEach((w, c) => expect(Math.abs(w - weights(onGpu.sim)[c]), `w of connection ${c}`).toBeLessThan(1e-4));
      const x = (sim: Simulation) => Array.from(sim.projections[1].setup.connectionStates[1]);
      x(cpu.sim).forEach((value, c) => expect(Math.abs(value - x(onGpu.sim)[c]), `x of connection ${c}`).toBeLessThan(1e-4));
      expect(Array.from(onGpu.sim.projections[1].eventClock)).toEqual(Array.from(cpu.sim.projections[1].eventClock));
    });

    it('hands spikes in transit over between the backends: CPU → GPU → CPU gives the CPU run', async () => {
      const project = delayedNetwork();
      const cpu = runCpu(project);
      const host = compileProject(project);
      const chunks: Chunk[] = [];
      const keep = (c: Chunk) => void chunks.push(c);
      host.run({ steps: 333, onChunk: keep }); // delays up to 4 ms: spikes are on their way now
      const gpuSim = GpuSimulation.create(host, gpu, { chunkSteps: 250 });
      await gpuSim.runAsync({ steps: 500, onChunk: keep });
      gpuSim.destroy(); // the host got the states and the queues with the last chunk
      host.run({ steps: 1500 - 833, onChunk: keep });
      const [a, b] = [spikeTrains(cpu.chunks), spikeTrains(chunks)];
      expect(cpu.sim.spikeCounts[1]).toBeGreaterThan(50);
      expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
      for (const [key, steps] of a) {
        expect(b.get(key)!.length, key).toBe(steps.length);
        steps.forEach((s, j) => expect(Math.abs(s - b.get(key)![j]), key).toBeLessThanOrEqual(1));
      }
    });

    it('a lost device: the host keeps the last completed chunk, and the CPU backend finishes the run', async () => {
      const own = await acquireNodeGpu(); // a device of this test's own, to destroy
      if (typeof own === 'string') throw new Error(own);
      const p = lifNetwork(200, 100);
      const cpu = runCpu(p);
      const host = compileProject(p);
      const gpuSim = GpuSimulation.create(host, own, { chunkSteps: 100 });
      const chunks: Chunk[] = [];
      const error = await gpuSim
        .runAsync({
          onChunk: (c) => {
            chunks.push(c);
            if (chunks.length === 3) own.device.destroy();
          },
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DeviceLostError);
      expect((error as DeviceLostError).tMs).toBeCloseTo(30, 9);
      expect((error as Error).message).toMatch(/^the WebGPU device was lost \(.+\) at t = 30 ms$/);
      expect(host.step).toBe(300);
      const v = host.getState('pop', 'v');
      expect(v.some((x) => x !== v[0])).toBe(true); // the chunk's states, not the initial ones
      const result = host.run({ steps: 700, onChunk: (c) => void chunks.push(c) });
      expect(result).toMatchObject({ stepsRun: 700, paused: false });
      // No step lost or run twice: the chunks tile 0–100 ms, and the spikes are the CPU run's (the
      // noise's normals differ in the last float32 bits between the GPU and the CPU).
      expect(chunks.map((c) => c.firstStep)).toEqual([0, 100, 200, ...Array.from({ length: 7 }, (_, k) => 300 + 100 * k)]);
      const total = (cs: readonly Chunk[]) => cs.reduce((n, c) => n + c.spikes.steps.length, 0);
      expect(Math.abs(total(chunks) - total(cpu.chunks)) / total(cpu.chunks)).toBeLessThan(0.02);
      expect(host.spikeCounts[0]).toBe(total(chunks));
    });

    it('pauses when onChunk returns false and resumes with the result of an uninterrupted run', async () => {
      const p = lifNetwork(200, 100);
      const whole = await runGpu(p, 100);
      const host = compileProject(p);
      const gpuSim = GpuSimulation.create(host, gpu, { chunkSteps: 100 });
      const chunks: Chunk[] = [];
      // Chunks of 30 steps, paused after the second: the pause falls inside a chunk of the other run.
      const first: RunOptions = { chunkSteps: 30, onChunk: (c) => chunks.push(c) < 2 };
      expect(await gpuSim.runAsync(first)).toMatchObject({ stepsRun: 60, paused: true });
      expect(host.step).toBe(60);
      expect(await gpuSim.runAsync({ steps: 940, onChunk: (c) => void chunks.push(c) })).toMatchObject({ stepsRun: 940, paused: false });
      gpuSim.destroy();
      // Same kernel, same f32 states and counter-based draws: equal to the bit.
      expect(traces({ sim: host, chunks })).toEqual(traces(whole));
      expect(spikeTrains(chunks)).toEqual(spikeTrains(whole.chunks));
      expect(host.spikeCounts[0]).toBe(whole.sim.spikeCounts[0]);
    });
  });
}
