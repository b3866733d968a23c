/**
 * The f–I plot: rate (Hz) against current, one line with markers per curve, each curve's
 * rheobase bracket drawn as a band with a dashed line at its middle. uPlot, re-created only when
 * the curves change (a sweep adds one), resized by a ResizeObserver, redrawn on a theme change.
 * The hover readout is written straight into the DOM (no React render per mouse move).
 */
import { useEffect, useRef, type RefObject } from 'react';
import uPlot from 'uplot';
import { currentAxisLabel, prettyUnit } from '../../../analysis/fiFormat';
import { formatNumber, hostSize } from '../../plots/chart';
import type { PlotTheme } from '../../plots/theme';
import type { FiCurve } from './fiStore';
import './FiChart.css';

interface Props {
  readonly curves: readonly FiCurve[];
  readonly labels: readonly string[];
  readonly theme: PlotTheme;
  /** Set to the chart while it exists (the PNG and SVG exports read it). */
  readonly chartRef: RefObject<uPlot | null>;
}

const FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const LABEL_FONT = '600 11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** Every curve's points on one x array (the union of their currents); a curve without a point there has null. */
export function alignCurves(curves: readonly FiCurve[]): uPlot.AlignedData {
  const key = (x: number) => Number(x.toPrecision(12));
  const xs = [...new Set(curves.flatMap((c) => c.points.map((p) => key(p.current))))].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const ys = curves.map((c) => {
    const y: (number | null)[] = new Array(xs.length).fill(null);
    for (const p of c.points) y[index.get(key(p.current))!] = p.rateHz;
    return y;
  });
  return [xs, ...ys];
}

function axis(theme: { current: PlotTheme }, scale: string, label: string, side: 2 | 3): uPlot.Axis {
  return {
    scale,
    side,
    label,
    labelSize: 16,
    labelFont: LABEL_FONT,
    font: FONT,
    size: side === 2 ? 30 : (_u, values) => 14 + Math.ceil(6.5 * Math.max(3, ...(values ?? []).map((v) => String(v).length))),
    space: side === 2 ? 50 : 26,
    stroke: () => theme.current.axis,
    grid: { stroke: () => theme.current.grid, width: 1 },
    ticks: { stroke: () => theme.current.grid, width: 1, size: 4 },
    values: (_u, splits) => splits.map((v) => (v == null ? '' : formatNumber(v))),
  };
}

/** Rheobase brackets: a translucent band from silent to firing and a dashed line at the middle. */
function drawRheobase(curves: readonly FiCurve[]) {
  return (u: uPlot) => {
    const ctx = u.ctx;
    const { left, top, width, height } = u.bbox;
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, width, height);
    ctx.clip();
    const dpr = uPlot.pxRatio;
    for (const c of curves) {
      if (c.rheobase.kind !== 'bracket') continue;
      const x0 = u.valToPos(c.rheobase.silent, 'x', true);
      const x1 = u.valToPos(c.rheobase.firing, 'x', true);
      const mid = (x0 + x1) / 2;
      ctx.fillStyle = c.color;
      ctx.globalAlpha = 0.16;
      ctx.fillRect(x0, top, Math.max(x1 - x0, dpr), height);
      ctx.globalAlpha = 1;
      ctx.strokeStyle = c.color;
      ctx.lineWidth = 1.5 * dpr;
      ctx.setLineDash([5 * dpr, 4 * dpr]);
      ctx.beginPath();
      ctx.moveTo(mid, top);
      ctx.lineTo(mid, top + height);
      ctx.stroke();
      // A marker on the current axis.
      ctx.setLineDash([]);
      ctx.beginPath();
      ctx.moveTo(mid, top + height);
      ctx.lineTo(mid - 5 * dpr, top + height - 8 * dpr);
      ctx.lineTo(mid + 5 * dpr, top + height - 8 * dpr);
      ctx.closePath();
      ctx.fill();
    }
    ctx.restore();
  };
}

export function FiChart({ curves, labels, theme, chartRef }: Props) {
  const hostRef = useRef<HTMLDivElement>(null);
  const readoutRef = useRef<HTMLDivElement>(null);
  const themeRef = useRef(theme);
  const unit = curves[0]?.unit ?? 'nA';
  const points = curves.reduce((n, c) => n + c.points.length, 0);

  useEffect(() => {
    const host = hostRef.current;
    if (!host || curves.length === 0) return;
    const u2 = prettyUnit(unit);
    const readout = () => {
      const el = readoutRef.current;
      if (!el) return;
      const i = u.cursor.idx;
      el.hidden = i == null;
      if (i == null) return;
      const x = u.data[0][i];
      const rates = curves.map((c, k) => {
        const y = u.data[k + 1][i];
        return y == null ? null : `${labels[k]}: ${formatNumber(y)} Hz`;
      });
      el.textContent = `I = ${formatNumber(x)}${u2 ? ` ${u2}` : ''} → ${rates.filter((r) => r !== null).join(' · ')}`;
    };
    const { width, height } = hostSize(host);
    const u: uPlot = new uPlot(
      {
        width: Math.max(width, 100),
        height: Math.max(height, 80),
        scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.08 : 1] } },
        series: [
          { label: currentAxisLabel(unit) },
          ...curves.map((c, k): uPlot.Series => ({
            label: labels[k],
            stroke: c.color,
            width: 1.75,
            spanGaps: true,
            points: { show: true, size: 5, stroke: c.color, fill: c.color },
          })),
        ],
        axes: [axis(themeRef, 'x', currentAxisLabel(unit), 2), axis(themeRef, 'y', 'rate (Hz)', 3)],
        legend: { show: false },
        cursor: { y: false, drag: { x: false, y: false }, points: { size: 7 } },
        hooks: { draw: [drawRheobase(curves)], setCursor: [readout] },
      },
      alignCurves(curves),
      host,
    );
    chartRef.current = u;
    readout();
    const resize = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1].contentRect;
      const w = Math.floor(box.width);
      const h = Math.floor(box.height);
      if (w > 0 && h > 0 && (w !== u.width || h !== u.height)) u.setSize({ width: w, height: h });
    });
    resize.observe(host);
    return () => {
      resize.disconnect();
      u.destroy();
      if (chartRef.current === u) chartRef.current = null;
    };
  }, [curves, labels, unit, chartRef]);

  useEffect(() => {
    themeRef.current = theme;
    chartRef.current?.redraw(false);
  }, [theme, chartRef]);

  return (
    <div className="fi-chart" data-testid="fi-plot" data-curves={curves.length} data-points={points} role="img" aria-label={`f–I curve: ${curves.length} curve${curves.length === 1 ? '' : 's'}`}>
      {curves.length === 0 ? (
        <div className="fi-chart-empty">
          <p className="fi-chart-empty-title">No f–I curve yet</p>
          <p>Choose a cell and a current range, then Run: every current is one neuron of a single batched simulation. Each run adds a curve, so change a parameter in the inspector and run again to compare.</p>
        </div>
      ) : (
        <>
          <div className="fi-chart-host" ref={hostRef} />
          <div className="fi-chart-readout" ref={readoutRef} hidden data-testid="fi-readout" />
        </>
      )}
    </div>
  );
}
