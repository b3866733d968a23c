/**
 * The CSV files `spikeflow run` writes, built chunk by chunk so that long runs stream to disk:
 *   spikes.csv  t_ms,population,neuron
 *   traces.csv  t_ms,<population[index].variable>...  (rows: the union of every recording's sample
 *               times; a recording not sampled at a row's time leaves its cells empty)
 * Numbers are printed as the shortest decimal that reads back to the same value, so the same run
 * always gives the same bytes.
 */
import type { Chunk, Simulation } from '../engine';

export const SPIKES_HEADER = 't_ms,population,neuron';

/** Time of a step in ms, as the shortest round-trip decimal of step·dt rounded to 12 digits (0.30000000000000004 → 0.3). */
export function formatTime(step: number, dtMs: number): string {
  return String(Number((step * dtMs).toPrecision(12)));
}

/** The shortest decimal that reads back to the same float32 value (at most 9 significant digits). */
export function formatFloat32(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  for (let digits = 1; digits < 9; digits++) {
    const n = Number(value.toPrecision(digits));
    if (Math.fround(n) === value) return String(n);
  }
  return String(Number(value.toPrecision(9)));
}

export function formatValue(value: number, precision: 'f32' | 'f64'): string {
  return precision === 'f32' ? formatFloat32(value) : String(value);
}

/** Spike rows of one chunk (with a trailing newline per row). */
export function spikeRows(simulation: Simulation, chunk: Chunk): string {
  const { steps, populations, neurons } = chunk.spikes;
  let out = '';
  for (let i = 0; i < steps.length; i++) {
    out += `${formatTime(steps[i], chunk.dtMs)},${simulation.populations[populations[i]].id},${neurons[i]}\n`;
  }
  return out;
}

/** Column names of traces.csv after t_ms: every recorder's series keys, recorder by recorder. */
export function traceColumns(simulation: Simulation): string[] {
  return simulation.series.flat().map((s) => s.key);
}

export function tracesHeader(simulation: Simulation): string {
  return ['t_ms', ...traceColumns(simulation)].join(',');
}

/**
 * Trace rows of one chunk. Every recorder's samples of a chunk lie within the chunk's steps, so
 * merging recorders chunk by chunk gives the union of sample times over the whole run.
 */
export function traceRows(simulation: Simulation, chunk: Chunk): { text: string; rows: number } {
  const widths = simulation.recorders.map((r) => r.series.length);
  const blocks = chunk.recordings;
  const cursor = blocks.map(() => 0);
  const stepOf = (k: number, row: number) => Math.round(blocks[k].timesMs[row] / chunk.dtMs);
  let text = '';
  let rows = 0;
  for (;;) {
    let next = Infinity;
    blocks.forEach((b, k) => {
      if (cursor[k] < b.timesMs.length) next = Math.min(next, stepOf(k, cursor[k]));
    });
    if (next === Infinity) break;
    let line = formatTime(next, chunk.dtMs);
    blocks.forEach((b, k) => {
      const width = widths[k];
      if (cursor[k] < b.timesMs.length && stepOf(k, cursor[k]) === next) {
        const base = cursor[k] * width;
        for (let s = 0; s < width; s++) line += `,${formatValue(b.values[base + s], simulation.precision)}`;
        cursor[k]++;
      } else {
        line += ','.repeat(width);
      }
    });
    text += `${line}\n`;
    rows++;
  }
  return { text, rows };
}

/**
 * Column names of rates.csv after t_ms: one per rate monitor, `population.rate_hz` (a second
 * monitor of the same population gets `population.rate_hz_2`, and so on).
 */
export function rateColumns(simulation: Simulation): string[] {
  const seen = new Map<string, number>();
  return simulation.rateMonitors.map((m) => {
    const base = `${simulation.populations[m.population].id}.rate_hz`;
    const k = (seen.get(base) ?? 0) + 1;
    seen.set(base, k);
    return k === 1 ? base : `${base}_${k}`;
  });
}

export function ratesHeader(simulation: Simulation): string {
  return ['t_ms', ...rateColumns(simulation)].join(',');
}

/**
 * Rate rows: t_ms is the start of a bin, each cell the monitor's rate (spikes per neuron per
 * second) in the bin starting then. Monitors with different bin widths are merged as traces.csv
 * merges recordings: rows at the union of bin starts, empty cells where a monitor has no bin
 * starting at that time. `rates` holds one entry per monitor (bins in time order).
 */
export function rateRows(rates: readonly { timesMs: Float64Array; rateHz: Float32Array }[], dtMs: number): { text: string; rows: number } {
  const cursor = rates.map(() => 0);
  const stepOf = (k: number, row: number) => Math.round(rates[k].timesMs[row] / dtMs);
  let text = '';
  let rows = 0;
  for (;;) {
    let next = Infinity;
    rates.forEach((b, k) => {
      if (cursor[k] < b.timesMs.length) next = Math.min(next, stepOf(k, cursor[k]));
    });
    if (next === Infinity) break;
    let line = formatTime(next, dtMs);
    rates.forEach((b, k) => {
      if (cursor[k] < b.timesMs.length && stepOf(k, cursor[k]) === next) {
        line += `,${formatFloat32(b.rateHz[cursor[k]])}`;
        cursor[k]++;
      } else {
        line += ',';
      }
    });
    text += `${line}\n`;
    rows++;
  }
  return { text, rows };
}
