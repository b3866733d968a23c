/**
 * The data layers of a chart panel as SVG: lines (cut to the window and decimated, see
 * polyline.ts), rheobase-style x bands, spike marks and population row bands. Each returns
 * serialised elements in pixel coordinates of the panel's box.
 */
import type { AxisSpec, LineLayer, RowBandsLayer, SpikeLayer, XBandLayer } from './figure';
import type { Box, Scales } from './axes';
import type { SvgTheme } from './document';
import { pointList, visiblePieces } from './polyline';
import { el, num, paintAttrs } from './xml';

/** Dots are drawn only for lines with at most this many visible points (f–I, sweeps), never for traces. */
const MAX_MARKERS = 2_000;
/** Spike marks in one file at most; beyond it marks are merged on a coarser grid. */
export const MAX_SPIKE_MARKS = 150_000;

const dashAttr = (dash: readonly number[] | undefined) => (dash && dash.length ? dash.map(num).join(' ') : undefined);

/** A line's polylines (clipped to the plot box by the caller) and its dots (clipped more loosely, so a dot on the frame shows whole). */
export function lineLayer(layer: LineLayer, box: Box, x: AxisSpec, s: Scales): { lines: string[]; dots: string } {
  const pieces = visiblePieces(layer.xs, layer.ys, x, box.width, layer.spanGaps);
  const lines: string[] = [];
  let dots = '';
  const style = { fill: 'none', ...paintAttrs('stroke', layer.color), 'stroke-width': layer.widthPx, 'stroke-linejoin': 'round', 'stroke-linecap': 'round', 'stroke-dasharray': dashAttr(layer.dash) };
  const pixels = pieces.map((p) => {
    const px = new Array<number>(p.length);
    for (let i = 0; i < p.length; i += 2) {
      px[i] = s.x(p[i]);
      px[i + 1] = s.y(p[i + 1]);
    }
    return px;
  });
  if (pixels.length === 1) lines.push(el('polyline', { points: pointList(pixels[0], num), ...style }));
  else if (pixels.length > 1) lines.push(el('g', style, pixels.map((px) => el('polyline', { points: pointList(px, num) }))));
  if (layer.markerPx && layer.markerPx > 0) {
    const circles: string[] = [];
    const r = layer.markerPx / 2;
    const n = Math.min(layer.xs.length, layer.ys.length);
    for (let i = 0; i < n; i++) {
      const v = layer.ys[i];
      const xv = layer.xs[i];
      if (v == null || !Number.isFinite(v) || !(xv >= x.min && xv <= x.max)) continue;
      circles.push(el('circle', { cx: s.x(xv), cy: s.y(v), r }));
    }
    if (circles.length > 0 && circles.length <= MAX_MARKERS) dots = el('g', { class: 'dots', ...paintAttrs('fill', layer.color) }, circles);
  }
  return { lines, dots };
}

export function xBandLayer(layer: XBandLayer, box: Box, s: Scales): string[] {
  const x0 = s.x(Math.min(layer.from, layer.to));
  const x1 = s.x(Math.max(layer.from, layer.to));
  const mid = (x0 + x1) / 2;
  const bottom = box.top + box.height;
  const out = [el('rect', { x: x0, y: box.top, width: Math.max(1, x1 - x0), height: box.height, ...paintAttrs('fill', layer.color, layer.fillOpacity) })];
  if (layer.midline) {
    out.push(el('path', { d: `M${num(mid)} ${num(box.top)}V${num(bottom)}`, fill: 'none', ...paintAttrs('stroke', layer.color), 'stroke-width': layer.midline.widthPx, 'stroke-dasharray': dashAttr(layer.midline.dash) }));
  }
  if (layer.axisMarker) out.push(el('path', { d: `M${num(mid)} ${num(bottom)}L${num(mid - 5)} ${num(bottom - 8)}H${num(mid + 5)}Z`, ...paintAttrs('fill', layer.color) }));
  return out;
}

/**
 * Spikes as filled marks, one path per population. Marks one time step wide and one row high
 * (1–3 px, as the raster on screen); marks falling in the same cell of a mark-sized grid are
 * written once, so the file is bounded by the plot's area, not by the number of spikes.
 */
export function spikeLayer(layer: SpikeLayer, box: Box, x: AxisSpec, y: AxisSpec): string[] {
  const span = x.max - x.min;
  const rows = y.max - y.min;
  if (!(span > 0) || !(rows > 0)) return [];
  const pxPerStep = (box.width * layer.dtMs) / span;
  const pxPerRow = box.height / rows;
  const markW = Math.max(1, Math.min(3, pxPerStep));
  const markH = Math.max(1, Math.min(3, pxPerRow));
  let grid = 1;
  for (;;) {
    const cellW = markW * grid;
    const cellH = markH * grid;
    const seen = new Set<number>();
    const byPopulation = new Map<number, string[]>();
    const columns = Math.ceil(box.width / cellW) + 2;
    let overflow = false;
    const { steps, populations, neurons } = layer.spikes;
    for (let i = layer.from; i < layer.to; i++) {
      const t = steps[i] * layer.dtMs;
      if (t < x.min || t > x.max) continue;
      const p = populations[i];
      const offset = layer.rowOffsets[p];
      if (offset === undefined || offset < 0) continue;
      const row = offset + neurons[i];
      if (row < y.min || row >= y.max) continue;
      const px = ((t - x.min) / span) * box.width;
      const py = box.height - (row + 0.5 - y.min) * pxPerRow;
      const cx = Math.floor(px / cellW);
      const cy = Math.floor(py / cellH);
      const key = cy * columns + cx;
      if (seen.has(key)) continue;
      seen.add(key);
      if (seen.size > MAX_SPIKE_MARKS) {
        overflow = true;
        break;
      }
      // Exact position at full resolution; on a coarser grid the cell itself is the mark.
      const mx = grid === 1 ? px - markW / 2 : cx * cellW;
      const my = grid === 1 ? py - markH / 2 : cy * cellH;
      let list = byPopulation.get(p);
      if (!list) byPopulation.set(p, (list = []));
      list.push(`M${num(box.left + mx)} ${num(box.top + my)}h${num(cellW)}v${num(cellH)}h${num(-cellW)}z`);
    }
    if (overflow) {
      grid *= 2;
      continue;
    }
    return [...byPopulation].map(([p, d]) => el('path', { class: 'spikes', 'data-population': p, d: d.join(''), ...paintAttrs('fill', layer.colors[p] ?? '#808080') }));
  }
}

/** A 3 px colour strip per population along the left edge and a separator line above each band but the lowest. */
export function rowBandsLayer(layer: RowBandsLayer, box: Box, s: Scales, theme: SvgTheme): string[] {
  const out: string[] = [];
  const top = box.top;
  const bottom = box.top + box.height;
  for (const b of layer.bands) {
    const y0 = Math.max(top, Math.min(bottom, s.y(b.to)));
    const y1 = Math.max(top, Math.min(bottom, s.y(b.from)));
    if (y1 > y0) out.push(el('rect', { x: box.left, y: y0, width: 3, height: y1 - y0, ...paintAttrs('fill', b.color) }));
    if (b.from > 0 && y1 > top && y1 < bottom) out.push(el('path', { d: `M${num(box.left)} ${num(y1)}H${num(box.left + box.width)}`, ...paintAttrs('stroke', theme.border), 'stroke-width': 1 }));
  }
  return out;
}
