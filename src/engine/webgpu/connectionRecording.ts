/**
 * Recordings of per-connection values on the GPU: where each recorder's samples go, and the WGSL
 * with which a post neuron's thread writes its connections' values at the sample steps.
 */
import type { ProjectionRuntime } from '../projection';
import type { RecorderSetup } from '../simulation';
import type { LocalRecorder } from './kernelLayout';
import type { SynapseProgram } from './synapseProgram';

/**
 * Where a projection's connection recordings go: each recorder's block in REC (as for populations,
 * `kernelLayout.ts`), and in C after the connection table, per connection by post a CSR of
 * (recorder, column, variable) entries: `start` (count + 1 offsets) and `entries`.
 */
export interface ConnectionRecording {
  readonly recorders: readonly LocalRecorder[];
  readonly slots: number;
  readonly start: number;
  readonly entries: number;
  readonly words: readonly number[];
}

/** `offset`: where the entries go in C; `recordBase`: where the recorders' blocks start in REC. */
export function planRecording(projection: ProjectionRuntime, recorders: readonly { readonly recorder: number; readonly setup: RecorderSetup }[], maxChunkSteps: number, offset: number, recordBase = 0): ConnectionRecording {
  // Before any per-connection list: a network's projections can have millions of connections.
  if (recorders.length === 0) return { recorders: [], slots: 0, start: 0, entries: 0, words: [] };
  const { ids } = projection.setup.incoming;
  const byPost = new Int32Array(ids.length);
  ids.forEach((c, q) => (byPost[c] = q));
  const perConnection: number[][] = Array.from({ length: ids.length }, () => []);
  let base = recordBase;
  const local = recorders.map(({ recorder, setup }, r) => {
    setup.series.forEach((s, col) => perConnection[byPost[s.neuron]].push(r, col, s.index));
    const capacity = Math.ceil(maxChunkSteps / setup.intervalSteps) + 1;
    const entry = { recorder, setup, capacity, base };
    base += capacity * setup.series.length;
    return entry;
  });
  const words: number[] = [];
  let entries = 0;
  for (let q = 0; q <= ids.length; q++) {
    words.push(entries);
    if (q < ids.length) entries += perConnection[q].length / 3;
  }
  const entriesAt = offset + words.length;
  for (const list of perConnection) words.push(...list);
  return { recorders: local, slots: base - recordBase, start: offset, entries: entriesAt, words };
}

/**
 * Before the arrivals of step n (values at t = n·dt, as the CPU samples them): each recorded
 * connection of this post neuron writes its variables where a recorder samples at n.
 */
export function recordingSource(recording: ConnectionRecording, program: SynapseProgram, loadAndCatchUp: () => string[], connections: string): string[] {
  if (recording.recorders.length === 0) return [];
  const sampling = recording.recorders.map((r) => `n % ${r.setup.intervalSteps} == 0`).join(' || ');
  const whats = [...new Set(recording.recorders.flatMap((r) => r.setup.series.map((s) => s.index)))].sort((a, b) => a - b);
  const out = [`  if (${sampling}) {`, '    ' + connections];
  out.push(`      let rs = C[${recording.start}u + q];`, `      let re = C[${recording.start}u + q + 1u];`, '      if (rs == re) { continue; }');
  out.push(...loadAndCatchUp().map((l) => '      ' + l));
  out.push('      for (var e = rs; e < re; e++) {');
  out.push(`        let rr = C[${recording.entries}u + 3u * e];`, `        let col = C[${recording.entries}u + 3u * e + 1u];`, `        let what = C[${recording.entries}u + 3u * e + 2u];`);
  out.push('        var slot = -1;', '        switch rr {');
  recording.recorders.forEach((r, k) => {
    const I = r.setup.intervalSteps;
    const width = r.setup.series.length;
    out.push(`          case ${k}u: { if (n % ${I} == 0) { slot = ${r.base} + (n / ${I} - (ctrl.firstStep + ${I - 1}) / ${I}) * ${width} + i32(col); } }`);
  });
  out.push('          default: {}', '        }');
  out.push('        if (slot >= 0) {', '          var v = 0.0f;', '          switch what {');
  // `what` is the host's reader index: a per-connection state, or (after the states) a parameter.
  for (const w of whats) out.push(`            case ${w}u: { v = ${w < program.states.length ? `s${w}` : `p${w - program.states.length}`}; }`);
  out.push('            default: {}', '          }', '          REC[slot] = v;', '        }', '      }', '    }', '  }');
  return out;
}
