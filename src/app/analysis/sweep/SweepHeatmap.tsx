/**
 * The 2-D sweep as a heat map on a canvas: parameter 1 across, parameter 2 up, one cell per
 * combination coloured by the measure (viridis), cells without a value hatched, a colour bar with
 * the measure's unit, axes labelled with units. Hover shows the cell; a click opens it.
 */
import { useEffect, useRef, type RefObject } from 'react';
import { prettyUnit } from '../../../analysis/fiFormat';
import type { SweepAxisValues } from '../../../analysis/sweep';
import { formatNumber } from '../../plots/chart';
import { canvasToPng } from '../../plots/download';
import type { PlotTheme } from '../../plots/theme';
import { heatColor, valueRange } from './heatColors';
import { HEATMAP_MARGIN as MARGIN, heatmapSvg, sweepAxisLabel as axisLabel } from './heatmapSvg';
import type { SweepFigure } from './sweepFigure';
import './SweepHeatmap.css';

interface Props {
  readonly axes: readonly SweepAxisValues[];
  readonly values: readonly number[];
  readonly measureLabel: string;
  readonly measureUnit: string;
  readonly theme: PlotTheme;
  readonly onOpen: (k: number) => void;
  /** Set to this plot's exports while it is mounted. */
  readonly figureRef: RefObject<SweepFigure | null>;
}

const FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const LABEL_FONT = '600 11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** Which cell is under (x, y) in CSS pixels, or -1. */
function cellAt(x: number, y: number, width: number, height: number, nx: number, ny: number): number {
  const w = width - MARGIN.left - MARGIN.right;
  const h = height - MARGIN.top - MARGIN.bottom;
  const i = Math.floor(((x - MARGIN.left) / w) * nx);
  const j = Math.floor(((MARGIN.top + h - y) / h) * ny);
  return i >= 0 && i < nx && j >= 0 && j < ny ? i + nx * j : -1;
}

export function SweepHeatmap({ axes, values, measureLabel, measureUnit, theme, onOpen, figureRef }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const readoutRef = useRef<HTMLDivElement>(null);
  const nx = axes[0].values.length;
  const ny = axes[1].values.length;

  useEffect(() => {
    const host = hostRef.current;
    const canvas = canvasRef.current;
    if (!host || !canvas) return;
    const draw = () => {
      const width = Math.max(200, Math.floor(host.clientWidth));
      const height = Math.max(140, Math.floor(host.clientHeight));
      const dpr = window.devicePixelRatio || 1;
      canvas.width = width * dpr;
      canvas.height = height * dpr;
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
      const ctx = canvas.getContext('2d');
      if (!ctx) return;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, width, height);
      const w = width - MARGIN.left - MARGIN.right;
      const h = height - MARGIN.top - MARGIN.bottom;
      const cw = w / nx;
      const ch = h / ny;
      const { min, max } = valueRange(values);
      for (let j = 0; j < ny; j++) {
        for (let i = 0; i < nx; i++) {
          const v = values[i + nx * j];
          const x = MARGIN.left + i * cw;
          const y = MARGIN.top + h - (j + 1) * ch;
          if (Number.isFinite(v)) {
            ctx.fillStyle = heatColor((v - min) / (max - min));
            ctx.fillRect(x, y, Math.ceil(cw), Math.ceil(ch));
          } else {
            // No value (CV or latency of a silent cell): hatched, not a colour of the scale.
            ctx.fillStyle = theme.panel;
            ctx.fillRect(x, y, cw, ch);
            ctx.save();
            ctx.beginPath();
            ctx.rect(x, y, cw, ch);
            ctx.clip();
            ctx.strokeStyle = theme.grid;
            ctx.lineWidth = 1;
            for (let d = -ch; d < cw; d += 6) {
              ctx.moveTo(x + d, y + ch);
              ctx.lineTo(x + d + ch, y);
            }
            ctx.stroke();
            ctx.restore();
          }
        }
      }
      ctx.strokeStyle = theme.border;
      ctx.strokeRect(MARGIN.left + 0.5, MARGIN.top + 0.5, w, h);
      // Ticks at cell centres, thinned so labels do not overlap.
      ctx.fillStyle = theme.axis;
      ctx.font = FONT;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'top';
      const xStep = Math.max(1, Math.ceil(nx / Math.max(1, Math.floor(w / 50))));
      axes[0].values.forEach((v, i) => {
        if (i % xStep === 0) ctx.fillText(formatNumber(v), MARGIN.left + (i + 0.5) * cw, MARGIN.top + h + 4);
      });
      ctx.textAlign = 'right';
      ctx.textBaseline = 'middle';
      const yStep = Math.max(1, Math.ceil(ny / Math.max(1, Math.floor(h / 18))));
      axes[1].values.forEach((v, j) => {
        if (j % yStep === 0) ctx.fillText(formatNumber(v), MARGIN.left - 5, MARGIN.top + h - (j + 0.5) * ch);
      });
      ctx.font = LABEL_FONT;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'bottom';
      ctx.fillText(axisLabel(axes[0]), MARGIN.left + w / 2, height - 4);
      ctx.save();
      ctx.translate(12, MARGIN.top + h / 2);
      ctx.rotate(-Math.PI / 2);
      ctx.textBaseline = 'middle';
      ctx.fillText(axisLabel(axes[1]), 0, 0);
      ctx.restore();
      // Colour bar with the measure's range and unit.
      const bx = width - MARGIN.right + 16;
      const bw = 12;
      for (let y = 0; y < h; y++) {
        ctx.fillStyle = heatColor(1 - y / h);
        ctx.fillRect(bx, MARGIN.top + y, bw, 1.5);
      }
      ctx.strokeStyle = theme.border;
      ctx.strokeRect(bx + 0.5, MARGIN.top + 0.5, bw, h);
      ctx.font = FONT;
      ctx.fillStyle = theme.axis;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'top';
      ctx.fillText(formatNumber(max), bx + bw + 4, MARGIN.top);
      ctx.textBaseline = 'bottom';
      ctx.fillText(formatNumber(min), bx + bw + 4, MARGIN.top + h);
      ctx.font = LABEL_FONT;
      ctx.save();
      ctx.translate(width - 10, MARGIN.top + h / 2);
      ctx.rotate(-Math.PI / 2);
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(measureUnit ? `${measureLabel} (${measureUnit})` : measureLabel, 0, 0);
      ctx.restore();
    };
    draw();
    const resize = new ResizeObserver(draw);
    resize.observe(host);
    // The file has the canvas's size on screen, so its layout and thinned ticks are the same.
    const figure: SweepFigure = {
      png: (title, t) => canvasToPng(canvas, title, t),
      svg: (title, t) => heatmapSvg({ axes, values, measureLabel, measureUnit, widthPx: canvas.clientWidth, heightPx: canvas.clientHeight, title, theme: t }),
    };
    figureRef.current = figure;
    return () => {
      resize.disconnect();
      if (figureRef.current === figure) figureRef.current = null;
    };
  }, [axes, values, nx, ny, measureLabel, measureUnit, theme, figureRef]);

  const locate = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    return cellAt(e.clientX - box.left, e.clientY - box.top, box.width, box.height, nx, ny);
  };
  const hover = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const el = readoutRef.current;
    if (!el) return;
    const k = locate(e);
    el.hidden = k < 0;
    e.currentTarget.style.cursor = k < 0 ? 'default' : 'pointer';
    if (k < 0) return;
    const v = values[k];
    const unit = (a: SweepAxisValues) => (a.unit && a.unit !== '1' ? ` ${prettyUnit(a.unit)}` : '');
    el.textContent = `${axes[0].param} = ${formatNumber(axes[0].values[k % nx])}${unit(axes[0])}, ${axes[1].param} = ${formatNumber(axes[1].values[Math.floor(k / nx)])}${unit(axes[1])} → ${Number.isFinite(v) ? `${formatNumber(v)}${measureUnit ? ` ${measureUnit}` : ''}` : 'no value'} · click to open`;
  };

  return (
    <div className="sweep-heatmap" data-testid="sweep-heatmap" data-cells={nx * ny} data-nx={nx} data-ny={ny} data-margins={JSON.stringify(MARGIN)}>
      <div className="sweep-heatmap-host" ref={hostRef}>
        <canvas
          ref={canvasRef}
          role="img"
          aria-label={`heat map of ${measureLabel} over ${axes[0].param} and ${axes[1].param}: click a cell to open that simulation`}
          onMouseMove={hover}
          onMouseLeave={() => readoutRef.current && (readoutRef.current.hidden = true)}
          onClick={(e) => {
            const k = locate(e);
            if (k >= 0) onOpen(k);
          }}
        />
      </div>
      <div className="sweep-readout" ref={readoutRef} hidden data-testid="sweep-readout" />
    </div>
  );
}
