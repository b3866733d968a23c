/**
 * Where in its step a spike crossed, on the GPU (`spikeFractions`, what a fit's candidates use):
 * ramps whose crossings are known exactly, since a linear margin is interpolated without error.
 * Without a WebGPU adapter the tests are reported as skipped with the reason.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { acquireNodeGpu } from '../../cli/gpu';
import { compileProject } from '../build';
import type { Chunk } from '../simulation';
import { project } from './backendComparison';
import { GpuSimulation } from './gpuSimulation';

const gpu = await acquireNodeGpu();

// v rises at `slope` and is reset to `back`; w rises three times as fast (it decides `or`).
const ramp = (name: string, condition: string, back: string) =>
  `model ${name} : cell\nparams\n  slope = 1 mV/ms\n  thr = 0.55 mV\nstates\n  v : mV = 0 mV\n  w : mV = 0 mV\nequations\n  dv/dt = slope\n  dw/dt = 3 * slope\nspike ${condition}\nreset\n  v = ${back}\n  w = ${back}\n`;

const dtMs = 0.1;
const ramps = () =>
  project({
    simulation: { dtMs, durationMs: 12, seed: 2, precision: 'f32' },
    models: { Plain: ramp('Plain', 'v >= thr', '0 mV'), Either: ramp('Either', 'v >= thr or w >= thr', '0 mV'), Above: ramp('Above', 'v >= thr', 'thr + 1 mV') },
    populations: [
      { id: 'plain', model: 'Plain', size: 16, params: { slope: { dist: 'uniform', low: '0.3 mV/ms', high: '2 mV/ms' } } },
      { id: 'either', model: 'Either', size: 16, params: { slope: { dist: 'uniform', low: '0.3 mV/ms', high: '2 mV/ms' } } },
      { id: 'above', model: 'Above', size: 4, params: { slope: { dist: 'uniform', low: '0.3 mV/ms', high: '2 mV/ms' } } },
    ],
  });

/** Spike times of a ramp from 0 that crosses `thr` at rate `rate` and restarts at the end of each spike's step (or, `stuck`, stays above). */
function exactTimes(rate: number, thr: number, endMs: number, stuck: boolean): number[] {
  const times: number[] = [];
  let startMs = 0;
  for (;;) {
    const t = stuck && times.length > 0 ? startMs : startMs + thr / rate;
    if (t >= endMs - 1e-9) return times;
    times.push(t);
    startMs = (Math.floor(t / dtMs + 1e-9) + 1) * dtMs;
  }
}

if (typeof gpu === 'string') {
  it.skip(`spike fractions on WebGPU: no WebGPU adapter here (${gpu})`, () => {});
} else {
  afterAll(() => gpu.device.destroy());

  describe(`spike fractions on ${gpu.adapterName}`, () => {
    it('time each spike where its margin crossed zero: exact for ramps, the larger margin of `or`, the step start when it already held', async () => {
      const host = compileProject(ramps());
      const gpuSim = GpuSimulation.create(host, gpu, { chunkSteps: 50, spikeFractions: true });
      const chunks: Chunk[] = [];
      await gpuSim.runAsync({ onChunk: (c) => void chunks.push(c) });
      gpuSim.destroy();
      const got = new Map<string, number[]>();
      for (const { spikes } of chunks) {
        expect(spikes.fractions).toBeDefined();
        spikes.steps.forEach((n, j) => {
          const key = `${spikes.populations[j]}:${spikes.neurons[j]}`;
          got.set(key, [...(got.get(key) ?? []), (n + spikes.fractions![j]) * dtMs]);
        });
      }
      let compared = 0;
      host.populations.forEach((pop, p) => {
        const slopes = pop.paramSnapshot(0) as Float64Array;
        for (let i = 0; i < pop.size; i++) {
          const want = exactTimes(p === 1 ? 3 * slopes[i] : slopes[i], 0.55, 12, p === 2);
          const times = got.get(`${p}:${i}`) ?? [];
          expect(times.length, `${pop.id}[${i}]`).toBe(want.length);
          times.forEach((t, j) => expect(Math.abs(t - want[j]), `${pop.id}[${i}] spike ${j}`).toBeLessThan(1e-3 * dtMs));
          compared += times.length;
        }
      });
      expect(compared).toBeGreaterThan(300);
    });

    it('chunks carry no fractions unless asked for', async () => {
      const host = compileProject(ramps());
      const gpuSim = GpuSimulation.create(host, gpu, {});
      const chunks: Chunk[] = [];
      await gpuSim.runAsync({ onChunk: (c) => void chunks.push(c) });
      gpuSim.destroy();
      expect(chunks.some((c) => c.spikes.steps.length > 0)).toBe(true);
      expect(chunks.every((c) => c.spikes.fractions === undefined)).toBe(true);
    });
  });
}
