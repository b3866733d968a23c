/**
 * Runs a compiled simulation on a GPUDevice. The CPU-compiled `Simulation` stays the host: it holds
 * the flat models, initial states, stimuli, recorders and rate monitors, and gets the states back
 * whenever they are read. Each chunk is one submission and one read-back of recordings and spikes:
 * one dispatch for every population when nothing couples the steps (every step of the chunk inside
 * the kernel, states in registers), or for a small network (one workgroup, barriers between the
 * phases); else one dispatch a step for the whole network, projections inside (`gpuPlan.ts`).
 *
 * Spikes go to a GPU buffer of (step, neuron) pairs through an atomic counter. When a chunk spikes
 * more than the buffer holds, the states saved at the chunk's start are restored, the buffer grows,
 * and the chunk runs again: nothing is dropped.
 */
import { BlowUpError, EngineError } from '../errors';
import { DeviceLostError, type DeviceRecordings } from './deviceLost';
import type { PopulationRuntime } from '../population';
import { rateBlocks, type Chunk, type RecordedBlock, type RunOptions, type RunResult, type Simulation } from '../simulation';
import { recordedBlock, stimulusTable, type KernelLayout } from './kernelLayout';
import { CTRL_STRIDE, KERNEL_BINDING_TYPES } from './populationKernel';
import { GpuProjection } from './gpuProjection';
import { NetworkHistory } from './networkHistory';
import { NetworkBuffers, writeStates, type PopulationRegion, type SpikeSlots, type StateSnapshot } from './networkBuffers';
import { planGpu, type GpuPlan } from './gpuPlan';
import { generateNetworkKernels } from './networkKernel';
import { gpuUnsupportedReason } from './support';
import { firstCurrents } from './synapseCurrents';
import { orderChunkSpikes } from './chunkSpikes';
import { DeviceWaits } from './deviceWaits';

export { DeviceLostError } from './deviceLost';

import type { GpuTarget } from './gpuTarget';
export type { GpuTarget };

/** Default chunk on the GPU: long, since each chunk costs a submission and a read-back. */
const DEFAULT_CHUNK_MS = 100;
/** Neuron-steps per dispatch at most, so one dispatch stays well under a GPU watchdog's limit. */
const MAX_NEURON_STEPS_PER_DISPATCH = 2e8;
const COMPUTE_STAGE = 0x4; // GPUShaderStage.COMPUTE

interface DispatchResult {
  readonly spikeCount: number;
  readonly badStep: number;
  /** (step in chunk, neuron number among all populations) pairs. */
  readonly spikes: Uint32Array;
  /** Every population's and projection's recordings (REC; each recorder's base says where). */
  readonly recorded: Float32Array;
}

export interface GpuSimulationOptions {
  /** The most steps a chunk runs (default 100 ms' worth). */
  readonly chunkSteps?: number;
  /** A small network's chunk in one workgroup (default: on a hardware adapter). */
  readonly workgroup?: boolean;
  /** `false` pulls every projection (to compare). */
  readonly push?: boolean;
  /** Chunks say where in its step each spike crossed (`SpikeBlock.fractions`), as a fit on the CPU times spikes. */
  readonly spikeFractions?: boolean;
  /** Spikes kept per neuron on the device, this many each, instead of listed in chunks (`spikesOnDevice`); a neuron gone non-finite is marked there, not thrown. */
  readonly spikeSlots?: number;
  /** `false`: chunks read no states back (a round trip each); the host's stay as they were until `download()` (a fit's candidates). */
  readonly checkpoints?: boolean;
}

interface PopulationKernel {
  readonly pop: PopulationRuntime;
  readonly index: number;
  readonly layout: KernelLayout;
  readonly region: PopulationRegion;
}

export type { DeviceRecordings } from './deviceLost';

export class GpuSimulation {
  private readonly kernels: PopulationKernel[];
  /** Spike propagation, in the host's order, or (with kernels of their own) in dispatch order. */
  private readonly projections: GpuProjection[];
  private readonly mode: GpuPlan['mode'];
  /** The network's chunk in one workgroup (mode 'workgroup'). */
  private readonly networkPipeline: GPUComputePipeline | undefined;
  /** Phase k of every population's step, for all populations in one dispatch (see networkKernel.ts). */
  private readonly phasePipelines: readonly GPUComputePipeline[];
  /** The round after a chunk's last step runs the first this many (the push, if any, and phase_0, which collects the arrivals). */
  private readonly arrivalPipelines: number;
  private readonly groups: readonly [number, number];
  private readonly buffers: NetworkBuffers;
  private readonly maxChunkSteps: number;
  private readonly checkpoints: boolean;
  private lost: string | undefined;

  /** Throws EngineError('unsupported') with the reason. */
  static create(host: Simulation, target: GpuTarget, options: GpuSimulationOptions = {}): GpuSimulation {
    const reason = gpuUnsupportedReason(host);
    if (reason) throw new EngineError('unsupported', reason);
    return new GpuSimulation(host, target, options);
  }

  private recordingsOnDevice: DeviceRecordings | undefined;

  /**
   * From now on the recordings are not read back (chunks carry none): `consumer.afterSubmit` is
   * given them (the network's REC buffer) after each chunk's commands are submitted.
   */
  keepRecordingsOnDevice(consumer: DeviceRecordings): void {
    this.recordingsOnDevice = consumer;
  }

  /** The most steps a chunk runs. */
  get chunkSteps(): number {
    return this.maxChunkSteps;
  }

  /** Where recorder `recorder`'s samples of a chunk start in REC: sample row r, series c at base + r · width + c. */
  recordingBase(recorder: number): number {
    for (const k of this.kernels) for (const local of k.layout.recorders) if (local.recorder === recorder) return local.base;
    throw new Error(`internal: recorder ${recorder} records no population`);
  }

  private constructor(
    readonly host: Simulation,
    readonly target: GpuTarget,
    { chunkSteps, workgroup, push, checkpoints, spikeFractions, spikeSlots }: GpuSimulationOptions,
  ) {
    this.checkpoints = checkpoints ?? true;
    this.waits = new DeviceWaits(target.threadCpuMs, target.pollsWhileWaiting);
    const neurons = host.populations.reduce((n, p) => n + p.size, 0);
    const wanted = chunkSteps ?? Math.max(1, Math.round(DEFAULT_CHUNK_MS / host.dtMs));
    this.maxChunkSteps = Math.max(1, Math.min(wanted, Math.floor(MAX_NEURON_STEPS_PER_DISPATCH / Math.max(1, neurons))));
    const { device } = target;
    void device.lost.then((info) => {
      this.lost = info.message || info.reason;
    });
    // An explicit layout: 'auto' would drop the bindings a kernel does not use (no recordings, say).
    // The control block (binding 0) is read at a dynamic offset: one slot per chunk or per step.
    const bindGroupLayout = device.createBindGroupLayout({ entries: KERNEL_BINDING_TYPES.map((type, binding) => ({ binding, visibility: COMPUTE_STAGE, buffer: { type, hasDynamicOffset: binding === 0 } })) });
    const pipelineLayout = device.createPipelineLayout({ bindGroupLayouts: [bindGroupLayout] });
    // A small network's chunk in one workgroup saves a GPU's per-dispatch cost; a software adapter
    // runs a workgroup on one CPU thread, where it measured 2× slower than a dispatch per step.
    const plan = planGpu(host, this.maxChunkSteps, { workgroup: workgroup ?? !target.software, push, spikeFractions, spikeSlots });
    this.spikeSlotsPerNeuron = spikeSlots ?? 0;
    this.mode = plan.mode;
    const history = new NetworkHistory(device, host.populations.map((pop, p) => ({ size: pop.size, steps: plan.rings[p].steps })));
    this.buffers = new NetworkBuffers(device, bindGroupLayout, plan.populations.map((p) => p.region), plan.sizes, plan.constants, history, this.maxChunkSteps, this.waits);
    const kernels = generateNetworkKernels(plan.populations, plan.mode === 'workgroup');
    const module = device.createShaderModule({ code: kernels.code, label: 'network' });
    const pipeline = (entryPoint: string): GPUComputePipeline => device.createComputePipeline({ layout: pipelineLayout, compute: { module, entryPoint }, label: entryPoint });
    this.networkPipeline = plan.mode === 'workgroup' ? pipeline('network') : undefined;
    this.phasePipelines = kernels.entries.map(pipeline);
    this.arrivalPipelines = kernels.entries[0] === 'push' ? 2 : 1;
    this.groups = kernels.groups;
    this.kernels = plan.populations.map(({ pop, index, layout, region, inputRows }) => {
      this.buffers.uploadStates(region);
      this.buffers.uploadInputRows(region, firstCurrents(host, pop, inputRows, plan.currents));
      return { pop, index, layout, region };
    });
    const hosted = new Map(plan.populations.flatMap((p) => p.hosted.map((h) => [h.projection, new GpuProjection(device, h, this.buffers.lastSpike)] as const)));
    this.projections = host.projections.map((p) => hosted.get(p)!);
    this.uploadSpikesInTransit();
  }

  /** The host's spikes in transit (queued arrivals from step n on) as the GPU's spike-history rings. */
  private uploadSpikesInTransit(): void {
    const n = this.host.step;
    for (const k of this.kernels) {
      const R = k.region.ring.steps;
      if (R === 0) continue;
      const flags = new Uint32Array(R * k.pop.size);
      for (const projection of this.host.projections) {
        if (projection.setup.pre !== k.pop) continue;
        for (const [step, pre] of projection.spikesInTransit(n)) flags[(step % R) * k.pop.size + pre] = 1;
      }
      this.buffers.uploadHistory(k.region, flags);
    }
  }

  /**
   * Gives the host the GPU's states (all populations at once) and rebuilds its projections' queues
   * from the spike-history rings, so the CPU backend can go on from the host's step.
   */
  private commit({ snapshots, lastSpikeWords }: { snapshots: readonly StateSnapshot[]; lastSpikeWords: Int32Array }): void {
    this.kernels.forEach((k, j) => writeStates(k.pop, snapshots[j]));
    for (const p of this.projections) p.commit(lastSpikeWords);
    const n = this.host.step;
    for (const projection of this.host.projections) {
      const k = this.kernels[this.host.populations.indexOf(projection.setup.pre)];
      const { history } = snapshots[k.index];
      const R = k.region.ring.steps;
      const N = k.pop.size;
      projection.refillQueue(n, (step) => {
        const base = (step % R) * N;
        const spiked: number[] = [];
        for (let i = 0; i < N; i++) if (history[base + i] !== 0) spiked.push(i);
        return spiked;
      });
    }
  }

  /**
   * Dispatches a step takes: 0 when a chunk is one dispatch (nothing couples the steps, or a small
   * network runs in one workgroup); else one per population kernel phase, plus the push and the
   * projections' after-step phases (arrivals, currents) where there are any.
   */
  get dispatchesPerStep(): number {
    if (this.mode === 'whole' || this.mode === 'workgroup') return 0;
    return this.phasePipelines.length;
  }

  /** The ids of the projections whose spikes are pushed (pushProjection.ts); the others are pulled. */
  get pushedProjections(): string[] {
    return this.projections.filter((p) => p.plan.push).map((p) => p.projection.setup.id);
  }

  /** 'whole', 'workgroup', 'per-step-with-arrivals' or 'per-step' (see GpuPlan). */
  get dispatchMode(): GpuPlan['mode'] {
    return this.mode;
  }

  get adapterName(): string {
    return this.target.adapterName;
  }

  /** Runs like Simulation.run, a chunk at a time, with the same chunks. */
  async runAsync(options: RunOptions = {}): Promise<RunResult> {
    const total = options.steps ?? this.host.stepsFor(options.durationMs ?? this.host.durationMs);
    const chunkSteps = Math.min(this.maxChunkSteps, Math.max(1, options.chunkSteps ?? this.maxChunkSteps));
    const start = performance.now();
    let done = 0;
    try {
      while (done < total) {
        const count = Math.min(chunkSteps, total - done);
        const chunk = await this.runChunk(count);
        done += count;
        if (options.onChunk?.(chunk) === false) return { stepsRun: done, wallMs: performance.now() - start, paused: done < total };
      }
    } catch (e) {
      // The failing call may settle before device.lost does: give it a moment to say why.
      const lost = this.lost ?? (await Promise.race([this.target.device.lost.then((info) => info.message || info.reason), new Promise<undefined>((r) => setTimeout(r, 100))]));
      if (lost !== undefined) throw new DeviceLostError(lost, this.host.tMs);
      throw e;
    }
    return { stepsRun: done, wallMs: performance.now() - start, paused: false };
  }

  private async runChunk(stepCount: number): Promise<Chunk> {
    const host = this.host;
    const firstStep = host.step;
    let result = await this.dispatch(firstStep, stepCount);
    // A spike buffer that overflowed: restore the chunk's starting states, grow, and run it again.
    if (result.spikeCount > this.buffers.spikeCapacity) {
      this.restoreSaved();
      this.buffers.growSpikes(result.spikeCount);
      result = await this.dispatch(firstStep, stepCount);
    }
    if (result.badStep !== 0xffffffff) await this.throwBlowUp(firstStep, result.badStep);
    // Checkpoint: the chunk's final states, read before anything in the host changes and written to
    // it with the clock at the end (all populations or none), so that a run can go on on the CPU
    // from the last completed chunk if the device is lost.
    const checkpoint = this.checkpoints ? await this.buffers.readStates() : undefined;

    const P = this.kernels.length;
    const firstNeuron = this.kernels.map((k) => k.region.neurons);
    const sizes = this.kernels.map((k) => k.pop.size);
    const { steps, populations, neurons, fractions, perStep } = orderChunkSpikes(result.spikes, this.buffers.spikeWords, result.spikeCount, firstNeuron, sizes, host.recordSpikes, firstStep, stepCount, host.spikeCounts);
    const rateBins: number[][] = host.rateMonitors.map(() => []);
    for (let s = 0; s < stepCount; s++) host.countRates(firstStep + s, perStep.subarray(s * P, (s + 1) * P), rateBins);

    const recordings: RecordedBlock[] = host.recorders.map((r, recorder) => ({ recorder, timesMs: new Float64Array(0), values: new Float32Array(0) }));
    for (const k of this.recordingsOnDevice ? [] : this.kernels) {
      for (const local of k.layout.recorders) recordings[local.recorder] = recordedBlock(local, result.recorded, firstStep, stepCount, host.dtMs);
    }
    for (const p of this.recordingsOnDevice ? [] : this.projections) {
      for (const local of p.recording.recorders) recordings[local.recorder] = recordedBlock(local, result.recorded, firstStep, stepCount, host.dtMs);
    }
    host.advanceClockTo(firstStep + stepCount);
    if (checkpoint) this.commit(checkpoint);
    return { firstStep, stepCount, dtMs: host.dtMs, recordings, spikes: { steps, populations, neurons, ...(fractions ? { fractions } : {}) }, rates: rateBlocks(rateBins) };
  }

  /** Runs the chunk's steps; the status, spikes and recordings, and each projection's recordings. */
  private async dispatch(firstStep: number, stepCount: number): Promise<DispatchResult> {
    const { device } = this.target;
    const encoder = device.createCommandEncoder();
    const { mode } = this;
    // With projections, spikes must travel after every step: one dispatch per population each step
    // (its kernel first runs the arrivals of the step before), or one per population and per
    // projection when projections have kernels of their own, in order (WebGPU makes a dispatch's
    // writes visible to the next) — or, for a small network, the whole chunk in one workgroup. A
    // population whose spike test reads the whole population needs two or three dispatches a step.
    const slots = mode === 'whole' || mode === 'workgroup' ? 'whole' : mode;
    this.buffers.prepareChunk(firstStep, stepCount, this.kernels.map((k) => stimulusTable(k.layout, firstStep, stepCount, this.host.dtMs)), slots);
    this.buffers.saveStates(encoder);
    const pass = encoder.beginComputePass();
    if (this.networkPipeline) {
      pass.setPipeline(this.networkPipeline);
      pass.setBindGroup(0, this.buffers.bindGroup, [0]);
      pass.dispatchWorkgroups(1);
    } else {
      const rounds = slots === 'whole' ? 1 : slots === 'per-step' ? stepCount : stepCount + 1;
      for (let s = 0; s < rounds; s++) {
        // The round after the last step runs only the arrivals of that step.
        const last = slots === 'per-step-with-arrivals' && s === stepCount;
        for (const pipeline of last ? this.phasePipelines.slice(0, this.arrivalPipelines) : this.phasePipelines) {
          pass.setPipeline(pipeline);
          pass.setBindGroup(0, this.buffers.bindGroup, [CTRL_STRIDE * s]);
          pass.dispatchWorkgroups(...this.groups);
        }
      }
    }
    pass.end();
    this.buffers.copyResults(encoder, !this.recordingsOnDevice);
    device.queue.submit([encoder.finish()]);
    this.recordingsOnDevice?.afterSubmit(this.buffers.recordings, firstStep, stepCount);
    const { spikeCount, badStep, recorded } = await this.buffers.readStatusAndRecordings(!this.recordingsOnDevice, stepCount);
    const spikes = await this.buffers.readSpikes(Math.min(spikeCount, this.buffers.spikeCapacity));
    return { spikeCount, badStep, spikes, recorded };
  }

  /**
   * Reports a blow-up as the CPU backend does. The kernels ran on to the chunk's end, so other
   * neurons may have blown up after the first one: the chunk runs again from its saved start up to
   * and including the first bad step, and the states read back then name the neuron, variable and
   * time the CPU names, with the clock where the CPU leaves it.
   */
  private async throwBlowUp(firstStep: number, badStep: number): Promise<never> {
    this.restoreSaved();
    await this.dispatch(firstStep, badStep - firstStep + 1);
    this.host.advanceClockTo(badStep + 1);
    await this.download();
    const tMs = Number(((badStep + 1) * this.host.dtMs).toPrecision(12));
    for (const { pop } of this.kernels) {
      for (let i = 0; i < pop.size; i++) {
        for (let s = 0; s < pop.states.length; s++) {
          const v = pop.states[s][i];
          if (!Number.isFinite(v)) throw new BlowUpError(pop.id, i, pop.flat.states[s].name, tMs, v);
        }
      }
    }
    throw new EngineError('blowup', `numerical blow-up at t = ${tMs} ms`);
  }

  /** Back to the chunk's start on the GPU (states, spike history, per-connection values). */
  private restoreSaved(): void {
    const encoder = this.target.device.createCommandEncoder();
    this.buffers.restoreSaved(encoder);
    this.target.device.queue.submit([encoder.finish()]);
  }

  /** Copies the GPU's states into the host simulation (for reading states, or to go on on the CPU). */
  async download(): Promise<void> {
    this.commit(await this.buffers.readStates());
  }

  /** Sends the host's states (and spikes in transit) to the GPU, after the host changed them. */
  upload(): void {
    for (const k of this.kernels) this.buffers.uploadStates(k.region);
    this.uploadSpikesInTransit();
  }

  /**
   * Sends the host's population parameters too (a fit's next generation reuses the simulation: its pipelines and
   * buffers stay, the values are new). A parameter may change its values, not whether it is per neuron.
   */
  reupload(): void {
    for (const { pop, layout } of this.kernels) {
      const scalars = new Float32Array(pop.flat.params.length);
      pop.flat.params.forEach((_, j) => {
        const v = pop.paramSnapshot(j);
        if ((typeof v === 'number') !== (layout.paramArrayOffsets[j] < 0)) throw new Error(`internal: parameter ${j} of '${pop.id}' changed between one value and one per neuron`);
        if (typeof v === 'number') scalars[j] = v;
        else this.buffers.writeConstants(layout.paramArrayOffsets[j], Float32Array.from(v));
      });
      this.buffers.writeConstants(layout.paramScalarOffset, scalars);
    }
    this.upload();
  }

  private readonly spikeSlotsPerNeuron: number;

  /**
   * With `spikeSlots`, where each neuron's spikes of the next run will be, counters zeroed: neuron g's
   * k-th at words 2·(g·perNeuron + k) of `spikes` (global step, fraction's f32 bits), counted in `status` word counters + g.
   */
  spikesOnDevice(): SpikeSlots & { readonly perNeuron: number } {
    if (this.spikeSlotsPerNeuron === 0) throw new Error('internal: this simulation lists its spikes');
    const neurons = this.kernels.reduce((n, k) => n + k.pop.size, 0);
    return { ...this.buffers.spikeSlots(neurons), perNeuron: this.spikeSlotsPerNeuron };
  }

  /** The time spent awaiting the device's read-backs (the rest of a run is host work); its owner's other read-backs may be counted here too. */
  readonly waits: DeviceWaits;

  destroy(): void {
    this.buffers.destroy();
  }
}
