/**
 * The model's trace over the target's (case 1, as the worker last sent it), in the observed
 * state's unit against time, with the spikes of both as tick marks: the target's along the top,
 * the model's just below.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import { prettyUnit } from '../../../analysis/fiFormat';
import { seriesColor } from '../../plots/colors';
import type { PlotTheme } from '../../plots/theme';
import type { FitOverlay } from '../../../worker/fitClient';
import { fitAxis, followSize, type ThemeRef } from './fitChart';
import { useFit } from './fitInstance';
import './FitCharts.css';

const MODEL = seriesColor(0);

function dataOf(o: FitOverlay): uPlot.AlignedData {
  const nan = (a: Float64Array) => Array.from(a, (v) => (Number.isFinite(v) ? v : null));
  return [o.timesMs, nan(o.target), nan(o.model)];
}

function drawSpikes(theme: ThemeRef, overlay: { current: FitOverlay | undefined }) {
  return (u: uPlot) => {
    const o = overlay.current;
    if (!o) return;
    const { left, top, width } = u.bbox;
    const dpr = uPlot.pxRatio;
    const ctx = u.ctx;
    const row = (times: Float64Array, y0: number, color: string) => {
      ctx.strokeStyle = color;
      ctx.lineWidth = 1.5 * dpr;
      ctx.beginPath();
      for (const t of times) {
        const x = u.valToPos(t, 'x', true);
        if (x < left || x > left + width) continue;
        ctx.moveTo(x, y0);
        ctx.lineTo(x, y0 + 7 * dpr);
      }
      ctx.stroke();
    };
    ctx.save();
    row(o.targetSpikesMs, top + 1 * dpr, theme.current.fg);
    row(o.modelSpikesMs, top + 10 * dpr, MODEL);
    ctx.restore();
  };
}

export function FitOverlayChart({ theme }: { readonly theme: PlotTheme }) {
  const overlay = useFit((s) => s.run?.overlay);
  const iteration = useFit((s) => s.run?.overlayIteration);
  const observe = useFit((s) => s.run?.observe ?? 'observed');
  const unit = overlay?.unit ?? '';
  const hostRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<uPlot | null>(null);
  const themeRef = useRef(theme);
  const overlayRef = useRef(overlay);
  const hasOverlay = overlay !== undefined;

  // Before the chart is made (effects run in order): the chart starts from the latest overlay.
  useEffect(() => {
    overlayRef.current = overlay;
    if (overlay) chartRef.current?.setData(dataOf(overlay));
  }, [overlay]);

  useEffect(() => {
    const host = hostRef.current;
    const first = overlayRef.current;
    if (!host || !hasOverlay || !first) return;
    const u = prettyUnit(unit);
    const chart = new uPlot(
      {
        width: Math.max(host.clientWidth, 100),
        height: Math.max(host.clientHeight, 80),
        scales: { x: { time: false } },
        series: [
          { label: 'time (ms)' },
          { label: 'target', stroke: () => themeRef.current.fg, width: 1.25, spanGaps: true, points: { show: false } },
          { label: 'model', stroke: MODEL, width: 1.5, points: { show: false } },
        ],
        axes: [fitAxis(themeRef, 'x', 'time (ms)', 2), fitAxis(themeRef, 'y', u ? `${observe} (${u})` : observe, 3)],
        legend: { show: false },
        cursor: { y: false, drag: { x: true, y: false } },
        hooks: { draw: [drawSpikes(themeRef, overlayRef)] },
      },
      dataOf(first),
      host,
    );
    chartRef.current = chart;
    const unfollow = followSize(chart, host);
    return () => {
      unfollow();
      chart.destroy();
      chartRef.current = null;
    };
  }, [hasOverlay, unit, observe]);

  useEffect(() => {
    themeRef.current = theme;
    chartRef.current?.redraw(false);
  }, [theme]);

  const targetSpikes = overlay?.targetSpikesMs.length ?? 0;
  const modelSpikes = overlay?.modelSpikesMs.length ?? 0;
  return (
    <figure className="fit-chart fit-chart-overlay" data-testid="fit-overlay-plot" data-target-spikes={targetSpikes} data-model-spikes={modelSpikes} aria-label="the model's trace over the target's">
      <figcaption className="fit-chart-title">
        <span>Model vs target (case 1)</span>
        {overlay && (
          <>
            <span className="fit-legend-item">
              <span className="fit-swatch fit-swatch-fg" />
              target{targetSpikes > 0 ? `, ${targetSpikes} spikes (top ticks)` : ''}
            </span>
            <span className="fit-legend-item">
              <span className="fit-swatch" style={{ borderColor: MODEL }} />
              model at iteration {iteration}
              {overlay.modelSpikesMs.length > 0 || targetSpikes > 0 ? `, ${modelSpikes} spikes` : ''}
            </span>
          </>
        )}
      </figcaption>
      {hasOverlay ? <div className="fit-chart-host" ref={hostRef} /> : <div className="fit-chart-empty">The model's trace, drawn over the target, appears here while a fit runs.</div>}
    </figure>
  );
}
