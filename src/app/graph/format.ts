/**
 * Text for the graph: values with their units, connectivity rules, stimulus and recorder summaries.
 * Values are shown as the document writes them ("3 ms", "normal(1 Mohm, 0.1 Mohm)"); a bare number
 * gets the unit it is declared in, so every value on the canvas carries a unit.
 */
import type { Connectivity } from '../../project/schema';
import type { RecordingDoc, StimulusDoc } from '../store/document';

/** A number compactly: at most 4 significant digits, no trailing zeros. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x) && Math.abs(x) < 1e9) return String(x);
  return String(Number.parseFloat(x.toPrecision(4)));
}

/** `12 ms`; dimensionless units (`1`, empty) show the bare number. */
export function withUnit(x: number, unit: string): string {
  const u = unit.trim();
  return u === '' || u === '1' ? formatNumber(x) : `${formatNumber(x)} ${u}`;
}

/** A number in `unit`, or a quantity string as written. */
export function formatAmount(value: number | string, unit: string): string {
  return typeof value === 'number' ? withUnit(value, unit) : value.trim().replace(/\s+/g, ' ');
}

type Amount = number | string;
type DistributionLike =
  | { dist: 'uniform'; low: Amount; high: Amount }
  | { dist: 'normal'; mean: Amount; std: Amount; min?: Amount; max?: Amount }
  | { dist: 'lognormal'; median: Amount; sigma: number; min?: Amount; max?: Amount };
/** A parameter, weight or delay value in any of the document's forms. */
export type AnyValue = number | string | readonly number[] | DistributionLike;

/** A value as written, with `unit` for bare numbers: `3 ms`, `normal(1 Mohm, 0.1 Mohm)`, `[1, 2, 3] nA`. */
export function formatValue(value: AnyValue, unit: string): string {
  if (typeof value === 'number' || typeof value === 'string') return formatAmount(value, unit);
  if (Array.isArray(value)) {
    const nums = value as readonly number[];
    const shown = nums.length <= 3 ? nums.map(formatNumber).join(', ') : `${nums.slice(0, 2).map(formatNumber).join(', ')}, … ${nums.length} values`;
    const u = unit.trim();
    return u === '' || u === '1' ? `[${shown}]` : `[${shown}] ${u}`;
  }
  const d = value as DistributionLike;
  const a = (x: Amount) => formatAmount(x, unit);
  switch (d.dist) {
    case 'uniform':
      return `uniform(${a(d.low)}, ${a(d.high)})`;
    case 'normal':
      return `normal(${a(d.mean)}, ${a(d.std)})`;
    case 'lognormal':
      return `lognormal(${a(d.median)}, σ = ${formatNumber(d.sigma)})`;
    default:
      return JSON.stringify(value);
  }
}

/** The rule in a few characters: `p = 0.02`, `all-to-all`, `k_in = 20`. */
export function connectivityLabel(c: Connectivity | Record<string, unknown>): string {
  const rule = c as { rule: string; p?: number; k?: number; pre?: unknown[] };
  switch (rule.rule) {
    case 'all_to_all':
      return 'all-to-all';
    case 'one_to_one':
      return 'one-to-one';
    case 'fixed_probability':
      return `p = ${formatNumber(rule.p ?? 0)}`;
    case 'fixed_in_degree':
      return `k_in = ${rule.k ?? 0}`;
    case 'fixed_out_degree':
      return `k_out = ${rule.k ?? 0}`;
    case 'explicit':
      return `explicit, ${rule.pre?.length ?? 0} pairs`;
    default:
      return String(rule.rule);
  }
}

function timeWindow(s: { startMs?: number; stopMs?: number }): string {
  const start = s.startMs ?? 0;
  if (s.stopMs === undefined) return start > 0 ? `from ${formatNumber(start)} ms` : 'whole run';
  return `${formatNumber(start)} – ${formatNumber(s.stopMs)} ms`;
}

/** The key values of a stimulus, one per line; `unit` is the target input's unit (for bare numbers). */
export function stimulusLines(s: StimulusDoc, unit: string): string[] {
  const a = (x: Amount) => formatAmount(x, unit);
  const lines: string[] = [];
  switch (s.type) {
    case 'step':
      lines.push(a(s.amplitude));
      break;
    case 'ramp':
      lines.push(`${a(s.from)} → ${a(s.to)}`);
      break;
    case 'pulses':
      lines.push(`${a(s.amplitude)}, ${formatNumber(s.widthMs)} ms every ${formatNumber(s.periodMs)} ms${s.count !== undefined ? ` × ${s.count}` : ''}`);
      break;
    case 'sine': {
      const offset = s.offset !== undefined && s.offset !== 0 ? ` + ${a(s.offset)}` : '';
      lines.push(`${a(s.amplitude)} at ${formatNumber(s.frequencyHz)} Hz${offset}`);
      break;
    }
    case 'noise':
      lines.push(`mean ${a(s.mean ?? 0)}, σ ${a(s.std)}`);
      break;
    case 'expression':
      lines.push(s.expression.length > 40 ? `${s.expression.slice(0, 39)}…` : s.expression);
      break;
    case 'sampled':
      if (s.values) lines.push(`${s.values.length} samples${s.sampleIntervalMs !== undefined ? ` every ${formatNumber(s.sampleIntervalMs)} ms` : ''}${unit && unit !== '1' ? ` (${unit})` : ''}`);
      else if (s.csv !== undefined) lines.push(`CSV${s.column ? ` column ${s.column}` : ''}`);
      break;
  }
  lines.push(timeWindow(s));
  if (Array.isArray(s.neurons)) lines.push(neuronList(s.neurons));
  return lines;
}

/** `neurons 0, 5, 10`; long lists are cut. */
export function neuronList(neurons: readonly number[] | 'all' | undefined, whenMissing: readonly number[] | 'all' = 'all'): string {
  const n = neurons ?? whenMissing;
  if (n === 'all') return 'all neurons';
  if (n.length === 1) return `neuron ${n[0]}`;
  const shown = n.length <= 5 ? n.join(', ') : `${n.slice(0, 4).join(', ')}, … (${n.length})`;
  return `neurons ${shown}`;
}

export function recordingInterval(r: RecordingDoc): string {
  return r.intervalMs === undefined ? 'every step' : `every ${formatNumber(r.intervalMs)} ms`;
}
