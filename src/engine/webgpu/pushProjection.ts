/**
 * Spikes pushed instead of pulled, for projections whose arrivals only add constants to post states
 * (CUBA's and COBA's `x += w`). Pulling walks every connection every step (one post thread scans its
 * incoming connections for pre neurons that spiked), which costs the network's connection count a
 * step whatever the rate: 4.8 ms a step for CUBA-4000 at p = 0.02 on SwiftShader. Pushing costs a
 * flag per pre neuron and the arrivals: a pre thread whose neuron spiked `delay` steps ago adds each
 * connection's increment to its post neuron's accumulator, and the post neuron's thread then adds
 * the accumulator to its state and clears it.
 *
 * The increments are fixed-point integers added with atomicAdd (WGSL has no float atomics), so the
 * sum does not depend on the order threads arrive in: a run gives the same numbers every time. Each
 * increment is computed on the host from the projection's parameters (they read nothing else) and
 * scaled by 2^s, s as large as keeps the largest possible sum into one post neuron in a step (every
 * incoming connection at once) within 2³¹; a projection whose increments would lose more than 10⁻⁶
 * of their value to that grid is pulled instead.
 *
 * Only the pushing reads the pre population's spike history, at the same step the pull did, so the
 * history remains what crosses between backends (checkpoints, handover); accumulators are zero
 * between steps.
 */
import type { Expr } from '../../model/ir';
import { evaluate } from '../../model/evaluate';
import { symbolsOf } from '../../model/symbolic';
import type { ProjectionRuntime } from '../projection';
import type { HistoryRing } from './projectionSource';
import type { SynapseProgram } from './synapseProgram';
import { wgslNumber } from './wgslExpr';

/** Increments rounded to the fixed-point grid lose at most this fraction of their value. */
const MAX_RELATIVE_ROUNDING = 1e-6;

/** What a pushed projection adds, where, and at what scale. */
export interface PushPlan {
  readonly projection: ProjectionRuntime;
  /** The table in C (offsets relative to its start): [out indptr: nPre + 1][post ids by pre][increments by pre, one row per target]. */
  readonly table: Uint32Array;
  /** Post state index of each target, its increment row in the table and the value of one unit (2^−s). */
  readonly targets: readonly { readonly state: number; readonly row: number; readonly unit: number }[];
}

/**
 * The push plan of a projection, or undefined when it must be pulled: it has per-connection states,
 * plastic weights, `on_post`, a current, reads a cell, is recorded per connection, has delays per
 * connection, or its increments do not fit the fixed-point grid.
 */
export function planPush(projection: ProjectionRuntime, program: SynapseProgram, recorded: boolean): PushPlan | undefined {
  const { setup } = projection;
  if (recorded || typeof setup.delaySteps !== 'number') return undefined;
  if (program.states.length > 0 || program.plastic.length > 0 || program.onPost.length > 0 || program.current || program.clock.length > 0 || program.preRead.size > 0) return undefined;
  const paramIndex = new Map(setup.ir.params.map((p, k) => [p.name, k]));
  const readsOnlyParams = (e: Expr): boolean => [...symbolsOf(e)].every((x) => paramIndex.has(x) || x === 'dt' || x === 'pi');
  if (!program.onPre.every((a) => (a.op === '+=' || a.op === '-=') && program.changed.has(a.target) && readsOnlyParams(a.expr))) return undefined;

  const { connections, outgoing } = setup;
  const count = connections.pre.length;
  const dtMs = setup.post.setup.dtMs;
  const targetNames = [...new Set(program.onPre.map((a) => a.target))];
  // Each connection's increment of each target, in float64, as the CPU computes it.
  const increments = targetNames.map(() => new Float64Array(count));
  for (let c = 0; c < count; c++) {
    const lookup = (name: string): number => {
      if (name === 'dt') return dtMs;
      if (name === 'pi') return Math.PI;
      const k = paramIndex.get(name)!;
      return setup.connectionParams[k]?.[c] ?? setup.scalarParams[k];
    };
    program.onPre.forEach((a) => {
      const value = evaluate(a.expr, lookup);
      increments[targetNames.indexOf(a.target)][c] += a.op === '+=' ? value : -value;
    });
  }
  const nPre = setup.pre.size;
  const table = new Uint32Array(nPre + 1 + count * (1 + targetNames.length));
  const i32 = new Int32Array(table.buffer);
  table.set(outgoing.indptr, 0);
  const postIds = nPre + 1;
  for (let q = 0; q < count; q++) table[postIds + q] = connections.post[outgoing.ids[q]];
  const targets: { state: number; row: number; unit: number }[] = [];
  for (const [t, name] of targetNames.entries()) {
    const delta = increments[t];
    // The most one post neuron can receive in a step: every incoming connection at once.
    const reach = new Float64Array(setup.post.size);
    for (let c = 0; c < count; c++) reach[connections.post[c]] += Math.abs(delta[c]);
    const most = reach.reduce((m, x) => Math.max(m, x), 0);
    if (!Number.isFinite(most)) return undefined;
    const shift = Math.min(40, most > 0 ? Math.floor(Math.log2((2 ** 31 - 1) / most)) : 40);
    const scale = 2 ** shift;
    const row = postIds + count * (1 + t);
    for (let q = 0; q < count; q++) {
      const value = delta[outgoing.ids[q]];
      const fixed = Math.round(value * scale);
      if (Math.abs(fixed / scale - value) > MAX_RELATIVE_ROUNDING * Math.abs(value)) return undefined;
      i32[row + q] = fixed;
    }
    targets.push({ state: program.changed.get(name)!, row, unit: 1 / scale });
  }
  return { projection, table, targets };
}

/** Where a pushed projection finds its data: its table in C, its accumulators in STATUS (one row of nPost per target), the rings and states. */
export interface PushPlacement {
  readonly tableBase: number;
  readonly accumulators: number;
  readonly preHistory: HistoryRing;
  readonly postStates: number;
}

/**
 * `push` (`fn <name>_push(p: u32, n: i32)`): pre neuron p adds its connections' increments if it
 * spiked `delay` steps before step n; `collect` (`fn <name>(j: u32, n: i32)`, what the post
 * population's kernel calls where a pulled projection's arrivals run): post neuron j takes its
 * accumulators into its states.
 */
export function pushFunctions(name: string, plan: PushPlan, placement: PushPlacement): { push: string[]; collect: string[] } {
  const { setup } = plan.projection;
  const nPre = setup.pre.size;
  const nPost = setup.post.size;
  const C = (offset: number, index: string): string => `C[${placement.tableBase + offset}u + ${index}]`;
  const acc = (t: number, index: string): string => `STATUS[${placement.accumulators + t * nPost}u + ${index}]`;
  const { preHistory } = placement;
  const push = [
    `fn ${name}_push(p: u32, n: i32) {`,
    `  let sent = n - ${setup.delaySteps as number};`,
    `  if (sent < 0 || HIST[${preHistory.base}u + u32(sent % ${preHistory.steps}) * ${nPre}u + p] == 0u) { return; }`,
    `  for (var q = ${C(0, 'p')}; q < ${C(0, 'p + 1u')}; q++) {`,
    `    let j = ${C(nPre + 1, 'q')};`,
    ...plan.targets.map((t, k) => `    atomicAdd(&${acc(k, 'j')}, ${C(t.row, 'q')});`),
    '  }',
    '}',
  ];
  const collect = [
    `fn ${name}(j: u32, n: i32) {`,
    ...plan.targets.map((t, k) => `  S[${placement.postStates + t.state * nPost}u + j] += f32(bitcast<i32>(atomicExchange(&${acc(k, 'j')}, 0u))) * ${wgslNumber(t.unit)};`),
    '}',
  ];
  return { push, collect };
}
