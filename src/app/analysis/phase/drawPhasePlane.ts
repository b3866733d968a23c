/**
 * Paints a phase plane on a 2D canvas: a legend strip on top, then the plot box with its grid,
 * ticks and axis labels, the vector field, both nullclines, the trajectories with their reset
 * jumps, and the fixed points (filled: stable, open: unstable, half: saddle). Colours come from
 * the theme (axes, text, arrows) and the shared series palette (curves), so the picture reads in
 * light and dark and a PNG of the canvas is the whole figure.
 */
import type { PhasePlaneResult, PlaneView } from '../../../analysis/phasePlane';
import type { Trajectory } from '../../../analysis/phasePlaneTrajectory';
import { isStable, type Stability } from '../../../analysis/phase/stability';
import { populationColor } from '../../plots/colors';
import type { PlotTheme } from '../../plots/theme';
import { formatValue } from './phaseFormat';
import { niceTicks } from './ticks';

export const X_NULLCLINE_COLOR = populationColor(1);
export const Y_NULLCLINE_COLOR = populationColor(0);

/** The colour of the k-th trajectory (the palette after the two nullcline colours). */
export function trajectoryColor(k: number): string {
  return populationColor(2 + (k % 8));
}

export interface PlotRect {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

const MARGIN = { left: 62, right: 14, top: 30, bottom: 40 };

export function plotRect(cssWidth: number, cssHeight: number): PlotRect {
  return {
    left: MARGIN.left,
    top: MARGIN.top,
    width: Math.max(10, cssWidth - MARGIN.left - MARGIN.right),
    height: Math.max(10, cssHeight - MARGIN.top - MARGIN.bottom),
  };
}

/** Canvas CSS pixels → plane coordinates (declared units). */
export function pixelToPlane(rect: PlotRect, view: PlaneView, px: number, py: number): { x: number; y: number } {
  return {
    x: view.xMin + ((px - rect.left) / rect.width) * (view.xMax - view.xMin),
    y: view.yMax - ((py - rect.top) / rect.height) * (view.yMax - view.yMin),
  };
}

export interface PhaseDrawing {
  readonly result: PhasePlaneResult;
  readonly trajectories: readonly Trajectory[];
  readonly xLabel: string;
  readonly yLabel: string;
  readonly xName: string;
  readonly yName: string;
  /** Draw the reset jumps (and name them in the legend). */
  readonly resets: boolean;
}

const FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

export function drawPhasePlane(ctx: CanvasRenderingContext2D, cssWidth: number, cssHeight: number, d: PhaseDrawing, theme: PlotTheme): PlotRect {
  const rect = plotRect(cssWidth, cssHeight);
  const { view } = d.result;
  const X = (x: number) => rect.left + ((x - view.xMin) / (view.xMax - view.xMin)) * rect.width;
  const Y = (y: number) => rect.top + (1 - (y - view.yMin) / (view.yMax - view.yMin)) * rect.height;

  ctx.fillStyle = theme.panel;
  ctx.fillRect(0, 0, cssWidth, cssHeight);
  ctx.font = FONT;
  drawAxes(ctx, rect, view, X, Y, d, theme);

  ctx.save();
  ctx.beginPath();
  ctx.rect(rect.left, rect.top, rect.width, rect.height);
  ctx.clip();
  drawField(ctx, rect, d.result, theme);
  drawSegments(ctx, d.result.yNullcline, X, Y, Y_NULLCLINE_COLOR);
  drawSegments(ctx, d.result.xNullcline, X, Y, X_NULLCLINE_COLOR);
  d.trajectories.forEach((t, k) => drawTrajectory(ctx, t, X, Y, trajectoryColor(k), d.resets));
  for (const p of d.result.fixedPoints) drawFixedPoint(ctx, X(p.x), Y(p.y), p.stability, theme);
  ctx.restore();

  drawLegend(ctx, d, theme, cssWidth);
  return rect;
}

function drawAxes(ctx: CanvasRenderingContext2D, rect: PlotRect, view: PlaneView, X: (x: number) => number, Y: (y: number) => number, d: PhaseDrawing, theme: PlotTheme): void {
  const xs = niceTicks(view.xMin, view.xMax, Math.max(2, Math.round(rect.width / 80)));
  const ys = niceTicks(view.yMin, view.yMax, Math.max(2, Math.round(rect.height / 45)));
  ctx.lineWidth = 1;
  ctx.strokeStyle = theme.grid;
  ctx.beginPath();
  for (const x of xs) {
    ctx.moveTo(Math.round(X(x)) + 0.5, rect.top);
    ctx.lineTo(Math.round(X(x)) + 0.5, rect.top + rect.height);
  }
  for (const y of ys) {
    ctx.moveTo(rect.left, Math.round(Y(y)) + 0.5);
    ctx.lineTo(rect.left + rect.width, Math.round(Y(y)) + 0.5);
  }
  ctx.stroke();
  ctx.strokeStyle = theme.border;
  ctx.strokeRect(rect.left + 0.5, rect.top + 0.5, rect.width - 1, rect.height - 1);

  ctx.fillStyle = theme.axis;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const x of xs) ctx.fillText(formatValue(x), X(x), rect.top + rect.height + 4);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const y of ys) ctx.fillText(formatValue(y), rect.left - 5, Y(y));

  ctx.fillStyle = theme.fg;
  ctx.font = `600 ${FONT}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.fillText(d.xLabel, rect.left + rect.width / 2, rect.top + rect.height + 36);
  ctx.save();
  ctx.translate(14, rect.top + rect.height / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'middle';
  ctx.fillText(d.yLabel, 0, 0);
  ctx.restore();
  ctx.font = FONT;
}

/** Arrows no closer than this on screen (a wide, short plane shows fewer rows than columns). */
const MIN_ARROW_SPACING_PX = 26;

/** Arrows of one length scale: longer and darker where the flow is faster (log scale). */
function drawField(ctx: CanvasRenderingContext2D, rect: PlotRect, result: PhasePlaneResult, theme: PlotTheme): void {
  const { field, view } = result;
  const strideX = Math.max(1, Math.round(MIN_ARROW_SPACING_PX / (rect.width / field.nx)));
  const strideY = Math.max(1, Math.round(MIN_ARROW_SPACING_PX / (rect.height / field.ny)));
  const cell = Math.min((rect.width / field.nx) * strideX, (rect.height / field.ny) * strideY);
  const sx = rect.width / (view.xMax - view.xMin);
  const sy = rect.height / (view.yMax - view.yMin);
  const n = field.x.length;
  const shown = (k: number) => (k % field.nx) % strideX === Math.floor(strideX / 2) && Math.floor(k / field.nx) % strideY === Math.floor(strideY / 2);
  const speed = new Float64Array(n);
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < n; k++) {
    const s = Math.hypot(field.dx[k] * sx, field.dy[k] * sy);
    speed[k] = s > 0 && Number.isFinite(s) && shown(k) ? Math.log(s) : NaN;
    if (Number.isFinite(speed[k])) {
      lo = Math.min(lo, speed[k]);
      hi = Math.max(hi, speed[k]);
    }
  }
  ctx.strokeStyle = theme.muted;
  ctx.fillStyle = theme.muted;
  ctx.lineWidth = 1.2;
  for (let k = 0; k < n; k++) {
    if (!Number.isFinite(speed[k])) continue;
    const frac = hi > lo ? (speed[k] - lo) / (hi - lo) : 1;
    const length = cell * (0.3 + 0.55 * frac);
    const ux = field.dx[k] * sx;
    const uy = -field.dy[k] * sy;
    const norm = Math.hypot(ux, uy);
    const cx = rect.left + (field.x[k] - view.xMin) * sx;
    const cy = rect.top + (view.yMax - field.y[k]) * sy;
    const ex = (ux / norm) * (length / 2);
    const ey = (uy / norm) * (length / 2);
    ctx.globalAlpha = 0.35 + 0.45 * frac;
    ctx.beginPath();
    ctx.moveTo(cx - ex, cy - ey);
    ctx.lineTo(cx + ex, cy + ey);
    ctx.stroke();
    arrowHead(ctx, cx + ex, cy + ey, ux / norm, uy / norm, 5);
  }
  ctx.globalAlpha = 1;
}

function arrowHead(ctx: CanvasRenderingContext2D, x: number, y: number, ux: number, uy: number, size: number): void {
  ctx.beginPath();
  ctx.moveTo(x, y);
  ctx.lineTo(x - size * ux - size * 0.6 * uy, y - size * uy + size * 0.6 * ux);
  ctx.lineTo(x - size * ux + size * 0.6 * uy, y - size * uy - size * 0.6 * ux);
  ctx.closePath();
  ctx.fill();
}

function drawSegments(ctx: CanvasRenderingContext2D, segments: Float64Array, X: (x: number) => number, Y: (y: number) => number, color: string): void {
  ctx.strokeStyle = color;
  ctx.lineWidth = 2;
  ctx.lineCap = 'round';
  ctx.beginPath();
  for (let i = 0; i < segments.length; i += 4) {
    ctx.moveTo(X(segments[i]), Y(segments[i + 1]));
    ctx.lineTo(X(segments[i + 2]), Y(segments[i + 3]));
  }
  ctx.stroke();
  ctx.lineCap = 'butt';
}

function drawTrajectory(ctx: CanvasRenderingContext2D, t: Trajectory, X: (x: number) => number, Y: (y: number) => number, color: string, resets: boolean): void {
  const p = t.points;
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineWidth = 1.6;
  ctx.lineJoin = 'round';
  ctx.beginPath();
  let pen = false;
  for (let i = 0; i < p.length; i += 2) {
    if (Number.isNaN(p[i])) {
      pen = false;
      continue;
    }
    if (pen) ctx.lineTo(X(p[i]), Y(p[i + 1]));
    else ctx.moveTo(X(p[i]), Y(p[i + 1]));
    pen = true;
  }
  ctx.stroke();
  if (resets && t.resets.length > 0) {
    ctx.save();
    ctx.setLineDash([4, 3]);
    ctx.lineWidth = 1.2;
    ctx.globalAlpha = 0.8;
    ctx.beginPath();
    for (const r of t.resets) {
      ctx.moveTo(X(r.fromX), Y(r.fromY));
      ctx.lineTo(X(r.toX), Y(r.toY));
    }
    ctx.stroke();
    ctx.restore();
  }
  // Where it starts (a dot) and which way it goes at the end (an arrowhead).
  ctx.beginPath();
  ctx.arc(X(t.x0), Y(t.y0), 3.5, 0, 2 * Math.PI);
  ctx.fill();
  const n = p.length;
  for (let i = n - 4; i >= 0; i -= 2) {
    const ux = X(p[n - 2]) - X(p[i]);
    const uy = Y(p[n - 1]) - Y(p[i + 1]);
    const norm = Math.hypot(ux, uy);
    if (!Number.isFinite(norm)) break;
    if (norm < 3) continue;
    arrowHead(ctx, X(p[n - 2]), Y(p[n - 1]), ux / norm, uy / norm, 7);
    break;
  }
}

function drawFixedPoint(ctx: CanvasRenderingContext2D, x: number, y: number, stability: Stability, theme: PlotTheme): void {
  const r = 5.5;
  ctx.lineWidth = 1.8;
  ctx.strokeStyle = theme.fg;
  ctx.beginPath();
  ctx.arc(x, y, r, 0, 2 * Math.PI);
  ctx.fillStyle = stability === 'saddle' || !isStable(stability) ? theme.panel : theme.fg;
  ctx.fill();
  if (stability === 'saddle') {
    ctx.fillStyle = theme.fg;
    ctx.beginPath();
    ctx.arc(x, y, r, Math.PI / 2, (3 * Math.PI) / 2);
    ctx.closePath();
    ctx.fill();
  }
  ctx.beginPath();
  ctx.arc(x, y, r, 0, 2 * Math.PI);
  ctx.stroke();
}

/** One row of legend entries across the top. */
function drawLegend(ctx: CanvasRenderingContext2D, d: PhaseDrawing, theme: PlotTheme, cssWidth: number): void {
  type Entry = { label: string; draw: (x: number, y: number) => void };
  const line = (color: string, dash: number[] = []) => (x: number, y: number) => {
    ctx.save();
    ctx.strokeStyle = color;
    ctx.lineWidth = 2;
    ctx.setLineDash(dash);
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x + 18, y);
    ctx.stroke();
    ctx.restore();
  };
  const marker = (stability: Stability) => (x: number, y: number) => drawFixedPoint(ctx, x + 9, y, stability, theme);
  const entries: Entry[] = [
    { label: `${d.xName}-nullcline (d${d.xName}/dt = 0)`, draw: line(X_NULLCLINE_COLOR) },
    { label: `${d.yName}-nullcline (d${d.yName}/dt = 0)`, draw: line(Y_NULLCLINE_COLOR) },
  ];
  if (d.trajectories.length > 0) entries.push({ label: 'trajectory', draw: line(trajectoryColor(0)) });
  if (d.resets && d.trajectories.some((t) => t.resets.length > 0)) entries.push({ label: 'reset', draw: line(trajectoryColor(0), [4, 3]) });
  entries.push({ label: 'stable', draw: marker('stable node') }, { label: 'unstable', draw: marker('unstable node') }, { label: 'saddle', draw: marker('saddle') });
  ctx.font = FONT;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  let x = MARGIN.left;
  const y = 13;
  for (const e of entries) {
    const w = 22 + ctx.measureText(e.label).width + 14;
    if (x + w > cssWidth) break;
    e.draw(x, y);
    ctx.fillStyle = theme.fg;
    ctx.fillText(e.label, x + 22, y);
    x += w;
  }
}
