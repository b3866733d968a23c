/**
 * Population firing rate (spikes per neuron per second) against time, one line per population in
 * its colour, from the spikes received so far. Bin width and Gaussian smoothing are chosen here;
 * long runs are decimated to the chart's pixel columns like the traces.
 */
import { useRef, useState } from 'react';
import type uPlot from 'uplot';
import type { LoadedMessage } from '../../worker/protocol';
import { cursorOptions, formatNumber, publishUserZoom, timeAxis, valueAxis, xScale, type ThemeRef } from './chart';
import { populationColor } from './colors';
import { fullRange, type ChartSpec } from './controller';
import { MinMaxColumns } from './decimate';
import { chartsToPng, downloadBlob, downloadSvg, fileSlug } from './download';
import { usePointsAttribute } from './hooks';
import { binFactor } from './rates';
import type { RunData } from './runData';
import { chartsToSvg } from './svg/fromUplot';
import { readPlotTheme, type PlotTheme } from './theme';
import { useChart } from './useChart';
import './Plot.css';

export const BIN_CHOICES_MS = [1, 2, 5, 10, 20, 50, 100] as const;
export const SMOOTH_CHOICES_MS = [0, 2, 5, 10, 20, 50] as const;

interface Settings {
  binMs: number;
  smoothMs: number;
}

interface Props {
  readonly data: RunData;
  readonly layout: LoadedMessage | null;
  readonly theme: PlotTheme;
  readonly projectName: string | undefined;
}

function rateSpec(data: RunData, settings: { current: Settings }, theme: ThemeRef, legendHost: HTMLElement | null): ChartSpec {
  const shown = data.populations.flatMap((p, i) => (p.recordSpikes ? [i] : []));
  let lastKey = '';
  return {
    options: (width, height) => ({
      width,
      height,
      scales: { x: xScale(), y: { auto: true, range: (_u, _min, max) => [0, max > 0 ? max * 1.05 : 1] } },
      series: [
        { label: 'time', value: (_u, v) => (v == null ? '–' : `${formatNumber(v)} ms`) },
        ...shown.map(
          (p): uPlot.Series => ({
            label: data.populations[p].id,
            stroke: populationColor(p),
            width: 1.5,
            value: (_u, v) => (v == null ? '–' : `${formatNumber(v)} Hz`),
          }),
        ),
      ],
      axes: [timeAxis(theme), valueAxis(theme, 'rate (Hz)')],
      cursor: cursorOptions(),
      legend: { live: true, mount: (_u, el) => legendHost?.appendChild(el) },
      hooks: { setScale: [publishUserZoom(() => fullRange(data))] },
    }),
    data: (_u, range, columns, force) => {
      const { binMs, smoothMs } = settings.current;
      const key = `${data.version}:${binMs}:${smoothMs}:${range.min}:${range.max}:${columns}`;
      if (!force && key === lastKey) return null;
      lastKey = key;
      const rates = shown.map((p) => data.populationRate(p, binMs, smoothMs));
      const x = rates[0]?.timesMs ?? new Float64Array(0);
      const ys = rates.map((r) => r?.rateHz ?? new Float64Array(x.length));
      // A handful of bins per pixel column or fewer: draw them all; more: min/max per column.
      if (x.length <= 4 * columns) return [x, ...ys];
      const mm = new MinMaxColumns(range.min, range.max, columns, ys.length);
      mm.add(x, ys, x.length);
      const idx = mm.indices();
      return [Float64Array.from(idx, (i) => x[i]), ...ys.map((y) => Float64Array.from(idx, (i) => y[i]))];
    },
  };
}

export function RatePlot({ data, layout, theme, projectName }: Props) {
  const rootRef = useRef<HTMLElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const legendRef = useRef<HTMLDivElement>(null);
  const [settings, setSettings] = useState<Settings>({ binMs: 5, smoothMs: 0 });
  const settingsRef = useRef(settings);
  settingsRef.current = settings;
  const controller = useChart(hostRef, data, theme, (t) => rateSpec(data, settingsRef, t, legendRef.current), [layout]);
  const shown = layout?.populations.filter((p) => p.recordSpikes) ?? [];
  usePointsAttribute(rootRef, data, (d) => {
    if (!d.populations.some((p) => p.recordSpikes) || d.chunkCount === 0) return 0;
    const binSteps = binFactor(settingsRef.current.binMs, d.stepsPerRateBin, d.dtMs) * d.stepsPerRateBin;
    return Math.ceil(d.endStep / binSteps) - Math.floor(d.startStep / binSteps);
  });

  const change = (patch: Partial<Settings>) => {
    const next = { ...settings, ...patch };
    settingsRef.current = next;
    setSettings(next);
    controller.current?.invalidate(true);
  };

  const legend = () => (layout?.populations ?? []).flatMap((p, i) => (p.recordSpikes ? [{ label: `${p.id} (Hz per neuron)`, color: populationColor(i) }] : []));
  const smooth = settings.smoothMs > 0 ? `, Gaussian σ ${settings.smoothMs} ms` : '';
  const title = `${projectName ?? 'Spikeflow'} — population rate (${settings.binMs} ms bins${smooth})`;
  const exportPng = async () => {
    const u = controller.current?.uplot;
    if (!u) return;
    const blob = await chartsToPng(title, [u], legend(), theme);
    downloadBlob(blob, `${fileSlug(projectName)}-rate.png`);
  };
  const exportSvg = () => {
    const u = controller.current?.uplot;
    if (!u) return;
    downloadSvg(chartsToSvg(title, [u], legend(), readPlotTheme()), `${fileSlug(projectName)}-rate.svg`);
  };

  return (
    <section className="plots-plot plots-rate" data-testid="rate-plot" data-points="0" ref={rootRef} aria-label="Population firing rate">
      <header className="plots-plot-header">
        <span className="plots-plot-title">Rate</span>
        <label className="plots-plot-control">
          bin
          <select value={settings.binMs} onChange={(e) => change({ binMs: Number(e.target.value) })} data-testid="rate-bin" aria-label="Rate bin width">
            {BIN_CHOICES_MS.map((ms) => (
              <option key={ms} value={ms}>
                {ms} ms
              </option>
            ))}
          </select>
        </label>
        <label className="plots-plot-control">
          smooth
          <select value={settings.smoothMs} onChange={(e) => change({ smoothMs: Number(e.target.value) })} data-testid="rate-smooth" aria-label="Gaussian smoothing width">
            {SMOOTH_CHOICES_MS.map((ms) => (
              <option key={ms} value={ms}>
                {ms === 0 ? 'none' : `σ ${ms} ms`}
              </option>
            ))}
          </select>
        </label>
        <div className="plots-legend plots-legend-inline" ref={legendRef} />
        <button type="button" onClick={() => void exportPng()} disabled={shown.length === 0} data-testid="export-png-rate" aria-label="Save the rate plot as PNG">
          PNG
        </button>
        <button type="button" onClick={exportSvg} disabled={shown.length === 0} data-testid="export-svg-rate" aria-label="Save the rate plot as SVG (vector)">
          SVG
        </button>
      </header>
      {shown.length === 0 ? (
        <p className="plots-plot-note">No spikes recorded, so no rates. Spike recording is set per population in the project.</p>
      ) : (
        <div className="plots-chart-host" ref={hostRef} />
      )}
    </section>
  );
}
