/**
 * Downloads (Blob + object URL) and PNG snapshots of charts: the chart canvases (plot and axes,
 * as uPlot drew them) stacked under a title, with a legend of coloured swatches drawn below,
 * on the theme's panel colour. SVG files are written by svg/ and saved with `downloadSvg`.
 */
import type uPlot from 'uplot';
import type { PlotTheme } from './theme';

/** A file-name-safe form of the project name ('spikeflow' if nothing is left). */
export function fileSlug(name: string | undefined): string {
  const slug = (name ?? '')
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .toLowerCase();
  return slug || 'spikeflow';
}

export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export function downloadText(text: string, filename: string, type = 'text/csv'): void {
  downloadBlob(new Blob([text], { type: `${type};charset=utf-8` }), filename);
}

/** An SVG document (svg/chartSvg.ts and friends) as a file. */
export function downloadSvg(svg: string, filename: string): void {
  downloadText(svg, filename, 'image/svg+xml');
}

export interface LegendEntry {
  readonly label: string;
  readonly color: string;
}

/** The charts (top to bottom) as one PNG with a title and a legend. */
export function chartsToPng(title: string, charts: readonly uPlot[], legend: readonly LegendEntry[], theme: PlotTheme): Promise<Blob> {
  const canvases = charts.map((u) => u.ctx.canvas);
  if (canvases.length === 0) return Promise.reject(new Error('nothing to export'));
  const dpr = canvases[0].width / Math.max(1, charts[0].width);
  const width = Math.max(...canvases.map((c) => c.width));
  const pad = Math.round(8 * dpr);
  const titleHeight = Math.round(24 * dpr);
  const lineHeight = Math.round(18 * dpr);
  const font = (weight: number, px: number) => `${weight} ${Math.round(px * dpr)}px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif`;

  // Lay the legend out in rows first, to know the image height.
  const measure = document.createElement('canvas').getContext('2d')!;
  measure.font = font(400, 11);
  const swatch = Math.round(14 * dpr);
  const rows: { entry: LegendEntry; x: number; row: number }[] = [];
  let x = pad;
  let row = 0;
  for (const entry of legend) {
    const w = swatch + Math.round(4 * dpr) + measure.measureText(entry.label).width + Math.round(14 * dpr);
    if (x + w > width - pad && x > pad) {
      x = pad;
      row++;
    }
    rows.push({ entry, x, row });
    x += w;
  }
  const legendHeight = legend.length ? (row + 1) * lineHeight + pad : 0;
  const chartsHeight = canvases.reduce((h, c) => h + c.height, 0);

  const out = document.createElement('canvas');
  out.width = width;
  out.height = titleHeight + chartsHeight + legendHeight;
  const ctx = out.getContext('2d')!;
  ctx.fillStyle = theme.panel;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = theme.fg;
  ctx.font = font(600, 13);
  ctx.textBaseline = 'middle';
  ctx.fillText(title, pad, titleHeight / 2);
  let y = titleHeight;
  for (const c of canvases) {
    ctx.drawImage(c, 0, y);
    y += c.height;
  }
  ctx.font = font(400, 11);
  for (const { entry, x: lx, row: r } of rows) {
    const cy = y + pad / 2 + r * lineHeight + lineHeight / 2;
    ctx.fillStyle = entry.color;
    ctx.fillRect(lx, cy - Math.round(2 * dpr), swatch, Math.round(4 * dpr));
    ctx.fillStyle = theme.fg;
    ctx.fillText(entry.label, lx + swatch + Math.round(4 * dpr), cy);
  }
  return new Promise((resolve, reject) => out.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
}

/** A canvas figure (phase plane, heat map) as a PNG under a title line, on the panel colour. */
export function canvasToPng(canvas: HTMLCanvasElement, title: string, theme: PlotTheme): Promise<Blob> {
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
