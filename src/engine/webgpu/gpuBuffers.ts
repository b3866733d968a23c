/**
 * The GPU buffers of one population kernel and the copies between them and the host: states (and a
 * copy saved at each chunk's start, to run a chunk again), last-spike steps, the chunk's stimulus
 * table, the constants, recordings, spikes and the status words (spike count, first bad step). The
 * spike-history ring is this population's part of the network's HIST buffer (`NetworkHistory`).
 *
 * Projections that run inside this population's kernel keep their data here too: their tables after
 * the population's constants in C, their per-connection values after the last-spike steps in LS (i32
 * words), their recordings after the population's in REC (`HostedProjections`).
 */
import type { PopulationRuntime } from '../population';
import type { KernelLayout } from './kernelLayout';
import type { HistoryRing } from './projectionSource';
import type { NetworkHistory } from './networkHistory';
import { CTRL_BYTES, CTRL_STRIDE } from './populationKernel';
import { COPY_DST, COPY_SRC, MAP_MODE_READ, MAP_READ, STORAGE, UNIFORM } from './gpuFlags';

/** Buffers are at least this large: WebGPU refuses empty bindings. */
const MIN_BYTES = 16;
const bytes = (n: number): number => Math.max(MIN_BYTES, Math.ceil(n / 4) * 4);

/** What the projections run inside this population's kernel add to its buffers. */
export interface HostedProjections {
  /** Their tables (and recording entries), after the population's constants in C. */
  readonly constants: readonly number[];
  /** i32 words of per-connection values after the N last-spike steps in LS. */
  readonly variableWords: number;
  /** f32 slots of recordings after the population's in REC. */
  readonly recordSlots: number;
}

/** How the control slots of a chunk are laid out (see CTRL_STRUCT). */
export type ChunkMode = 'whole' | 'per-step' | 'per-step-with-arrivals';

export class GpuBuffers {
  private readonly states: GPUBuffer;
  private readonly savedStates: GPUBuffer;
  private readonly lastSpike: GPUBuffer;
  private readonly savedLastSpike: GPUBuffer;
  private readonly table: GPUBuffer;
  private readonly constants: GPUBuffer;
  private readonly recordings: GPUBuffer;
  private readonly recordingsStaging: GPUBuffer;
  private readonly status: GPUBuffer;
  private readonly statusStaging: GPUBuffer;
  private readonly ctrl: GPUBuffer;
  private readonly recordSlots: number;
  private spikes!: GPUBuffer;
  private spikesStaging!: GPUBuffer;
  bindGroup!: GPUBindGroup;
  spikeCapacity = 0;

  constructor(
    private readonly device: GPUDevice,
    private readonly bindGroupLayout: GPUBindGroupLayout,
    pop: PopulationRuntime,
    private readonly layout: KernelLayout,
    maxChunkSteps: number,
    /** The network's spike-history rings, and this population's. */
    private readonly network: NetworkHistory,
    private readonly ring: HistoryRing,
    /** Rows after the states for per-connection synapse currents (populationKernel's inputRows). */
    inputRows: number,
    hosted: HostedProjections,
  ) {
    const make = (size: number, usage: number, label: string): GPUBuffer => device.createBuffer({ size: bytes(size), usage, label: `${pop.id} ${label}` });
    const stateBytes = 4 * pop.size * (pop.flat.states.length + inputRows);
    this.states = make(stateBytes, STORAGE | COPY_SRC | COPY_DST, 'states');
    this.savedStates = make(stateBytes, COPY_SRC | COPY_DST, 'saved states');
    const lastSpikeBytes = 4 * (pop.size + hosted.variableWords);
    this.lastSpike = make(lastSpikeBytes, STORAGE | COPY_SRC | COPY_DST, 'last spike, per-connection values');
    this.savedLastSpike = make(lastSpikeBytes, COPY_SRC | COPY_DST, 'saved last spike');
    this.table = make(4 * maxChunkSteps * layout.stimuli.length, STORAGE | COPY_DST, 'stimulus table');
    const constants = Uint32Array.from([...layout.constants, ...hosted.constants]);
    this.constants = make(4 * constants.length, STORAGE | COPY_DST, 'constants');
    device.queue.writeBuffer(this.constants, 0, constants);
    this.recordSlots = layout.recordSlots + hosted.recordSlots;
    this.recordings = make(4 * this.recordSlots, STORAGE | COPY_SRC, 'recordings');
    this.recordingsStaging = make(4 * this.recordSlots, MAP_READ | COPY_DST, 'recordings staging');
    this.status = make(8, STORAGE | COPY_SRC | COPY_DST, 'status');
    this.statusStaging = make(8, MAP_READ | COPY_DST, 'status staging');
    // One slot more than steps: the arrivals of a chunk's last step run in a dispatch of their own.
    this.ctrl = make(CTRL_STRIDE * (maxChunkSteps + 1), UNIFORM | COPY_DST, 'ctrl');
    this.allocateSpikes(Math.max(4096, 4 * pop.size));
  }

  private allocateSpikes(capacity: number): void {
    this.spikes?.destroy();
    this.spikesStaging?.destroy();
    this.spikeCapacity = capacity;
    this.spikes = this.device.createBuffer({ size: bytes(8 * capacity), usage: STORAGE | COPY_SRC, label: 'spikes' });
    this.spikesStaging = this.device.createBuffer({ size: bytes(8 * capacity), usage: MAP_READ | COPY_DST, label: 'spikes staging' });
    const buffers = [this.ctrl, this.states, this.lastSpike, this.table, this.constants, this.recordings, this.spikes, this.status, this.network.buffer];
    this.bindGroup = this.device.createBindGroup({
      layout: this.bindGroupLayout,
      entries: buffers.map((buffer, binding) => ({ binding, resource: binding === 0 ? { buffer, size: CTRL_BYTES } : { buffer } })),
    });
  }

  /** After a chunk spiked `count` times into a smaller buffer. */
  growSpikes(count: number): void {
    this.allocateSpikes(Math.ceil(count * 1.5));
  }

  /**
   * The chunk's control slots: one for the whole chunk ('whole'), or one per step (slot s runs step s
   * of the chunk); with arrivals inside the kernel, slot s also runs the arrivals of step s − 1 first
   * (not in slot 0: the host's step before the chunk had its arrivals), and slot `steps` only those of
   * the chunk's last step. Then the stimulus table and cleared status words.
   */
  prepareChunk(firstStep: number, steps: number, table: Float32Array, mode: ChunkMode): void {
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
    if (this.layout.stimuli.length > 0) q.writeBuffer(this.table, 0, table as Float32Array<ArrayBuffer>);
    q.writeBuffer(this.status, 0, Uint32Array.of(0, 0xffffffff));
  }

  /** The states (and hosted per-connection values) at the chunk's start, for running the chunk again. */
  saveStates(encoder: GPUCommandEncoder): void {
    encoder.copyBufferToBuffer(this.states, 0, this.savedStates, 0, this.states.size);
    encoder.copyBufferToBuffer(this.lastSpike, 0, this.savedLastSpike, 0, this.lastSpike.size);
  }

  restoreSaved(encoder: GPUCommandEncoder): void {
    encoder.copyBufferToBuffer(this.savedStates, 0, this.states, 0, this.states.size);
    encoder.copyBufferToBuffer(this.savedLastSpike, 0, this.lastSpike, 0, this.lastSpike.size);
  }

  /** The population's states on the GPU (projections add into their summed synapse states). */
  get stateBuffer(): GPUBuffer {
    return this.states;
  }

  /** LS: the last-spike steps, then the per-connection values of the projections run in this kernel. */
  get lastSpikeBuffer(): GPUBuffer {
    return this.lastSpike;
  }

  copyResults(encoder: GPUCommandEncoder): void {
    encoder.copyBufferToBuffer(this.status, 0, this.statusStaging, 0, 8);
    if (this.recordSlots > 0) encoder.copyBufferToBuffer(this.recordings, 0, this.recordingsStaging, 0, 4 * this.recordSlots);
  }

  async readStatusAndRecordings(): Promise<{ spikeCount: number; badStep: number; recorded: Float32Array }> {
    const reads: Promise<void>[] = [this.statusStaging.mapAsync(MAP_MODE_READ)];
    if (this.recordSlots > 0) reads.push(this.recordingsStaging.mapAsync(MAP_MODE_READ));
    await Promise.all(reads);
    const [spikeCount, badStep] = new Uint32Array(this.statusStaging.getMappedRange().slice(0));
    this.statusStaging.unmap();
    let recorded = new Float32Array(0);
    if (this.recordSlots > 0) {
      recorded = new Float32Array(this.recordingsStaging.getMappedRange(0, 4 * this.recordSlots).slice(0));
      this.recordingsStaging.unmap();
    }
    return { spikeCount, badStep, recorded };
  }

  /** The first `count` (step in chunk, neuron) pairs. */
  async readSpikes(count: number): Promise<Uint32Array> {
    if (count === 0) return new Uint32Array(0);
    const encoder = this.device.createCommandEncoder();
    encoder.copyBufferToBuffer(this.spikes, 0, this.spikesStaging, 0, 8 * count);
    this.device.queue.submit([encoder.finish()]);
    await this.spikesStaging.mapAsync(MAP_MODE_READ, 0, 8 * count);
    const out = new Uint32Array(this.spikesStaging.getMappedRange(0, 8 * count).slice(0));
    this.spikesStaging.unmap();
    return out;
  }

  get historySteps(): number {
    return this.ring.steps;
  }

  /** The spike-history ring (steps mod historySteps, then neurons), e.g. rebuilt from the host's queues. */
  uploadHistory(flags: Uint32Array): void {
    if (flags.length > 0) this.device.queue.writeBuffer(this.network.buffer, 4 * this.ring.base, flags as Uint32Array<ArrayBuffer>);
  }

  uploadStates(pop: PopulationRuntime): void {
    const packed = new Float32Array(pop.size * pop.states.length);
    pop.states.forEach((s, k) => packed.set(s, k * pop.size));
    if (packed.length > 0) this.device.queue.writeBuffer(this.states, 0, packed);
    if (pop.size > 0) this.device.queue.writeBuffer(this.lastSpike, 0, pop.lastSpikeStep as Int32Array<ArrayBuffer>);
  }

  /** Values for the synapse-current rows after the states (row r at r = 0, 1, …), e.g. the host's currents for the first step. */
  uploadInputRows(pop: PopulationRuntime, rows: readonly Float32Array[]): void {
    rows.forEach((values, r) => this.device.queue.writeBuffer(this.states, 4 * pop.size * (pop.states.length + r), values as Float32Array<ArrayBuffer>));
  }

  /** The GPU's states, last-spike steps and spike history, copied out (the population is not touched). */
  async readStates(pop: PopulationRuntime): Promise<StateSnapshot> {
    const stateBytes = 4 * pop.size * pop.states.length;
    const historyBytes = 4 * this.historySteps * pop.size;
    const staging = this.device.createBuffer({ size: bytes(stateBytes + 4 * pop.size + historyBytes), usage: MAP_READ | COPY_DST });
    const encoder = this.device.createCommandEncoder();
    if (stateBytes > 0) encoder.copyBufferToBuffer(this.states, 0, staging, 0, stateBytes);
    if (pop.size > 0) encoder.copyBufferToBuffer(this.lastSpike, 0, staging, stateBytes, 4 * pop.size);
    if (historyBytes > 0) encoder.copyBufferToBuffer(this.network.buffer, 4 * this.ring.base, staging, stateBytes + 4 * pop.size, historyBytes);
    this.device.queue.submit([encoder.finish()]);
    try {
      await staging.mapAsync(MAP_MODE_READ);
      const range = staging.getMappedRange();
      const snapshot = {
        states: new Float32Array(range, 0, pop.size * pop.states.length).slice(),
        lastSpike: new Int32Array(range, stateBytes, pop.size).slice(),
        history: new Uint32Array(range, stateBytes + 4 * pop.size, this.historySteps * pop.size).slice(),
      };
      staging.unmap();
      return snapshot;
    } finally {
      staging.destroy();
    }
  }

  destroy(): void {
    for (const b of [this.states, this.savedStates, this.lastSpike, this.savedLastSpike, this.table, this.constants, this.recordings, this.recordingsStaging, this.status, this.statusStaging, this.ctrl, this.spikes, this.spikesStaging]) b.destroy();
  }
}

/** A population's states (state-major), last-spike steps and spike-history ring as read from the GPU. */
export interface StateSnapshot {
  readonly states: Float32Array;
  readonly lastSpike: Int32Array;
  /** Flags [(step mod historySteps) · N + neuron]: 1 where the neuron spiked at that step. */
  readonly history: Uint32Array;
}

export function writeStates(pop: PopulationRuntime, snapshot: StateSnapshot): void {
  pop.states.forEach((s, k) => s.set(snapshot.states.subarray(k * pop.size, (k + 1) * pop.size)));
  pop.lastSpikeStep.set(snapshot.lastSpike);
}
