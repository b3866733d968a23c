/**
 * Slider ranges for the phase plane's own values. An input in the unit of the y state (Izhikevich's
 * I and u, AdEx's I and w, FitzHugh–Nagumo's j and w) shifts the x-nullcline along y one for one,
 * so the y axis's span is its natural scale; other values get the inspector's rule around them.
 */
import { dimEquals, parseUnitText } from '../../../model/units';
import { niceAbove, rangeAround } from '../../inspector/sliderRange';

export function inputRange(value: number, inputUnit: string, yUnit: string, ySpan: number): { min: number; max: number } {
  const a = parseUnitText(inputUnit);
  const b = parseUnitText(yUnit);
  if (a && b && dimEquals(a.dim, b.dim) && ySpan > 0 && Number.isFinite(ySpan)) {
    const inInputUnit = (ySpan * b.scale) / a.scale;
    const span = niceAbove(Math.max(Math.abs(value) * 2, inInputUnit));
    return { min: -span, max: span };
  }
  return rangeAround(value, inputUnit, { symmetric: true });
}

/**
 * A held state's slider: 0 to 1 for a dimensionless value in that range (a gating variable), else
 * around its value as the inspector makes one (±50 mV for potentials).
 */
export function heldRange(value: number, unit: string): { min: number; max: number } {
  const u = parseUnitText(unit);
  if (u && u.dim.every((d) => d === 0) && value >= 0 && value <= 1) return { min: 0, max: 1 };
  return rangeAround(value, unit);
}
