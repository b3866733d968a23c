/**
 * `spikeflow fit --target <csv>`: target data of a fit case from a CSV file (parsed by
 * project/csv.ts, as sampled stimuli are). Two shapes, told apart by the number of columns:
 *   trace        `t (ms), v (mV)`: time first, then the observed state (the column named after it
 *                when there are several, else the second); units from the header
 *   spike times  one column, `spike_time (ms)`: one spike per row, in any order
 * Header units may be written `name (unit)`, `name [unit]` or `name_unit` (`t_ms`); a time column
 * without a unit is taken as ms, a value column without one as the observed state's unit. The
 * trace keeps the unit it was measured in (the fit converts), so fitted-project.json holds the data
 * as given. Problems are InputErrors `file:line:col: message`.
 */
import { dimEquals, parseUnitText, type Unit } from '../model/units';
import { parseCsv } from '../project/csv';
import { InputError } from './io';

export type CsvTarget =
  | { readonly kind: 'trace'; readonly trace: { readonly timesMs: number[]; readonly values: number[]; readonly unit: string } }
  | { readonly kind: 'spikes'; readonly spikeTimesMs: number[] };

/** `v (mV)`, `v [mV]`, `v_mV`, `t_ms` → name and unit text (unit '' when the header names none). */
export function headerUnit(column: string): { name: string; unit: string } {
  const bracket = /^(.*?)\s*[([]\s*([^)\]]*)\s*[)\]]\s*$/.exec(column);
  if (bracket) return { name: bracket[1].trim(), unit: bracket[2].trim() };
  // `name_unit` only when the suffix really is a unit: `spike_time` is a name, not "spike" in "time".
  const underscore = /^(.+?)_([A-Za-zµ][A-Za-z0-9µ/^*]*)$/.exec(column.trim());
  if (underscore && parseUnitText(underscore[2]) && underscore[2] !== '1') return { name: underscore[1], unit: underscore[2] };
  return { name: column.trim(), unit: '' };
}

const MS = parseUnitText('ms')!;

/** Factor that turns times in `unit` into ms (1 for no unit); undefined when `unit` is not a time. */
function msFactor(unit: string): number | undefined {
  if (unit === '') return 1;
  const own = parseUnitText(unit);
  if (!own || !dimEquals(own.dim, MS.dim)) return undefined;
  return own.scale / MS.scale;
}

/**
 * Reads a target CSV. `observe` and `stateUnit` are the fitted state's name and declared unit
 * (`v`, mV): the value column must be comparable with it.
 */
export function parseTargetCsv(text: string, file: string, observe: string, stateUnit: Unit): CsvTarget {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/)
    .filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  if (lines.length === 0) throw new InputError(`${file}: the target CSV is empty; expected a header such as "t (ms), v (mV)" or "spike_time (ms)"`);
  const columnCount = lines[0].split(/[,;\t]/).length;
  // A header alone is a silent target (no spikes), which the spike losses understand.
  if (columnCount === 1 && lines.length === 1) {
    if (msFactor(headerUnit(lines[0].trim().replace(/^"|"$/g, '')).unit) === undefined) throw new InputError(`${file}: '${lines[0].trim()}' must be a time column such as "spike_time (ms)"`);
    return { kind: 'spikes', spikeTimesMs: [] };
  }
  // Spike times need not be sorted (they are sorted below); a trace's time must increase.
  const parsed = parseCsv(text, { minColumns: 1, increasingTime: columnCount > 1 });
  if (!parsed.ok) {
    const [first, ...rest] = parsed.errors.map((issue) => `${file}:${issue.line}${issue.column !== undefined ? `:${issue.column}` : ''}: ${issue.message}`);
    throw new InputError(first, rest);
  }
  const { columns, values } = parsed.table;
  const time = headerUnit(columns[0]);
  const factor = msFactor(time.unit);
  if (factor === undefined) throw new InputError(`${file}:1: the first column '${columns[0]}' must be a time, but '${time.unit}' is not a unit of time`);
  // Round away the float noise of a unit conversion (0.1 s → 100 ms, not 100.00000000000001).
  const toMs = (t: number) => (factor === 1 ? t : Number.parseFloat((t * factor).toPrecision(12)));
  if (columns.length === 1) return { kind: 'spikes', spikeTimesMs: Array.from(values[0], toMs).sort((a, b) => a - b) };

  let k = columns.findIndex((c, i) => i > 0 && headerUnit(c).name === observe);
  if (k < 0) k = 1;
  const value = headerUnit(columns[k]);
  const unitText = value.unit === '' ? stateUnit.text : value.unit;
  const unit = parseUnitText(unitText);
  if (!unit) throw new InputError(`${file}:1: unknown unit '${value.unit}' in column '${columns[k]}'`);
  if (!dimEquals(unit.dim, stateUnit.dim)) {
    throw new InputError(`${file}:1: column '${columns[k]}' is in ${unitText}, which cannot be compared with ${observe} (in ${stateUnit.text})`);
  }
  return { kind: 'trace', trace: { timesMs: Array.from(values[0], toMs), values: Array.from(values[k]), unit: unitText } };
}
