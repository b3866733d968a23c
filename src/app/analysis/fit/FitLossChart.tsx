/**
 * The loss curve: loss (log scale) against iteration, the running fit solid, the previous run
 * dashed and labelled with its optimiser (so Adam and CMA-ES on the same problem can be compared),
 * the best loss so far marked. The chart is made when a run starts and fed from the run's series
 * on every progress message (no React render per point).
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import { seriesColor } from '../../plots/colors';
import type { PlotTheme } from '../../plots/theme';
import { fitAxis, followSize, logValue, mergeCurves, type ThemeRef } from './fitChart';
import { fitStore, useFit } from './fitInstance';
import type { FitRun, PreviousRun } from './fitStore';
import './FitCharts.css';

const CURRENT = seriesColor(0);
/** Each iteration's loss: the current run's colour, faint, under its best-so-far line. */
const CURRENT_FAINT = `${seriesColor(0)}80`;
const PREVIOUS = seriesColor(1);

/** [iteration, each iteration's loss, best so far, (the previous run's best so far)]. */
function chartData(run: FitRun | null, previous: PreviousRun | null): uPlot.AlignedData {
  const s = run?.series;
  const empty = new Float64Array();
  const current = { x: s ? s.iterations : empty, ys: [s ? s.losses : empty, s ? s.bestLosses : empty] };
  const curves = previous ? [current, { x: previous.iterations, ys: [previous.bestLosses] }] : [current];
  return mergeCurves(curves, logValue) as uPlot.AlignedData;
}

/** The best loss so far as a ring on the curve. */
function drawBest(theme: ThemeRef) {
  return (u: uPlot) => {
    const best = fitStore.getState().run?.best;
    const y = best ? logValue(best.loss) : null;
    if (!best || y === null) return;
    const cx = u.valToPos(best.iteration, 'x', true);
    const cy = u.valToPos(y, 'y', true);
    if (!Number.isFinite(cx) || !Number.isFinite(cy)) return;
    const dpr = uPlot.pxRatio;
    const ctx = u.ctx;
    ctx.save();
    ctx.strokeStyle = theme.current.fg;
    ctx.lineWidth = 1.5 * dpr;
    ctx.beginPath();
    ctx.arc(cx, cy, 4.5 * dpr, 0, 2 * Math.PI);
    ctx.stroke();
    ctx.restore();
  };
}

export function FitLossChart({ theme }: { readonly theme: PlotTheme }) {
  const runId = useFit((s) => s.run?.id);
  const label = useFit((s) => s.run?.label);
  const points = useFit((s) => s.run?.series.length ?? 0);
  const best = useFit((s) => s.run?.best);
  const previous = useFit((s) => s.previous);
  const tick = useFit((s) => s.tick);
  const hostRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<uPlot | null>(null);
  const themeRef = useRef(theme);

  useEffect(() => {
    const host = hostRef.current;
    if (!host || runId === undefined) return;
    const series: uPlot.Series[] = [
      { label: 'iteration' },
      { label: 'loss', stroke: CURRENT_FAINT, width: 1, spanGaps: true, points: { show: false } },
      { label: 'best so far', stroke: CURRENT, width: 2, spanGaps: true, points: { show: false } },
    ];
    if (previous) series.push({ label: previous.label, stroke: PREVIOUS, width: 1.75, dash: [6, 4], spanGaps: true, points: { show: false } });
    const u = new uPlot(
      {
        width: Math.max(host.clientWidth, 100),
        height: Math.max(host.clientHeight, 80),
        scales: { x: { time: false }, y: { distr: 3 } },
        series,
        axes: [fitAxis(themeRef, 'x', 'iteration', 2), fitAxis(themeRef, 'y', 'loss', 3, { log: true })],
        legend: { show: false },
        cursor: { y: false, drag: { x: true, y: false } },
        hooks: { draw: [drawBest(themeRef)] },
      },
      chartData(fitStore.getState().run, previous),
      host,
    );
    chartRef.current = u;
    const unfollow = followSize(u, host);
    return () => {
      unfollow();
      u.destroy();
      chartRef.current = null;
    };
  }, [runId, previous]);

  useEffect(() => {
    chartRef.current?.setData(chartData(fitStore.getState().run, previous));
  }, [tick, previous]);

  useEffect(() => {
    themeRef.current = theme;
    chartRef.current?.redraw(false);
  }, [theme]);

  return (
    <figure className="fit-chart fit-chart-loss" data-testid="fit-loss-plot" data-points={points} aria-label="loss against iteration, log scale">
      <figcaption className="fit-chart-title" title="Solid: the lowest loss found so far; faint: the loss of each iteration; dashed: the previous run's lowest loss so far">
        <span>Loss (log scale)</span>
        {label && (
          <span className="fit-legend-item" data-testid="fit-current-label">
            <span className="fit-swatch" style={{ borderColor: CURRENT }} />
            {label}, best so far
          </span>
        )}
        {label && (
          <span className="fit-legend-item">
            <span className="fit-swatch fit-swatch-thin" style={{ borderColor: CURRENT_FAINT }} />
            each iteration
          </span>
        )}
        {previous && (
          <span className="fit-legend-item" data-testid="fit-previous-label">
            <span className="fit-swatch fit-swatch-dashed" style={{ borderColor: PREVIOUS }} />
            previous: {previous.label}
          </span>
        )}
        {best && (
          <span className="fit-legend-item">
            <span className="fit-swatch-ring" />
            best: iteration {best.iteration}
          </span>
        )}
      </figcaption>
      {runId === undefined ? <div className="fit-chart-empty">The loss of every iteration appears here, on a log scale, while a fit runs.</div> : <div className="fit-chart-host" ref={hostRef} />}
    </figure>
  );
}
