/**
 * Spike propagation of one projection on the GPU: one thread per post-synaptic neuron walks its
 * incoming connections (CSR by post), looks up in the pre population's spike history whether each
 * one's pre neuron spiked `delay` steps ago, and adds the `on_pre` increments of the arrivals to its
 * summed synapse states (or a bound state such as `v`). Pulling instead of pushing needs no atomics
 * (WGSL has no float atomics) and sums in a fixed order. The WGSL is `projectionSource.ts`.
 *
 * Its WGSL is a function the network's kernels call for post neuron j (`gpuPlan.ts` says when: at the
 * start of the next step inside the post population's, or — with per-connection currents, which read
 * the pre cells after everyone's step — in dispatches of their own after the populations'). Its data
 * sit in the network's buffers: the table in C, per-connection values in LS, recordings in REC. Each
 * connection belongs to one post neuron's thread, so its states and plastic weight are read and
 * written without races.
 */
import type { ProjectionRuntime } from '../projection';
import type { RecorderSetup } from '../simulation';
import { planRecording, type ConnectionRecording } from './connectionRecording';
import { synapseProgram, type SynapseProgram } from './synapseProgram';
import { connectionTable, type ConnectionTable, type ProjectionPlacement } from './projectionSource';
import type { PushPlan } from './pushProjection';

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
  readonly constants: ArrayLike<number>;
  /** i32 words of per-connection values: each event-driven state, each plastic parameter, the last update (rows of `count`). */
  readonly variableWords: number;
  /** When its spikes are pushed (pushProjection.ts): then `constants` is the push table, and `table` empty. */
  readonly push?: PushPlan;
}

const NO_TABLE: ConnectionTable = { table: new Uint32Array(0), pre: 0, delay: -1, params: new Map(), scalars: 0 };
const NO_RECORDING: ConnectionRecording = { recorders: [], slots: 0, start: 0, entries: 0, words: [] };

/** `ordered`: its arrivals run one by one in the CPU's order (orderedArrivals.ts), which needs its table by pre too. */
export function planProjection(projection: ProjectionRuntime, recorders: Recorders, maxChunkSteps: number, placement: ProjectionPlacement, recordBase: number, push?: PushPlan, ordered = false): ProjectionPlan {
  const program = synapseProgram(projection);
  if (typeof program === 'string') throw new Error(`internal: ${program}`);
  if (push) return { projection, program, table: NO_TABLE, recording: NO_RECORDING, placement, constants: push.table, variableWords: 0, push };
  const table = connectionTable(projection, ordered);
  const recording = planRecording(projection, recorders, maxChunkSteps, placement.tableBase + table.table.length, recordBase);
  const rows = program.states.length + program.plastic.length + (program.states.length > 0 ? 1 : 0);
  return { projection, program, table, recording, placement, constants: [...table.table, ...recording.words], variableWords: rows * projection.setup.incoming.ids.length };
}

/** A projection's per-connection values on the GPU, in LS after its post population's last-spike steps. */
export class GpuProjection {
  private readonly count: number;

  constructor(
    private readonly device: GPUDevice,
    readonly plan: ProjectionPlan,
    /** The network's LS buffer. */
    private readonly variables: GPUBuffer,
  ) {
    this.count = plan.projection.setup.incoming.ids.length;
    this.upload();
  }

  get projection(): ProjectionRuntime {
    return this.plan.projection;
  }

  get recording(): ConnectionRecording {
    return this.plan.recording;
  }

  private get byteOffset(): number {
    return 4 * this.plan.placement.variablesBase;
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

  /** Writes its part of LS as read back (`lastSpikeWords`: the whole buffer) into the host's arrays (creation order). */
  commit(lastSpikeWords: Int32Array): void {
    if (this.plan.variableWords === 0) return;
    const { program } = this.plan;
    const { setup } = this.projection;
    const ids = setup.incoming.ids;
    const base = this.plan.placement.variablesBase;
    const i32 = lastSpikeWords.subarray(base, base + this.plan.variableWords);
    const f32 = new Float32Array(i32.buffer, i32.byteOffset, i32.length);
    const targets = [...setup.connectionStates, ...program.plastic.map((k) => setup.connectionParams[k]!)];
    for (let q = 0; q < this.count; q++) {
      const c = ids[q];
      targets.forEach((array, r) => (array[c] = f32[r * this.count + q]));
      if (program.states.length > 0) this.projection.eventClock[c] = i32[targets.length * this.count + q];
    }
  }
}
