/**
 * Spike propagation of one projection on the GPU: one thread per post-synaptic neuron walks its
 * incoming connections (CSR by post), looks up in the pre population's spike history whether each
 * one's pre neuron spiked `delay` steps ago, and adds the `on_pre` increments of the arrivals to its
 * summed synapse states (or a bound state such as `v`). Pulling instead of pushing needs no atomics
 * (WGSL has no float atomics) and sums in a fixed order. The WGSL is `projectionSource.ts`.
 *
 * A projection runs either inside its post population's kernel (`hosted`: at the start of the next
 * step, its data in that kernel's buffers — one dispatch a step for both), or in a kernel of its own
 * after the populations' step (`standalone`: needed when a per-connection current reads the pre
 * cells, which the populations change in the next step's dispatches). Each connection belongs to one
 * post neuron's thread, so its states and plastic weight are read and written without races.
 */
import type { ProjectionRuntime } from '../projection';
import type { RecorderSetup } from '../simulation';
import { planRecording, type ConnectionRecording } from './connectionRecording';
import { synapseProgram, type SynapseProgram } from './synapseProgram';
import { CTRL_BYTES, CTRL_STRIDE } from './kernelPlan';
import { connectionTable, standaloneProjectionKernel, type ConnectionTable, type ProjectionPlacement } from './projectionSource';
import { COPY_DST, COPY_SRC, MAP_MODE_READ, MAP_READ, STORAGE, UNIFORM } from './gpuFlags';
import type { NetworkHistory } from './networkHistory';

/** The projection's longest delay in steps + 1: how much spike history its pre population keeps. */
export function historyStepsFor(projection: ProjectionRuntime): number {
  const d = projection.setup.delaySteps;
  return (typeof d === 'number' ? d : d.reduce((m, x) => Math.max(m, x), 0)) + 1;
}

type Recorders = readonly { readonly recorder: number; readonly setup: RecorderSetup }[];

/** What a projection runs and the data it needs, placed at the given offsets of the kernel that runs it. */
export interface ProjectionPlan {
  readonly projection: ProjectionRuntime;
  readonly program: SynapseProgram;
  readonly table: ConnectionTable;
  readonly recording: ConnectionRecording;
  readonly placement: ProjectionPlacement;
  /** The words that go into C at placement.tableBase: the table, then the recording entries. */
  readonly constants: readonly number[];
  /** i32 words of per-connection values: each event-driven state, each plastic parameter, the last update (rows of `count`). */
  readonly variableWords: number;
}

export function planProjection(projection: ProjectionRuntime, recorders: Recorders, maxChunkSteps: number, placement: ProjectionPlacement, recordBase: number): ProjectionPlan {
  const program = synapseProgram(projection);
  if (typeof program === 'string') throw new Error(`internal: ${program}`);
  const table = connectionTable(projection);
  const recording = planRecording(projection, recorders, maxChunkSteps, placement.tableBase + table.table.length, recordBase);
  const rows = program.states.length + program.plastic.length + (program.states.length > 0 ? 1 : 0);
  return { projection, program, table, recording, placement, constants: [...table.table, ...recording.words], variableWords: rows * projection.setup.incoming.ids.length };
}

/** A projection's own kernel and the buffers only it uses. */
interface OwnKernel {
  readonly pipeline: GPUComputePipeline;
  readonly bindGroup: GPUBindGroup;
  readonly ctrl: GPUBuffer;
  readonly constants: GPUBuffer;
  readonly savedVariables: GPUBuffer;
  readonly recordings: GPUBuffer;
  readonly recordingsStaging: GPUBuffer;
}

export class GpuProjection {
  private readonly count: number;

  private constructor(
    private readonly device: GPUDevice,
    readonly plan: ProjectionPlan,
    /** Where the per-connection values live: the own V buffer, or the post population's LS. */
    private readonly variables: GPUBuffer,
    /** Only for a projection with a kernel of its own. */
    private readonly own?: OwnKernel,
  ) {
    this.count = plan.projection.setup.incoming.ids.length;
    this.upload();
  }

  /** A projection run inside its post population's kernel, its values in that kernel's LS. */
  static hosted(device: GPUDevice, plan: ProjectionPlan, lastSpike: GPUBuffer): GpuProjection {
    return new GpuProjection(device, plan, lastSpike);
  }

  /** A projection with a kernel of its own, dispatched after the populations each step. */
  static standalone(
    device: GPUDevice,
    layouts: { readonly bindGroup: GPUBindGroupLayout; readonly pipeline: GPUPipelineLayout },
    plan: ProjectionPlan,
    buffers: { readonly history: NetworkHistory; readonly states: GPUBuffer },
    maxChunkSteps: number,
  ): GpuProjection {
    const { setup } = plan.projection;
    const code = standaloneProjectionKernel(plan.projection, plan.program, plan.table, plan.placement, plan.recording);
    const module = device.createShaderModule({ code, label: `projection ${setup.id}` });
    const pipeline = device.createComputePipeline({ layout: layouts.pipeline, compute: { module, entryPoint: 'main' }, label: setup.id });
    const make = (bytes: number, usage: number, label: string): GPUBuffer => device.createBuffer({ size: Math.max(16, bytes), usage, label: `${setup.id} ${label}` });
    const ctrl = make(CTRL_STRIDE * maxChunkSteps, UNIFORM | COPY_DST, 'ctrl');
    const constants = make(4 * plan.constants.length, STORAGE | COPY_DST, 'connections');
    device.queue.writeBuffer(constants, 0, Uint32Array.from(plan.constants));
    const recordBytes = 4 * plan.recording.slots;
    const recordings = make(recordBytes, STORAGE | COPY_SRC, 'recordings');
    const recordingsStaging = make(recordBytes, MAP_READ | COPY_DST, 'recordings staging');
    const variables = make(4 * plan.variableWords, STORAGE | COPY_SRC | COPY_DST, 'per-connection values');
    const savedVariables = make(4 * plan.variableWords, COPY_SRC | COPY_DST, 'saved per-connection values');
    const bindGroup = device.createBindGroup({
      layout: layouts.bindGroup,
      entries: [
        { binding: 0, resource: { buffer: ctrl, size: CTRL_BYTES } },
        { binding: 1, resource: { buffer: buffers.history.buffer } },
        { binding: 2, resource: { buffer: buffers.states } },
        { binding: 3, resource: { buffer: constants } },
        { binding: 4, resource: { buffer: variables } },
        { binding: 5, resource: { buffer: recordings } },
      ],
    });
    return new GpuProjection(device, plan, variables, { pipeline, bindGroup, ctrl, constants, savedVariables, recordings, recordingsStaging });
  }

  get projection(): ProjectionRuntime {
    return this.plan.projection;
  }

  get recording(): ConnectionRecording {
    return this.plan.recording;
  }

  /** The own kernel (undefined when the post population's kernel runs this projection). */
  get kernel(): { readonly pipeline: GPUComputePipeline; readonly bindGroup: GPUBindGroup } | undefined {
    return this.own;
  }

  private get rows(): number {
    return this.plan.variableWords / Math.max(1, this.count);
  }

  private get byteOffset(): number {
    return this.own ? 0 : 4 * this.plan.placement.variables.base;
  }

  /** The host's per-connection values (creation order) into the GPU's rows (order by post). */
  upload(): void {
    const { program } = this.plan;
    if (this.plan.variableWords === 0) return;
    const { setup } = this.projection;
    const ids = setup.incoming.ids;
    const data = new Uint32Array(this.plan.variableWords);
    const f32 = new Float32Array(data.buffer);
    const i32 = new Int32Array(data.buffer);
    const sources = [...setup.connectionStates, ...program.plastic.map((k) => setup.connectionParams[k]!)];
    for (let q = 0; q < this.count; q++) {
      const c = ids[q];
      sources.forEach((array, r) => (f32[r * this.count + q] = array[c]));
      if (program.states.length > 0) i32[sources.length * this.count + q] = this.projection.eventClock[c];
    }
    this.device.queue.writeBuffer(this.variables, this.byteOffset, data);
  }

  /** Reads the per-connection values back (raw rows; see commit). */
  async read(): Promise<Uint32Array> {
    const bytes = 4 * this.plan.variableWords;
    if (bytes === 0) return new Uint32Array(0);
    const staging = this.device.createBuffer({ size: bytes, usage: MAP_READ | COPY_DST });
    const encoder = this.device.createCommandEncoder();
    encoder.copyBufferToBuffer(this.variables, this.byteOffset, staging, 0, bytes);
    this.device.queue.submit([encoder.finish()]);
    try {
      await staging.mapAsync(MAP_MODE_READ);
      return new Uint32Array(staging.getMappedRange()).slice();
    } finally {
      staging.destroy();
    }
  }

  /** Writes values read by `read` into the host's arrays (creation order). */
  commit(data: Uint32Array): void {
    if (data.length === 0) return;
    const { program } = this.plan;
    const { setup } = this.projection;
    const ids = setup.incoming.ids;
    const f32 = new Float32Array(data.buffer, data.byteOffset, data.length);
    const i32 = new Int32Array(data.buffer, data.byteOffset, data.length);
    const targets = [...setup.connectionStates, ...program.plastic.map((k) => setup.connectionParams[k]!)];
    for (let q = 0; q < this.count; q++) {
      const c = ids[q];
      targets.forEach((array, r) => (array[c] = f32[r * this.count + q]));
      if (program.states.length > 0) this.projection.eventClock[c] = i32[targets.length * this.count + q];
    }
  }

  copyRecordings(encoder: GPUCommandEncoder): void {
    if (this.own && this.recording.slots > 0) encoder.copyBufferToBuffer(this.own.recordings, 0, this.own.recordingsStaging, 0, 4 * this.recording.slots);
  }

  /**
   * The recorded values of the chunk (after copyRecordings was submitted), laid out as
   * `recording.recorders` say; a hosted projection's are in its post population's, `postRecorded`.
   */
  async readRecordings(postRecorded: Float32Array): Promise<Float32Array> {
    if (!this.own) return postRecorded;
    if (this.recording.slots === 0) return new Float32Array(0);
    const staging = this.own.recordingsStaging;
    await staging.mapAsync(MAP_MODE_READ, 0, 4 * this.recording.slots);
    const out = new Float32Array(staging.getMappedRange(0, 4 * this.recording.slots).slice(0));
    staging.unmap();
    return out;
  }

  saveState(encoder: GPUCommandEncoder): void {
    if (this.own) encoder.copyBufferToBuffer(this.variables, 0, this.own.savedVariables, 0, this.variables.size);
  }

  restoreSaved(encoder: GPUCommandEncoder): void {
    if (this.own) encoder.copyBufferToBuffer(this.own.savedVariables, 0, this.variables, 0, this.variables.size);
  }

  /** One control slot per step of the chunk (slot s: step firstStep + s), for the own kernel. */
  prepareChunk(firstStep: number, steps: number): void {
    if (!this.own) return;
    const ctrl = new ArrayBuffer(CTRL_STRIDE * steps);
    for (let s = 0; s < steps; s++) {
      new Int32Array(ctrl, CTRL_STRIDE * s, 2).set([firstStep, 1]);
      new Int32Array(ctrl, CTRL_STRIDE * s + 16, 1).set([s]);
    }
    this.device.queue.writeBuffer(this.own.ctrl, 0, ctrl);
  }

  get postSize(): number {
    return this.projection.setup.post.size;
  }

  destroy(): void {
    if (!this.own) return;
    for (const b of [this.own.ctrl, this.own.constants, this.variables, this.own.savedVariables, this.own.recordings, this.own.recordingsStaging]) b.destroy();
  }
}
