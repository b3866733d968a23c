/**
 * How f–I results read for people: units as they are printed (`µA/cm²`), the rheobase with as
 * many digits as its bracket resolves, and a starting current range for each input unit.
 */
import type { Rheobase } from './fiCurve';

/** `uA/cm2` → `µA/cm²`, `nA` → `nA`, `1` → `` (dimensionless). */
export function prettyUnit(unit: string): string {
  if (unit === '1' || unit.trim() === '') return '';
  return unit
    .replace(/(^|[^A-Za-z])u(?=[A-Za-z])/g, '$1µ')
    .replace(/([A-Za-z])2\b/g, '$1²')
    .replace(/([A-Za-z])3\b/g, '$1³');
}

const withUnit = (text: string, unit: string) => (prettyUnit(unit) ? `${text} ${prettyUnit(unit)}` : text);

/** Decimals that resolve a bracket of `width`: one digit below its first significant digit. */
export function bracketDecimals(width: number): number {
  if (!(width > 0) || !Number.isFinite(width)) return 2;
  return Math.min(9, Math.max(0, Math.ceil(-Math.log10(width)) + 1));
}

export interface RheobaseText {
  /** `≈ 13.000 nA`, `≤ 0 nA`, `> 40 nA`. */
  readonly value: string;
  /** `between 12.992 and 13.008 nA`, or why there is no bracket. */
  readonly detail: string;
}

export function formatRheobase(r: Rheobase, unit: string): RheobaseText {
  const plain = (x: number) => String(Number(x.toPrecision(6)));
  switch (r.kind) {
    case 'bracket': {
      const d = bracketDecimals(r.firing - r.silent);
      return {
        value: `≈ ${withUnit(((r.silent + r.firing) / 2).toFixed(d), unit)}`,
        detail: `between ${r.silent.toFixed(d)} (silent) and ${withUnit(r.firing.toFixed(d), unit)} (fires)`,
      };
    }
    case 'below':
      return { value: `≤ ${withUnit(plain(r.firing), unit)}`, detail: 'it fires at every current swept: start lower' };
    case 'above':
      return { value: `> ${withUnit(plain(r.silent), unit)}`, detail: 'no spikes after the transient at any current swept: go higher' };
  }
}

/** Axis label of the current: `I (nA)`, `I (µA/cm²)`, `I` when dimensionless. */
export function currentAxisLabel(unit: string): string {
  return prettyUnit(unit) ? `I (${prettyUnit(unit)})` : 'I';
}

/**
 * A first current range for a model: a few library cells have known ranges that show the whole
 * curve from below rheobase; otherwise a range by the unit of the input.
 */
export function defaultCurrentRange(model: string, unit: string): { from: number; to: number } {
  const known: Record<string, { from: number; to: number }> = {
    LIF: { from: 0, to: 40 },
    HodgkinHuxley1952: { from: 0, to: 20 },
    Izhikevich2003: { from: 0, to: 20 },
    Izhikevich2007: { from: 0, to: 400 },
    AdEx: { from: 0, to: 1500 },
    AdExIF: { from: 0, to: 60 },
  };
  if (known[model]) return known[model];
  const byUnit: Record<string, { from: number; to: number }> = {
    nA: { from: 0, to: 40 },
    pA: { from: 0, to: 500 },
    uA: { from: 0, to: 0.05 },
    'uA/cm2': { from: 0, to: 20 },
    'mV/ms': { from: 0, to: 20 },
  };
  return byUnit[unit.trim()] ?? { from: 0, to: 2 };
}
