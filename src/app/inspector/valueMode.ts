/**
 * The forms a parameter value takes in a project file (valueSchema.ts ParamValue, networkSchema.ts
 * ConnectionValue) and the inspector's "value | distribution | per neuron" switch between them.
 *
 * Switching keeps what the value meant as far as it can: a value becomes a distribution centred on
 * it, a distribution becomes its centre, a per-neuron array becomes its mean (and back: every
 * element set to the value).
 */
import { formatNumber, quantityValue, toDeclared, type Amount } from './quantity';

export type DistKind = 'uniform' | 'normal' | 'lognormal';

export type DistDoc =
  | { readonly dist: 'uniform'; readonly low: Amount; readonly high: Amount }
  | { readonly dist: 'normal'; readonly mean: Amount; readonly std: Amount; readonly min?: Amount; readonly max?: Amount }
  | { readonly dist: 'lognormal'; readonly median: Amount; readonly sigma: number; readonly min?: Amount; readonly max?: Amount };

/** Any value form: population parameters and initial values, and per-connection values. */
export type AnyValue = Amount | readonly number[] | DistDoc;

export type ValueMode = 'value' | 'distribution' | 'array';

export const VALUE_MODES: readonly ValueMode[] = ['value', 'distribution', 'array'];

export function valueModeOf(value: AnyValue | undefined): ValueMode {
  if (Array.isArray(value)) return 'array';
  if (value !== null && typeof value === 'object') return 'distribution';
  return 'value';
}

export function isDistribution(value: unknown): value is DistDoc {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && typeof (value as { dist?: unknown }).dist === 'string';
}

export interface DistField {
  readonly key: string;
  readonly label: string;
  /** Optional fields (clipping bounds) may be left empty. */
  readonly optional: boolean;
  /** `sigma` of a log-normal is a plain number, not in the parameter's unit. */
  readonly dimensionless: boolean;
  readonly nonNegative: boolean;
  readonly description: string;
}

const field = (key: string, label: string, description: string, extra: Partial<DistField> = {}): DistField => ({
  key,
  label,
  description,
  optional: false,
  dimensionless: false,
  nonNegative: false,
  ...extra,
});

const CLIP = [
  field('min', 'min', 'draws below are set to min', { optional: true }),
  field('max', 'max', 'draws above are set to max', { optional: true }),
];

export const DIST_FIELDS: Readonly<Record<DistKind, readonly DistField[]>> = {
  uniform: [field('low', 'low', 'lower bound'), field('high', 'high', 'upper bound')],
  normal: [field('mean', 'mean', 'mean'), field('std', 'std', 'standard deviation', { nonNegative: true }), ...CLIP],
  lognormal: [field('median', 'median', 'median: the draw is median·exp(sigma·N(0, 1))'), field('sigma', 'sigma', 'shape (dimensionless)', { dimensionless: true, nonNegative: true }), ...CLIP],
};

export const DIST_LABELS: Readonly<Record<DistKind, string>> = { uniform: 'uniform', normal: 'normal', lognormal: 'log-normal' };

/** A representative number in the declared unit for any value form (the slider's position). */
export function centralValue(value: AnyValue | undefined, unitText: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number' || typeof value === 'string') return toDeclared(value, unitText);
  if (Array.isArray(value)) return value.length > 0 ? round(value.reduce((a, b) => a + b, 0) / value.length) : undefined;
  const d = value as DistDoc;
  const at = (a: Amount | undefined) => (a === undefined ? undefined : toDeclared(a, unitText));
  if (d.dist === 'uniform') {
    const lo = at(d.low);
    const hi = at(d.high);
    return lo !== undefined && hi !== undefined ? round((lo + hi) / 2) : (lo ?? hi);
  }
  if (d.dist === 'normal') return at(d.mean);
  return at(d.median);
}

function round(x: number): number {
  return Number.parseFloat(x.toPrecision(10));
}

/** A spread for a new distribution around x: 10 % of |x|, or 1 (in the unit) around 0. */
function spreadOf(x: number): number {
  return x === 0 ? 1 : round(Math.abs(x) * 0.1);
}

/** A new distribution of `kind` centred on x (declared unit). */
export function distributionAround(kind: DistKind, x: number, unitText: string): DistDoc {
  const q = (v: number) => quantityValue(round(v), unitText);
  const s = spreadOf(x);
  if (kind === 'uniform') return { dist: 'uniform', low: q(x - s), high: q(x + s) };
  if (kind === 'normal') return { dist: 'normal', mean: q(x), std: q(s) };
  return { dist: 'lognormal', median: q(x > 0 ? x : 1), sigma: 0.1 };
}

export interface ModeContext {
  readonly unitText: string;
  /** The value the model uses when the document sets none (declared unit). */
  readonly defaultValue: number;
  /** How many elements a per-neuron / per-connection array must have; undefined: not known. */
  readonly count: number | undefined;
}

/** The value after switching `value` to another mode. */
export function switchMode(value: AnyValue | undefined, target: ValueMode, ctx: ModeContext): AnyValue {
  const x = centralValue(value, ctx.unitText) ?? ctx.defaultValue;
  if (target === 'value') return quantityValue(x, ctx.unitText);
  if (target === 'distribution') return distributionAround('normal', x, ctx.unitText);
  if (ctx.count === undefined) throw new Error('the number of elements is not known');
  return new Array<number>(ctx.count).fill(x);
}

/** The same distribution re-expressed as another kind, around the same centre. */
export function switchDistKind(dist: DistDoc, kind: DistKind, unitText: string, defaultValue: number): DistDoc {
  if (dist.dist === kind) return dist;
  const x = centralValue(dist, unitText) ?? defaultValue;
  const next = distributionAround(kind, x, unitText);
  // Carry the clipping bounds across kinds that have them.
  if (kind !== 'uniform' && dist.dist !== 'uniform') {
    const clip: { min?: Amount; max?: Amount } = {};
    if (dist.min !== undefined) clip.min = dist.min;
    if (dist.max !== undefined) clip.max = dist.max;
    return { ...next, ...clip } as DistDoc;
  }
  return next;
}

/** Sets (or, with undefined, removes an optional) field of a distribution. */
export function setDistField(dist: DistDoc, key: string, value: Amount | undefined): DistDoc {
  const next: Record<string, unknown> = { ...dist };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next as unknown as DistDoc;
}

/** Reads a distribution field (undefined when absent). */
export function distField(dist: DistDoc, key: string): Amount | undefined {
  return (dist as unknown as Record<string, Amount | undefined>)[key];
}

/** Problems a distribution has that the engine would refuse (low > high, negative std, ...). */
export function distProblem(dist: DistDoc, unitText: string): string | undefined {
  const at = (key: string) => {
    const a = distField(dist, key);
    return a === undefined ? undefined : key === 'sigma' ? Number(a) : toDeclared(a, unitText);
  };
  for (const f of DIST_FIELDS[dist.dist]) {
    const a = distField(dist, f.key);
    if (a === undefined) {
      if (!f.optional) return `${f.label} is missing`;
      continue;
    }
    const v = at(f.key);
    if (v === undefined || !Number.isFinite(v)) return `${f.label}: '${String(a)}' is not a value in ${unitText}`;
    if (f.nonNegative && v < 0) return `${f.label} must be ≥ 0`;
  }
  if (dist.dist === 'uniform' && at('low')! > at('high')!) return 'low must not exceed high';
  if (dist.dist === 'lognormal' && !(at('median')! > 0)) return 'the median must be > 0';
  const lo = at('min');
  const hi = at('max');
  if (lo !== undefined && hi !== undefined && lo > hi) return 'min must not exceed max';
  return undefined;
}

export type ArrayParse = { readonly ok: true; readonly values: number[] } | { readonly ok: false; readonly error: string };

/**
 * Parses the raw per-element editor: a JSON array of numbers, or numbers separated by commas,
 * spaces or new lines (what a spreadsheet column pastes as).
 */
export function parseArrayText(text: string): ArrayParse {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: 'enter at least one number' };
  let items: unknown[];
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (!Array.isArray(parsed)) return { ok: false, error: 'expected an array of numbers' };
      items = parsed;
    } catch {
      return { ok: false, error: 'not valid JSON: expected an array such as [1, 2, 3]' };
    }
  } else {
    items = trimmed.split(/[\s,;]+/).filter((t) => t !== '').map((t) => (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t) ? Number(t) : t));
  }
  const bad = items.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
  if (bad >= 0) return { ok: false, error: `element ${bad} (${JSON.stringify(items[bad])}) is not a number` };
  if (items.length === 0) return { ok: false, error: 'enter at least one number' };
  return { ok: true, values: items as number[] };
}

/** The array as the raw editor shows it. */
export function formatArray(values: readonly number[]): string {
  return `[${values.map(formatNumber).join(', ')}]`;
}

/** Min, mean and max of an array, for the summary line. */
export function arrayStats(values: readonly number[]): { min: number; mean: number; max: number } | undefined {
  if (values.length === 0) return undefined;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  return { min, mean: round(sum / values.length), max };
}

/** Why an array does not fit its population / projection, or undefined. */
export function arrayLengthProblem(values: readonly number[], count: number | undefined, per: string): string | undefined {
  if (count === undefined || values.length === count) return undefined;
  return `expected ${count} values (one ${per}), got ${values.length}`;
}

/** The array cut, or extended by repeating its last element, to `count` elements. */
export function fitArrayLength(values: readonly number[], count: number): number[] {
  if (values.length >= count) return values.slice(0, count);
  const last = values.length > 0 ? values[values.length - 1] : 0;
  return [...values, ...new Array<number>(count - values.length).fill(last)];
}

/**
 * Whether a document value differs from the model's default (the row then offers "reset"). A value
 * equal to the default, however written ("0.01 s" for 10 ms), does not; with no known default
 * (initial values) any value set does.
 */
export function differsFromDefault(value: AnyValue | undefined, defaultValue: number | undefined, unitText: string): boolean {
  if (value === undefined) return false;
  if (defaultValue === undefined) return true;
  if (typeof value !== 'number' && typeof value !== 'string') return true;
  const v = toDeclared(value, unitText);
  return v === undefined || Math.abs(v - defaultValue) > 1e-12 * Math.max(1, Math.abs(defaultValue));
}

/** A short description of a distribution or array for the row's first line: "uniform 8 – 20 ms". */
export function valueSummary(value: AnyValue | undefined, unitText: string): string {
  const u = unitText.trim() === '' || unitText.trim() === '1' ? '' : ` ${unitText.trim()}`;
  const n = (a: Amount | undefined) => {
    if (a === undefined) return '?';
    const v = toDeclared(a, unitText);
    return v === undefined ? String(a) : formatNumber(v);
  };
  if (Array.isArray(value)) return `${value.length} values`;
  if (!isDistribution(value)) return '';
  switch (value.dist) {
    case 'uniform':
      return `uniform ${n(value.low)} – ${n(value.high)}${u}`;
    case 'normal':
      return `normal ${n(value.mean)} ± ${n(value.std)}${u}`;
    case 'lognormal':
      return `log-normal, median ${n(value.median)}${u}`;
  }
}
