/**
 * A chart figure (figure.ts) as a standalone SVG document: the title, the panels stacked with
 * their left edges aligned (one margin wide enough for every panel's y tick labels, so a shared
 * time axis lines up), each clipped to its plotting box, and the legend below.
 */
import { axisMarks, gridLines, scalesOf, visibleTicks, X_LABEL_PX, X_TICKS_PX, Y_LABEL_PX, yTicksWidth, type Box } from './axes';
import { svgDocument, text, textWidth, TITLE_PX } from './document';
import type { ChartFigure, PanelSpec } from './figure';
import { lineLayer, rowBandsLayer, spikeLayer, xBandLayer } from './layers';
import { layoutLegend, legendSvg, type LegendLayout } from './legend';
import { el } from './xml';

const PAD = 12;
const TITLE_ROW_PX = TITLE_PX + 15;
const PANEL_GAP_PX = 10;
const RIGHT_PX = 20;
export const MIN_WIDTH_PX = 360;

export interface PanelBox {
  readonly box: Box;
  readonly panel: PanelSpec;
  /** Whether the x label is written under this panel. */
  readonly xLabel: boolean;
}

export interface ChartLayout {
  readonly width: number;
  readonly height: number;
  readonly panels: readonly PanelBox[];
  readonly legend: LegendLayout;
  readonly legendTop: number;
  readonly yLabelX: number;
}

/** Where everything goes: pure geometry, also used by tests to map data to pixels. */
export function layoutChart(fig: ChartFigure): ChartLayout {
  const width = Math.max(MIN_WIDTH_PX, Math.round(fig.widthPx));
  const ticksWidth = Math.max(18, ...fig.panels.map((p) => yTicksWidth(p.y)));
  const left = PAD + Y_LABEL_PX + ticksWidth + 8;
  // Room for half of the last x tick label, which is centred on the right edge.
  const right = Math.max(RIGHT_PX, ...fig.panels.map((p) => textWidth(visibleTicks(p.x).at(-1)?.text ?? '') / 2 + 6));
  const plotWidth = Math.max(40, width - left - right);
  let y = PAD + (fig.title ? TITLE_ROW_PX : 0);
  const panels = fig.panels.map((panel, i): PanelBox => {
    const xLabel = !!panel.x.label;
    // Tall enough for the rotated y label to stay beside its own panel.
    const height = Math.max(40, panel.heightPx, panel.y.label ? textWidth(panel.y.label, undefined, true) + 12 : 0);
    const box = { left, top: y + (i > 0 ? PANEL_GAP_PX : 4), width: plotWidth, height };
    y = box.top + box.height + X_TICKS_PX + (xLabel ? X_LABEL_PX : 0);
    return { box, panel, xLabel };
  });
  const legendTop = y + 8;
  const legend = layoutLegend(fig.legend, left, plotWidth);
  return { width, height: legendTop + legend.height + PAD - (legend.height ? 0 : 8), panels, legend, legendTop, yLabelX: PAD + Y_LABEL_PX / 2 };
}

function panelSvg(p: PanelBox, index: number, fig: ChartFigure, yLabelX: number): { defs: string; body: string } {
  const { box, panel } = p;
  const s = scalesOf(box, panel.x, panel.y);
  const data: string[] = [];
  const dots: string[] = [];
  for (const layer of panel.layers) {
    if (layer.kind === 'line') {
      const line = lineLayer(layer, box, panel.x, s);
      data.push(...line.lines);
      if (line.dots) dots.push(line.dots);
    } else if (layer.kind === 'xband') data.push(...xBandLayer(layer, box, s));
    else if (layer.kind === 'spikes') data.push(...spikeLayer(layer, box, panel.x, panel.y));
    else data.push(...rowBandsLayer(layer, box, s, fig.theme));
  }
  // Lines stay inside the box (a line's points beyond the window's edges must not show), with a
  // little room above and below for the stroke at the extremes; dots on the frame show whole.
  const clip = (id: string, dx: number, dy: number) => el('clipPath', { id }, el('rect', { x: box.left - dx, y: box.top - dy, width: box.width + 2 * dx, height: box.height + 2 * dy }));
  const defs = clip(`plot-clip-${index}`, 0, 2) + (dots.length ? clip(`dots-clip-${index}`, 8, 8) : '');
  const body = el('g', { class: 'panel' }, [
    gridLines(box, panel.x, panel.y, s, fig.theme),
    data.length ? el('g', { 'clip-path': `url(#plot-clip-${index})` }, data) : '',
    dots.length ? el('g', { 'clip-path': `url(#dots-clip-${index})` }, dots) : '',
    ...axisMarks(box, panel.x, panel.y, s, fig.theme, yLabelX, p.xLabel),
  ]);
  return { defs, body };
}

/** The figure as an SVG file's text. */
export function chartSvg(fig: ChartFigure): string {
  const layout = layoutChart(fig);
  const parts = layout.panels.map((p, i) => panelSvg(p, i, fig, layout.yLabelX));
  const body: string[] = [];
  if (fig.title) body.push(text(PAD, PAD, fig.title, { baseline: 'top', fontPx: TITLE_PX, bold: true, color: fig.theme.fg, extra: { class: 'title' } }));
  body.push(...parts.map((p) => p.body));
  body.push(legendSvg(layout.legend, layout.legendTop, fig.theme));
  return svgDocument({ width: layout.width, height: layout.height, title: fig.title, background: fig.theme.panel, defs: parts.map((p) => p.defs), body });
}
