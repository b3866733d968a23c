/**
 * Spikes pushed instead of pulled, for projections whose arrivals only add constants to post states
 * (CUBA's and COBA's `x += w`). Pulling walks every connection every step (one post thread scans its
 * incoming connections for pre neurons that spiked), which costs the network's connection count a
 * step whatever the rate: 4.8 ms a step for CUBA-4000 at p = 0.02 on SwiftShader. Pushing costs a
 * flag per pre neuron and delay, and the arrivals: for each of the projection's delays, a pre thread
 * whose neuron spiked that many steps ago adds the increments of its connections with that delay
 * (grouped by pre, then delay) to their post neurons' accumulators, and the post neuron's thread
 * then adds the accumulator to its state and clears it.
 *
 * The increments are fixed-point integers added with atomicAdd (WGSL has no float atomics), so the
 * sum does not depend on the order threads arrive in: a run gives the same numbers every time. Each
 * increment is computed on the host from the projection's parameters (they read nothing else) and
 * scaled by 2^s, for each post neuron s as large as keeps the largest possible sum into it in a step
 * (every incoming connection at once) within 2³¹ (one scale for the whole projection had a sum of
 * large weights into one neuron set a grid that rounded the small weights into another); a
 * projection whose increments would lose more than 10⁻⁶ of the largest increment into their post
 * neuron is pulled instead (one neuron with thousands of inputs of very different sizes).
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

/**
 * Increments rounded to the fixed-point grid lose at most this fraction of the largest increment
 * their post neuron receives. Not of their own value: a weight drawn near zero (uniform from 0, or
 * across it) would then fail for a rounding far below what float32 resolves in the state it is added
 * to (the Izhikevich network's 0–0.5 mV weights have a grid of 1.2 × 10⁻⁷ mV; v's float32 spacing
 * at −65 mV is 7.6 × 10⁻⁶ mV), and the projection would be pulled.
 */
const MAX_RELATIVE_ROUNDING = 1e-6;
/**
 * Distinct delays (in steps) a pushed projection may always have: a pre thread reads one history
 * flag per delay each step. Delays drawn from a distribution take few values at dt = 0.1 ms (a
 * uniform 0–4 ms draw: 41). With more, a projection is pushed only where its pre threads read fewer
 * flags a step (pre neurons × delays) than the pull, which reads one per connection.
 */
const MAX_PUSHED_DELAYS = 64;

/** What a pushed projection adds, where, and at what scale. */
export interface PushPlan {
  readonly projection: ProjectionRuntime;
  /**
   * The table in C (offsets relative to its start): [indptr: nPre · D + 1, the connections of pre p
   * with delay k at group p · D + k][post ids by group][increments by group, one row per target]
   * [the D delays in steps, at `delaysAt`].
   */
  readonly table: Uint32Array;
  readonly delaysAt: number;
  /** The projection's distinct delays in steps, ascending (D of them). */
  readonly delays: readonly number[];
  /**
   * Post state index of each target, its increment row in the table, and the value of one unit
   * (2^−s) for each post neuron, at `unitsAt` in the table as f32 bits.
   */
  readonly targets: readonly { readonly state: number; readonly row: number; readonly units: Float64Array; readonly unitsAt: number }[];
}

/**
 * The push plan of a projection, or undefined when it must be pulled: it has per-connection states,
 * plastic weights, `on_post`, a current, reads a cell, is recorded per connection, has more than
 * MAX_PUSHED_DELAYS distinct delays and no more connections than pre neurons × delays, or its
 * increments do not fit the fixed-point grid.
 */
export function planPush(projection: ProjectionRuntime, program: SynapseProgram, recorded: boolean): PushPlan | undefined {
  const { setup } = projection;
  if (recorded) return undefined;
  const { delaySteps } = setup;
  const delays = typeof delaySteps === 'number' ? [delaySteps] : [...new Set(delaySteps)].sort((a, b) => a - b);
  if (delays.length > MAX_PUSHED_DELAYS && setup.pre.size * delays.length >= setup.connections.pre.length) return undefined;
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
  const D = delays.length;
  const groups = nPre * D;
  const delaysAt = groups + 1 + count * (1 + targetNames.length);
  const nPost = setup.post.size;
  const table = new Uint32Array(delaysAt + D + nPost * targetNames.length);
  table.set(delays, delaysAt);
  const i32 = new Int32Array(table.buffer);
  const f32 = new Float32Array(table.buffer);
  // The connections by pre and then delay (stably: by pre alone when there is one delay).
  const delayIndex = new Map(delays.map((d, k) => [d, k]));
  const groupOf = (q: number): number => {
    const c = outgoing.ids[q];
    return connections.pre[c] * D + (typeof delaySteps === 'number' ? 0 : delayIndex.get(delaySteps[c])!);
  };
  for (let q = 0; q < count; q++) table[groupOf(q) + 1]++;
  for (let g = 0; g < groups; g++) table[g + 1] += table[g];
  const byGroup = new Int32Array(count);
  const next = table.slice(0, groups);
  for (let q = 0; q < count; q++) byGroup[next[groupOf(q)]++] = outgoing.ids[q];
  const postIds = groups + 1;
  for (let q = 0; q < count; q++) table[postIds + q] = connections.post[byGroup[q]];
  const targets: PushPlan['targets'][number][] = [];
  for (const [t, name] of targetNames.entries()) {
    const delta = increments[t];
    // The most one post neuron can receive in a step (every incoming connection at once), and the
    // largest single increment it receives.
    const reach = new Float64Array(setup.post.size);
    const largest = new Float64Array(setup.post.size);
    for (let c = 0; c < count; c++) {
      const j = connections.post[c];
      reach[j] += Math.abs(delta[c]);
      largest[j] = Math.max(largest[j], Math.abs(delta[c]));
    }
    if (!reach.every(Number.isFinite)) return undefined;
    const scales = reach.map((most) => 2 ** Math.min(40, most > 0 ? Math.floor(Math.log2((2 ** 31 - 1) / most)) : 40));
    const row = postIds + count * (1 + t);
    for (let q = 0; q < count; q++) {
      const c = byGroup[q];
      const value = delta[c];
      const j = connections.post[c];
      const fixed = Math.round(value * scales[j]);
      if (Math.abs(fixed / scales[j] - value) > MAX_RELATIVE_ROUNDING * largest[j]) return undefined;
      i32[row + q] = fixed;
    }
    const unitsAt = delaysAt + D + nPost * t;
    const units = scales.map((scale) => 1 / scale);
    f32.set(units, unitsAt);
    targets.push({ state: program.changed.get(name)!, row, units, unitsAt });
  }
  return { projection, table, delaysAt, delays, targets };
}

/** Where a pushed projection finds its data: its table in C, its accumulators in STATUS (one row of nPost per target), the rings and states. */
export interface PushPlacement {
  readonly tableBase: number;
  readonly accumulators: number;
  readonly preHistory: HistoryRing;
  readonly postStates: number;
}

/**
 * `push` (`fn <name>_push(p: u32, n: i32)`): pre neuron p adds the increments of its connections
 * with each delay d if it spiked d steps before step n; `collect` (`fn <name>(j: u32, n: i32)`, what the post
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
  const D = plan.delays.length;
  const push = [`fn ${name}_push(p: u32, n: i32) {`];
  // One delay: its steps in the code. Several: a loop over the table's, not a block per delay — 47
  // blocks inlined into a small network's workgroup loop took SwiftShader 228 s to compile.
  const [delay, group] = D === 1 ? [`${plan.delays[0]}`, 'p'] : [`i32(${C(plan.delaysAt, 'k')})`, `p * ${D}u + k`];
  push.push(
    ...(D === 1 ? ['  {'] : [`  for (var k = 0u; k < ${D}u; k++) {`]),
    `    let sent = n - ${delay};`,
    `    if (sent >= 0 && HIST[${preHistory.base}u + u32(sent % ${preHistory.steps}) * ${nPre}u + p] != 0u) {`,
    `      for (var q = ${C(0, group)}; q < ${C(0, `${group} + 1u`)}; q++) {`,
    `        let j = ${C(nPre * D + 1, 'q')};`,
    ...plan.targets.map((t, m) => `        atomicAdd(&${acc(m, 'j')}, ${C(t.row, 'q')});`),
    '      }',
    '    }',
    '  }',
  );
  push.push('}');
  const collect = [
    `fn ${name}(j: u32, n: i32) {`,
    ...plan.targets.map((t, k) => `  S[${placement.postStates + t.state * nPost}u + j] += f32(bitcast<i32>(atomicExchange(&${acc(k, 'j')}, 0u))) * bitcast<f32>(${C(t.unitsAt, 'j')});`),
    '}',
  ];
  return { push, collect };
}
