/**
 * Spike propagation of one projection on the GPU, after every step of the populations: one thread
 * per post-synaptic neuron walks its incoming connections (CSR by post), looks up in the pre
 * population's spike history whether each one's pre neuron spiked `delay` steps ago, and adds the
 * `on_pre` increments of the arrivals to its summed synapse states (or a bound state such as `v`).
 * Pulling instead of pushing needs no atomics (WGSL has no float atomics) and sums in a fixed order.
 *
 * Synapses run here when their per-connection states are event-driven (advanced exactly between
 * events: STDP traces, Tsodyks–Markram u and x) or clock-driven with equations of the connection
 * alone (Jaxley's SpikeSynapse: one Euler step a step, before the arrivals, as on the CPU), their
 * `on_pre`/`on_post` add to summed states or post states, and any current computed per connection
 * (gap junctions, SpikeSynapse) reads the post cell and the pre cell's states: such a projection
 * runs after the others of the step and leaves the next step's summed current in a row of the post
 * population's state buffer, which its kernel adds to that input. Reads of the pre-synaptic cell in
 * `on_pre`/`on_post` and clock-driven equations that read the cells are refused with the reason
 * (`gpuProjectionUnsupported`). Each connection belongs to one post neuron's thread, so its states
 * and plastic weight are read and written without races.
 */
import type { AssignmentIR, Expr } from '../../model/ir';
import type { ProjectionRuntime } from '../projection';
import type { RecorderSetup } from '../simulation';
import { planRecording, recordingSource, type ConnectionRecording } from './connectionRecording';
import { synapseProgram, type SynapseProgram } from './synapseProgram';
import { CTRL_BYTES, CTRL_STRIDE, WORKGROUP_SIZE } from './populationKernel';
import { printWgsl, wgslNumber, WGSL_MATH } from './wgslExpr';
import { COPY_DST, COPY_SRC, MAP_MODE_READ, MAP_READ, STORAGE, UNIFORM } from './gpuFlags';

/** The projection's longest delay in steps + 1: how much spike history its pre population keeps. */
export function historyStepsFor(projection: ProjectionRuntime): number {
  const d = projection.setup.delaySteps;
  return (typeof d === 'number' ? d : d.reduce((m, x) => Math.max(m, x), 0)) + 1;
}

/**
 * The read-only table C of a projection: [indptr: nPost + 1][pre ids by post][delays by post, when
 * they differ][f32 bits of each per-connection parameter by post][f32 bits of the scalar
 * parameters]. Scalars are read at run time, not printed as literals: WGSL folds constant
 * expressions and refuses a branch such as −1/τ with τ = 0 that the run never takes.
 */
function connectionTable(projection: ProjectionRuntime): { table: Uint32Array; pre: number; delay: number; params: Map<number, number>; scalars: number } {
  const { setup } = projection;
  const { indptr, ids } = setup.incoming;
  const count = ids.length;
  const perConnection = setup.connectionParams.map((a, k) => (a ? k : -1)).filter((k) => k >= 0);
  const delays = typeof setup.delaySteps === 'number' ? null : setup.delaySteps;
  const size = indptr.length + count * (1 + (delays ? 1 : 0) + perConnection.length) + setup.scalarParams.length;
  const table = new Uint32Array(Math.max(4, size));
  const f32 = new Float32Array(table.buffer);
  table.set(indptr, 0);
  const pre = indptr.length;
  const delay = delays ? pre + count : -1;
  let next = pre + count + (delays ? count : 0);
  const params = new Map<number, number>();
  for (const k of perConnection) {
    params.set(k, next);
    next += count;
  }
  for (let q = 0; q < count; q++) {
    const c = ids[q];
    table[pre + q] = setup.connections.pre[c];
    if (delays) table[delay + q] = delays[c];
    for (const [k, at] of params) f32[at + q] = setup.connectionParams[k]![c];
  }
  const scalars = next;
  f32.set(setup.scalarParams, scalars);
  return { table, pre, delay, params, scalars };
}

export class GpuProjection {
  readonly pipeline: GPUComputePipeline;
  readonly bindGroup: GPUBindGroup;
  private readonly ctrl: GPUBuffer;
  private readonly constants: GPUBuffer;
  /** Per-connection values the kernel changes, by post (u32 bits): states, plastic params, last update. */
  private readonly variables: GPUBuffer;
  private readonly savedVariables: GPUBuffer;
  private readonly program: SynapseProgram;
  private readonly count: number;
  /** Recordings of per-connection values, written by the kernel at their sample steps. */
  readonly recording: ConnectionRecording;
  private readonly recordings: GPUBuffer;
  private readonly recordingsStaging: GPUBuffer;

  constructor(
    private readonly device: GPUDevice,
    bindGroupLayout: GPUBindGroupLayout,
    pipelineLayout: GPUPipelineLayout,
    readonly projection: ProjectionRuntime,
    buffers: {
      readonly preHistory: GPUBuffer;
      readonly preHistorySteps: number;
      readonly postStates: GPUBuffer;
      /** The pre population's states (read by per-connection currents such as a gap junction's v_pre). */
      readonly preStates: GPUBuffer;
      readonly postHistory: GPUBuffer;
      readonly postHistorySteps: number;
      /** Where a per-connection current goes: a row of the post state buffer, set by the first projection into it, added to by the others. */
      readonly postInput?: { readonly row: number; readonly assign: boolean };
    },
    maxChunkSteps: number,
    recorders: readonly { readonly recorder: number; readonly setup: RecorderSetup }[],
  ) {
    const program = synapseProgram(projection);
    if (typeof program === 'string') throw new Error(`internal: ${program}`);
    this.program = program;
    const { table, pre, delay, params, scalars } = connectionTable(projection);
    const { setup } = projection;
    this.count = setup.incoming.ids.length;
    this.recording = planRecording(projection, recorders, maxChunkSteps, table.length);
    const code = kernelSource(projection, program, { pre, delay, params, scalars }, buffers.preHistorySteps, buffers.postHistorySteps, this.count, this.recording, buffers.postInput);
    const module = device.createShaderModule({ code, label: `projection ${setup.id}` });
    this.pipeline = device.createComputePipeline({ layout: pipelineLayout, compute: { module, entryPoint: 'main' }, label: setup.id });
    this.ctrl = device.createBuffer({ size: CTRL_STRIDE * maxChunkSteps, usage: UNIFORM | COPY_DST, label: `${setup.id} ctrl` });
    const constants = Uint32Array.from([...table, ...this.recording.words]);
    this.constants = device.createBuffer({ size: 4 * constants.length, usage: STORAGE | COPY_DST, label: `${setup.id} connections` });
    device.queue.writeBuffer(this.constants, 0, constants);
    const recordBytes = Math.max(16, 4 * this.recording.slots);
    this.recordings = device.createBuffer({ size: recordBytes, usage: STORAGE | COPY_SRC, label: `${setup.id} recordings` });
    this.recordingsStaging = device.createBuffer({ size: recordBytes, usage: MAP_READ | COPY_DST, label: `${setup.id} recordings staging` });
    const variableBytes = Math.max(16, 4 * this.count * this.variableRows);
    this.variables = device.createBuffer({ size: variableBytes, usage: STORAGE | COPY_SRC | COPY_DST, label: `${setup.id} per-connection values` });
    this.savedVariables = device.createBuffer({ size: variableBytes, usage: COPY_SRC | COPY_DST, label: `${setup.id} saved per-connection values` });
    this.upload();
    this.bindGroup = device.createBindGroup({
      layout: bindGroupLayout,
      entries: [
        { binding: 0, resource: { buffer: this.ctrl, size: CTRL_BYTES } },
        { binding: 1, resource: { buffer: buffers.preHistory } },
        { binding: 2, resource: { buffer: buffers.postStates } },
        { binding: 3, resource: { buffer: this.constants } },
        { binding: 4, resource: { buffer: buffers.postHistory } },
        { binding: 5, resource: { buffer: this.variables } },
        { binding: 6, resource: { buffer: this.recordings } },
        // Within one population S is the pre states too, and binding it again read-only would alias a
        // writable binding (not allowed): then the table stands in, unread.
        { binding: 7, resource: { buffer: setup.pre === setup.post ? this.constants : buffers.preStates } },
      ],
    });
  }

  /** Rows of per-connection values: each event-driven state, each plastic parameter, the last update. */
  private get variableRows(): number {
    return this.program.states.length + this.program.plastic.length + (this.program.states.length > 0 ? 1 : 0);
  }

  /** The host's per-connection values (creation order) into the GPU's rows (order by post). */
  private upload(): void {
    const rows = this.variableRows;
    if (rows === 0) return;
    const { setup } = this.projection;
    const ids = setup.incoming.ids;
    const data = new Uint32Array(rows * this.count);
    const f32 = new Float32Array(data.buffer);
    const i32 = new Int32Array(data.buffer);
    const sources = [...setup.connectionStates, ...this.program.plastic.map((k) => setup.connectionParams[k]!)];
    for (let q = 0; q < this.count; q++) {
      const c = ids[q];
      sources.forEach((array, r) => (f32[r * this.count + q] = array[c]));
      if (this.program.states.length > 0) i32[sources.length * this.count + q] = this.projection.eventClock[c];
    }
    this.device.queue.writeBuffer(this.variables, 0, data);
  }

  /** Reads the per-connection values back (raw rows; see commit). */
  async read(): Promise<Uint32Array> {
    const rows = this.variableRows;
    if (rows === 0) return new Uint32Array(0);
    const staging = this.device.createBuffer({ size: 4 * rows * this.count, usage: MAP_READ | COPY_DST });
    const encoder = this.device.createCommandEncoder();
    encoder.copyBufferToBuffer(this.variables, 0, staging, 0, 4 * rows * this.count);
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
    const { setup } = this.projection;
    const ids = setup.incoming.ids;
    const f32 = new Float32Array(data.buffer, data.byteOffset, data.length);
    const i32 = new Int32Array(data.buffer, data.byteOffset, data.length);
    const targets = [...setup.connectionStates, ...this.program.plastic.map((k) => setup.connectionParams[k]!)];
    for (let q = 0; q < this.count; q++) {
      const c = ids[q];
      targets.forEach((array, r) => (array[c] = f32[r * this.count + q]));
      if (this.program.states.length > 0) this.projection.eventClock[c] = i32[targets.length * this.count + q];
    }
  }

  copyRecordings(encoder: GPUCommandEncoder): void {
    if (this.recording.slots > 0) encoder.copyBufferToBuffer(this.recordings, 0, this.recordingsStaging, 0, 4 * this.recording.slots);
  }

  /** The recorded values of the chunk (after copyRecordings was submitted). */
  async readRecordings(): Promise<Float32Array> {
    if (this.recording.slots === 0) return new Float32Array(0);
    await this.recordingsStaging.mapAsync(MAP_MODE_READ, 0, 4 * this.recording.slots);
    const out = new Float32Array(this.recordingsStaging.getMappedRange(0, 4 * this.recording.slots).slice(0));
    this.recordingsStaging.unmap();
    return out;
  }

  saveState(encoder: GPUCommandEncoder): void {
    encoder.copyBufferToBuffer(this.variables, 0, this.savedVariables, 0, this.variables.size);
  }

  restoreSaved(encoder: GPUCommandEncoder): void {
    encoder.copyBufferToBuffer(this.savedVariables, 0, this.variables, 0, this.variables.size);
  }

  /** One control slot per step of the chunk (slot s: step firstStep + s). */
  prepareChunk(firstStep: number, steps: number): void {
    const ctrl = new ArrayBuffer(CTRL_STRIDE * steps);
    for (let s = 0; s < steps; s++) {
      new Int32Array(ctrl, CTRL_STRIDE * s, 2).set([firstStep, 1]);
      new Int32Array(ctrl, CTRL_STRIDE * s + 16, 1).set([s]);
    }
    this.device.queue.writeBuffer(this.ctrl, 0, ctrl);
  }

  get postSize(): number {
    return this.projection.setup.post.size;
  }

  destroy(): void {
    for (const b of [this.ctrl, this.constants, this.variables, this.savedVariables, this.recordings, this.recordingsStaging]) b.destroy();
  }
}

/**
 * The WGSL of one projection. One thread per post neuron j: for each incoming connection whose pre
 * neuron spiked `delay` steps ago, its event-driven states catch up exactly since their last update
 * (x ← x + (A + Bx)·φ(B, Δ), as on the CPU), then `on_pre` runs; additions to post states are
 * summed and added once; then, if j spiked this step, `on_post` runs on every incoming connection.
 */
function kernelSource(
  projection: ProjectionRuntime,
  program: SynapseProgram,
  table: { readonly pre: number; readonly delay: number; readonly params: ReadonlyMap<number, number>; readonly scalars: number },
  preHistorySteps: number,
  postHistorySteps: number,
  count: number,
  recording: ConnectionRecording,
  input: { readonly row: number; readonly assign: boolean } | undefined,
): string {
  const { setup } = projection;
  const nPre = setup.pre.size;
  const nPost = setup.post.size;
  const paramIndex = new Map(setup.ir.params.map((p, k) => [p.name, k]));
  const stateIndex = new Map(program.states.map((name, k) => [name, k]));
  const plasticRow = new Map(program.plastic.map((k, r) => [k, program.states.length + r]));
  const luRow = program.states.length + program.plastic.length;
  const targets = [...new Set(program.added.values())];
  const nameOf = (name: string): string => {
    if (name === 'dt') return 'dt';
    if (name === 'pi') return wgslNumber(Math.PI);
    if (name === 't') return '(f32(n) * dt)';
    const state = stateIndex.get(name);
    if (state !== undefined) return `s${state}`;
    const read = program.read.get(name);
    if (read !== undefined) return `v${read}`;
    const preRead = program.preRead.get(name);
    if (preRead !== undefined) return `w${preRead}`;
    return `p${paramIndex.get(name)!}`;
  };
  const print = (e: Expr): string => printWgsl(e, nameOf);
  const statement = (a: AssignmentIR): string => {
    const added = program.added.get(a.target);
    if (added !== undefined) return `a${added} ${a.op} ${print(a.expr)};`;
    return `${nameOf(a.target)} ${a.op} ${print(a.expr)};`;
  };
  const row = (r: number): string => `V[${r * count}u + q]`;
  // Loads, exact catch-up since the last update, the statements, and stores, for connection q.
  // Connection q's values now: its states caught up exactly since their last update.
  const loadAndCatchUp = (): string[] => {
    const out: string[] = [];
    program.states.forEach((_, k) => out.push(`var s${k} = bitcast<f32>(${row(k)});`));
    for (const [k, at] of table.params) if (!plasticRow.has(k)) out.push(`let p${k} = bitcast<f32>(C[${at}u + q]);`);
    for (const [k, r] of plasticRow) out.push(`var p${k} = bitcast<f32>(${row(r)});`);
    if (program.eventDriven.size > 0) {
      out.push(`let D = f32(n - bitcast<i32>(${row(luRow)})) * dt;`);
      program.states.forEach((name, k) => {
        if (!program.eventDriven.has(name)) return;
        const { A, B } = setup.plan.linear.get(name)!;
        out.push(`{ let B = ${print(B)}; s${k} = s${k} + (${print(A)} + B * s${k}) * sf_phi(B, D); }`);
      });
    }
    return out;
  };
  const body = (list: readonly AssignmentIR[]): string[] => {
    const out = loadAndCatchUp();
    out.push(...list.map(statement));
    program.states.forEach((_, k) => out.push(`${row(k)} = bitcast<u32>(s${k});`));
    for (const [k, r] of plasticRow) out.push(`${row(r)} = bitcast<u32>(p${k});`);
    if (program.states.length > 0) out.push(`${row(luRow)} = bitcast<u32>(n);`);
    return out;
  };
  // Connection q's per-connection parameters (plastic ones from their rows).
  const connectionParams = (): string[] => [...table.params].map(([k, at]) => `    let p${k} = bitcast<f32>(${plasticRow.has(k) ? row(plasticRow.get(k)!) : `C[${at}u + q]`});`);
  // Clock-driven states: one Euler step from t_n to t_{n+1} before this step's arrivals (the CPU
  // advances them before the populations' step n; their equations read only the connection).
  const clockAdvance = (): string[] => {
    if (program.clock.length === 0) return [];
    const out = ['  for (var q = C[j]; q < C[j + 1u]; q++) {'];
    out.push(...program.states.map((_, k) => `    let s${k} = bitcast<f32>(${row(k)});`));
    out.push(...connectionParams());
    for (const { k, rhs } of program.clock) out.push(`    let next${k} = s${k} + dt * (${print(rhs)});`);
    for (const { k } of program.clock) out.push(`    ${row(k)} = bitcast<u32>(next${k});`);
    out.push('  }');
    return out;
  };
  const lines = [
    'struct Ctrl { firstStep: i32, steps: i32, spikeCapacity: u32, zero: u32, s0: i32 }',
    '@group(0) @binding(0) var<uniform> ctrl: Ctrl;',
    '@group(0) @binding(1) var<storage, read> HIST: array<u32>;',
    '@group(0) @binding(2) var<storage, read_write> S: array<f32>;',
    '@group(0) @binding(3) var<storage, read> C: array<u32>;',
    '@group(0) @binding(4) var<storage, read> HPOST: array<u32>;',
    '@group(0) @binding(5) var<storage, read_write> V: array<u32>;',
    '@group(0) @binding(6) var<storage, read_write> REC: array<f32>;',
    '@group(0) @binding(7) var<storage, read> PRE: array<f32>;',
    WGSL_MATH,
    `@compute @workgroup_size(${WORKGROUP_SIZE})`,
    'fn main(@builtin(global_invocation_id) gid: vec3u) {',
    '  let j = gid.x;',
    `  if (j >= ${nPost}u) { return; }`,
    `  let dt = ${wgslNumber(setup.post.setup.dtMs)};`,
    '  let n = ctrl.firstStep + ctrl.s0;',
    ...Array.from(setup.scalarParams).flatMap((_, k) => (plasticRow.has(k) || table.params.has(k) ? [] : [`  let p${k} = bitcast<f32>(C[${table.scalars + k}u]);`])),
    ...[...program.read.values()].map((k) => `  var v${k} = S[${k * nPost}u + j];`),
    ...targets.map((k) => `  var a${k} = 0.0f;`),
    ...recordingSource(recording, program, loadAndCatchUp),
    ...clockAdvance(),
    '  for (var q = C[j]; q < C[j + 1u]; q++) {',
    `    let sent = n - ${table.delay >= 0 ? `i32(C[${table.delay}u + q])` : `${setup.delaySteps as number}`};`,
    `    if (sent < 0 || HIST[u32(sent % ${preHistorySteps}) * ${nPre}u + C[${table.pre}u + q]] == 0u) { continue; }`,
    ...body(program.onPre).map((l) => '    ' + l),
    '  }',
    ...targets.map((k) => `  S[${k * nPost}u + j] += a${k};`),
  ];
  if (program.onPost.length > 0) {
    lines.push(`  if (HPOST[u32(n % ${postHistorySteps}) * ${nPost}u + j] != 0u) {`, '    for (var q = C[j]; q < C[j + 1u]; q++) {');
    lines.push(...body(program.onPost).map((l) => '      ' + l), '    }', '  }');
  }
  if (program.current && input) {
    // The next step's per-connection currents (the CPU computes them before that step, after every
    // arrival): from the post cell's values now and each connection's states, summed in order.
    lines.push(...[...program.read.values()].map((k) => `  v${k} = S[${k * nPost}u + j];`), '  var cur = 0.0f;', '  for (var q = C[j]; q < C[j + 1u]; q++) {');
    lines.push(...program.states.map((_, k) => `    let s${k} = bitcast<f32>(${row(k)});`));
    lines.push(...connectionParams());
    // The pre cell's values (v_pre): its own state buffer, or S when the projection is within one population.
    const source = setup.pre === setup.post ? 'S' : 'PRE';
    lines.push(...[...program.preRead.values()].map((k) => `    let w${k} = ${source}[${k * nPre}u + C[${table.pre}u + q]];`));
    lines.push(`    cur += ${print(program.current)};`, '  }');
    lines.push(`  S[${input.row * nPost}u + j] ${input.assign ? '=' : '+='} cur;`);
  }
  lines.push('}');
  return lines.join('\n');
}

/** Bindings of every projection kernel: ctrl (dynamic offset), HIST, S, C, HPOST, V, REC, PRE (the pre population's states). */
export const PROJECTION_BINDING_TYPES: readonly GPUBufferBindingType[] = ['uniform', 'read-only-storage', 'storage', 'read-only-storage', 'read-only-storage', 'storage', 'storage', 'read-only-storage'];
