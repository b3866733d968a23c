/**
 * The GPU buffers of a simulation, one per kind for the whole network, so that any kernel — one
 * population's, or the network's — binds them all within WebGPU's 8 storage bindings: states S (and
 * a copy saved at each chunk's start, to run a chunk again), last-spike steps LS (then the
 * per-connection values of projections run inside population kernels, i32 words), the chunk's
 * stimulus tables U, the constants C, recordings REC, spikes SPK as (step in chunk, neuron number
 * among all) pairs and the status words (spike count, first bad step; then pushed projections'
 * accumulators). Each population has its
 * region of each (`PopulationRegion`); the spike-history rings are `NetworkHistory`.
 */
import type { DeviceWaits } from './deviceWaits';
import type { PopulationRuntime } from '../population';
import { CTRL_BYTES, CTRL_STRIDE } from './kernelPlan';
import type { HistoryRing } from './projectionSource';
import type { NetworkHistory } from './networkHistory';
import { COPY_DST, COPY_SRC, MAP_MODE_READ, MAP_READ, STORAGE, UNIFORM } from './gpuFlags';
import { checkedBufferBytes } from './deviceLimits';

/** Buffers are at least this large: WebGPU refuses empty bindings. */
const MIN_BYTES = 16;
const bytes = (n: number): number => Math.max(MIN_BYTES, Math.ceil(n / 4) * 4);

/** Where one population's data sit in the network's buffers (words). */
export interface PopulationRegion {
  readonly pop: PopulationRuntime;
  readonly states: number;
  readonly lastSpike: number;
  /** N + the per-connection values of the projections its kernel runs. */
  readonly lastSpikeWords: number;
  readonly stimuli: number;
  /** Its stimulus table's words (chunk steps × stimuli); 0 without stimuli. */
  readonly stimulusWords: number;
  /** Its first neuron's number among all populations' (the spike buffer's neuron field). */
  readonly neurons: number;
  readonly ring: HistoryRing;
}

/** How the control slots of a chunk are laid out (see CTRL_STRUCT). */
export type ChunkMode = 'whole' | 'per-step' | 'per-step-with-arrivals';

/** What a run's spikes kept per neuron are on the device (KernelOptions.spikeSlots; GpuSimulation.spikesOnDevice). */
export interface SpikeSlots {
  readonly spikes: GPUBuffer;
  readonly status: GPUBuffer;
  /** The STATUS word of neuron 0's counter. */
  readonly counters: number;
  /** Each neuron's spike count; the top bit marks a neuron whose states went non-finite. */
  readonly readCounts: () => Promise<Uint32Array>;
}

/** The STATUS word of the first spike counter (KernelOptions.spikeSlots): after the spike count and first bad step. */
export const SPIKE_COUNTERS_WORD = 2;

/** Words of each buffer the network needs (gpuPlan.ts). */
export interface BufferSizes {
  readonly stateWords: number;
  readonly lastSpikeWords: number;
  readonly stimulusWords: number;
  readonly recordSlots: number;
  /** STATUS words after the spike count and first bad step: spike counters (spikeSlots), then pushed projections' accumulators. */
  readonly accumulatorWords: number;
  /** Words a listed spike takes: (step, neuron), and its fraction of the step with spikeFractions. */
  readonly spikeWords: 2 | 3;
  /** Words of the spikes kept per neuron (spikeSlots), 0 when spikes are listed. */
  readonly spikeSlotWords: number;
}

/** A population's states (state-major), last-spike steps and spike-history ring as read from the GPU. */
export interface StateSnapshot {
  readonly states: Float32Array;
  readonly lastSpike: Int32Array;
  /** Flags [(step mod historySteps) · N + neuron]: 1 where the neuron spiked at that step. */
  readonly history: Uint32Array;
}

export class NetworkBuffers {
  readonly states: GPUBuffer;
  private readonly savedStates: GPUBuffer;
  readonly lastSpike: GPUBuffer;
  private readonly savedLastSpike: GPUBuffer;
  private readonly tables: GPUBuffer;
  private readonly constants: GPUBuffer;
  /** Every recorder's samples of the chunk (REC). */
  readonly recordings: GPUBuffer;
  /** Made when recordings are first read back (never, when they stay on the device). */
  private recordingsStagingBuffer: GPUBuffer | undefined;
  private readonly status: GPUBuffer;
  private readonly statusStaging: GPUBuffer;
  private readonly ctrl: GPUBuffer;
  private spikes!: GPUBuffer;
  private spikesStaging!: GPUBuffer;
  bindGroup!: GPUBindGroup;
  spikeCapacity = 0;

  constructor(
    private readonly device: GPUDevice,
    private readonly bindGroupLayout: GPUBindGroupLayout,
    readonly regions: readonly PopulationRegion[],
    sizes: BufferSizes,
    constants: Uint32Array,
    private readonly history: NetworkHistory,
    maxChunkSteps: number,
    /** Where the read-backs' waits are counted. */
    private readonly waits: DeviceWaits,
  ) {
    const make = (size: number, usage: number, label: string): GPUBuffer => device.createBuffer({ size: checkedBufferBytes(device, bytes(size), label, (usage & STORAGE) !== 0), usage, label });
    this.states = make(4 * sizes.stateWords, STORAGE | COPY_SRC | COPY_DST, 'states');
    this.savedStates = make(4 * sizes.stateWords, COPY_SRC | COPY_DST, 'saved states');
    this.lastSpike = make(4 * sizes.lastSpikeWords, STORAGE | COPY_SRC | COPY_DST, 'last spikes and per-connection values');
    this.savedLastSpike = make(4 * sizes.lastSpikeWords, COPY_SRC | COPY_DST, 'saved last spike');
    this.tables = make(4 * sizes.stimulusWords, STORAGE | COPY_DST, 'stimulus tables');
    this.constants = make(4 * constants.length, STORAGE | COPY_DST, 'connection tables and constants');
    device.queue.writeBuffer(this.constants, 0, constants as Uint32Array<ArrayBuffer>);
    this.recordSlots = sizes.recordSlots;
    this.recordings = make(4 * this.recordSlots, STORAGE | COPY_SRC, 'recordings of a chunk');
    // The spike count and first bad step, then the accumulators of pushed projections (pushProjection.ts, zero between steps).
    this.status = make(8 + 4 * sizes.accumulatorWords, STORAGE | COPY_SRC | COPY_DST, 'status and accumulators');
    this.statusStaging = make(8, MAP_READ | COPY_DST, 'status staging');
    // One slot more than steps: the arrivals of a chunk's last step run in a dispatch of their own.
    this.ctrl = make(CTRL_STRIDE * (maxChunkSteps + 1), UNIFORM | COPY_DST, 'control blocks');
    const neurons = regions.reduce((n, r) => n + r.pop.size, 0);
    this.spikeWords = sizes.spikeWords;
    this.spikeBytes = 4 * sizes.spikeWords;
    // Room for 4 spikes a neuron a chunk (it grows when a chunk has more), within one binding; or
    // the spikes kept per neuron (KernelOptions.spikeSlots), which are never listed.
    this.spikeSlotBytes = 4 * sizes.spikeSlotWords;
    this.allocateSpikes(Math.min(Math.max(4096, 4 * neurons), Math.floor(device.limits.maxStorageBufferBindingSize / this.spikeBytes)));
  }

  /** Bytes of the spikes kept per neuron (spikeSlots), which SPK holds instead of a list and which are never staged. */
  private readonly spikeSlotBytes: number;

  /** Words a spike takes in SPK: (step, neuron), and where in the step it crossed when asked for (KernelOptions.spikeFractions). */
  readonly spikeWords: 2 | 3;
  private readonly spikeBytes: number;

  private readonly recordSlots: number;

  private allocateSpikes(capacity: number): void {
    this.spikes?.destroy();
    this.spikesStaging?.destroy();
    this.spikeCapacity = capacity;
    this.spikes = this.device.createBuffer({ size: checkedBufferBytes(this.device, bytes(Math.max(this.spikeBytes * capacity, this.spikeSlotBytes)), 'spikes of a chunk'), usage: STORAGE | COPY_SRC, label: 'spikes' });
    this.spikesStaging = this.device.createBuffer({ size: bytes(this.spikeSlotBytes > 0 ? 4 : this.spikeBytes * capacity), usage: MAP_READ | COPY_DST, label: 'spikes staging' });
    const buffers = [this.ctrl, this.states, this.lastSpike, this.tables, this.constants, this.recordings, this.spikes, this.status, this.history.buffer];
    this.bindGroup = this.device.createBindGroup({
      layout: this.bindGroupLayout,
      entries: buffers.map((buffer, binding) => ({ binding, resource: binding === 0 ? { buffer, size: CTRL_BYTES } : { buffer } })),
    });
  }

  /** After a chunk spiked `count` times into a smaller buffer. */
  growSpikes(count: number): void {
    this.allocateSpikes(Math.max(count, Math.min(Math.ceil(count * 1.5), Math.floor(this.device.limits.maxStorageBufferBindingSize / this.spikeBytes))));
  }

  /**
   * The chunk's control slots: one for the whole chunk ('whole'), or one per step (slot s runs step s
   * of the chunk); with arrivals inside the kernels, slot s also runs the arrivals of step s − 1 first
   * (not in slot 0: the host's step before the chunk had its arrivals), and slot `steps` only those of
   * the chunk's last step. Then each population's stimulus table and cleared status words.
   */
  prepareChunk(firstStep: number, steps: number, tables: readonly Float32Array[], mode: ChunkMode): void {
    const slots = mode === 'whole' ? 1 : mode === 'per-step' ? steps : steps + 1;
    const ctrl = new ArrayBuffer(CTRL_STRIDE * slots);
    for (let s = 0; s < slots; s++) {
      const stepsHere = mode === 'whole' ? steps : s < steps ? 1 : 0;
      new Int32Array(ctrl, CTRL_STRIDE * s, 2).set([firstStep, stepsHere]);
      new Uint32Array(ctrl, CTRL_STRIDE * s + 8, 2).set([this.spikeCapacity, 0]);
      new Int32Array(ctrl, CTRL_STRIDE * s + 16, 2).set([mode === 'whole' ? 0 : s, mode === 'per-step-with-arrivals' && s > 0 ? 1 : 0]);
    }
    const q = this.device.queue;
    q.writeBuffer(this.ctrl, 0, ctrl);
    this.regions.forEach((r, p) => {
      if (r.stimulusWords > 0) q.writeBuffer(this.tables, 4 * r.stimuli, tables[p] as Float32Array<ArrayBuffer>);
    });
    q.writeBuffer(this.status, 0, Uint32Array.of(0, 0xffffffff));
  }

  /** States, last-spike steps, per-connection values and spike history at the chunk's start, to run it again. */
  saveStates(encoder: GPUCommandEncoder): void {
    encoder.copyBufferToBuffer(this.states, 0, this.savedStates, 0, this.states.size);
    encoder.copyBufferToBuffer(this.lastSpike, 0, this.savedLastSpike, 0, this.lastSpike.size);
    this.history.save(encoder);
  }

  restoreSaved(encoder: GPUCommandEncoder): void {
    encoder.copyBufferToBuffer(this.savedStates, 0, this.states, 0, this.states.size);
    encoder.copyBufferToBuffer(this.savedLastSpike, 0, this.lastSpike, 0, this.lastSpike.size);
    this.history.restore(encoder);
  }

  private get recordingsStaging(): GPUBuffer {
    this.recordingsStagingBuffer ??= this.device.createBuffer({ size: bytes(4 * this.recordSlots), usage: MAP_READ | COPY_DST, label: 'recordings staging' });
    return this.recordingsStagingBuffer;
  }

  /** Overwrites constants from word `offset` (parameters, when a simulation is reused with new values). */
  writeConstants(offset: number, values: Float32Array | Uint32Array): void {
    this.device.queue.writeBuffer(this.constants, 4 * offset, values as Float32Array<ArrayBuffer>);
  }

  /** Copies the status, and the recordings unless they stay on the device, for reading. */
  copyResults(encoder: GPUCommandEncoder, recordings: boolean): void {
    encoder.copyBufferToBuffer(this.status, 0, this.statusStaging, 0, 8);
    if (recordings && this.recordSlots > 0) encoder.copyBufferToBuffer(this.recordings, 0, this.recordingsStaging, 0, 4 * this.recordSlots);
  }

  /**
   * The spikes kept per neuron and their counters (STATUS from word `counters`), zeroed for `neurons`
   * neurons (KernelOptions.spikeSlots); `readCounts` reads the counters back (top bit: the neuron's
   * states went non-finite).
   */
  spikeSlots(neurons: number): SpikeSlots {
    this.device.queue.writeBuffer(this.status, 4 * SPIKE_COUNTERS_WORD, new Uint32Array(neurons));
    const readCounts = async (): Promise<Uint32Array> => {
      const staging = this.device.createBuffer({ size: bytes(4 * neurons), usage: MAP_READ | COPY_DST });
      const encoder = this.device.createCommandEncoder();
      encoder.copyBufferToBuffer(this.status, 4 * SPIKE_COUNTERS_WORD, staging, 0, 4 * neurons);
      this.device.queue.submit([encoder.finish()]);
      try {
        await this.awaitDevice(staging.mapAsync(MAP_MODE_READ));
        return new Uint32Array(staging.getMappedRange().slice(0, 4 * neurons));
      } finally {
        staging.destroy();
      }
    };
    return { spikes: this.spikes, status: this.status, counters: SPIKE_COUNTERS_WORD, readCounts };
  }

  private awaitDevice<T>(work: Promise<T>): Promise<T> {
    return this.waits.around(work);
  }

  /** The chunk's (of `steps` steps) spike count, first bad step (0xffffffff: none) and every recorder's samples (REC; empty when `recordings` is false). */
  async readStatusAndRecordings(recordings: boolean, steps: number): Promise<{ spikeCount: number; badStep: number; recorded: Float32Array }> {
    const withRecordings = recordings && this.recordSlots > 0;
    const reads = (): Promise<unknown> => Promise.all([this.statusStaging.mapAsync(MAP_MODE_READ), ...(withRecordings ? [this.recordingsStaging.mapAsync(MAP_MODE_READ)] : [])]);
    await this.waits.aroundChunk(steps, reads);
    const [spikeCount, badStep] = new Uint32Array(this.statusStaging.getMappedRange().slice(0));
    this.statusStaging.unmap();
    let recorded = new Float32Array(0);
    if (withRecordings) {
      recorded = new Float32Array(this.recordingsStaging.getMappedRange(0, 4 * this.recordSlots).slice(0));
      this.recordingsStaging.unmap();
    }
    return { spikeCount, badStep, recorded };
  }

  /** The first `count` spikes: (step in chunk, neuron number among all[, fraction of the step as f32 bits]). */
  async readSpikes(count: number): Promise<Uint32Array> {
    if (count === 0) return new Uint32Array(0);
    const size = this.spikeBytes * count;
    const encoder = this.device.createCommandEncoder();
    encoder.copyBufferToBuffer(this.spikes, 0, this.spikesStaging, 0, size);
    this.device.queue.submit([encoder.finish()]);
    await this.awaitDevice(this.spikesStaging.mapAsync(MAP_MODE_READ, 0, size));
    const out = new Uint32Array(this.spikesStaging.getMappedRange(0, size).slice(0));
    this.spikesStaging.unmap();
    return out;
  }

  /** A population's spike-history ring (steps mod historySteps, then neurons), e.g. rebuilt from the host's queues. */
  uploadHistory(region: PopulationRegion, flags: Uint32Array): void {
    if (flags.length > 0) this.device.queue.writeBuffer(this.history.buffer, 4 * region.ring.base, flags as Uint32Array<ArrayBuffer>);
  }

  uploadStates(region: PopulationRegion): void {
    const { pop } = region;
    const packed = new Float32Array(pop.size * pop.states.length);
    pop.states.forEach((s, k) => packed.set(s, k * pop.size));
    if (packed.length > 0) this.device.queue.writeBuffer(this.states, 4 * region.states, packed);
    if (pop.size > 0) this.device.queue.writeBuffer(this.lastSpike, 4 * region.lastSpike, pop.lastSpikeStep as Int32Array<ArrayBuffer>);
  }

  /** Values for the synapse-current rows after the states (row r at r = 0, 1, …), e.g. the host's currents for the first step. */
  uploadInputRows(region: PopulationRegion, rows: readonly Float32Array[]): void {
    const { pop } = region;
    rows.forEach((values, r) => this.device.queue.writeBuffer(this.states, 4 * (region.states + pop.size * (pop.states.length + r)), values as Float32Array<ArrayBuffer>));
  }

  /**
   * Every population's states, last-spike steps and spike history, and the whole of LS (last-spike
   * steps and per-connection values, as i32 words), copied out in one read (the populations are not
   * touched).
   */
  async readStates(): Promise<{ snapshots: StateSnapshot[]; lastSpikeWords: Int32Array }> {
    const parts = this.regions.map((r) => ({ states: r.pop.size * r.pop.states.length, history: r.ring.steps * r.pop.size }));
    const lsWords = this.lastSpike.size / 4;
    const total = lsWords + parts.reduce((n, p) => n + p.states + p.history, 0);
    const staging = this.device.createBuffer({ size: bytes(4 * total), usage: MAP_READ | COPY_DST });
    const encoder = this.device.createCommandEncoder();
    let at = 0;
    const copy = (source: GPUBuffer, fromWords: number, words: number): number => {
      const start = at;
      if (words > 0) encoder.copyBufferToBuffer(source, 4 * fromWords, staging, 4 * at, 4 * words);
      at += words;
      return start;
    };
    copy(this.lastSpike, 0, lsWords);
    const offsets = this.regions.map((r, p) => [copy(this.states, r.states, parts[p].states), copy(this.history.buffer, r.ring.base, parts[p].history)]);
    this.device.queue.submit([encoder.finish()]);
    try {
      await this.awaitDevice(staging.mapAsync(MAP_MODE_READ));
      const range = staging.getMappedRange();
      const lastSpikeWords = new Int32Array(range, 0, lsWords).slice();
      const snapshots = offsets.map(([s, h], p) => ({
        states: new Float32Array(range, 4 * s, parts[p].states).slice(),
        lastSpike: lastSpikeWords.subarray(this.regions[p].lastSpike, this.regions[p].lastSpike + this.regions[p].pop.size),
        history: new Uint32Array(range, 4 * h, parts[p].history).slice(),
      }));
      staging.unmap();
      return { snapshots, lastSpikeWords };
    } finally {
      staging.destroy();
    }
  }

  destroy(): void {
    for (const b of [this.states, this.savedStates, this.lastSpike, this.savedLastSpike, this.tables, this.constants, this.recordings, ...(this.recordingsStagingBuffer ? [this.recordingsStagingBuffer] : []), this.status, this.statusStaging, this.ctrl, this.spikes, this.spikesStaging]) b.destroy();
    this.history.destroy();
  }
}

export function writeStates(pop: PopulationRuntime, snapshot: StateSnapshot): void {
  pop.states.forEach((s, k) => s.set(snapshot.states.subarray(k * pop.size, (k + 1) * pop.size)));
  pop.lastSpikeStep.set(snapshot.lastSpike);
}
