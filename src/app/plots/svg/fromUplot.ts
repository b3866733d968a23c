/**
 * A uPlot chart as figure data: the visible x and y ranges, the ticks and tick labels exactly as
 * uPlot last drew them (its axes keep them in `_splits` / `_values` after each draw), the axis
 * labels, and every shown series with its colour, width, dash, gap rule and dots. The series data
 * is what the chart holds (already decimated to its pixel columns for traces and rates); the
 * writer cuts it to the window again and bounds the points per column.
 */
import type uPlot from 'uplot';
import { chartSvg } from './chartSvg';
import type { SvgTheme } from './document';
import type { AxisSpec, Layer, LegendItem, LineLayer, PanelSpec, Tick } from './figure';

/** What uPlot keeps on an axis after drawing it (not in its typings). */
interface DrawnAxis {
  readonly _splits?: readonly (number | null)[] | null;
  readonly _values?: readonly (string | number | null)[] | null;
}

/** Plot heights below this are stretched in the file (a chart squeezed on screen still gets a readable figure). */
export const MIN_PANEL_PX = 120;

/** CSS px per device px of the chart's canvas. */
function pxRatio(u: uPlot): number {
  const canvas = u.ctx?.canvas;
  return canvas && u.width > 0 && canvas.width > 0 ? canvas.width / u.width : 1;
}

const finite = (v: number | null | undefined): v is number => v != null && Number.isFinite(v);

/** Range of a scale; when uPlot has none yet, the range of the data on it. */
function scaleRange(u: uPlot, key: string): { min: number; max: number } {
  const sc = u.scales[key];
  if (sc && finite(sc.min) && finite(sc.max) && sc.max > sc.min) return { min: sc.min, max: sc.max };
  let min = Infinity;
  let max = -Infinity;
  u.series.forEach((s, i) => {
    if ((i === 0 ? 'x' : (s.scale ?? 'y')) !== key) return;
    for (const v of u.data[i] ?? []) {
      if (finite(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
  });
  return max > min ? { min, max } : { min: Number.isFinite(min) ? min - 0.5 : 0, max: Number.isFinite(max) ? max + 0.5 : 1 };
}

/** Axis `index` of the chart: its range, the ticks and labels drawn last, its label. */
export function axisFromUplot(u: uPlot, index: number): AxisSpec {
  const axis = u.axes[index];
  const key = axis.scale ?? (index === 0 ? 'x' : 'y');
  const { min, max } = scaleRange(u, key);
  const drawn = axis as unknown as DrawnAxis;
  const splits = drawn._splits ?? [];
  const values = drawn._values ?? [];
  const ticks: Tick[] = [];
  splits.forEach((v, i) => {
    if (!finite(v)) return;
    const label = values[i];
    ticks.push({ value: v, text: label == null ? '' : String(label) });
  });
  const grid = (axis.grid as { show?: boolean } | undefined)?.show !== false;
  return { label: typeof axis.label === 'string' && axis.label ? axis.label : undefined, min, max, ticks, grid };
}

function call<T>(v: unknown, u: uPlot, i: number): T | undefined {
  return (typeof v === 'function' ? (v as (u: uPlot, i: number) => T)(u, i) : v) as T | undefined;
}

/** The shown series on scale `yKey` as lines, in series order. */
export function linesFromUplot(u: uPlot, yKey = 'y'): LineLayer[] {
  const out: LineLayer[] = [];
  const xs = (u.data[0] ?? []) as ArrayLike<number>;
  u.series.forEach((s, i) => {
    if (i === 0 || s.show === false || (s.scale ?? 'y') !== yKey) return;
    const color = call<string>(s.stroke, u, i);
    if (typeof color !== 'string' || color === 'transparent' || color === 'none') return;
    const points = s.points as { show?: unknown; size?: number } | undefined;
    const dots = call<boolean>(points?.show, u, i) === true;
    out.push({
      kind: 'line',
      color,
      widthPx: s.width ?? 1,
      xs,
      ys: (u.data[i] ?? []) as ArrayLike<number | null>,
      spanGaps: s.spanGaps === true,
      dash: s.dash,
      markerPx: dots ? (points?.size ?? 5) : undefined,
    });
  });
  return out;
}

export interface PanelExtras {
  /** Drawn under the series (bands). */
  readonly before?: readonly Layer[];
  /** Drawn over the series. */
  readonly after?: readonly Layer[];
}

/** One chart as a panel: its first x and first value axis, its series, and the extra layers. */
export function panelFromUplot(u: uPlot, extras: PanelExtras = {}): PanelSpec {
  const xIndex = Math.max(0, u.axes.findIndex((a) => (a.scale ?? 'x') === 'x'));
  const yIndex = u.axes.findIndex((a, i) => i !== xIndex && a.scale !== 'x');
  const x = axisFromUplot(u, xIndex);
  const y = yIndex >= 0 ? axisFromUplot(u, yIndex) : { min: 0, max: 1, ticks: [] };
  const yKey = yIndex >= 0 ? (u.axes[yIndex].scale ?? 'y') : 'y';
  const heightPx = Math.max(MIN_PANEL_PX, Math.round(u.bbox.height / pxRatio(u)));
  return { heightPx, x, y, layers: [...(extras.before ?? []), ...linesFromUplot(u, yKey), ...(extras.after ?? [])] };
}

/** Charts stacked top to bottom (sharing x, like the trace stack) as one SVG file. */
export function chartsToSvg(title: string, charts: readonly uPlot[], legend: readonly LegendItem[], theme: SvgTheme, extras: (u: uPlot, index: number) => PanelExtras = () => ({})): string {
  if (charts.length === 0) throw new Error('nothing to export');
  return chartSvg({ title, widthPx: charts[0].width, panels: charts.map((u, i) => panelFromUplot(u, extras(u, i))), legend, theme });
}
