/**
 * What the three uPlot charts share: themed axes, the synced cursor, and the wiring between a
 * chart's x scale and the shared window (xView): drag-zoom publishes the window, double-click
 * resets it, the wheel zooms (shift/horizontal wheel pans), and `applyFrame` sets data and window
 * in one batch (so a redraw costs one layout/paint, and our own scale changes are not mistaken for
 * the user's).
 */
import uPlot from 'uplot';
import { nearestDefined } from './decimate';
import type { PlotTheme } from './theme';
import { xView, type XRange } from './xView';

/** Charts with this key share cursor position (uPlot cursor sync). */
export const SYNC_KEY = 'spikeflow-plots';

export interface ThemeRef {
  current: PlotTheme;
}

const FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const LABEL_FONT = '600 11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** A number for axes and readouts: at most 4 significant decimals, no float noise. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return v.toExponential(3);
  return String(Number(v.toPrecision(5)));
}

export function timeAxis(theme: ThemeRef, showLabel = true): uPlot.Axis {
  return {
    scale: 'x',
    label: showLabel ? 'time (ms)' : undefined,
    labelSize: showLabel ? 14 : 0,
    labelFont: LABEL_FONT,
    font: FONT,
    size: 24,
    space: 60,
    stroke: () => theme.current.axis,
    grid: { stroke: () => theme.current.grid, width: 1 },
    ticks: { stroke: () => theme.current.grid, width: 1, size: 4 },
  };
}

export function valueAxis(theme: ThemeRef, label: string, scale = 'y', side: 1 | 3 = 3): uPlot.Axis {
  return {
    scale,
    side,
    label,
    labelSize: 14,
    labelFont: LABEL_FONT,
    font: FONT,
    // Wide enough for the longest tick label (uPlot re-runs this until the layout converges).
    size: (_u, values) => 14 + Math.ceil(6.5 * Math.max(3, ...(values ?? []).map((v) => String(v).length))),
    space: 24,
    stroke: () => theme.current.axis,
    grid: { show: side === 3, stroke: () => theme.current.grid, width: 1 },
    ticks: { stroke: () => theme.current.grid, width: 1, size: 4 },
    values: (_u, splits) => splits.map((v) => (v == null ? '' : formatNumber(v))),
  };
}

/** Cursor: vertical line synced across the plots, horizontal drag zooms x; the default double-click is ours. */
export function cursorOptions(extra: Partial<uPlot.Cursor> = {}): uPlot.Cursor {
  return {
    y: false,
    sync: { key: SYNC_KEY, setSeries: false, scales: ['x', null] },
    drag: { x: true, y: false, setScale: true },
    // uPlot's own double-click re-ranges x to the data; ours resets the shared window instead.
    bind: { dblclick: () => null },
    points: { size: 6 },
    dataIdx: (u, seriesIdx, closestIdx) => (seriesIdx > 0 && closestIdx != null ? nearestDefined(u.data[seriesIdx], closestIdx) : closestIdx),
    ...extra,
  };
}

/** Fixed x scale: its range only ever comes from `applyFrame` (or a drag-zoom). */
export function xScale(): uPlot.Scale {
  return { time: false, auto: false, range: (_u, min, max) => [min, max] };
}

/** Per-chart state for telling our own scale changes from the user's. */
const applying = new WeakSet<uPlot>();

/** Hook for `opts.hooks.setScale`: a user's drag-zoom on x becomes the shared window. */
export function publishUserZoom(getFull: () => XRange): (u: uPlot, key: string) => void {
  return (u, key) => {
    if (key !== 'x' || applying.has(u)) return;
    const { min, max } = u.scales.x;
    if (min == null || max == null) return;
    xView.set({ min, max }, getFull());
  };
}

/** Sets a chart's data and x window in one batch. */
export function applyFrame(u: uPlot, data: uPlot.AlignedData | null, range: XRange): void {
  applying.add(u);
  try {
    u.batch(() => {
      if (data) u.setData(data);
      const sc = u.scales.x;
      if (sc.min !== range.min || sc.max !== range.max) u.setScale('x', { min: range.min, max: range.max });
      if (!data) u.redraw(false);
    });
  } finally {
    applying.delete(u);
  }
}

/** Wheel zoom/pan and double-click reset on the chart's plotting area; returns the cleanup. */
export function bindInteractions(u: uPlot, getFull: () => XRange): () => void {
  const over = u.over;
  const onWheel = (e: WheelEvent) => {
    e.preventDefault();
    const full = getFull();
    const horizontal = e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY);
    if (horizontal) {
      const delta = e.shiftKey ? e.deltaY || e.deltaX : e.deltaX;
      xView.panBy(Math.sign(delta) * 0.1, full);
    } else {
      const rect = over.getBoundingClientRect();
      const center = u.posToVal(e.clientX - rect.left, 'x');
      xView.zoomBy(e.deltaY > 0 ? 1.25 : 0.8, full, center);
    }
  };
  const onDblClick = () => xView.reset();
  over.addEventListener('wheel', onWheel, { passive: false });
  over.addEventListener('dblclick', onDblClick);
  return () => {
    over.removeEventListener('wheel', onWheel);
    over.removeEventListener('dblclick', onDblClick);
  };
}

/** Size of a chart's host element, floored to whole CSS pixels (0 while hidden). */
export function hostSize(el: HTMLElement): { width: number; height: number } {
  return { width: Math.max(0, Math.floor(el.clientWidth)), height: Math.max(0, Math.floor(el.clientHeight)) };
}

export { uPlot };
