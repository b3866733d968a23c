/** The phase plane as a PNG: the canvas (legend, plot, axes) under a title line, on the panel colour. */
import { canvasToPng } from '../../plots/download';
import type { PlotTheme } from '../../plots/theme';

export function phasePlanePng(canvas: HTMLCanvasElement, title: string, theme: PlotTheme): Promise<Blob> {
  return canvasToPng(canvas, title, theme);
}
