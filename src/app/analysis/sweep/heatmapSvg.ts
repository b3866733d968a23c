/**
 * The 2-D sweep's heat map as a vector SVG file, laid out as on the canvas (SweepHeatmap.tsx uses
 * the same margins and labels): one rect per combination in its viridis colour, combinations
 * without a value hatched, thinned tick labels at cell centres, axis labels with units, and a
 * colour bar (a gradient through the scale's stops) with the measure's range and unit.
 */
import { prettyUnit } from '../../../analysis/fiFormat';
import type { SweepAxisValues } from '../../../analysis/sweep';
import { formatNumber } from '../../plots/chart';
import { svgDocument, text, TITLE_PX, type SvgTheme } from '../../plots/svg/document';
import { el, num, paintAttrs } from '../../plots/svg/xml';
import { heatColor, valueRange } from './heatColors';

export const HEATMAP_MARGIN = { left: 64, right: 96, top: 12, bottom: 44 } as const;
const TITLE_ROW_PX = 26;
/** Stops of the colour bar's gradient (heatColor interpolates linearly between 9 stops). */
const BAR_STOPS = 8;

/** `g_L (nS)`, or just the name when dimensionless. */
export function sweepAxisLabel(a: SweepAxisValues): string {
  return a.unit && a.unit !== '1' ? `${a.param} (${prettyUnit(a.unit)})` : a.param;
}

export interface HeatmapSvgInput {
  readonly axes: readonly SweepAxisValues[];
  readonly values: readonly number[];
  readonly measureLabel: string;
  readonly measureUnit: string;
  readonly widthPx: number;
  readonly heightPx: number;
  readonly title: string;
  readonly theme: SvgTheme;
}

export function heatmapSvg(h: HeatmapSvgInput): string {
  const t = h.theme;
  const width = Math.max(320, Math.round(h.widthPx));
  const height = Math.max(200, Math.round(h.heightPx));
  const M = HEATMAP_MARGIN;
  const [ax, ay] = h.axes;
  const nx = ax.values.length;
  const ny = ay.values.length;
  const w = width - M.left - M.right;
  const ht = height - M.top - M.bottom;
  const cw = w / nx;
  const ch = ht / ny;
  const { min, max } = valueRange(h.values);

  const cells: string[] = [];
  const empty: string[] = [];
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const v = h.values[i + nx * j];
      const x = M.left + i * cw;
      const y = M.top + ht - (j + 1) * ch;
      // Neighbours overlap by half a pixel so no background seam shows between cells.
      const box = { x, y, width: cw + (i < nx - 1 ? 0.5 : 0), height: ch + (j > 0 ? 0.5 : 0) };
      if (Number.isFinite(v)) cells.push(el('rect', { ...box, ...paintAttrs('fill', heatColor((v - min) / (max - min))), 'data-i': i, 'data-j': j }));
      else empty.push(el('rect', { ...box, fill: 'url(#sweep-hatch)', 'data-i': i, 'data-j': j }));
    }
  }

  const xStep = Math.max(1, Math.ceil(nx / Math.max(1, Math.floor(w / 50))));
  const yStep = Math.max(1, Math.ceil(ny / Math.max(1, Math.floor(ht / 18))));
  const ticks: string[] = [];
  const marks: string[] = [];
  ax.values.forEach((v, i) => {
    if (i % xStep !== 0) return;
    const x = M.left + (i + 0.5) * cw;
    marks.push(`M${num(x)} ${num(M.top + ht)}v3`);
    ticks.push(text(x, M.top + ht + 4, formatNumber(v), { anchor: 'middle', baseline: 'top', color: t.axis }));
  });
  ay.values.forEach((v, j) => {
    if (j % yStep !== 0) return;
    const y = M.top + ht - (j + 0.5) * ch;
    marks.push(`M${num(M.left)} ${num(y)}h-3`);
    ticks.push(text(M.left - 5, y, formatNumber(v), { anchor: 'end', baseline: 'middle', color: t.axis }));
  });

  const bx = width - M.right + 16;
  const bw = 12;
  const measure = h.measureUnit ? `${h.measureLabel} (${h.measureUnit})` : h.measureLabel;
  const defs = [
    el(
      'pattern',
      { id: 'sweep-hatch', patternUnits: 'userSpaceOnUse', width: 6, height: 6, patternTransform: 'rotate(-45)' },
      [el('rect', { x: 0, y: 0, width: 6, height: 6, ...paintAttrs('fill', t.panel) }), el('path', { d: 'M0 0V6', ...paintAttrs('stroke', t.grid), 'stroke-width': 1 })],
    ),
    el(
      'linearGradient',
      { id: 'sweep-scale', x1: 0, y1: 1, x2: 0, y2: 0 },
      Array.from({ length: BAR_STOPS + 1 }, (_, k) => el('stop', { offset: k / BAR_STOPS, 'stop-color': heatColor(k / BAR_STOPS) })),
    ),
  ];
  const plot = el('g', { transform: `translate(0 ${TITLE_ROW_PX})` }, [
    el('g', { class: 'cells' }, cells),
    empty.length ? el('g', { class: 'no-value' }, empty) : '',
    el('rect', { x: M.left, y: M.top, width: w, height: ht, fill: 'none', ...paintAttrs('stroke', t.border), 'stroke-width': 1 }),
    marks.length ? el('path', { d: marks.join(''), fill: 'none', ...paintAttrs('stroke', t.axis), 'stroke-width': 1 }) : '',
    el('g', { class: 'tick-labels' }, ticks),
    text(M.left + w / 2, height - 6, sweepAxisLabel(ax), { anchor: 'middle', bold: true, color: t.fg, extra: { class: 'axis-label' } }),
    text(14, M.top + ht / 2, sweepAxisLabel(ay), { anchor: 'middle', baseline: 'middle', bold: true, color: t.fg, rotate: -90, extra: { class: 'axis-label' } }),
    el('rect', { class: 'colour-bar', x: bx, y: M.top, width: bw, height: ht, fill: 'url(#sweep-scale)', ...paintAttrs('stroke', t.border), 'stroke-width': 1 }),
    text(bx + bw + 4, M.top, formatNumber(max), { baseline: 'top', color: t.axis }),
    text(bx + bw + 4, M.top + ht, formatNumber(min), { color: t.axis }),
    text(width - 12, M.top + ht / 2, measure, { anchor: 'middle', baseline: 'middle', bold: true, color: t.fg, rotate: -90, extra: { class: 'axis-label' } }),
  ]);
  const title = text(10, TITLE_ROW_PX / 2, h.title, { baseline: 'middle', fontPx: TITLE_PX, bold: true, color: t.fg, extra: { class: 'title' } });
  return svgDocument({ width, height: height + TITLE_ROW_PX, title: h.title, background: t.panel, defs, body: [title, plot] });
}
