/**
 * What the fit panel's uPlot charts share: themed, labelled axes (log or linear), a resize
 * observer that keeps a chart the size of its host, number formatting with units, and the merge of
 * two loss curves onto one x array.
 */
import uPlot from 'uplot';
import { formatNumber } from '../../plots/chart';
import type { PlotTheme } from '../../plots/theme';

const FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const LABEL_FONT = '600 11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

export interface ThemeRef {
  current: PlotTheme;
}

/** A labelled axis; `compact` for the small per-parameter plots. */
export function fitAxis(theme: ThemeRef, scale: string, label: string, side: 2 | 3, options: { compact?: boolean; log?: boolean } = {}): uPlot.Axis {
  const compact = options.compact ?? false;
  return {
    scale,
    side,
    label,
    labelSize: compact ? 13 : 15,
    labelFont: LABEL_FONT,
    font: FONT,
    size: side === 2 ? (compact ? 22 : 26) : (_u, values) => 12 + Math.ceil(6.3 * Math.max(3, ...(values ?? []).map((v) => String(v).length))),
    space: side === 2 ? (compact ? 40 : 55) : compact ? 18 : 24,
    gap: 3,
    stroke: () => theme.current.axis,
    grid: { stroke: () => theme.current.grid, width: 1 },
    ticks: { stroke: () => theme.current.grid, width: 1, size: 3 },
    values: (_u, splits) => splits.map((v) => (v == null ? '' : options.log ? formatLog(v) : formatNumber(v))),
    // uPlot's own log ticks step by float sums that can miss a decade boundary for small decades
    // and then never end ("Invalid array length"); decades parsed from text are exact.
    // (Already thinned: uPlot's log label filter would thin them again by its own spacing rule.)
    ...(options.log ? { splits: (_u: uPlot, _axis: number, min: number, max: number) => decadeSplits(min, max, compact ? 4 : 7), filter: (_u: uPlot, splits: number[]) => splits } : {}),
  };
}

/** Powers of ten within [min, max] (every k-th decade so at most `most` of them); [] when the range is not positive. */
export function decadeSplits(min: number, max: number, most: number): number[] {
  if (!(min > 0) || !(max >= min) || !Number.isFinite(max)) return [];
  const from = Math.ceil(Math.log10(min) - 1e-9);
  const to = Math.floor(Math.log10(max) + 1e-9);
  const step = Math.max(1, Math.ceil((to - from + 1) / most));
  const out: number[] = [];
  for (let k = to; k >= from; k -= step) out.unshift(Number(`1e${k}`));
  return out;
}

/** Log-axis ticks: 1e-3, 0.01, 0.1, 1, 10, 100, 1e3. */
export function formatLog(v: number): string {
  if (!(v > 0)) return '';
  const a = Math.abs(v);
  return a >= 1e4 || a < 1e-2 ? v.toExponential(0).replace('e+', 'e') : String(Number(v.toPrecision(3)));
}

/** Keeps a chart the size of its host; returns the cleanup. */
export function followSize(u: uPlot, host: HTMLElement): () => void {
  const resize = new ResizeObserver((entries) => {
    const box = entries[entries.length - 1].contentRect;
    const w = Math.floor(box.width);
    const h = Math.floor(box.height);
    if (w > 0 && h > 0 && (w !== u.width || h !== u.height)) u.setSize({ width: w, height: h });
  });
  resize.observe(host);
  return () => resize.disconnect();
}

/** `12.5 mS/cm²`, or the number alone for a dimensionless value. */
export function withUnit(value: number, unit: string): string {
  return unit ? `${formatNumber(value)} ${unit}` : formatNumber(value);
}

/**
 * The smallest loss the log axis shows: an exact fit reaches 1e-30 and below (denormals, or 0),
 * which is drawn on this floor so the curve still shows the drop (the readout has the number).
 */
export const LOG_FLOOR = 1e-30;

/** A loss for the log axis: at least LOG_FLOOR; negative or non-finite losses are gaps. */
export function logValue(x: number): number | null {
  return x >= 0 && Number.isFinite(x) ? Math.max(x, LOG_FLOOR) : null;
}

/**
 * Curves with their own x values (each sorted) on the union of them, for uPlot's aligned data: a
 * curve without a point at some x has null there (drawn across with spanGaps). Each entry is one
 * x array with one or more y arrays over it; the result is [x, every y of every entry in order].
 */
export function mergeCurves(curves: readonly { x: ArrayLike<number>; ys: readonly ArrayLike<number>[] }[], map: (y: number) => number | null = (y) => y): (number | null)[][] {
  const xs: number[] = [];
  const out: (number | null)[][] = curves.flatMap((c) => c.ys.map(() => []));
  const at = curves.map(() => 0);
  for (;;) {
    let x = Infinity;
    curves.forEach((c, k) => {
      if (at[k] < c.x.length && c.x[at[k]] < x) x = c.x[at[k]];
    });
    if (x === Infinity) break;
    xs.push(x);
    let col = 0;
    curves.forEach((c, k) => {
      const here = at[k] < c.x.length && c.x[at[k]] === x;
      for (const y of c.ys) out[col++].push(here ? map(y[at[k]]) : null);
      if (here) at[k]++;
    });
  }
  return [xs, ...out];
}
