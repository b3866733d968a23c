/**
 * The phase plane as a vector SVG file, the same figure drawPhasePlane paints on the canvas (same
 * layout, ticks, colours and legend) under a title line: grid and axes with units, the vector
 * field as arrows (opacity by speed, grouped into a few paths), both nullclines, the trajectories
 * (thinned to sub-pixel spacing) with their reset jumps, and the fixed points marked by stability.
 */
import type { Trajectory } from '../../../analysis/phasePlaneTrajectory';
import { isStable, type Stability } from '../../../analysis/phase/stability';
import { svgDocument, text, textWidth, TITLE_PX, type SvgTheme } from '../../plots/svg/document';
import { pointList, thinPixels } from '../../plots/svg/polyline';
import { el, num, paintAttrs } from '../../plots/svg/xml';
import { plotRect, trajectoryColor, X_NULLCLINE_COLOR, Y_NULLCLINE_COLOR, type PhaseDrawing, type PlotRect } from './drawPhasePlane';
import { formatValue } from './phaseFormat';
import { niceTicks } from './ticks';

/** Height of the title row above the plane (as in the PNG). */
export const TITLE_ROW_PX = 26;
const MIN_ARROW_SPACING_PX = 26;
const LEGEND_ROW_PX = 18;

type Map2 = (v: number) => number;

export interface PhaseSvgOptions {
  readonly widthPx: number;
  readonly heightPx: number;
  readonly title: string;
  readonly theme: SvgTheme;
}

export function phasePlaneSvg(d: PhaseDrawing, o: PhaseSvgOptions): string {
  const width = Math.max(320, Math.round(o.widthPx));
  const height = Math.max(240, Math.round(o.heightPx));
  const rect = plotRect(width, height);
  const { view } = d.result;
  const X: Map2 = (x) => rect.left + ((x - view.xMin) / (view.xMax - view.xMin)) * rect.width;
  const Y: Map2 = (y) => rect.top + (1 - (y - view.yMin) / (view.yMax - view.yMin)) * rect.height;
  const t = o.theme;
  const plot = [
    ...field(d, rect, t),
    segments(d.result.yNullcline, X, Y, Y_NULLCLINE_COLOR, 'y-nullcline'),
    segments(d.result.xNullcline, X, Y, X_NULLCLINE_COLOR, 'x-nullcline'),
    ...d.trajectories.map((tr, k) => trajectory(tr, X, Y, trajectoryColor(k), d.resets)),
    ...d.result.fixedPoints.map((p) => fixedPoint(X(p.x), Y(p.y), p.stability, t)),
  ];
  // Unlike the canvas, which drops entries that do not fit, the file wraps the legend and moves the plot down.
  const key = legend(d, t, width);
  const extra = (key.rows - 1) * LEGEND_ROW_PX;
  const body = [
    text(10, TITLE_ROW_PX / 2, o.title, { baseline: 'middle', fontPx: TITLE_PX, bold: true, color: t.fg, extra: { class: 'title' } }),
    el('g', { transform: `translate(0 ${TITLE_ROW_PX})` }, key.svg),
    el('g', { transform: `translate(0 ${TITLE_ROW_PX + extra})` }, [...axes(d, rect, X, Y, t), el('g', { 'clip-path': 'url(#phase-clip)' }, plot)]),
  ];
  const clip = el('clipPath', { id: 'phase-clip' }, el('rect', { x: rect.left, y: rect.top, width: rect.width, height: rect.height }));
  return svgDocument({ width, height: height + TITLE_ROW_PX + extra, title: o.title, background: t.panel, defs: [clip], body });
}

function axes(d: PhaseDrawing, rect: PlotRect, X: Map2, Y: Map2, t: SvgTheme): string[] {
  const { view } = d.result;
  const xs = niceTicks(view.xMin, view.xMax, Math.max(2, Math.round(rect.width / 80)));
  const ys = niceTicks(view.yMin, view.yMax, Math.max(2, Math.round(rect.height / 45)));
  const bottom = rect.top + rect.height;
  const grid = [...xs.map((x) => `M${num(X(x))} ${num(rect.top)}V${num(bottom)}`), ...ys.map((y) => `M${num(rect.left)} ${num(Y(y))}H${num(rect.left + rect.width)}`)];
  return [
    grid.length ? el('path', { d: grid.join(''), fill: 'none', ...paintAttrs('stroke', t.grid), 'stroke-width': 1 }) : '',
    el('rect', { x: rect.left, y: rect.top, width: rect.width, height: rect.height, fill: 'none', ...paintAttrs('stroke', t.border), 'stroke-width': 1 }),
    el('g', { class: 'tick-labels' }, [
      ...xs.map((x) => text(X(x), bottom + 4, formatValue(x), { anchor: 'middle', baseline: 'top', color: t.axis })),
      ...ys.map((y) => text(rect.left - 5, Y(y), formatValue(y), { anchor: 'end', baseline: 'middle', color: t.axis })),
    ]),
    text(rect.left + rect.width / 2, bottom + 33, d.xLabel, { anchor: 'middle', bold: true, color: t.fg, extra: { class: 'axis-label' } }),
    text(14, rect.top + rect.height / 2, d.yLabel, { anchor: 'middle', baseline: 'middle', bold: true, color: t.fg, rotate: -90, extra: { class: 'axis-label' } }),
  ];
}

/** Arrowhead triangle at (x, y) pointing along (ux, uy), as path data. */
function head(x: number, y: number, ux: number, uy: number, size: number): string {
  return `M${num(x)} ${num(y)}L${num(x - size * ux - size * 0.6 * uy)} ${num(y - size * uy + size * 0.6 * ux)}L${num(x - size * ux + size * 0.6 * uy)} ${num(y - size * uy - size * 0.6 * ux)}Z`;
}

/** The vector field as drawField draws it; arrows of similar opacity share one path (ten levels). */
function field(d: PhaseDrawing, rect: PlotRect, t: SvgTheme): string[] {
  const { field: f, view } = d.result;
  const strideX = Math.max(1, Math.round(MIN_ARROW_SPACING_PX / (rect.width / f.nx)));
  const strideY = Math.max(1, Math.round(MIN_ARROW_SPACING_PX / (rect.height / f.ny)));
  const cell = Math.min((rect.width / f.nx) * strideX, (rect.height / f.ny) * strideY);
  const sx = rect.width / (view.xMax - view.xMin);
  const sy = rect.height / (view.yMax - view.yMin);
  const shown = (k: number) => (k % f.nx) % strideX === Math.floor(strideX / 2) && Math.floor(k / f.nx) % strideY === Math.floor(strideY / 2);
  const speed = new Float64Array(f.x.length);
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < f.x.length; k++) {
    const s = Math.hypot(f.dx[k] * sx, f.dy[k] * sy);
    speed[k] = s > 0 && Number.isFinite(s) && shown(k) ? Math.log(s) : NaN;
    if (Number.isFinite(speed[k])) {
      lo = Math.min(lo, speed[k]);
      hi = Math.max(hi, speed[k]);
    }
  }
  const levels = new Map<number, { shafts: string[]; heads: string[] }>();
  for (let k = 0; k < f.x.length; k++) {
    if (!Number.isFinite(speed[k])) continue;
    const frac = hi > lo ? (speed[k] - lo) / (hi - lo) : 1;
    const length = cell * (0.3 + 0.55 * frac);
    const ux = f.dx[k] * sx;
    const uy = -f.dy[k] * sy;
    const norm = Math.hypot(ux, uy);
    const cx = rect.left + (f.x[k] - view.xMin) * sx;
    const cy = rect.top + (view.yMax - f.y[k]) * sy;
    const ex = (ux / norm) * (length / 2);
    const ey = (uy / norm) * (length / 2);
    const level = Math.round(frac * 9);
    let g = levels.get(level);
    if (!g) levels.set(level, (g = { shafts: [], heads: [] }));
    g.shafts.push(`M${num(cx - ex)} ${num(cy - ey)}L${num(cx + ex)} ${num(cy + ey)}`);
    g.heads.push(head(cx + ex, cy + ey, ux / norm, uy / norm, 5));
  }
  return [...levels]
    .sort((a, b) => a[0] - b[0])
    .map(([level, g]) => {
      const alpha = 0.35 + 0.45 * (level / 9);
      return el('g', { class: 'field', opacity: Math.round(alpha * 100) / 100 }, [
        el('path', { d: g.shafts.join(''), fill: 'none', ...paintAttrs('stroke', t.muted), 'stroke-width': 1.2 }),
        el('path', { d: g.heads.join(''), ...paintAttrs('fill', t.muted) }),
      ]);
    });
}

function segments(s: Float64Array, X: Map2, Y: Map2, color: string, cls: string): string {
  const d: string[] = [];
  let endX = NaN;
  let endY = NaN;
  for (let i = 0; i + 3 < s.length; i += 4) {
    const ax = X(s[i]);
    const ay = Y(s[i + 1]);
    // Segments that continue the previous one extend its path (a contour walk often does).
    if (Math.abs(ax - endX) < 0.01 && Math.abs(ay - endY) < 0.01) d.push(`L${num(X(s[i + 2]))} ${num(Y(s[i + 3]))}`);
    else d.push(`M${num(ax)} ${num(ay)}L${num(X(s[i + 2]))} ${num(Y(s[i + 3]))}`);
    endX = X(s[i + 2]);
    endY = Y(s[i + 3]);
  }
  return d.length ? el('path', { class: cls, d: d.join(''), fill: 'none', ...paintAttrs('stroke', color), 'stroke-width': 2, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' }) : '';
}

function trajectory(tr: Trajectory, X: Map2, Y: Map2, color: string, resets: boolean): string {
  const p = tr.points;
  const parts: string[] = [];
  let piece: number[] = [];
  const flush = () => {
    if (piece.length >= 4) parts.push(el('polyline', { points: pointList(thinPixels(piece), num) }));
    piece = [];
  };
  for (let i = 0; i + 1 < p.length; i += 2) {
    if (Number.isNaN(p[i])) flush();
    else piece.push(X(p[i]), Y(p[i + 1]));
  }
  flush();
  const out = [el('g', { fill: 'none', ...paintAttrs('stroke', color), 'stroke-width': 1.6, 'stroke-linejoin': 'round' }, parts)];
  if (resets && tr.resets.length > 0) {
    const d = tr.resets.map((r) => `M${num(X(r.fromX))} ${num(Y(r.fromY))}L${num(X(r.toX))} ${num(Y(r.toY))}`).join('');
    out.push(el('path', { class: 'resets', d, fill: 'none', ...paintAttrs('stroke', color, 0.8), 'stroke-width': 1.2, 'stroke-dasharray': '4 3' }));
  }
  out.push(el('circle', { cx: X(tr.x0), cy: Y(tr.y0), r: 3.5, ...paintAttrs('fill', color) }));
  // Which way it goes at the end: an arrowhead along the last move of at least 3 px.
  const n = p.length;
  for (let i = n - 4; i >= 0; i -= 2) {
    const ux = X(p[n - 2]) - X(p[i]);
    const uy = Y(p[n - 1]) - Y(p[i + 1]);
    const norm = Math.hypot(ux, uy);
    if (!Number.isFinite(norm)) break;
    if (norm < 3) continue;
    out.push(el('path', { d: head(X(p[n - 2]), Y(p[n - 1]), ux / norm, uy / norm, 7), ...paintAttrs('fill', color) }));
    break;
  }
  return el('g', { class: 'trajectory' }, out);
}

/** Filled: stable; open: unstable; left half filled: saddle. */
export function fixedPoint(x: number, y: number, stability: Stability, t: SvgTheme): string {
  const r = 5.5;
  const open = stability === 'saddle' || !isStable(stability);
  const parts = [el('circle', { cx: x, cy: y, r, ...paintAttrs('fill', open ? t.panel : t.fg) })];
  if (stability === 'saddle') parts.push(el('path', { d: `M${num(x)} ${num(y + r)}A${r} ${r} 0 0 1 ${num(x)} ${num(y - r)}Z`, ...paintAttrs('fill', t.fg) }));
  parts.push(el('circle', { cx: x, cy: y, r, fill: 'none', ...paintAttrs('stroke', t.fg), 'stroke-width': 1.8 }));
  return el('g', { class: 'fixed-point', 'data-stability': stability }, parts);
}

/** Legend entries across the top as drawLegend lays them out, wrapped into more rows where they do not fit. */
function legend(d: PhaseDrawing, t: SvgTheme, width: number): { svg: string; rows: number } {
  const line = (color: string, dash?: string) => (x: number, y: number) =>
    el('path', { d: `M${num(x)} ${num(y)}h18`, fill: 'none', ...paintAttrs('stroke', color), 'stroke-width': 2, 'stroke-dasharray': dash });
  const marker = (s: Stability) => (x: number, y: number) => fixedPoint(x + 9, y, s, t);
  const entries: { label: string; draw: (x: number, y: number) => string }[] = [
    { label: `${d.xName}-nullcline (d${d.xName}/dt = 0)`, draw: line(X_NULLCLINE_COLOR) },
    { label: `${d.yName}-nullcline (d${d.yName}/dt = 0)`, draw: line(Y_NULLCLINE_COLOR) },
  ];
  if (d.trajectories.length > 0) entries.push({ label: 'trajectory', draw: line(trajectoryColor(0)) });
  if (d.resets && d.trajectories.some((tr) => tr.resets.length > 0)) entries.push({ label: 'reset', draw: line(trajectoryColor(0), '4 3') });
  entries.push({ label: 'stable', draw: marker('stable node') }, { label: 'unstable', draw: marker('unstable node') }, { label: 'saddle', draw: marker('saddle') });
  const parts: string[] = [];
  const left = plotRect(width, 100).left;
  let x = left;
  let row = 0;
  for (const e of entries) {
    const w = 22 + textWidth(e.label) + 14;
    if (x + w > width && x > left) {
      x = left;
      row++;
    }
    const y = 13 + row * LEGEND_ROW_PX;
    parts.push(e.draw(x, y), text(x + 22, y, e.label, { baseline: 'middle', color: t.fg }));
    x += w;
  }
  return { svg: el('g', { class: 'legend' }, parts), rows: row + 1 };
}
