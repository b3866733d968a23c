/**
 * The WGSL of a projection's step: one function `fn <name>(j: u32, n: i32)` for post neuron j at
 * step n, over the network's buffers: its table in C, its per-connection values in LS, its
 * recordings in REC, the cells' states in S (`ProjectionPlacement` says where).
 */
import type { AssignmentIR, Expr } from '../../model/ir';
import type { ProjectionRuntime } from '../projection';
import { recordingSource, type ConnectionRecording } from './connectionRecording';
import type { SynapseProgram } from './synapseProgram';
import { printWgsl, wgslNumber } from './wgslExpr';

/**
 * The read-only table of a projection (offsets relative to its start): [indptr: nPost + 1][pre ids
 * by post][delays by post, when they differ][f32 bits of each per-connection parameter by post][f32
 * bits of the scalar parameters], and for arrivals applied one by one in the CPU's order
 * (orderedArrivals.ts) [indptr by pre: nPre + 1][each pre's connections: their index by post][post
 * id by post index]. Scalars are read at run time, not printed as literals: WGSL folds constant
 * expressions and refuses a branch such as −1/τ with τ = 0 that the run never takes.
 */
export interface ConnectionTable {
  readonly table: Uint32Array;
  readonly pre: number;
  /** -1 when every connection has the same delay. */
  readonly delay: number;
  readonly params: ReadonlyMap<number, number>;
  readonly scalars: number;
  /** Where the tables by pre start, when asked for. */
  readonly byPre?: { readonly indptr: number; readonly q: number; readonly post: number };
}

export function connectionTable(projection: ProjectionRuntime, byPre = false): ConnectionTable {
  const { setup } = projection;
  const { indptr, ids } = setup.incoming;
  const count = ids.length;
  const perConnection = setup.connectionParams.map((a, k) => (a ? k : -1)).filter((k) => k >= 0);
  const delays = typeof setup.delaySteps === 'number' ? null : setup.delaySteps;
  const size = indptr.length + count * (1 + (delays ? 1 : 0) + perConnection.length) + setup.scalarParams.length;
  const preTables = byPre ? setup.outgoing.indptr.length + 2 * count : 0;
  const table = new Uint32Array(Math.max(4, size + preTables));
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
  if (!byPre) return { table, pre, delay, params, scalars };
  // Each connection's index by post, and the post of each such index.
  const qOf = new Int32Array(setup.connections.pre.length);
  for (let q = 0; q < count; q++) qOf[ids[q]] = q;
  const at = { indptr: size, q: size + setup.outgoing.indptr.length, post: size + setup.outgoing.indptr.length + count };
  table.set(setup.outgoing.indptr, at.indptr);
  for (let k = 0; k < count; k++) table[at.q + k] = qOf[setup.outgoing.ids[k]];
  for (let q = 0; q < count; q++) table[at.post + q] = setup.connections.post[ids[q]];
  return { table, pre, delay, params, scalars, byPre: at };
}

/** A population's spike-history ring in the network's HIST buffer: flags [base + (n mod steps)·N + i]. */
export interface HistoryRing {
  readonly base: number;
  readonly steps: number;
}

/** Where the function finds its data in the kernel that runs it (offsets in words). */
export interface ProjectionPlacement {
  /** Where the connection table starts in C. */
  readonly tableBase: number;
  /** Where its per-connection values start in LS (i32 words). */
  readonly variablesBase: number;
  readonly preHistory: HistoryRing;
  readonly postHistory: HistoryRing;
  /** Where the post and pre populations' states start in the network's S buffer. */
  readonly postStates: number;
  readonly preStates: number;
  /** Where a per-connection current goes: a row of the post state buffer, set by the first projection into it, added to by the others. */
  readonly input?: { readonly row: number; readonly assign: boolean };
}

/**
 * What every WGSL function of a projection shares: names of its symbols, and connection q's body —
 * its values loaded, its event-driven states caught up exactly since their last update
 * (x ← x + (A + Bx)·φ(B, Δ), as on the CPU), the statements, its values stored. Post values are
 * `v<k>`, pre reads `w<k>`, declared by the caller.
 */
export function connectionCode(projection: ProjectionRuntime, program: SynapseProgram, table: ConnectionTable, placement: ProjectionPlacement) {
  const { setup } = projection;
  const nPre = setup.pre.size;
  const nPost = setup.post.size;
  const count = setup.incoming.ids.length;
  const at = (offset: number): number => placement.tableBase + offset;
  const C = (offset: number, index: string): string => `C[${at(offset)}u + ${index}]`;
  const paramIndex = new Map(setup.ir.params.map((p, k) => [p.name, k]));
  const stateIndex = new Map(program.states.map((s, k) => [s, k]));
  const plasticRow = new Map(program.plastic.map((k, r) => [k, program.states.length + r]));
  const luRow = program.states.length + program.plastic.length;
  // Post states the statements change, and those they read (the caller loads and stores them).
  const changed = [...new Set(program.changed.values())];
  const postValues = [...new Set([...program.read.values(), ...changed])];
  const nameOf = (symbol: string): string => {
    if (symbol === 'dt') return 'dt';
    if (symbol === 'pi') return wgslNumber(Math.PI);
    if (symbol === 't') return '(f32(n) * dt)';
    const state = stateIndex.get(symbol);
    if (state !== undefined) return `s${state}`;
    const post = program.read.get(symbol) ?? program.changed.get(symbol);
    if (post !== undefined) return `v${post}`;
    const preRead = program.preRead.get(symbol);
    if (preRead !== undefined) return `w${preRead}`;
    return `p${paramIndex.get(symbol)!}`;
  };
  const print = (e: Expr): string => printWgsl(e, nameOf);
  const statement = (a: AssignmentIR): string => `${nameOf(a.target)} ${a.op} ${print(a.expr)};`;
  const row = (r: number): string => `LS[${placement.variablesBase + r * count}u + q]`;
  // Connection q's values now: its states caught up exactly since their last update.
  const loadAndCatchUp = (): string[] => {
    const out: string[] = [];
    program.states.forEach((_, k) => out.push(`var s${k} = bitcast<f32>(${row(k)});`));
    for (const [k, offset] of table.params) if (!plasticRow.has(k)) out.push(`let p${k} = bitcast<f32>(${C(offset, 'q')});`);
    for (const [k, r] of plasticRow) out.push(`var p${k} = bitcast<f32>(${row(r)});`);
    if (program.eventDriven.size > 0) {
      out.push(`let D = f32(n - ${row(luRow)}) * dt;`);
      program.states.forEach((s, k) => {
        if (!program.eventDriven.has(s)) return;
        const { A, B } = setup.plan.linear.get(s)!;
        out.push(`{ let B = ${print(B)}; s${k} = s${k} + (${print(A)} + B * s${k}) * sf_phi(B, D); }`);
      });
    }
    return out;
  };
  const body = (list: readonly AssignmentIR[]): string[] => {
    const out = loadAndCatchUp();
    out.push(...list.map(statement));
    program.states.forEach((_, k) => out.push(`${row(k)} = bitcast<i32>(s${k});`));
    for (const [k, r] of plasticRow) out.push(`${row(r)} = bitcast<i32>(p${k});`);
    if (program.states.length > 0) out.push(`${row(luRow)} = n;`);
    return out;
  };
  const scalarLines = Array.from(projection.setup.scalarParams).flatMap((_, k) => (plasticRow.has(k) || table.params.has(k) ? [] : [`  let p${k} = bitcast<f32>(${C(table.scalars + k, '0u')});`]));
  return { setup, nPre, nPost, count, C, print, row, plasticRow, changed, postValues, loadAndCatchUp, body, scalarLines };
}

/**
 * `step`: one thread per post neuron j: for each incoming connection whose pre neuron spiked
 * `delay` steps ago, its event-driven states catch up exactly since their last update
 * (x ← x + (A + Bx)·φ(B, Δ), as on the CPU), then `on_pre` runs; additions to post states are
 * summed and added once; then, if j spiked this step, `on_post` runs on every incoming connection.
 * `clock` (`fn <name>_clock`, only when clock-driven equations read the cells): the recordings and
 * the clock-driven advance of step n, run before the populations' step n. With `arrivals: false`,
 * `step` is only what runs before the arrivals (empty when nothing does).
 */
export function projectionFunction(name: string, projection: ProjectionRuntime, program: SynapseProgram, table: ConnectionTable, placement: ProjectionPlacement, recording: ConnectionRecording, arrivals = true): { step: string[]; clock: string[] } {
  const { setup, nPre, nPost, C, print, row, plasticRow, changed, postValues, loadAndCatchUp, body, scalarLines } = connectionCode(projection, program, table, placement);
  // Connection q's per-connection parameters (plastic ones from their rows).
  const connectionParams = (): string[] => [...table.params].map(([k, offset]) => `    let p${k} = bitcast<f32>(${plasticRow.has(k) ? row(plasticRow.get(k)!) : C(offset, 'q')});`);
  const connections = `for (var q = ${C(0, 'j')}; q < ${C(0, 'j + 1u')}; q++) {`;
  // The pre cell's values (v_pre) of connection q, from its population's part of S.
  const preReads = (): string[] => [...program.preRead.values()].map((k) => `    let w${k} = S[${placement.preStates + k * nPre}u + ${C(table.pre, 'q')}];`);
  // In on_pre/on_post (which then run after every population's step): the pre cell at t_{n+1}.
  const eventPreReads = (): string[] => (program.eventsReadPre ? preReads() : []);
  // Clock-driven states: one Euler step from t_n to t_{n+1} (the CPU advances them after recording,
  // before the populations' step n). Equations of the connection alone advance here, before this
  // step's arrivals; equations that read the cells advance in the clock function, with the cells at t_n.
  const clockAdvance = (): string[] => {
    if (program.clock.length === 0) return [];
    const out = ['  ' + connections];
    out.push(...program.states.map((_, k) => `    let s${k} = bitcast<f32>(${row(k)});`));
    out.push(...connectionParams(), ...preReads());
    for (const { k, rhs } of program.clock) out.push(`    let next${k} = s${k} + dt * (${print(rhs)});`);
    for (const { k } of program.clock) out.push(`    ${row(k)} = bitcast<i32>(next${k});`);
    out.push('  }');
    return out;
  };
  const { preHistory, postHistory } = placement;
  const postS = placement.postStates;
  const delay = table.delay >= 0 ? `i32(${C(table.delay, 'q')})` : `${setup.delaySteps as number}`;
  const head = (fn: string): string[] => [
    `fn ${fn}(j: u32, n: i32) {`,
    `  let dt = ${wgslNumber(setup.post.setup.dtMs)};`,
    ...scalarLines,
    ...postValues.map((k) => `  var v${k} = S[${postS + k * nPost}u + j];`),
  ];
  // Recordings (values at t_n) and the clock-driven advance, where they run.
  const before = [...recordingSource(recording, program, loadAndCatchUp, connections), ...clockAdvance()];
  const clock = program.clockReadsCells ? [...head(`${name}_clock`), ...before, '}'] : [];
  // Without arrivals (applied one by one elsewhere, orderedArrivals.ts): what runs before them.
  if (!arrivals) return { step: program.clockReadsCells || before.length === 0 ? [] : [...head(name), ...before, '}'], clock };
  const lines = [
    ...head(name),
    ...(program.clockReadsCells ? [] : before),
    '  ' + connections,
    `    let sent = n - ${delay};`,
    `    if (sent < 0 || HIST[${preHistory.base}u + u32(sent % ${preHistory.steps}) * ${nPre}u + ${C(table.pre, 'q')}] == 0u) { continue; }`,
    ...eventPreReads(),
    ...body(program.onPre).map((l) => '    ' + l),
    '  }',
  ];
  if (program.onPost.length > 0) {
    lines.push(`  if (HIST[${postHistory.base}u + u32(n % ${postHistory.steps}) * ${nPost}u + j] != 0u) {`, '    ' + connections);
    lines.push(...eventPreReads().map((l) => '  ' + l), ...body(program.onPost).map((l) => '      ' + l), '    }', '  }');
  }
  lines.push(...changed.map((k) => `  S[${postS + k * nPost}u + j] = v${k};`));
  const input = placement.input;
  if (program.current && input) {
    // The next step's per-connection currents (the CPU computes them before that step, after every
    // arrival): from the post cell's values now and each connection's states, summed in order.
    lines.push(...[...program.read.values()].map((k) => `  v${k} = S[${postS + k * nPost}u + j];`), '  var cur = 0.0f;', '  ' + connections);
    lines.push(...program.states.map((_, k) => `    let s${k} = bitcast<f32>(${row(k)});`));
    lines.push(...connectionParams(), ...preReads());
    lines.push(`    cur += ${print(program.current)};`, '  }');
    lines.push(`  S[${postS + input.row * nPost}u + j] ${input.assign ? '=' : '+='} cur;`);
  }
  lines.push('}');
  return { step: lines, clock };
}
