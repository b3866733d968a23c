/**
 * The trace-MSE sums a GPU fit forms with TensorFlow.js on the simulation's device: tfjs's active
 * backend is a WebGPU backend on that very device, the recordings are read where they are (no
 * copy in tfjs's memory), chunks write their own slots, and the sums are the host's. Without a
 * WebGPU adapter the tests are reported as skipped with the reason.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu/dist/base';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireNodeGpu } from '../cli/gpu';
import { COPY_DST, COPY_SRC, STORAGE } from '../engine/webgpu/gpuFlags';
import { DeviceTraceLoss } from './deviceTraceLoss';
import { readyTensorflow } from './fitRunner';
import type { TraceMseGrid } from './losses/traceMse';
import { tensorflowOnDevice } from './tensorflowDevice';

const gpu = await acquireNodeGpu();

const STEPS = 7;
const B = 64;
const BASE = 3;

/** Two terms: the second without target data at steps 2 and 5 (goal NaN, weight 0), weights not 1. */
const terms: TraceMseGrid[] = [
  { goal: Float64Array.from({ length: STEPS }, (_, n) => -60 + n), weights: new Float64Array(STEPS).fill(1), weightSum: STEPS },
  {
    goal: Float64Array.from({ length: STEPS }, (_, n) => (n === 2 || n === 5 ? NaN : -55 - 0.5 * n)),
    weights: Float64Array.from({ length: STEPS }, (_, n) => (n === 2 || n === 5 ? 0 : 0.5 + 0.25 * n)),
    weightSum: 0,
  },
];

/** Candidate b's sample at step n. */
const sample = (n: number, b: number, shift = 0): number => -62 + 1.5 * n + 0.7 * b + shift;

/** A chunk's rows as the simulation lays them out: [BASE other values][row 0: B candidates][row 1] … */
function chunkData(firstStep: number, rows: number, shift = 0): Float32Array<ArrayBuffer> {
  const data = new Float32Array(BASE + STEPS * B).fill(1e6);
  for (let r = 0; r < rows; r++) for (let b = 0; b < B; b++) data[BASE + r * B + b] = sample(firstStep + r, b, shift);
  return data;
}

const hostSums = (): number[][] =>
  terms.map((t) => Array.from({ length: B }, (_, b) => t.goal.reduce((s, g, n) => (t.weights[n] > 0 ? s + t.weights[n] * (sample(n, b) - g) ** 2 : s), 0)));

if (typeof gpu === 'string') {
  it.skip(`trace-MSE on the device with TensorFlow.js: no WebGPU adapter here (${gpu})`, () => {});
} else {
  afterAll(() => gpu.device.destroy());

  describe(`trace-MSE sums by TensorFlow.js on ${gpu.adapterName}`, () => {
    it("runs on tfjs's WebGPU backend on the simulation's own device, reading the recordings without a copy", async () => {
      const backend = await tensorflowOnDevice(gpu.device);
      expect(tf.getBackend()).toBe('webgpu');
      expect((tf.backend() as WebGPUBackend).device).toBe(gpu.device);
      const recordings = gpu.device.createBuffer({ size: 4 * (BASE + STEPS * B), usage: STORAGE | COPY_SRC | COPY_DST });
      const loss = new DeviceTraceLoss(backend, terms, B, STEPS, 4, BASE);
      const allocated = backend.memory().numBytesAllocatedInGPU;
      // Chunk 0 (steps 0–3) runs twice, the first time with other samples (a spike buffer that overflowed).
      gpu.device.queue.writeBuffer(recordings, 0, chunkData(0, 4, 10));
      loss.afterSubmit(recordings, 0, 4);
      gpu.device.queue.writeBuffer(recordings, 0, chunkData(0, 4));
      loss.afterSubmit(recordings, 0, 4);
      // The next chunk overwrites the buffer: what the last one submitted has already read it.
      gpu.device.queue.writeBuffer(recordings, 0, chunkData(4, 3));
      loss.afterSubmit(recordings, 4, 3);
      // tfjs allocated less than the recordings' size (the targets, the sums, uniforms): the sums
      // were formed from the buffer itself.
      expect(backend.memory().numBytesAllocatedInGPU - allocated).toBeLessThan(recordings.size);
      // Float32 samples: measured within 2 × 10⁻⁶ (relative) of the float64 sums.
      const sums = await loss.read();
      hostSums().forEach((want, k) => want.forEach((w, b) => expect(Math.abs(sums[k][b] - w)).toBeLessThanOrEqual(1e-5 * w + 1e-5)));
      loss.destroy();
      recordings.destroy();
    });

    it("refuses to run while tfjs's active backend is another one (its ops would copy the recordings through the host)", async () => {
      const backend = await tensorflowOnDevice(gpu.device);
      const recordings = gpu.device.createBuffer({ size: 4 * (BASE + STEPS * B), usage: STORAGE | COPY_SRC | COPY_DST });
      const loss = new DeviceTraceLoss(backend, terms, B, STEPS, 4, BASE);
      await readyTensorflow();
      expect(() => loss.afterSubmit(recordings, 0, 4)).toThrow(/active backend is 'cpu'/);
      await tensorflowOnDevice(gpu.device);
      loss.destroy();
      recordings.destroy();
    });
  });
}
