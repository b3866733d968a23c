/**
 * What the sweep panel's PNG and SVG buttons ask of the plot on show (SweepLine or SweepHeatmap):
 * each sets one of these on its ref while it is mounted, since only it holds the chart or canvas.
 */
import type { SvgTheme } from '../../plots/svg/document';
import type { PlotTheme } from '../../plots/theme';

export interface SweepFigure {
  png(title: string, theme: PlotTheme): Promise<Blob>;
  svg(title: string, theme: SvgTheme): string;
}
