/**
 * Chunks without checkpoints (`checkpoints: false`, what a fit's candidates use): the same spikes
 * and, once downloaded, the same states as with them, the host's states untouched until then; and
 * the time a run spends awaiting the device. Without a WebGPU adapter the tests are reported as
 * skipped with the reason.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { acquireNodeGpu } from '../../cli/gpu';
import { compileProject } from '../build';
import type { Chunk } from '../simulation';
import { project, spikeTrains } from './backendComparison';
import { GpuSimulation } from './gpuSimulation';

const gpu = await acquireNodeGpu();

const driven = () =>
  project({
    simulation: { dtMs: 0.1, durationMs: 30, seed: 3, precision: 'f32' },
    populations: [{ id: 'cells', model: 'LIF', size: 64, params: { R: { dist: 'uniform', low: 0.8, high: 1.4 }, t_ref: 2 } }],
    stimuli: [{ id: 'drive', type: 'step', target: 'cells', amplitude: '16 nA', startMs: 2 }],
  });

if (typeof gpu === 'string') {
  it.skip(`chunks without checkpoints on WebGPU: no WebGPU adapter here (${gpu})`, () => {});
} else {
  afterAll(() => gpu.device.destroy());

  describe(`chunks without checkpoints on ${gpu.adapterName}`, () => {
    it('give the same spikes and, downloaded, the same states; the host keeps its states until then', async () => {
      const run = async (checkpoints: boolean) => {
        const host = compileProject(driven());
        const initial = Float32Array.from(host.getState('cells', 'v'));
        const gpuSim = GpuSimulation.create(host, gpu, { chunkSteps: 70, checkpoints });
        const chunks: Chunk[] = [];
        const { wallMs } = await gpuSim.runAsync({ onChunk: (c) => void chunks.push(c) });
        const beforeDownload = Float32Array.from(host.getState('cells', 'v'));
        const waitedMs = gpuSim.waits.totals.wallMs;
        await gpuSim.download();
        gpuSim.destroy();
        return { initial, chunks, beforeDownload, after: Float32Array.from(host.getState('cells', 'v')), wallMs, waitedMs, clockMs: host.tMs };
      };
      const withCheckpoints = await run(true);
      const without = await run(false);
      expect(withCheckpoints.chunks.length).toBe(5);
      expect(spikeTrains(without.chunks)).toEqual(spikeTrains(withCheckpoints.chunks));
      expect(spikeTrains(without.chunks).size).toBeGreaterThan(10);
      expect(without.beforeDownload).toEqual(without.initial);
      expect(withCheckpoints.beforeDownload).toEqual(withCheckpoints.after);
      expect(without.after).toEqual(withCheckpoints.after);
      expect(without.after).not.toEqual(without.initial);
      expect(without.clockMs).toBeCloseTo(30, 9);
      // Each chunk awaits its status and spikes (and, with checkpoints, its states): part of the run.
      for (const r of [withCheckpoints, without]) {
        expect(r.waitedMs).toBeGreaterThan(0);
        expect(r.waitedMs).toBeLessThanOrEqual(r.wallMs);
      }
    });
  });
}
