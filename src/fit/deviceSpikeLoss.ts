/**
 * Spike losses of a GPU generation formed where the spikes are, by TensorFlow.js on the
 * simulation's device (tensorflowDevice.ts): the candidates keep their spikes on the device
 * (GpuSimulation's `spikeSlots`), the spike and status buffers become tfjs tensors without a copy,
 * and a tfjs WebGPU program (spikeLossProgram.ts) forms every term of every candidate. Only B
 * numbers per term come back, instead of every spike: handing 900,000 spikes out to 10,000 AdEx
 * candidates and scoring them on the host was half of a generation's host work (0.33 → 0.16 s).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu/dist/base';
import { MAX_ISIS, SpikeLossProgram, type DeviceSpikeTerm } from './spikeLossProgram';
import { intervals } from './losses/isi';
import type { LossSpec } from './losses/spec';
import { trainSelfSum } from './losses/vanRossum';
import { checkSpikeTimes, spikesInWindow } from './targets';

export type { DeviceSpikeTerm } from './spikeLossProgram';

/** A case's spike terms for the device: the terms and the target's spikes in the case's window (ascending, ms). */
export interface DeviceSpikeTerms {
  readonly terms: readonly DeviceSpikeTerm[];
  readonly targetTimesMs: Float64Array;
  /** The target's intervals, ascending; one of T when it has fewer than two spikes (isi.ts). */
  readonly targetIsisMs: Float64Array;
  /** Spikes each candidate keeps (default: spikesKeptPerCandidate). */
  readonly spikesKept?: number;
}

/**
 * Spikes a candidate keeps on the device: enough for 4× the target's (van Rossum and the ISIs need
 * them all), at least 64, and no more than the ISI term sorts.
 */
export function spikesKeptPerCandidate(targetCount: number, candidates: number, maxBindingBytes: number): number {
  return Math.max(1, Math.min(Math.max(64, 4 * targetCount), MAX_ISIS + 1, Math.floor(maxBindingBytes / (8 * candidates))));
}

export class DeviceSpikeLoss {
  private readonly target: tf.Tensor1D;

  constructor(
    /** tfjs's backend on the simulation's device, active while this runs. */
    private readonly backend: WebGPUBackend,
    private readonly spec: DeviceSpikeTerms,
    private readonly candidates: number,
    private readonly dtMs: number,
    private readonly durationMs: number,
  ) {
    // The target's spikes, then its intervals (never none: a censored one of T), in one tensor.
    const goal = new Float32Array(spec.targetTimesMs.length + spec.targetIsisMs.length);
    goal.set(spec.targetTimesMs);
    goal.set(spec.targetIsisMs, spec.targetTimesMs.length);
    this.target = tf.tensor1d(goal);
  }

  /**
   * Per term, per candidate, the term's value from the spikes the run kept (as
   * GpuSimulation.spikesOnDevice gives them); NaN where a candidate spiked more than
   * it kept and the term needs every spike.
   */
  async evaluate(kept: { readonly spikes: GPUBuffer; readonly status: GPUBuffer; readonly counters: number; readonly perNeuron: number }): Promise<Float64Array[]> {
    if (tf.backend() !== this.backend) throw new Error(`internal: tfjs's active backend is '${tf.getBackend()}', not the simulation's device`);
    const B = this.candidates;
    const spk = tf.tensor({ buffer: kept.spikes, zeroCopy: true }, [2 * B * kept.perNeuron], 'int32');
    const status = tf.tensor({ buffer: kept.status, zeroCopy: true }, [kept.counters + B], 'int32');
    const program = new SpikeLossProgram(this.spec.terms, B, this.dtMs, this.durationMs);
    const uniforms = SpikeLossProgram.uniformValues(kept.perNeuron, kept.counters, this.spec.targetTimesMs.length, this.spec.targetIsisMs.length);
    const values = tf.engine().makeTensorFromTensorInfo(this.backend.runWebGPUProgram(program, [spk, status, this.target], 'float32', uniforms));
    spk.dispose();
    status.dispose();
    const data = await values.data<'float32'>();
    values.dispose();
    return this.spec.terms.map((_, k) => Float64Array.from(data.subarray(k * B, (k + 1) * B)));
  }

  destroy(): void {
    this.target.dispose();
  }
}

/** The loss kinds the device forms (spikeLossProgram.ts); a fit with any other spike term scores spikes on the host. */
const ON_DEVICE: ReadonlySet<LossSpec['kind']> = new Set(['spike-count', 'rate', 'first-spike', 'van-rossum', 'isi']);

/** Whether every spike term of `loss` (and there is one) can be formed on the device. */
export function spikeTermsFitDevice(loss: readonly LossSpec[]): boolean {
  const spikeTerms = loss.filter((term) => term.kind !== 'trace-mse');
  return spikeTerms.length > 0 && spikeTerms.every((term) => ON_DEVICE.has(term.kind));
}

/** A case's spike terms of `loss` (in order, trace-MSE left out) for the device, against the target's spikes in [0, T]. */
export function deviceSpikeTerms(loss: readonly LossSpec[], targetSpikeTimesMs: Float64Array, durationMs: number): DeviceSpikeTerms {
  checkSpikeTimes(targetSpikeTimesMs);
  const targetTimesMs = Float64Array.from(spikesInWindow(targetSpikeTimesMs, durationMs));
  const terms = loss.flatMap((term): DeviceSpikeTerm[] => {
    if (term.kind === 'trace-mse') return [];
    if (term.kind === 'van-rossum') return [{ kind: 'van-rossum', tauMs: term.tauMs, targetSelfSum: trainSelfSum(targetTimesMs, term.tauMs) }];
    if (!ON_DEVICE.has(term.kind)) throw new Error(`internal: '${term.kind}' is not formed on the device`);
    return [{ kind: term.kind as 'spike-count' | 'rate' | 'first-spike' | 'isi' }];
  });
  const targetIsisMs = intervals(targetTimesMs).sort();
  return { terms, targetTimesMs, targetIsisMs: targetIsisMs.length > 0 ? targetIsisMs : Float64Array.of(durationMs) };
}
