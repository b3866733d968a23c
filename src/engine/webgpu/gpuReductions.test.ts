/**
 * Populations whose spike test reads the whole population (pop_sum, pop_max) or that keep one
 * spike per step, on the GPU against the CPU backend (float32): the step runs as several kernels
 * (integrate everyone, total the reductions by block, test, count the candidates by block, pick the
 * one spike), over several workgroups. Runs on Dawn in Node; without a WebGPU adapter the tests are skipped with the reason.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { acquireNodeGpu } from '../../cli/gpu';
import type { Project } from '../../project/schema';
import { compareTrains, project as projectOf, runCpu, runGpu, worstTraceError, type Outcome } from './backendComparison';

const gpu = await acquireNodeGpu();

/** A project of 80 ms at dt = 0.1 ms, float32. */
const project = (json: Record<string, unknown>): Project => projectOf({ simulation: { dtMs: 0.1, durationMs: 80, seed: 4, precision: 'f32' }, ...json });

/** A cell that may spike only while it is the population's highest (a hard winner-take-all). */
const MAX_CELL = `model MaxCell : cell

params
  tau = 10 ms
  thr = -55 mV

inputs
  j : nA

states
  v : mV = -65 mV

equations
  dv/dt = (-65 mV - v + 1 Mohm * j) / tau

spike v > thr and v >= pop_max(v)

reset
  v = -65 mV
`;

/** The largest number of spikes in one step (a winner-take-all or oneSpike layer keeps one). */
function maxSpikesPerStep(o: Outcome): number {
  const perStep = new Map<number, number>();
  for (const c of o.chunks) for (const step of c.spikes.steps) perStep.set(step, (perStep.get(step) ?? 0) + 1);
  return Math.max(...perStep.values());
}

if (typeof gpu === 'string') {
  it.skip(`WebGPU population reductions: no WebGPU adapter here (${gpu})`, () => {});
} else {
  afterAll(() => gpu.device.destroy());

  /**
   * Runs `p` on both backends — on the GPU with a dispatch per phase of each step, and with every
   * step of the chunk in one workgroup (barriers between the phases): the same spikes neuron by
   * neuron (each within one step), traces within 1%.
   */
  const onBoth = async (p: Project): Promise<{ cpu: Outcome; onGpu: Outcome }> => {
    const cpu = runCpu(p);
    expect(cpu.sim.spikeCounts[0]).toBeGreaterThan(20);
    const runs = [await runGpu(gpu, p, undefined, { workgroup: false }), await runGpu(gpu, p, undefined, { workgroup: true })];
    expect(runs.map((r) => r.dispatchMode)).toEqual(['per-step', p.populations[0].size <= 1024 ? 'workgroup' : 'per-step']);
    for (const onGpu of runs) {
      expect(compareTrains(cpu, onGpu).off).toEqual([]);
      expect(Array.from(onGpu.sim.spikeCounts)).toEqual(Array.from(cpu.sim.spikeCounts));
      expect(worstTraceError(cpu, onGpu)).toBeLessThan(0.01);
      expect(compareTrains(cpu, onGpu).worstShift).toBeLessThanOrEqual(1);
    }
    return { cpu, onGpu: runs[1] };
  };

  describe(`spike tests over the whole population on ${gpu.adapterName}, as on the CPU backend`, () => {
    it("ngclearn's WTASCell (pop_sum of exp(v) over 150 cells, three workgroups): the same spikes and traces", async () => {
      const p = project({
        populations: [{ id: 'wta', model: 'WTASCell', size: 150, params: { resist_m: { dist: 'uniform', low: 0.5, high: 2.5 }, thr_base: 0.02, thr_gain: 0.0001, refract_time: 0.5 } }],
        stimuli: [{ id: 'drive', type: 'step', target: 'wta', amplitude: '6 nA', startMs: 2 }],
        recordings: [{ population: 'wta', variables: ['v', 'thr'], neurons: [0, 75, 149] }],
      });
      await onBoth(p);
    });

    it('a hard winner-take-all on pop_max(v) over 130 cells: only the leader may spike, as on the CPU', async () => {
      const p = project({
        models: { MaxCell: MAX_CELL },
        populations: [{ id: 'cells', model: 'MaxCell', size: 130, params: { tau: { dist: 'uniform', low: '8 ms', high: '12 ms' } } }],
        stimuli: [{ id: 'drive', type: 'step', target: 'cells', amplitude: '14 nA', startMs: 1 }],
        recordings: [{ population: 'cells', variables: ['v'], neurons: [3, 64, 129] }],
      });
      const { cpu } = await onBoth(p);
      // Without the reduction the cells would cross threshold together; with it one leads at a time.
      expect(maxSpikesPerStep(cpu)).toBe(1);
    });

    it('one spike per step (oneSpike): among many cells crossing together, the one the CPU draws', async () => {
      // 200 identical LIF cells under one current cross threshold in the same steps: each step
      // keeps one, drawn from the counter-based stream both backends share.
      const p = project({
        populations: [{ id: 'layer', model: 'LIF', size: 200, oneSpike: true, params: { t_ref: '1 ms' } }],
        stimuli: [{ id: 'drive', type: 'step', target: 'layer', amplitude: '20 nA', startMs: 1 }],
        recordings: [{ population: 'layer', variables: ['v'], neurons: [0, 99, 199] }],
      });
      const { cpu } = await onBoth(p);
      expect(maxSpikesPerStep(cpu)).toBe(1);
      // The drawn spike itself, not a neighbour: not even a step's shift (on both GPU paths).
      for (const workgroup of [false, true]) expect(compareTrains(cpu, await runGpu(gpu, p, undefined, { workgroup })).worstShift).toBe(0);
    });

    it('2,500 cells (50 blocks of 50): block totals and candidate ranks as the CPU sums and draws', async () => {
      // Identical LIF cells crossing together under pop_sum-free oneSpike, and WTASCell's pop_sum:
      // many blocks, the last one full, ranks across block boundaries.
      const layer = project({
        populations: [{ id: 'layer', model: 'LIF', size: 2500, oneSpike: true, params: { t_ref: '1 ms' } }],
        stimuli: [{ id: 'drive', type: 'step', target: 'layer', amplitude: '20 nA', startMs: 1 }],
        recordings: [{ population: 'layer', variables: ['v'], neurons: [0, 1249, 2499] }],
      });
      const { cpu } = await onBoth(layer);
      expect(maxSpikesPerStep(cpu)).toBe(1);
      for (const workgroup of [false, true]) expect(compareTrains(cpu, await runGpu(gpu, layer, undefined, { workgroup })).worstShift).toBe(0);
      await onBoth(
        project({
          populations: [{ id: 'wta', model: 'WTASCell', size: 2500, params: { resist_m: { dist: 'uniform', low: 0.5, high: 2.5 }, thr_base: 0.0003, thr_gain: 0.000001, refract_time: 0.5 } }],
          stimuli: [{ id: 'drive', type: 'step', target: 'wta', amplitude: '6 nA', startMs: 2 }],
          recordings: [{ population: 'wta', variables: ['v', 'thr'], neurons: [0, 1250, 2499] }],
        }),
      );
    });

    it('WTASCell with one spike per step: reductions and the pick in five kernels', async () => {
      const p = project({
        populations: [{ id: 'wta', model: 'WTASCell', size: 100, oneSpike: true, params: { resist_m: { dist: 'uniform', low: 0.5, high: 2.5 }, thr_base: 0.005, thr_gain: 0.00001, refract_time: 0.5 } }],
        stimuli: [{ id: 'drive', type: 'step', target: 'wta', amplitude: '6 nA', startMs: 2 }],
        recordings: [{ population: 'wta', variables: ['v', 'thr'], neurons: [0, 50, 99] }],
      });
      await onBoth(p);
    });
  });
}
