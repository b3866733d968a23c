/**
 * A CMA-ES generation on the GPU: the candidates as one population of B copies of the fitted cell,
 * simulated by the WebGPU backend (float32, a whole chunk of steps per dispatch: nothing couples the
 * copies), each copy with its own values of the trained parameters. The copies get what the CPU
 * batch (cellBatch.ts) gives them — the observed neuron's parameter values, its initial states
 * (trained initial values included) and its external inputs step by step (a tabulated stimulus) —
 * and the observed state of every copy is recorded every step.
 *
 * What differs from the CPU batch: float32 instead of float64. Spike times are interpolated within
 * their step as on the CPU: the kernels store where the condition's margin crossed zero between its
 * values at the step's start and end (`spikeFractions`).
 *
 * Host work per generation is what would bound this on a hardware GPU, so a fit reads no trace back
 * (`trace: false`, the observations share one zero trace): its trace-MSE terms are summed on the
 * device by TensorFlow.js, reading the simulation's recording buffer where it is (`terms`,
 * deviceTraceLoss.ts). Reading 10,000 Hodgkin–Huxley traces of 4,000 steps back and
 * handing them out had been 1.3 s of 5.4 s. Nor any spike: the candidates keep theirs on the device
 * and its spike terms are formed there too (`spikeTerms`, deviceSpikeLoss.ts); a candidate that
 * blows up is marked there and the others run on. The GPU simulation is kept between generations
 * of the same size, only the new values uploaded.
 */
import { flatExpressions, type FlatModel } from '../engine/flatten';
import { PopulationRuntime, type PopulationSetup } from '../engine/population';
import { Simulation, type Chunk, type RecorderSetup } from '../engine/simulation';
import { compileStimulus } from '../engine/stimuli';
import { collectNodes, isRandomDraw } from '../engine/cpu/invariants';
import { BlowUpError } from '../engine/errors';
import { NEVER_SPIKED } from '../engine/cpu/codegen';
import { GpuSimulation, type GpuTarget } from '../engine/webgpu/gpuSimulation';
import { gpuUnsupportedReason } from '../engine/webgpu/support';
import { waitedSince, type DeviceWaitTotals } from '../engine/webgpu/deviceWaits';
import type { BatchCase } from './cellBatch';
import { DeviceTraceLoss } from './deviceTraceLoss';
import { DeviceSpikeLoss, spikesKeptPerCandidate, type DeviceSpikeTerms } from './deviceSpikeLoss';
import { tensorflowOnDevice } from './tensorflowDevice';
import type { TraceMseGrid } from './losses/traceMse';
import { initialStateWithTangents, initialValuesMoveWithTheta } from './initialTangents';
import { observationWithoutSensitivities, type CaseObservation } from './observation';

/** Why the candidates of this cell cannot run as independent copies on the GPU, or undefined. */
export function gpuBatchProblem(flat: FlatModel): string | undefined {
  const exprs = flatExpressions(flat);
  if (exprs.some((e) => collectNodes(e, (x) => x.k === 'reduce').length > 0)) return 'its spike condition reads the whole population (pop_sum, pop_max), which couples the copies';
  if (exprs.some((e) => collectNodes(e, isRandomDraw).length > 0)) return 'its equations draw random numbers, which differ between copies on the GPU';
  return undefined;
}

/**
 * `trace`: read every candidate's trace back; `terms`: trace-MSE terms to sum on the device instead;
 * `spikeTerms`: spike terms formed on the device, no spike read back (the observations have none);
 * `spikes: false`: no spike read back either, for losses that read none.
 */
export interface GpuBatchOptions {
  readonly trace: boolean;
  readonly terms?: readonly TraceMseGrid[];
  readonly spikeTerms?: DeviceSpikeTerms;
  readonly spikes?: boolean;
  readonly chunkSteps?: number;
}

interface Kept {
  readonly candidates: number;
  readonly trace: boolean;
  readonly chunkSteps: number | undefined;
  readonly terms: readonly TraceMseGrid[];
  readonly spikeTerms: DeviceSpikeTerms | undefined;
  readonly spikes: boolean;
  /** Whether the candidates keep their spikes on the device (spikeSlots): then a candidate that blows up is marked, not thrown. */
  readonly slots: boolean;
  readonly host: Simulation;
  readonly gpuSim: GpuSimulation;
  readonly onDevice: DeviceTraceLoss | undefined;
  readonly spikeLoss: DeviceSpikeLoss | undefined;
}

const sameTerms = (a: readonly TraceMseGrid[], b: readonly TraceMseGrid[]): boolean => a.length === b.length && a.every((t, k) => t === b[k]);

export class GpuCellBatch {
  private readonly kept = new Map<BatchCase, Kept>();

  constructor(
    private readonly flat: FlatModel,
    /** Flat parameter of each θ slot (-1: a trained initial value). */
    private readonly trainedParams: readonly number[],
    private readonly trainedInits: ReadonlyMap<number, number>,
    private readonly neuron: number,
    private readonly observed: number,
    private readonly gpu: GpuTarget,
  ) {}

  /**
   * Every candidate's observation of case `c`, or undefined when a candidate blew up (unless the
   * candidates keep their spikes on the device: then `blownUp` lists those whose states went
   * non-finite, and their values are meaningless). With `terms`, also each trace-MSE term's
   * Σ w (y − ŷ)² per candidate, summed on the device (deviceTraceLoss.ts); with `spikeTerms`, each
   * spike term's value per candidate (deviceSpikeLoss.ts).
   */
  async run(c: BatchCase, thetas: readonly Float64Array[], options: GpuBatchOptions = { trace: true }): Promise<{ observations: CaseObservation[]; termSums: Float64Array[]; spikeTermValues: Float64Array[]; blownUp: number[]; deviceWait: DeviceWaitTotals } | undefined> {
    const terms = options.terms ?? [];
    const { gpuSim, onDevice, spikeLoss, slots } = await this.simulationFor(c, thetas, options);
    const waitedBefore = gpuSim.waits.totals;
    const keptSpikes = slots ? gpuSim.spikesOnDevice() : undefined;
    const B = thetas.length;
    const noTrace = new Float64Array(c.steps);
    const traces = thetas.map(() => (options.trace ? new Float64Array(c.steps) : noTrace));
    const times: number[][] = thetas.map(() => []);
    const take = (chunk: Chunk): void => {
      if (options.trace && terms.length === 0) {
        const { timesMs, values } = chunk.recordings[0];
        for (let s = 0; s < timesMs.length; s++) {
          const n = chunk.firstStep + s;
          for (let b = 0; b < B; b++) traces[b][n] = values[s * B + b];
        }
      }
      // With spike terms on the device, no spike is listed.
      const { steps, neurons, fractions } = chunk.spikes;
      if (steps.length === 0) return;
      if (!fractions) throw new Error('internal: the GPU batch asked for spike fractions');
      for (let j = 0; j < steps.length; j++) times[neurons[j]].push((steps[j] + fractions[j]) * c.dtMs);
    };
    let termSums: Float64Array[] = [];
    let spikeTermValues: Float64Array[] = [];
    const blownUp: number[] = [];
    try {
      await gpuSim.runAsync({ steps: c.steps, onChunk: take });
      // tfjs's reads await the device too (the sums' work, then the read-back).
      const { waits } = gpuSim;
      if (onDevice) termSums = await waits.around(onDevice.read());
      if (spikeLoss && keptSpikes) spikeTermValues = await waits.around(spikeLoss.evaluate(keptSpikes));
      if (keptSpikes) (await waits.around(keptSpikes.readCounts())).forEach((count, b) => count >= 0x80000000 && blownUp.push(b));
    } catch (e) {
      if (e instanceof BlowUpError) return undefined;
      this.release();
      throw e;
    }
    // Chunks list spikes by step (chunkSpikes.ts), so each candidate's times ascend.
    const observations = thetas.map((_, b) => observationWithoutSensitivities(c.dtMs, c.steps, traces[b], times[b]));
    return { observations, termSums, spikeTermValues, blownUp, deviceWait: waitedSince(waitedBefore, gpuSim.waits.totals) };
  }

  /**
   * The GPU simulation of case `c`'s candidates, kept between generations: the same case, number of
   * candidates and options reuse its pipelines and buffers, and only the new values are uploaded.
   */
  private async simulationFor(c: BatchCase, thetas: readonly Float64Array[], options: GpuBatchOptions): Promise<Kept> {
    const B = thetas.length;
    const terms = options.terms ?? [];
    const trace = options.trace || terms.length > 0;
    const { spikeTerms } = options;
    const spikes = options.spikes !== false;
    // The terms are tfjs's work on the simulation's buffers: its active backend, on this device.
    const tensorflow = terms.length > 0 || spikeTerms ? await tensorflowOnDevice(this.gpu.device) : undefined;
    const kept = this.kept.get(c);
    if (kept && kept.candidates === B && kept.trace === options.trace && kept.chunkSteps === options.chunkSteps && sameTerms(kept.terms, terms) && kept.spikeTerms === spikeTerms && kept.spikes === spikes) {
      const { paramValues, initial } = this.values(c, thetas);
      const pop = kept.host.populations[0];
      paramValues.forEach((v, k) => typeof v !== 'number' && pop.setParam(k, v));
      initial.forEach((x, s) => pop.states[s].set(x));
      pop.lastSpikeStep.fill(NEVER_SPIKED);
      kept.host.advanceClockTo(0);
      kept.host.spikeCounts.fill(0);
      kept.gpuSim.reupload();
      return kept;
    }
    if (kept) this.release(c);
    const host = this.candidates(c, thetas, trace);
    const reason = gpuUnsupportedReason(host);
    if (reason) throw new Error(`internal: the candidates cannot run on the GPU: ${reason}`);
    // Chunks short enough that the recordings of one (B × steps samples) stay within 16 MB when they
    // are read back, 64 MB when they stay on the device (fewer chunks, each a round trip: hh-10k's
    // 10 became 3), and no longer than the case (per-chunk buffers are sized by the chunk); without
    // recordings, the case in one chunk. No checkpoints: a lost device sends the whole generation
    // back to the CPU.
    const recordingWords = Math.min(options.trace ? 4_000_000 : 16_000_000, Math.floor(this.gpu.device.limits.maxStorageBufferBindingSize / 4));
    const chunkSteps = options.chunkSteps ?? (trace ? Math.max(1, Math.min(c.steps, Math.floor(recordingWords / B))) : c.steps);
    // Spikes kept on the device are never listed: one each (none read) when nothing reads them.
    const forTerms = spikeTerms && (spikeTerms.spikesKept ?? spikesKeptPerCandidate(spikeTerms.targetTimesMs.length, B, this.gpu.device.limits.maxStorageBufferBindingSize));
    const spikeSlots = forTerms || (spikes ? undefined : 1);
    const gpuSim = GpuSimulation.create(host, this.gpu, { chunkSteps, checkpoints: false, spikeFractions: true, spikeSlots });
    const onDevice = tensorflow && terms.length > 0 ? new DeviceTraceLoss(tensorflow, terms, B, c.steps, gpuSim.chunkSteps, gpuSim.recordingBase(0)) : undefined;
    if (onDevice) gpuSim.keepRecordingsOnDevice(onDevice);
    const spikeLoss = tensorflow && spikeTerms ? new DeviceSpikeLoss(tensorflow, spikeTerms, B, c.dtMs, c.steps * c.dtMs) : undefined;
    const made: Kept = { candidates: B, trace: options.trace, chunkSteps: options.chunkSteps, terms, spikeTerms, spikes, slots: spikeSlots !== undefined, host, gpuSim, onDevice, spikeLoss };
    this.kept.set(c, made);
    return made;
  }

  /** Frees the GPU simulations kept for case `c` (all cases when none is named). */
  release(c?: BatchCase): void {
    for (const [key, kept] of [...this.kept]) {
      if (c !== undefined && key !== c) continue;
      kept.gpuSim.destroy();
      kept.onDevice?.destroy();
      kept.spikeLoss?.destroy();
      this.kept.delete(key);
    }
  }

  /** Each flat parameter's values (the trained ones per copy) and each state's initial value per copy. */
  private values(c: BatchCase, thetas: readonly Float64Array[]): { paramValues: (number | Float64Array)[]; initial: Float64Array[] } {
    const { flat } = this;
    const B = thetas.length;
    const slots = flat.params.map((_, j) => this.trainedParams.indexOf(j));
    const paramValues = flat.params.map((_, j) => (slots[j] >= 0 ? Float64Array.from(thetas, (theta) => theta[slots[j]]) : c.paramValues[j]));
    // Every state starts where the CPU batch starts it: the observed neuron's initial values, with the copy's θ.
    const initial = flat.states.map(() => new Float64Array(B));
    const spec = { setup: c.setup, trainedParams: this.trainedParams, trainedInits: this.trainedInits };
    // Evaluated per copy only where θ moves an initial value (10,000 Hodgkin–Huxley steady states took 0.65 s).
    const perCopy = initialValuesMoveWithTheta(spec);
    const values = Float64Array.from(c.paramValues);
    const valuesOf = (theta: Float64Array): Float64Array => {
      slots.forEach((slot, j) => slot >= 0 && (values[j] = theta[slot]));
      return values;
    };
    if (!perCopy && B > 0) {
      initialStateWithTangents(spec, this.neuron, valuesOf(thetas[0]), thetas[0], 0).X.forEach((x, s) => initial[s].fill(x));
      return { paramValues, initial };
    }
    thetas.forEach((theta, b) => initialStateWithTangents(spec, this.neuron, valuesOf(theta), theta, 0).X.forEach((x, s) => (initial[s][b] = x)));
    return { paramValues, initial };
  }

  /** The host simulation of the candidates: B copies of the observed neuron, its state recorded when `trace`. */
  private candidates(c: BatchCase, thetas: readonly Float64Array[], trace: boolean): Simulation {
    const { flat } = this;
    const B = thetas.length;
    const I = flat.inputs.length;
    const { paramValues, initial } = this.values(c, thetas);
    // The observed neuron's inputs, step by step, the same for every copy (tabulated on the host per chunk).
    const stimuli = flat.inputs.flatMap((_, q) => {
      if (!c.inputs.some((v, k) => k % I === q && v !== 0)) return [];
      const valueAt = (tMs: number): number => c.inputs[Math.min(c.steps - 1, Math.round(tMs / c.dtMs)) * I + q];
      return [{ input: q, stimulus: compileStimulus({ type: 'function', valueAt, startMs: 0, stopMs: Infinity }, null, B) }];
    });
    const setup: PopulationSetup = {
      ...c.setup,
      id: 'candidates',
      size: B,
      precision: 'f32',
      oneSpike: false,
      paramValues,
      initOverrides: new Map(flat.states.map((s, k) => [s.name, initial[k]])),
      stimuli,
      arrayInputs: undefined,
      simd: false,
    };
    const pop = new PopulationRuntime(setup);
    const state = flat.states[this.observed];
    const recorder: RecorderSetup = {
      intervalSteps: 1,
      series: thetas.map((_, b) => ({ key: `candidates[${b}].${state.name}`, population: 'candidates', neuron: b, variable: state.name, unit: state.unit.text, populationIndex: 0, kind: 'state', index: this.observed, scale: 1 })),
    };
    return new Simulation(c.dtMs, [pop], trace ? [recorder] : [], [true], c.steps * c.dtMs, 'f32');
  }
}
