/**
 * Target data for a fit case from CSV files (project/csv.ts parses them): a trace (a time column
 * and a value column, units in the header: `t (ms), v (mV)`, `time [s]`, `v_mV`) or spike times
 * (one column of times; ms unless the header says otherwise). Times come out in ms; trace values
 * keep their unit, which the fit worker converts (the project file keeps what was measured).
 */
import { formatCsvIssue, parseCsv } from '../../../project/csv';
import { dimEquals } from '../../../model/units';
import { unitOf } from '../../inspector/quantity';

export interface TraceData {
  readonly timesMs: number[];
  readonly values: number[];
  readonly unit: string;
}

export type CsvTarget =
  | { readonly ok: true; readonly kind: 'trace'; readonly trace: TraceData; readonly notes: readonly string[] }
  | { readonly ok: true; readonly kind: 'spikes'; readonly spikeTimesMs: number[]; readonly notes: readonly string[] }
  | { readonly ok: false; readonly error: string };

/** `v (mV)`, `v [mV]`, `v_mV`, `t_ms` → name and unit text; unit '' when the header names none. */
export function headerUnit(column: string): { name: string; unit: string } {
  const bracket = /^(.*?)\s*[([]\s*([^)\]]*)\s*[)\]]\s*$/.exec(column);
  if (bracket) return { name: bracket[1].trim(), unit: bracket[2].trim() };
  const underscore = /^(.+?)_([A-Za-zµ][A-Za-z0-9µ/^*-]*)$/.exec(column.trim());
  if (underscore && unitOf(underscore[2])) return { name: underscore[1], unit: underscore[2] };
  return { name: column.trim(), unit: '' };
}

/** Factor that turns times in `unit` into ms; undefined when `unit` is not a time. */
export function msFactor(unit: string): number | undefined {
  if (unit === '') return 1;
  const own = unitOf(unit);
  const ms = unitOf('ms');
  if (!own || !ms || !dimEquals(own.dim, ms.dim)) return undefined;
  return own.scale / ms.scale;
}

const NUMBER_LINE = /^\s*"?[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"?\s*([,;\t]|$)/;

/** The first line that is data rather than comment or blank. */
function firstDataLine(text: string): string | undefined {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/)
    .find((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
}

/**
 * A trace (2+ columns: time, then values; the column named `observe`, else the second, is used) or
 * spike times (1 column). `stateUnit` is the observed state's unit, assumed when the header has none.
 */
export function parseTargetCsv(text: string, options: { readonly observe: string; readonly stateUnit: string }): CsvTarget {
  const first = firstDataLine(text);
  if (first === undefined) return { ok: false, error: 'the file is empty' };
  // A bare column of numbers (no header) is spike times in ms.
  const headerless = NUMBER_LINE.test(first);
  if (headerless && /[,;\t]/.test(first.trim())) return { ok: false, error: 'the first row is numbers: add a header row such as "t (ms), v (mV)" (time first, with units)' };
  const source = headerless ? `spike times (ms)\n${text}` : text;
  const columnCount = headerless ? 1 : first.split(/[,;\t]/).length;
  const parsed = parseCsv(source, { minColumns: 1, increasingTime: columnCount > 1 });
  if (!parsed.ok) {
    const shift = headerless ? 1 : 0;
    return { ok: false, error: parsed.errors.slice(0, 3).map((i) => formatCsvIssue({ ...i, line: i.line - shift })).join('; ') };
  }
  const { columns, values } = parsed.table;
  const time = headerUnit(columns[0]);
  const factor = msFactor(time.unit);
  if (factor === undefined) return { ok: false, error: `the first column '${columns[0]}' must be a time (its unit '${time.unit}' is not one)` };
  const toMs = (t: number) => Number.parseFloat((t * factor).toPrecision(12));
  const notes: string[] = [];
  if (time.unit === '') notes.push(`times taken as ms (the header '${columns[0]}' names no unit)`);
  if (columns.length === 1) {
    const spikeTimesMs = Array.from(values[0], toMs).sort((a, b) => a - b);
    return { ok: true, kind: 'spikes', spikeTimesMs, notes };
  }
  let k = columns.findIndex((c, i) => i > 0 && headerUnit(c).name === options.observe);
  if (k < 0) k = 1;
  if (columns.length > 2) notes.push(`values from column '${columns[k]}' (the others are ignored)`);
  const value = headerUnit(columns[k]);
  let unit = value.unit;
  if (unit === '') {
    unit = options.stateUnit;
    notes.push(`values taken as ${unit === '1' || unit === '' ? 'dimensionless' : unit} (the header '${columns[k]}' names no unit)`);
  } else if (!unitOf(unit)) return { ok: false, error: `unknown unit '${unit}' in column '${columns[k]}'` };
  else {
    const own = unitOf(unit);
    const state = unitOf(options.stateUnit);
    if (own && state && !dimEquals(own.dim, state.dim)) return { ok: false, error: `column '${columns[k]}' is in ${unit}, which cannot be compared with ${options.observe} (in ${options.stateUnit})` };
  }
  return { ok: true, kind: 'trace', trace: { timesMs: Array.from(values[0], toMs), values: Array.from(values[k]), unit }, notes };
}

/** One line about a case's data: `trace: 2000 samples, 0–100 ms (mV)`. */
export function traceSummary(trace: TraceData | undefined): string | undefined {
  if (!trace || trace.timesMs.length === 0) return undefined;
  const n = trace.timesMs.length;
  return `trace: ${n} sample${n === 1 ? '' : 's'}, ${fmt(trace.timesMs[0])}–${fmt(trace.timesMs[n - 1])} ms${trace.unit && trace.unit !== '1' ? ` (${trace.unit})` : ''}`;
}

export function spikesSummary(spikes: readonly number[] | undefined): string | undefined {
  if (!spikes) return undefined;
  if (spikes.length === 0) return 'spikes: none (a silent target)';
  return `spikes: ${spikes.length} at ${fmt(spikes[0])}${spikes.length > 1 ? `–${fmt(spikes[spikes.length - 1])}` : ''} ms`;
}

const fmt = (x: number) => String(Number(x.toPrecision(4)));
