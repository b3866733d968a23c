/**
 * Slider ranges. A parameter's range comes from the catalog (ParamInfo.min/max, around the
 * default); it widens to take in the current value, and once widened it stays wide while the row
 * is shown, so the thumb does not jump under the pointer as a drag moves back inside the range.
 */
import { sliderRange as catalogSliderRange } from '../../library/catalog';
import { unitOf } from './quantity';

export interface SliderRange {
  readonly min: number;
  readonly max: number;
  readonly step: number;
}

/** The largest 1, 2 or 5 × 10^k at or below x (x > 0). */
export function niceBelow(x: number): number {
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [5, 2, 1]) if (m * p <= x * (1 + 1e-12)) return m * p;
  return p;
}

/** The smallest 1, 2 or 5 × 10^k at or above x (x > 0). */
export function niceAbove(x: number): number {
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) if (m * p >= x * (1 - 1e-12)) return m * p;
  return 10 * p;
}

/** About 500 positions over the range, on a 1-2-5 grid so that dragged values stay short. */
export function stepFor(min: number, max: number): number {
  const span = max - min;
  return span > 0 && Number.isFinite(span) ? niceBelow(span / 500) : 1;
}

/** Rounds a dragged value onto the step grid (the browser's sum of steps collects binary noise). */
export function snap(value: number, range: SliderRange): number {
  const k = Math.round((value - range.min) / range.step);
  const v = range.min + k * range.step;
  const digits = Math.max(0, -Math.floor(Math.log10(range.step)) + 1);
  return Number.parseFloat(v.toFixed(Math.min(digits, 15)));
}

function make(min: number, max: number): SliderRange {
  return { min, max, step: stepFor(min, max) };
}

/**
 * The range for a value: `base` (from the catalog), widened to contain `current` with a margin and
 * onto nice bounds. `previous` (the range already shown) is kept if it contains `current`, and
 * otherwise grown from, never shrunk.
 */
export function sliderRangeFor(base: { readonly min: number; readonly max: number }, current: number | undefined, previous?: SliderRange): SliderRange {
  let start = previous;
  if (!start) {
    const lo = Math.min(base.min, base.max);
    const hi = Math.max(base.min, base.max);
    start = hi > lo ? make(lo, hi) : make(lo - 1, hi + 1);
  }
  if (current === undefined || !Number.isFinite(current)) return start;
  if (current >= start.min && current <= start.max) return start;
  let { min, max } = start;
  const margin = Math.max(Math.abs(current) * 0.25, (max - min) * 0.1);
  if (current < min) {
    const target = current - margin;
    min = target < 0 ? -niceAbove(-target) : target > 0 ? niceBelow(target) : 0;
  }
  if (current > max) {
    const target = current + margin;
    max = target > 0 ? niceAbove(target) : target < 0 ? -niceBelow(-target) : 0;
  }
  return make(Math.min(min, current), Math.max(max, current));
}

/**
 * A range for a value that has no catalog range (initial values, stimulus amplitudes): the
 * catalog's rule for a default (±50 mV around potentials, 0..4×|x| for magnitudes), with x the
 * current value.
 */
export function rangeAround(current: number, unitText: string, options: { readonly nonNegative?: boolean; readonly symmetric?: boolean } = {}): { min: number; max: number } {
  const unit = unitOf(unitText);
  const x = Number.isFinite(current) ? current : 0;
  if (options.symmetric) {
    const span = x === 0 ? 1 : niceAbove(Math.abs(x) * 2);
    return { min: options.nonNegative ? 0 : -span, max: span };
  }
  const r = unit ? catalogSliderRange(x, unit.dim) : x === 0 ? { min: 0, max: 1 } : x > 0 ? { min: 0, max: niceAbove(x * 4) } : { min: -niceAbove(-x * 4), max: 0 };
  return options.nonNegative ? { min: Math.max(0, r.min), max: Math.max(r.max, 1e-12) } : r;
}
