/**
 * One number for a value as a project file writes it (valueSchema.ts): a number in the declared
 * unit, a quantity string, one number per neuron, or a distribution. A phase plane shows one
 * neuron with typical values, so per-neuron arrays and distributions give their mean (normal:
 * `mean`, clipping ignored; uniform: the midpoint; log-normal: median·e^(σ²/2)).
 */
import { dimEquals, parseQuantityText, type Unit } from '../../model/units';

export interface MeanValue {
  /** Canonical units. */
  readonly value: number;
  /** True when the value was a distribution or a per-neuron array. */
  readonly averaged: boolean;
}

/** A number in `unit` or a quantity string, in canonical units; undefined if it does not fit. */
export function amountToCanonical(amount: unknown, unit: Unit): number | undefined {
  if (typeof amount === 'number') return Number.isFinite(amount) ? amount * unit.scale : undefined;
  if (typeof amount !== 'string') return undefined;
  const q = parseQuantityText(amount);
  if (!q || !dimEquals(q.unit.dim, unit.dim)) return undefined;
  return q.value * q.unit.scale;
}

export function meanValue(value: unknown, unit: Unit): MeanValue | undefined {
  if (typeof value === 'number' || typeof value === 'string') {
    const v = amountToCanonical(value, unit);
    return v === undefined ? undefined : { value: v, averaged: false };
  }
  if (Array.isArray(value)) {
    const nums = value.filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
    if (nums.length === 0) return undefined;
    return { value: (nums.reduce((a, b) => a + b, 0) / nums.length) * unit.scale, averaged: true };
  }
  if (value === null || typeof value !== 'object') return undefined;
  const d = value as Record<string, unknown>;
  const at = (key: string) => amountToCanonical(d[key], unit);
  let v: number | undefined;
  if (d.dist === 'normal') v = at('mean');
  else if (d.dist === 'uniform') {
    const lo = at('low');
    const hi = at('high');
    v = lo === undefined || hi === undefined ? undefined : (lo + hi) / 2;
  } else if (d.dist === 'lognormal') {
    const median = at('median');
    const sigma = typeof d.sigma === 'number' ? d.sigma : undefined;
    v = median === undefined || sigma === undefined ? undefined : median * Math.exp((sigma * sigma) / 2);
  }
  return v === undefined ? undefined : { value: v, averaged: true };
}
