/**
 * Trace-MSE terms of a GPU generation summed where the traces are, by TensorFlow.js on the
 * simulation's device (tensorflowDevice.ts): after each chunk's commands are submitted, the
 * recording buffer becomes a tfjs tensor without a copy (`zeroCopy`), and a tfjs WebGPU program
 * (traceLossProgram.ts) forms Σ_n w_n (y_n − ŷ_n)² per candidate and term from it, submitted before
 * the next chunk can overwrite the buffer (one queue: submission order is execution order). Only B numbers per term
 * come back, instead of every candidate's trace (B × steps), which a hardware GPU would otherwise
 * spend its time on.
 *
 * A chunk may run twice (a spike buffer that overflowed): each chunk keeps its own slot of sums,
 * replaced when it runs again, and `read` adds the slots.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu/dist/base';
import type { DeviceRecordings } from '../engine/webgpu/gpuSimulation';
import type { TraceMseGrid } from './losses/traceMse';
import { submitTensorflowWork } from './tensorflowDevice';
import { TraceLossProgram } from './traceLossProgram';

export class DeviceTraceLoss implements DeviceRecordings {
  /** Per term, the target by step (0 where there is none) and its weight: [terms, steps] each. */
  private readonly goals: tf.Tensor2D;
  private readonly weights: tf.Tensor2D;
  /** Per chunk, the chunk's sums [terms, candidates]. */
  private readonly slots: (tf.Tensor2D | undefined)[];

  constructor(
    /** tfjs's backend on the simulation's device, active while this runs. */
    private readonly backend: WebGPUBackend,
    private readonly terms: readonly TraceMseGrid[],
    private readonly candidates: number,
    private readonly steps: number,
    private readonly chunkSteps: number,
    /** Where the candidates' samples start in the recording buffer. */
    private readonly base: number,
  ) {
    this.assertActive();
    this.slots = Array.from({ length: Math.ceil(steps / chunkSteps) }, () => undefined);
    const goal = new Float32Array(steps * terms.length);
    const weight = new Float32Array(steps * terms.length);
    terms.forEach((t, k) => {
      // A weight of 0 marks samples without target data (goal NaN), which then add 0.
      goal.set(Float32Array.from(t.goal, (g, n) => (t.weights[n] > 0 ? g : 0)), steps * k);
      weight.set(t.weights, steps * k);
    });
    this.goals = tf.tensor2d(goal, [terms.length, steps]);
    this.weights = tf.tensor2d(weight, [terms.length, steps]);
  }

  afterSubmit(recordings: GPUBuffer, firstStep: number, stepCount: number): void {
    this.assertActive();
    // Sample r of candidate b is at base + r · B + b.
    const traces = tf.tensor({ buffer: recordings, zeroCopy: true }, [this.base + stepCount * this.candidates], 'float32');
    const program = new TraceLossProgram(this.terms.length, this.candidates);
    const uniforms = TraceLossProgram.uniformValues(firstStep, stepCount, this.base, this.steps);
    const sums = tf.engine().makeTensorFromTensorInfo(this.backend.runWebGPUProgram(program, [traces, this.goals, this.weights], 'float32', uniforms)) as tf.Tensor2D;
    traces.dispose();
    const slot = Math.floor(firstStep / this.chunkSteps);
    this.slots[slot]?.dispose();
    this.slots[slot] = sums;
    submitTensorflowWork(this.backend);
  }

  /** Per term, per candidate: Σ_n w_n (y_n − ŷ_n)² over the whole run (divide by the term's weightSum for its mean). */
  async read(): Promise<Float64Array[]> {
    const filled = this.slots.filter((s): s is tf.Tensor2D => s !== undefined);
    if (filled.length === 0) return this.terms.map(() => new Float64Array(this.candidates));
    // Added pairwise, not with addN: one binding per input would pass the device's 8 storage buffers.
    const total = filled.length === 1 ? filled[0] : tf.tidy(() => filled.reduce((a, b) => tf.add(a, b)));
    const sums = await total.data<'float32'>();
    if (filled.length > 1) total.dispose();
    const B = this.candidates;
    return this.terms.map((_, term) => Float64Array.from(sums.subarray(term * B, (term + 1) * B)));
  }

  destroy(): void {
    for (const t of [this.goals, this.weights, ...this.slots]) t?.dispose();
  }

  /** tfjs runs ops on its active backend: anything else would copy the recordings through the host. */
  private assertActive(): void {
    if (tf.backend() !== this.backend) throw new Error(`internal: tfjs's active backend is '${tf.getBackend()}', not the simulation's device`);
  }
}
