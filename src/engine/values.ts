/**
 * Turns parameter values from a project (a number in the declared unit, a quantity string, a
 * per-neuron array, or a distribution) into canonical internal numbers.
 */
import { describeDim, dimEquals, parseQuantityText, type Unit } from '../model/units';
import { sampleParam } from './distributions';
import { EngineError } from './errors';
import { streamId } from './rng';

export type ParamInput =
  | number
  | string
  | readonly number[]
  | { dist: 'uniform'; low: number | string; high: number | string }
  | { dist: 'normal'; mean: number | string; std: number | string; min?: number | string; max?: number | string }
  | { dist: 'lognormal'; median: number | string; sigma: number; min?: number | string; max?: number | string };

/** A number in `unit`, or a quantity string converted to it; returned in canonical units. */
export function toCanonical(value: number | string, unit: Unit, path: string): number {
  if (typeof value === 'number') return value * unit.scale;
  const q = parseQuantityText(value);
  if (!q) throw new EngineError('invalid-value', `${path}: expected a number or a quantity like "10 ${unit.text}", got "${value}"`, path);
  if (!dimEquals(q.unit.dim, unit.dim)) {
    throw new EngineError('invalid-value', `${path}: "${value}" is ${describeDim(q.unit.dim)}, but this value is in ${unit.text}`, path);
  }
  return q.value * q.unit.scale;
}

/** A value for every neuron (Float64Array, canonical), or one number for all. */
export function resolveValue(value: ParamInput, unit: Unit, size: number, seed: number, stream: string[], path: string): number | Float64Array {
  if (typeof value === 'number' || typeof value === 'string') return toCanonical(value, unit, path);
  if (Array.isArray(value)) {
    if (value.length !== size) {
      throw new EngineError('invalid-value', `${path}: expected ${size} values (one per neuron), got ${value.length}`, path);
    }
    return Float64Array.from(value, (v) => v * unit.scale);
  }
  const spec = value as Exclude<ParamInput, number | string | readonly number[]>;
  const c = (v: number | string, key: string): number => toCanonical(v, unit, `${path}.${key}`);
  const id = streamId('param', ...stream);
  const clip = (s: { min?: number | string; max?: number | string }) => ({
    min: s.min === undefined ? undefined : c(s.min, 'min'),
    max: s.max === undefined ? undefined : c(s.max, 'max'),
  });
  if (spec.dist === 'uniform') return sampleParam({ dist: 'uniform', low: c(spec.low, 'low'), high: c(spec.high, 'high') }, size, seed, id);
  if (spec.dist === 'lognormal') {
    const median = c(spec.median, 'median');
    if (!(median > 0)) throw new EngineError('invalid-value', `${path}.median: a log-normal median must be > 0`, `${path}.median`);
    return sampleParam({ dist: 'lognormal', mu: Math.log(median), sigma: spec.sigma, ...clip(spec) }, size, seed, id);
  }
  return sampleParam(
    {
      dist: 'normal',
      mean: c(spec.mean, 'mean'),
      std: c(spec.std, 'std'),
      min: spec.min === undefined ? undefined : c(spec.min, 'min'),
      max: spec.max === undefined ? undefined : c(spec.max, 'max'),
    },
    size,
    seed,
    id,
  );
}
