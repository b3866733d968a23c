/**
 * Axes of one plotting box: grid lines at the ticks, a frame, tick marks and tick labels, and the
 * axis labels (x centred under the tick labels, y rotated along the left edge). Ticks outside the
 * axis range are left out, as on screen.
 */
import { FONT_PX, text, textWidth, type SvgTheme } from './document';
import type { AxisSpec, Tick } from './figure';
import { el, num, paintAttrs } from './xml';

export interface Box {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** Data → pixel along one axis of a box. */
export interface Scales {
  x(v: number): number;
  y(v: number): number;
}

export function scalesOf(box: Box, x: AxisSpec, y: AxisSpec): Scales {
  const sx = box.width / (x.max - x.min || 1);
  const sy = box.height / (y.max - y.min || 1);
  return {
    x: (v) => box.left + (v - x.min) * sx,
    y: (v) => box.top + box.height - (v - y.min) * sy,
  };
}

export const TICK_PX = 4;
/** Gap between tick marks and their labels. */
const LABEL_GAP = 3;
/** Height of the x tick labels row and of the x axis label row, px. */
export const X_TICKS_PX = TICK_PX + LABEL_GAP + FONT_PX + 3;
export const X_LABEL_PX = FONT_PX + 8;
/** Room on the left for the rotated y label. */
export const Y_LABEL_PX = FONT_PX + 9;

export function visibleTicks(axis: AxisSpec): Tick[] {
  const eps = (axis.max - axis.min) * 1e-9;
  return axis.ticks.filter((t) => Number.isFinite(t.value) && t.value >= axis.min - eps && t.value <= axis.max + eps);
}

/** Width the y tick labels need. */
export function yTicksWidth(axis: AxisSpec): number {
  return Math.max(0, ...visibleTicks(axis).map((t) => textWidth(t.text)));
}

/** Grid lines (under the data). */
export function gridLines(box: Box, x: AxisSpec, y: AxisSpec, s: Scales, theme: SvgTheme): string {
  const d: string[] = [];
  if (x.grid !== false) for (const t of visibleTicks(x)) d.push(`M${num(s.x(t.value))} ${num(box.top)}V${num(box.top + box.height)}`);
  if (y.grid !== false) for (const t of visibleTicks(y)) d.push(`M${num(box.left)} ${num(s.y(t.value))}H${num(box.left + box.width)}`);
  return d.length ? el('path', { d: d.join(''), fill: 'none', ...paintAttrs('stroke', theme.grid), 'stroke-width': 1 }) : '';
}

/**
 * Frame, tick marks, tick labels and axis labels (over the data). `yLabelX` is where the rotated y
 * label's centre line goes; `xLabel` false leaves the x label out (upper charts of a stack).
 */
export function axisMarks(box: Box, x: AxisSpec, y: AxisSpec, s: Scales, theme: SvgTheme, yLabelX: number, xLabel = true): string[] {
  const out: string[] = [];
  const bottom = box.top + box.height;
  out.push(el('rect', { x: box.left, y: box.top, width: box.width, height: box.height, fill: 'none', ...paintAttrs('stroke', theme.border), 'stroke-width': 1 }));
  const xs = visibleTicks(x);
  const ys = visibleTicks(y);
  const marks = [...xs.map((t) => `M${num(s.x(t.value))} ${num(bottom)}v${TICK_PX}`), ...ys.map((t) => `M${num(box.left)} ${num(s.y(t.value))}h${-TICK_PX}`)];
  if (marks.length) out.push(el('path', { d: marks.join(''), fill: 'none', ...paintAttrs('stroke', theme.axis), 'stroke-width': 1 }));
  const labels = [
    ...xs.filter((t) => t.text).map((t) => text(s.x(t.value), bottom + TICK_PX + LABEL_GAP, t.text, { anchor: 'middle', baseline: 'top', color: theme.axis })),
    ...ys.filter((t) => t.text).map((t) => text(box.left - TICK_PX - LABEL_GAP, s.y(t.value), t.text, { anchor: 'end', baseline: 'middle', color: theme.axis })),
  ];
  if (labels.length) out.push(el('g', { class: 'tick-labels' }, labels));
  if (xLabel && x.label) out.push(text(box.left + box.width / 2, bottom + X_TICKS_PX + X_LABEL_PX - 5, x.label, { anchor: 'middle', bold: true, color: theme.fg, extra: { class: 'axis-label' } }));
  if (y.label) out.push(text(yLabelX, box.top + box.height / 2, y.label, { anchor: 'middle', baseline: 'middle', bold: true, color: theme.fg, rotate: -90, extra: { class: 'axis-label' } }));
  return out;
}
