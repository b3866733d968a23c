/**
 * A legend laid out in rows across a given width: a short line in the entry's colour (dashed if
 * the entry is) and its label. Widths come from the text estimate, so rows never overrun.
 */
import { FONT_PX, text, textWidth, type SvgTheme } from './document';
import type { LegendItem } from './figure';
import { el, num, paintAttrs } from './xml';

export const LEGEND_ROW_PX = 18;
const SWATCH_PX = 18;
const GAP_PX = 6;
const SPACING_PX = 16;

export interface LegendLayout {
  readonly height: number;
  readonly items: readonly { readonly item: LegendItem; readonly x: number; readonly row: number }[];
}

export function layoutLegend(items: readonly LegendItem[], left: number, width: number): LegendLayout {
  const placed: { item: LegendItem; x: number; row: number }[] = [];
  let x = left;
  let row = 0;
  for (const item of items) {
    const w = SWATCH_PX + GAP_PX + textWidth(item.label) + SPACING_PX;
    if (x + w > left + width && x > left) {
      x = left;
      row++;
    }
    placed.push({ item, x, row });
    x += w;
  }
  return { height: items.length ? (row + 1) * LEGEND_ROW_PX : 0, items: placed };
}

export function legendSvg(layout: LegendLayout, top: number, theme: SvgTheme): string {
  if (layout.items.length === 0) return '';
  const parts = layout.items.map(({ item, x, row }) => {
    const y = top + row * LEGEND_ROW_PX + LEGEND_ROW_PX / 2;
    return (
      el('path', {
        d: `M${num(x)} ${num(y)}h${SWATCH_PX}`,
        fill: 'none',
        ...paintAttrs('stroke', item.color),
        'stroke-width': item.dash ? 2 : 3,
        'stroke-dasharray': item.dash && item.dash.length ? item.dash.map(num).join(' ') : undefined,
      }) + text(x + SWATCH_PX + GAP_PX, y, item.label, { baseline: 'middle', color: theme.fg, fontPx: FONT_PX })
    );
  });
  return el('g', { class: 'legend' }, parts);
}
