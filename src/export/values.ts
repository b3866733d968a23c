/**
 * Project values (a number in the declared unit, a quantity string, one value per element, a
 * distribution) as Python expressions for the script. Distributions are drawn with numpy's
 * generator `rng` (seeded with the project's seed): the same distributions as Spikeflow's, not the
 * same numbers.
 */
import { dimEquals, parseQuantityText, describeDim, type Unit } from '../model/units';
import { canonicalUnitExpr, declaredUnitExpr, quantityInUnit } from './brian2Units';
import { ExportError } from './errors';
import { pyList, pyNumberTidy } from './pyFormat';

export type ValueInput =
  | number
  | string
  | readonly number[]
  | { dist: 'uniform'; low: number | string; high: number | string }
  | { dist: 'normal'; mean: number | string; std: number | string; min?: number | string; max?: number | string }
  | { dist: 'lognormal'; median: number | string; sigma: number; min?: number | string; max?: number | string };

/** A number in `unit`, or a quantity string, in canonical units. */
export function toCanonical(value: number | string, unit: Unit, path: string): number {
  if (typeof value === 'number') return value * unit.scale;
  const q = parseQuantityText(value);
  if (!q) throw new ExportError(`${path}: expected a number or a quantity like "10 ${unit.text}", got "${value}"`, path);
  if (!dimEquals(q.unit.dim, unit.dim)) throw new ExportError(`${path}: "${value}" is ${describeDim(q.unit.dim)}, but this value is in ${unit.text}`, path);
  return q.value * q.unit.scale;
}

export interface PythonValue {
  /** Python expression (a Brian2 quantity or an array of them). */
  readonly code: string;
  /** 'scalar': one value for all; 'array': one per element; 'random': drawn per element. */
  readonly kind: 'scalar' | 'array' | 'random';
}

/** The unit to multiply plain numbers in `unit` by, and the factor from canonical to those numbers. */
function unitFactor(unit: Unit): { suffix: string; scale: number } {
  const expr = declaredUnitExpr(unit);
  if (expr === '1') return { suffix: '', scale: 1 };
  if (expr !== undefined) return { suffix: /^[A-Za-z0-9_]+$/.test(expr) ? `*${expr}` : `*(${expr})`, scale: unit.scale };
  const canonical = canonicalUnitExpr(unit.dim);
  return { suffix: canonical === '1' ? '' : `*(${canonical})`, scale: 1 };
}

/**
 * `value` (canonical after conversion) for `count` elements; `count` is a Python expression
 * (`40`, `len(syn_ee)`); `length` the number of elements when known (arrays are checked against it).
 */
export function pythonValue(value: ValueInput, unit: Unit, count: string, length: number | undefined, path: string): PythonValue {
  if (typeof value === 'number' || typeof value === 'string') return { code: quantityInUnit(toCanonical(value, unit, path), unit), kind: 'scalar' };
  const { suffix, scale } = unitFactor(unit);
  const inUnit = (v: number | string, key: string): string => pyNumberTidy(toCanonical(v, unit, `${path}.${key}`) / scale);
  if (Array.isArray(value)) {
    if (length !== undefined && value.length !== length) throw new ExportError(`${path}: expected ${length} values (one per element), got ${value.length}`, path);
    const numbers = (value as readonly number[]).map((v) => (v * unit.scale) / scale);
    return { code: `np.array(${pyList(numbers, '    ', pyNumberTidy)})${suffix}`, kind: 'array' };
  }
  const spec = value as Exclude<ValueInput, number | string | readonly number[]>;
  const clip = (s: { min?: number | string; max?: number | string }, inner: string): string =>
    s.min === undefined && s.max === undefined ? inner : `np.clip(${inner}, ${s.min === undefined ? 'None' : inUnit(s.min, 'min')}, ${s.max === undefined ? 'None' : inUnit(s.max, 'max')})`;
  switch (spec.dist) {
    case 'uniform':
      return { code: `rng.uniform(${inUnit(spec.low, 'low')}, ${inUnit(spec.high, 'high')}, size=${count})${suffix}`, kind: 'random' };
    case 'normal':
      return { code: `${clip(spec, `rng.normal(${inUnit(spec.mean, 'mean')}, ${inUnit(spec.std, 'std')}, size=${count})`)}${suffix}`, kind: 'random' };
    case 'lognormal': {
      const median = toCanonical(spec.median, unit, `${path}.median`);
      if (!(median > 0)) throw new ExportError(`${path}.median: a log-normal median must be > 0`, `${path}.median`);
      return { code: `${clip(spec, `${pyNumberTidy(median / scale)}*np.exp(${pyNumberTidy(spec.sigma)}*rng.standard_normal(${count}))`)}${suffix}`, kind: 'random' };
    }
  }
}
