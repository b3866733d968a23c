/**
 * The spike-loss program (spikeLossProgram.ts) on spike trains written straight into its buffers,
 * against the host's loss functions: irregular trains (intervals out of order, so the ISI sort is
 * exercised), ties with the target, silent candidates, and a target without spikes. Without a
 * WebGPU adapter the test is reported as skipped with the reason.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { acquireNodeGpu } from '../cli/gpu';
import { COPY_DST, COPY_SRC, STORAGE } from '../engine/webgpu/gpuFlags';
import { DeviceSpikeLoss, deviceSpikeTerms } from './deviceSpikeLoss';
import { evaluateTerm, type LossSpec } from './losses/spec';
import type { CaseObservation } from './observation';
import { tensorflowOnDevice } from './tensorflowDevice';

const gpu = await acquireNodeGpu();

const LOSS: LossSpec[] = [
  { kind: 'van-rossum', weight: 1, tauMs: 7 },
  { kind: 'spike-count', weight: 1 },
  { kind: 'rate', weight: 1 },
  { kind: 'first-spike', weight: 1 },
  { kind: 'isi', weight: 1 },
];

const dtMs = 0.1;
const steps = 1000;
const K = 32;

/** Candidate b's train: steps and fractions, irregular (deterministic), some silent, one with a single spike. */
function train(b: number): { step: number; fraction: number }[] {
  if (b % 7 === 3) return [];
  if (b % 7 === 5) return [{ step: 400 + b, fraction: 0.25 }];
  const out: { step: number; fraction: number }[] = [];
  let step = 20 + ((b * 37) % 90);
  for (let k = 0; step < steps && k < 25; k++) {
    out.push({ step, fraction: ((b * 13 + k * 7) % 10) / 10 });
    step += 15 + ((b * 29 + k * 53) % 70); // intervals up and down
  }
  return out;
}

const observation = (times: number[]): CaseObservation => ({ dtMs, steps, paramCount: 0, trace: new Float64Array(steps), traceGrad: new Float64Array(0), spikeTimesMs: Float64Array.from(times), spikeTimeGrad: new Float64Array(0), spikeSignalGrad: new Float64Array(0) });

if (typeof gpu === 'string') {
  it.skip(`the spike-loss program on WebGPU: no WebGPU adapter here (${gpu})`, () => {});
} else {
  afterAll(() => gpu.device.destroy());

  describe(`the spike-loss program on ${gpu.adapterName}`, () => {
    it('forms every kind of term as the host does, for irregular and silent trains, against a target with and without spikes', async () => {
      const backend = await tensorflowOnDevice(gpu.device);
      const B = 40;
      const trains = Array.from({ length: B }, (_, b) => train(b));
      // The layout the kernels write (KernelOptions.spikeSlots): counters from STATUS word 2.
      const words = new Uint32Array(2 * B * K);
      const asFloat = new Float32Array(words.buffer);
      const status = new Uint32Array(2 + B);
      trains.forEach((spikes, b) => {
        status[2 + b] = spikes.length;
        spikes.forEach(({ step, fraction }, k) => {
          words[2 * (b * K + k)] = step;
          asFloat[2 * (b * K + k) + 1] = fraction;
        });
      });
      const buffer = (data: Uint32Array): GPUBuffer => {
        const made = gpu.device.createBuffer({ size: data.byteLength, usage: STORAGE | COPY_SRC | COPY_DST });
        gpu.device.queue.writeBuffer(made, 0, data as Uint32Array<ArrayBuffer>);
        return made;
      };
      const kept = { spikes: buffer(words), status: buffer(status), counters: 2, perNeuron: K, readCounts: async () => status };
      const durationMs = steps * dtMs;
      // One target shares a spike time with candidate 0 exactly; the other has none.
      const tied = (trains[0][2].step + trains[0][2].fraction) * dtMs;
      for (const targetMs of [Float64Array.of(5.5, tied, 31.2, 48, 77.7), new Float64Array(0)]) {
        const spec = deviceSpikeTerms(LOSS, targetMs, durationMs);
        const loss = new DeviceSpikeLoss(backend, spec, B, dtMs, durationMs);
        const values = await loss.evaluate(kept);
        loss.destroy();
        trains.forEach((spikes, b) => {
          const obs = observation(spikes.map(({ step, fraction }) => (step + Math.fround(fraction)) * dtMs));
          LOSS.forEach((term, k) => {
            const want = evaluateTerm(term, k, obs, { spikeTimesMs: targetMs });
            expect(Math.abs(values[k][b] - want.value), `${term.kind}, candidate ${b}`).toBeLessThanOrEqual(2e-5 * Math.abs(want.value) + 2e-5);
          });
        });
      }
      kept.spikes.destroy();
      kept.status.destroy();
    });
  });
}
