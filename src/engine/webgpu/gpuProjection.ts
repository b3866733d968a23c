/**
 * Spike propagation of one projection on the GPU, after every step of the populations: one thread
 * per post-synaptic neuron walks its incoming connections (CSR by post), looks up in the pre
 * population's spike history whether each one's pre neuron spiked `delay` steps ago, and adds the
 * `on_pre` increments of the arrivals to its summed synapse states (or a bound state such as `v`).
 * Pulling instead of pushing needs no atomics (WGSL has no float atomics) and sums in a fixed order.
 *
 * This is the first slice: synapses whose `on_pre` only adds to summed (lumped) states or post
 * states, with values from parameters (CUBA, COBA, COBAHH, exponential and alpha currents, delta
 * synapses). Per-connection synapse states, plasticity, `on_post` and per-connection currents are
 * refused with the reason (`gpuProjectionUnsupported`).
 */
import type { AssignmentIR, Expr } from '../../model/ir';
import { inlineDefinitions, symbolsOf } from '../../model/symbolic';
import { definitionMap } from '../../model/compile';
import type { ProjectionRuntime } from '../projection';
import { CTRL_BYTES, CTRL_STRIDE, WORKGROUP_SIZE } from './populationKernel';
import { printWgsl, wgslNumber, WGSL_MATH } from './wgslExpr';

const STORAGE = 0x80;
const UNIFORM = 0x40;
const COPY_DST = 0x08;

/** The projection's longest delay in steps + 1: how much spike history its pre population keeps. */
export function historyStepsFor(projection: ProjectionRuntime): number {
  const d = projection.setup.delaySteps;
  return (typeof d === 'number' ? d : d.reduce((m, x) => Math.max(m, x), 0)) + 1;
}

interface Increment {
  /** Index of the post population's state that receives it. */
  readonly state: number;
  readonly sign: 1 | -1;
  readonly expr: Expr;
}

/** Why the projection cannot run on the GPU yet, or its increments. */
function increments(projection: ProjectionRuntime): Increment[] | string {
  const { setup } = projection;
  const { ir, plan, layout } = setup;
  const what = `projection '${setup.id}' (${ir.name})`;
  if (plan.eventDriven.length + plan.clockDriven.length > 0) return `${what} has per-connection synapse states (${[...plan.eventDriven, ...plan.clockDriven].join(', ')}), which the WebGPU backend does not propagate yet`;
  if (ir.onPost.length > 0) return `${what} has an on_post block (plasticity), which the WebGPU backend does not run yet`;
  if (plan.current === 'per-connection') return `${what} injects a current per connection, which the WebGPU backend does not compute yet`;
  const defs = definitionMap(ir);
  const params = new Set(ir.params.map((p) => p.name));
  const out: Increment[] = [];
  for (const a of ir.onPre as readonly AssignmentIR[]) {
    if (a.op !== '+=' && a.op !== '-=') return `${what}: its on_pre sets '${a.target}' with '${a.op}'; the WebGPU backend adds increments only (+=, −=)`;
    const expr = inlineDefinitions(a.expr, defs);
    const foreign = [...symbolsOf(expr)].find((s) => !params.has(s) && s !== 'dt' && s !== 'pi');
    if (foreign) return `${what}: its on_pre reads '${foreign}'; the WebGPU backend propagates increments computed from parameters only`;
    const lumped = layout.lumped.get(a.target);
    const bound = layout.postInputs.get(a.target);
    const array = lumped !== undefined ? setup.lumpedArrays[lumped] : bound !== undefined ? setup.postArrays[bound] : undefined;
    const state = array ? setup.post.states.indexOf(array) : -1;
    if (state < 0) return `${what}: its on_pre changes '${a.target}', which is not a state of the post population`;
    out.push({ state, sign: a.op === '+=' ? 1 : -1, expr });
  }
  return out;
}

export function gpuProjectionUnsupported(projection: ProjectionRuntime): string | undefined {
  const result = increments(projection);
  return typeof result === 'string' ? result : undefined;
}

/**
 * The read-only table C of a projection: [indptr: nPost + 1][pre ids by post][delays by post, when
 * they differ][f32 bits of each per-connection parameter by post]. Returns the layout's offsets.
 */
function connectionTable(projection: ProjectionRuntime): { table: Uint32Array; pre: number; delay: number; params: Map<number, number> } {
  const { setup } = projection;
  const { indptr, ids } = setup.incoming;
  const count = ids.length;
  const perConnection = setup.connectionParams.map((a, k) => (a ? k : -1)).filter((k) => k >= 0);
  const delays = typeof setup.delaySteps === 'number' ? null : setup.delaySteps;
  const size = indptr.length + count * (1 + (delays ? 1 : 0) + perConnection.length);
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
  return { table, pre, delay, params };
}

export class GpuProjection {
  readonly pipeline: GPUComputePipeline;
  readonly bindGroup: GPUBindGroup;
  private readonly ctrl: GPUBuffer;
  private readonly constants: GPUBuffer;

  constructor(
    private readonly device: GPUDevice,
    bindGroupLayout: GPUBindGroupLayout,
    pipelineLayout: GPUPipelineLayout,
    readonly projection: ProjectionRuntime,
    preHistory: GPUBuffer,
    preHistorySteps: number,
    postStates: GPUBuffer,
    maxChunkSteps: number,
  ) {
    const adds = increments(projection);
    if (typeof adds === 'string') throw new Error(`internal: ${adds}`);
    const { table, pre, delay, params } = connectionTable(projection);
    const { setup } = projection;
    const nPre = setup.pre.size;
    const nPost = setup.post.size;
    const paramName = new Map(setup.ir.params.map((p, k) => [p.name, k]));
    const nameOf = (name: string): string => {
      if (name === 'dt') return 'dt';
      if (name === 'pi') return wgslNumber(Math.PI);
      const k = paramName.get(name)!;
      return params.has(k) ? `p${k}` : wgslNumber(setup.scalarParams[k]);
    };
    const targets = [...new Set(adds.map((a) => a.state))];
    const R = preHistorySteps;
    const lines = [
      'struct Ctrl { firstStep: i32, steps: i32, spikeCapacity: u32, zero: u32, s0: i32 }',
      '@group(0) @binding(0) var<uniform> ctrl: Ctrl;',
      '@group(0) @binding(1) var<storage, read> HIST: array<u32>;',
      '@group(0) @binding(2) var<storage, read_write> S: array<f32>;',
      '@group(0) @binding(3) var<storage, read> C: array<u32>;',
      WGSL_MATH,
      `@compute @workgroup_size(${WORKGROUP_SIZE})`,
      'fn main(@builtin(global_invocation_id) gid: vec3u) {',
      '  let j = gid.x;',
      `  if (j >= ${nPost}u) { return; }`,
      `  let dt = ${wgslNumber(setup.post.setup.dtMs)};`,
      '  let n = ctrl.firstStep + ctrl.s0;',
      ...targets.map((k) => `  var a${k} = 0.0f;`),
      '  for (var q = C[j]; q < C[j + 1u]; q++) {',
      `    let sent = n - ${delay >= 0 ? `i32(C[${delay}u + q])` : `${setup.delaySteps as number}`};`,
      `    if (sent < 0 || HIST[u32(sent % ${R}) * ${nPre}u + C[${pre}u + q]] == 0u) { continue; }`,
      ...[...params].map(([k, at]) => `    let p${k} = bitcast<f32>(C[${at}u + q]);`),
      ...adds.map((a) => `    a${a.state} ${a.sign > 0 ? '+=' : '-='} ${printWgsl(a.expr, nameOf)};`),
      '  }',
      ...targets.map((k) => `  S[${k * nPost}u + j] += a${k};`),
      '}',
    ];
    const module = device.createShaderModule({ code: lines.join('\n'), label: `projection ${setup.id}` });
    this.pipeline = device.createComputePipeline({ layout: pipelineLayout, compute: { module, entryPoint: 'main' }, label: setup.id });
    this.ctrl = device.createBuffer({ size: CTRL_STRIDE * maxChunkSteps, usage: UNIFORM | COPY_DST, label: `${setup.id} ctrl` });
    this.constants = device.createBuffer({ size: 4 * table.length, usage: STORAGE | COPY_DST, label: `${setup.id} connections` });
    device.queue.writeBuffer(this.constants, 0, table as Uint32Array<ArrayBuffer>);
    this.bindGroup = device.createBindGroup({
      layout: bindGroupLayout,
      entries: [
        { binding: 0, resource: { buffer: this.ctrl, size: CTRL_BYTES } },
        { binding: 1, resource: { buffer: preHistory } },
        { binding: 2, resource: { buffer: postStates } },
        { binding: 3, resource: { buffer: this.constants } },
      ],
    });
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
    this.ctrl.destroy();
    this.constants.destroy();
  }
}

/** Bindings of every projection kernel: ctrl (dynamic offset), HIST, S, C. */
export const PROJECTION_BINDING_TYPES: readonly GPUBufferBindingType[] = ['uniform', 'read-only-storage', 'storage', 'read-only-storage'];
