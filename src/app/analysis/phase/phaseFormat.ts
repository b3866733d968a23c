/**
 * Text for the phase plane: axis labels with units, numbers for coordinates, fixed points with
 * their eigenvalues, and a short hash of the nullclines (tests and the page watch it change).
 */
import type { FixedPoint } from '../../../analysis/phasePlaneFixedPoints';
import type { PhasePlaneResult } from '../../../analysis/phasePlane';

/** `v (mV)`, or just `w` for a dimensionless state. */
export function axisLabel(name: string, unit: string): string {
  const u = unit.trim();
  return u === '' || u === '1' ? name : `${name} (${u})`;
}

/** A value with its unit: `-65 mV`, `0.5` (dimensionless). */
export function withUnit(value: string, unit: string): string {
  const u = unit.trim();
  return u === '' || u === '1' ? value : `${value} ${u}`;
}

/** A coordinate with about four significant digits, no exponent for everyday sizes, a real minus sign. */
export function formatValue(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  let text: string;
  if (a === 0) text = '0';
  else if (a >= 1e5 || a < 1e-3) text = x.toExponential(2);
  else text = String(Number.parseFloat(x.toPrecision(4)));
  return text.replace(/^-/, '−');
}

/** `0.144 ± 0.19i`, or `-0.9, -0.02` for real eigenvalues; per ms. */
export function eigenText(p: FixedPoint): string {
  const [a, b] = p.eigenvalues;
  if (a.im !== 0) return `λ = ${formatValue(a.re)} ± ${formatValue(Math.abs(a.im))}i /ms`;
  return `λ = ${formatValue(a.re)}, ${formatValue(b.re)} /ms`;
}

/** A short hex hash of both nullclines at 1e-6 of the view (so the same picture gives the same hash). */
export function nullclineHash(result: PhasePlaneResult): string {
  const { view } = result;
  const sx = (view.xMax - view.xMin) * 1e-6;
  const sy = (view.yMax - view.yMin) * 1e-6;
  let h = 0x811c9dc5;
  const mix = (v: number) => {
    h ^= v | 0;
    h = Math.imul(h, 0x01000193);
  };
  for (const segments of [result.xNullcline, result.yNullcline]) {
    mix(segments.length);
    for (let i = 0; i < segments.length; i += 2) {
      mix(Math.round(segments[i] / sx));
      mix(Math.round(segments[i + 1] / sy));
    }
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
