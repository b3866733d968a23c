/** The phase plane as a PNG: the canvas (legend, plot, axes) under a title line, on the panel colour. */
import type { PlotTheme } from '../../plots/theme';

export function phasePlanePng(canvas: HTMLCanvasElement, title: string, theme: PlotTheme): Promise<Blob> {
  const dpr = canvas.width / Math.max(1, canvas.clientWidth || canvas.width);
  const titleHeight = Math.round(26 * dpr);
  const out = document.createElement('canvas');
  out.width = canvas.width;
  out.height = canvas.height + titleHeight;
  const ctx = out.getContext('2d');
  if (!ctx) return Promise.reject(new Error('no 2D canvas'));
  ctx.fillStyle = theme.panel;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = theme.fg;
  ctx.font = `600 ${Math.round(13 * dpr)}px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif`;
  ctx.textBaseline = 'middle';
  ctx.fillText(title, Math.round(10 * dpr), titleHeight / 2);
  ctx.drawImage(canvas, 0, titleHeight);
  return new Promise((resolve, reject) => out.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
}
