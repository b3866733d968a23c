/**
 * Parameter trajectories: one small plot per trained value (value in its declared unit against
 * iteration), with the synthetic target's true value as a dashed line when the target was made
 * here. Fed from the run's series on every progress message.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import { prettyUnit } from '../../../analysis/fiFormat';
import { seriesColor } from '../../plots/colors';
import type { PlotTheme } from '../../plots/theme';
import { fitAxis, followSize, withUnit } from './fitChart';
import { fitStore, useFit } from './fitInstance';
import './FitCharts.css';

const TRUE_COLOR = seriesColor(2);

function dataOf(k: number): uPlot.AlignedData {
  const s = fitStore.getState().run?.series;
  if (!s || k >= s.paramCount) return [[], []];
  return [s.iterations, s.values(k)];
}

/** The true value across the plot, dashed; the y range always includes it. */
function drawTruth(value: number | undefined) {
  return (u: uPlot) => {
    if (value === undefined) return;
    const y = u.valToPos(value, 'y', true);
    const { left, width } = u.bbox;
    const dpr = uPlot.pxRatio;
    const ctx = u.ctx;
    ctx.save();
    ctx.strokeStyle = TRUE_COLOR;
    ctx.lineWidth = 1.5 * dpr;
    ctx.setLineDash([5 * dpr, 4 * dpr]);
    ctx.beginPath();
    ctx.moveTo(left, y);
    ctx.lineTo(left + width, y);
    ctx.stroke();
    ctx.restore();
  };
}

function ParamChart({ index, name, unit, truth, theme }: { readonly index: number; readonly name: string; readonly unit: string; readonly truth: number | undefined; readonly theme: PlotTheme }) {
  const runId = useFit((s) => s.run?.id);
  const tick = useFit((s) => s.tick);
  const current = useFit((s) => (s.run && s.run.series.length > 0 ? s.run.series.values(index)[s.run.series.length - 1] : undefined));
  const hostRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<uPlot | null>(null);
  const themeRef = useRef(theme);
  const u = prettyUnit(unit);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const chart = new uPlot(
      {
        width: Math.max(host.clientWidth, 80),
        height: Math.max(host.clientHeight, 60),
        scales: {
          x: { time: false },
          y: {
            range: (_u, min, max) => {
              const lo = Math.min(min ?? Infinity, truth ?? Infinity);
              const hi = Math.max(max ?? -Infinity, truth ?? -Infinity);
              if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
              return paddedRange(lo, hi);
            },
          },
        },
        series: [{ label: 'iteration' }, { label: name, stroke: seriesColor(0), width: 1.5, points: { show: false } }],
        axes: [fitAxis(themeRef, 'x', 'iteration', 2, { compact: true }), fitAxis(themeRef, 'y', u || name, 3, { compact: true })],
        legend: { show: false },
        cursor: { show: false },
        hooks: { draw: [drawTruth(truth)] },
      },
      dataOf(index),
      host,
    );
    chartRef.current = chart;
    const unfollow = followSize(chart, host);
    return () => {
      unfollow();
      chart.destroy();
      chartRef.current = null;
    };
  }, [runId, index, name, u, truth]);

  useEffect(() => {
    chartRef.current?.setData(dataOf(index));
  }, [tick, index]);

  useEffect(() => {
    themeRef.current = theme;
    chartRef.current?.redraw(false);
  }, [theme]);

  return (
    <figure className="fit-chart fit-chart-param" data-testid={`fit-param-plot-${name}`} aria-label={`${name} against iteration`}>
      <figcaption className="fit-chart-title">
        <span className="mono">{name}</span>
        {current !== undefined && <span data-testid={`fit-param-value-${name}`} data-value={current}>now {withUnit(current, u)}</span>}
        {truth !== undefined && (
          <span className="fit-legend-item" title="the value the synthetic target was made with">
            <span className="fit-swatch fit-swatch-dashed" style={{ borderColor: TRUE_COLOR }} />
            true {withUnit(truth, u)}
          </span>
        )}
      </figcaption>
      <div className="fit-chart-host" ref={hostRef} />
    </figure>
  );
}

export function FitParamCharts({ theme }: { readonly theme: PlotTheme }) {
  const params = useFit((s) => s.run?.params);
  const truth = useFit((s) => s.run?.truth);
  if (!params || params.length === 0)
    return (
      <figure className="fit-chart" data-testid="fit-param-plots">
        <figcaption className="fit-chart-title">Trained values</figcaption>
        <div className="fit-chart-empty">Each trained value's path, in its unit, appears here while a fit runs.</div>
      </figure>
    );
  return (
    <div className="fit-param-charts" data-testid="fit-param-plots">
      {params.map((p, k) => (
        <ParamChart key={`${k}:${p.name}`} index={k} name={p.name} unit={p.unit} truth={truth?.[p.name]} theme={theme} />
      ))}
    </div>
  );
}

/**
 * The y range around [lo, hi] with 8% padding, never narrower than 1e-4 of the values' magnitude: a
 * converged parameter spans a few ulps, and uPlot's tick loop cannot step through a range that
 * narrow (its increment vanishes in rounding and the loop never ends).
 */
export function paddedRange(lo: number, hi: number): [number, number] {
  const magnitude = Math.max(Math.abs(lo), Math.abs(hi));
  const pad = Math.max((hi - lo) * 0.08, magnitude * 1e-4) || 1;
  return [lo - pad, hi + pad];
}
