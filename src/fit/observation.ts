/**
 * What one differentiable simulation ("case") hands to the losses: the observed state's trace,
 * the spikes, and their derivatives with respect to the P trained parameters (forward-mode
 * sensitivities, so nothing but these arrays is kept — no tape).
 *
 * Layout of every gradient array: step- (or spike-) major, parameter-minor: `[n * P + k]`.
 * Values are in the model's canonical units (mV, ms, nA, …; see model/units.ts).
 */
import type { FlatModel } from '../engine/flatten';
import type { GpuTarget } from '../engine/webgpu/gpuSimulation';
import type { DeviceWaitTotals } from '../engine/webgpu/deviceWaits';
import type { TraceMseGrid } from './losses/traceMse';
import type { DeviceSpikeTerms } from './deviceSpikeLoss';
import type { Unit } from '../model/units';

export interface CaseObservation {
  readonly dtMs: number;
  /** Number of simulated steps; sample n is the state at t = n·dt, before step n (as the engine records). */
  readonly steps: number;
  /** P: number of trained parameters. */
  readonly paramCount: number;
  /** The observed state (e.g. v), one sample per step. */
  readonly trace: Float64Array;
  /** ∂trace[n]/∂θ_k at [n * P + k]. */
  readonly traceGrad: Float64Array;
  /**
   * Spike times in ms: the crossing of the spike condition's margin, linearly interpolated within the
   * step that detected it (n·dt ≤ t < (n + 1)·dt; the engine reports such a spike at n·dt). When the
   * margin was already positive at the start of the step (e.g. at the end of refractoriness), the
   * step's start, with zero derivative.
   */
  readonly spikeTimesMs: Float64Array;
  /** ∂t_j/∂θ_k at [j * P + k] (implicit-function derivative of the crossing: −(∂margin/∂θ)/(∂margin/∂t)). */
  readonly spikeTimeGrad: Float64Array;
  /**
   * Surrogate derivative of the spike train: ∂s[n]/∂θ_k ≈ σ'(margin[n]) · ∂margin[n]/∂θ_k, at
   * [n * P + k], where margin is the signed distance to the spike condition (v − threshold for
   * `v > threshold`; > 0 ⇒ spike). Zero while refractory.
   */
  readonly spikeSignalGrad: Float64Array;
}

const NONE = new Float64Array(0);

/** An observation without sensitivities (a CMA-ES candidate's): its trace and spike times only. */
export function observationWithoutSensitivities(dtMs: number, steps: number, trace: Float64Array, spikeTimesMs: ArrayLike<number>): CaseObservation {
  return { dtMs, steps, paramCount: 0, trace, traceGrad: NONE, spikeTimesMs: Float64Array.from(spikeTimesMs), spikeTimeGrad: NONE, spikeSignalGrad: NONE };
}

/** A loss term's value and its gradient with respect to the P trained parameters. */
export interface LossValue {
  readonly value: number;
  readonly grad: Float64Array;
}

/** What a fit differentiates: one neuron (DifferentiableCell) or a network (DifferentiableNetwork). */
export interface DifferentiableSimulation {
  /** 'cell': one neuron, its inputs fixed; 'network': every neuron whose spikes move with θ. */
  readonly kind: 'cell' | 'network';
  /** Neurons stepped with tangents per case. */
  readonly simulatedNeurons: number;
  /** States held per case (each with P tangents): S for one cell, Σ size·S over a network's populations. */
  readonly simulatedStates: number;
  readonly flat: FlatModel;
  readonly paramNames: readonly string[];
  /** Trained parameters' starting values (canonical units). */
  readonly initialValues: Float64Array;
  readonly paramUnits: readonly Unit[];
  readonly observedState: string;
  readonly caseCount: number;
  /** Simulates every case at θ; with `gradient: false` the sensitivities are left out. */
  run(theta: Float64Array, gradient?: boolean): CaseObservation[];
  /** Several θ at once, without sensitivities, where the simulation can batch them (else undefined). */
  runMany?(thetas: readonly Float64Array[]): CaseObservation[][] | undefined;
  /** Why several θ cannot run as copies on the GPU (undefined: `runManyOnGpu` can). */
  gpuBatchProblem?(): string | undefined;
  /** Several θ at once on the GPU (float32), without sensitivities; undefined after a blow-up. */
  runManyOnGpu?(thetas: readonly Float64Array[], gpu: GpuTarget, options?: GpuManyOptions): Promise<GpuManyResult | undefined>;
  /** Frees what `runManyOnGpu` keeps on the device between generations. */
  releaseGpu?(): void;
}

/**
 * `trace: false`: no trace comes back (the observations share one zero trace); `terms`: for case k
 * (its grid), the trace-MSE terms to sum on the device instead.
 */
export interface GpuManyOptions {
  readonly trace: boolean;
  readonly terms?: (caseIndex: number, dtMs: number, steps: number) => readonly TraceMseGrid[];
  /** For case k, spike terms to form on the device (no spike then comes back). */
  readonly spikeTerms?: (caseIndex: number, dtMs: number, steps: number) => DeviceSpikeTerms;
  /** `false`: no spike comes back (the observations have none), for losses that read none. */
  readonly spikes?: boolean;
  /** The most steps a GPU chunk runs (default: as many as fit 16 MB of recordings read back, 64 MB kept on the device). */
  readonly chunkSteps?: number;
}

export interface GpuManyResult {
  /** Per θ, per case. */
  readonly observations: readonly (readonly CaseObservation[])[];
  /** Per case, per term of `terms`: Σ_n w_n (y_n − ŷ_n)² of each θ. */
  readonly termSums: readonly (readonly Float64Array[])[];
  /** Per case, per term of `spikeTerms`: the term's value for each θ (NaN: the θ spiked more than the device kept). */
  readonly spikeTermValues: readonly (readonly Float64Array[])[];
  /** The θ whose simulation went non-finite in some case (their values are meaningless), where the run did not stop for it. */
  readonly blownUp: readonly number[];
  /** The time spent awaiting the device (its work and read-backs); the rest of the run was host work. */
  readonly deviceWait: DeviceWaitTotals;
}
