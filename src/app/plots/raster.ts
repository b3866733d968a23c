/**
 * Spike raster rasterised straight into an RGBA pixel buffer (a Uint32Array view over ImageData).
 *
 * Every spike becomes a small mark at (time, stacked neuron row); marks landing in the same pixel
 * cell simply overwrite each other, so what is drawn is bounded by the image size, however many
 * spikes there are. Painting is O(spikes painted), and the raster plot paints only the spikes that
 * arrived since its last frame while the view is unchanged (spikes only ever add marks).
 */
import { lowerBound } from './decimate';

export interface RasterView {
  /** Image size, device pixels. */
  readonly width: number;
  readonly height: number;
  readonly fromMs: number;
  readonly toMs: number;
  /** Stacked rows (row 0 at the bottom). */
  readonly rows: number;
  readonly dtMs: number;
  /** Mark size limits, device pixels. */
  readonly minMarker: number;
  readonly maxMarker: number;
}

export interface SpikeColumns {
  readonly steps: ArrayLike<number>;
  readonly populations: ArrayLike<number>;
  readonly neurons: ArrayLike<number>;
  readonly length: number;
}

/** Indices [i0, i1) of the spikes whose time lies in [fromMs, toMs]; spikes are in step order. */
export function spikeIndexRange(steps: ArrayLike<number>, length: number, fromMs: number, toMs: number, dtMs: number): [number, number] {
  const s0 = Math.ceil(fromMs / dtMs - 1e-9);
  const s1 = Math.floor(toMs / dtMs + 1e-9);
  return [lowerBound(steps, s0, length), lowerBound(steps, s1 + 1, length)];
}

/** Mark width and height (device px) for a view: one step or one row wide, within the limits. */
export function markerSize(view: RasterView): { w: number; h: number } {
  const span = view.toMs - view.fromMs;
  const pxPerStep = span > 0 ? (view.width * view.dtMs) / span : 1;
  const pxPerRow = view.rows > 0 ? view.height / view.rows : 1;
  const clamp = (v: number) => Math.max(view.minMarker, Math.min(view.maxMarker, Math.floor(v)));
  return { w: clamp(pxPerStep), h: Math.max(1, Math.min(view.maxMarker, Math.floor(pxPerRow))) };
}

/**
 * Paints spikes [from, to) (those in the view's time range) in their population's colour.
 * `rowOffsets[p]` is population p's first row (-1: not shown); `colors[p]` a packed pixel.
 * Returns how many spikes fell inside the view.
 */
export function paintSpikes(
  pixels: Uint32Array,
  view: RasterView,
  spikes: SpikeColumns,
  from: number,
  to: number,
  rowOffsets: ArrayLike<number>,
  colors: ArrayLike<number>,
): number {
  const { width, height, fromMs, toMs, rows, dtMs } = view;
  const span = toMs - fromMs;
  if (width <= 0 || height <= 0 || rows <= 0 || !(span > 0)) return 0;
  const { w, h } = markerSize(view);
  const xScale = width / span;
  const yScale = height / rows;
  let inside = 0;
  for (let i = from; i < to; i++) {
    const t = spikes.steps[i] * dtMs;
    if (t < fromMs || t > toMs) continue;
    const p = spikes.populations[i];
    const offset = rowOffsets[p];
    if (offset === undefined || offset < 0) continue;
    const row = offset + spikes.neurons[i];
    if (row < 0 || row >= rows) continue;
    inside++;
    let x0 = Math.floor((t - fromMs) * xScale - (w - 1) / 2);
    let y0 = Math.floor(height - (row + 0.5) * yScale - (h - 1) / 2);
    let x1 = x0 + w;
    let y1 = y0 + h;
    if (x0 < 0) x0 = 0;
    if (y0 < 0) y0 = 0;
    if (x1 > width) x1 = width;
    if (y1 > height) y1 = height;
    const color = colors[p];
    for (let y = y0; y < y1; y++) {
      const base = y * width;
      for (let x = x0; x < x1; x++) pixels[base + x] = color;
    }
  }
  return inside;
}

/** The population and neuron at stacked row `row` (null outside every shown population). */
export function rowToNeuron(row: number, rowOffsets: ArrayLike<number>, sizes: ArrayLike<number>): { population: number; neuron: number } | null {
  const r = Math.floor(row);
  for (let p = 0; p < rowOffsets.length; p++) {
    const o = rowOffsets[p];
    if (o >= 0 && r >= o && r < o + sizes[p]) return { population: p, neuron: r - o };
  }
  return null;
}
