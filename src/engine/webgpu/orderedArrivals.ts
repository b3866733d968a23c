/**
 * Arrivals applied one by one in the CPU's order, by one thread: for a projection whose `on_pre`
 * reads a state of its pre cells that its own arrivals change (pre and post one population: an
 * event-driven coupling `v += w * (v_pre - v)`). The CPU applies a step's arrivals connection by
 * connection, each reading the cells as the ones before left them; a thread per post neuron would
 * race, reading a pre cell another thread is changing.
 *
 * The CPU's order (engine/projection.ts): the arrivals of a step are queued as spikes were sent —
 * by send step (the longest delay first), then pre neuron, then its outgoing connections in order.
 * `fn <name>_ordered(n: i32)` walks them so: for each delay (descending), each pre neuron that
 * spiked that many steps before step n, its connections with that delay; each reads and writes the
 * cells in S directly; then `on_post` as the CPU runs it, for each post neuron that spiked this
 * step (ascending), on each of its incoming connections. It runs in a phase of its own (a dispatch
 * with one active thread, or one thread of a small network's workgroup), in the CPU's order of
 * projections.
 */
import type { ProjectionRuntime } from '../projection';
import type { SynapseProgram } from './synapseProgram';
import { connectionCode, type ConnectionTable, type ProjectionPlacement } from './projectionSource';
import { wgslNumber } from './wgslExpr';

/**
 * Why a projection's arrivals cannot run one by one here, or undefined: a per-connection current
 * is summed per post neuron after every arrival, which this code does not do. Recordings and
 * clock-driven states run before, per post neuron (projectionSource.ts, `arrivals: false`).
 */
export function orderedArrivalsProblem(program: SynapseProgram): string | undefined {
  return program.current ? 'it has a per-connection current' : undefined;
}

export function orderedArrivalsFunction(name: string, projection: ProjectionRuntime, program: SynapseProgram, table: ConnectionTable, placement: ProjectionPlacement): string[] {
  const byPre = table.byPre;
  if (!byPre) throw new Error('internal: ordered arrivals need the connection table by pre');
  const { setup, nPre, nPost, C, body, postValues, changed, scalarLines } = connectionCode(projection, program, table, placement);
  const delays = typeof setup.delaySteps === 'number' ? [setup.delaySteps] : [...new Set(setup.delaySteps)].sort((a, b) => b - a);
  const { preHistory } = placement;
  const postS = placement.postStates;
  // Connection q (pre p, post j) in place: the cells as the arrivals before it left them, its statements, the cells stored.
  const inPlace = (statements: SynapseProgram['onPre'], indent: string): string[] =>
    [
      ...postValues.map((k) => `var v${k} = S[${postS + k * nPost}u + j];`),
      ...[...program.preRead.values()].map((k) => `let w${k} = S[${placement.preStates + k * nPre}u + p];`),
      ...body(statements),
      ...changed.map((k) => `S[${postS + k * nPost}u + j] = v${k};`),
    ].map((line) => indent + line);
  const lines = [
    `fn ${name}_ordered(n: i32) {`,
    `  let dt = ${wgslNumber(setup.post.setup.dtMs)};`,
    ...scalarLines,
    // The delays, longest first: the earliest send step's arrivals were queued first.
    `  var delays = array<i32, ${delays.length}>(${delays.join(', ')});`,
    `  for (var k = 0u; k < ${delays.length}u; k++) {`,
    '    let d = delays[k];',
    '    let sent = n - d;',
    '    if (sent < 0) { continue; }',
    `    for (var p = 0u; p < ${nPre}u; p++) {`,
    `      if (HIST[${preHistory.base}u + u32(sent % ${preHistory.steps}) * ${nPre}u + p] == 0u) { continue; }`,
    `      for (var o = ${C(byPre.indptr, 'p')}; o < ${C(byPre.indptr, 'p + 1u')}; o++) {`,
    `        let q = ${C(byPre.q, 'o')};`,
    ...(table.delay >= 0 ? [`        if (i32(${C(table.delay, 'q')}) != d) { continue; }`] : []),
    `        let j = ${C(byPre.post, 'q')};`,
    ...inPlace(program.onPre, '        '),
    '      }',
    '    }',
    '  }',
  ];
  if (program.onPost.length > 0) {
    // Then on_post, as the CPU runs it: each post neuron that spiked this step, ascending, each of its incoming connections in order.
    const { postHistory } = placement;
    lines.push(
      `  for (var j = 0u; j < ${nPost}u; j++) {`,
      `    if (HIST[${postHistory.base}u + u32(n % ${postHistory.steps}) * ${nPost}u + j] == 0u) { continue; }`,
      `    for (var q = ${C(0, 'j')}; q < ${C(0, 'j + 1u')}; q++) {`,
      `      let p = ${C(table.pre, 'q')};`,
      ...inPlace(program.onPost, '      '),
      '    }',
      '  }',
    );
  }
  lines.push('}');
  return lines;
}
