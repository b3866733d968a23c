/**
 * Spike raster: x = time (ms), y = neuron, populations stacked in project order (first at the
 * bottom), each in its population colour and labelled on the y axis. The readout names the time,
 * population and neuron under the cursor.
 */
import { useRef } from 'react';
import type uPlot from 'uplot';
import type { LoadedMessage } from '../../worker/protocol';
import { cursorOptions, formatNumber, publishUserZoom, timeAxis, xScale, type ThemeRef } from './chart';
import { populationColor } from './colors';
import { fullRange, type ChartSpec } from './controller';
import { chartsToPng, downloadBlob, downloadSvg, fileSlug } from './download';
import { usePointsAttribute } from './hooks';
import { rowToNeuron, spikeIndexRange } from './raster';
import { RasterSource } from './rasterSource';
import { SPIKE_NEURON, SPIKE_POPULATION, SPIKE_STEP, type RunData } from './runData';
import { chartsToSvg, type PanelExtras } from './svg/fromUplot';
import { readPlotTheme, type PlotTheme } from './theme';
import { useChart } from './useChart';
import './Plot.css';

interface Props {
  readonly data: RunData;
  readonly layout: LoadedMessage | null;
  readonly theme: PlotTheme;
  readonly projectName: string | undefined;
}

interface Band {
  readonly population: number;
  readonly id: string;
  readonly from: number;
  readonly to: number;
}

function bandsOf(data: RunData): Band[] {
  return data.populations.flatMap((p, i) => (data.rowOffsets[i] >= 0 ? [{ population: i, id: p.id, from: data.rowOffsets[i], to: data.rowOffsets[i] + p.size }] : []));
}

function drawBands(u: uPlot, bands: readonly Band[], theme: ThemeRef): void {
  const ctx = u.ctx;
  const { left, top, width, height } = u.bbox;
  const dpr = globalThis.devicePixelRatio || 1;
  ctx.save();
  for (const b of bands) {
    const y0 = Math.round(u.valToPos(b.to, 'y', true));
    const y1 = Math.round(u.valToPos(b.from, 'y', true));
    ctx.fillStyle = populationColor(b.population);
    ctx.fillRect(left, Math.max(top, y0), Math.ceil(3 * dpr), Math.min(top + height, y1) - Math.max(top, y0));
    if (b.from > 0) {
      ctx.fillStyle = theme.current.border;
      ctx.fillRect(left, y1, width, Math.max(1, Math.round(dpr)));
    }
  }
  ctx.restore();
}

/** The spikes in the chart's window and the population bands, as layers of the SVG figure. */
function rasterLayers(u: uPlot, data: RunData): PanelExtras {
  const spikes = data.spikes;
  const steps = spikes.view(SPIKE_STEP);
  const { min, max } = u.scales.x;
  const [from, to] = spikeIndexRange(steps, spikes.length, min ?? 0, max ?? fullRange(data).max, data.dtMs);
  return {
    after: [
      {
        kind: 'spikes',
        spikes: { steps, populations: spikes.view(SPIKE_POPULATION), neurons: spikes.view(SPIKE_NEURON), length: spikes.length },
        from,
        to,
        dtMs: data.dtMs,
        rowOffsets: data.rowOffsets,
        colors: data.populations.map((_, p) => populationColor(p)),
      },
      { kind: 'rowbands', bands: bandsOf(data).map((b) => ({ from: b.from, to: b.to, color: populationColor(b.population) })) },
    ],
  };
}

function rasterSpec(data: RunData, theme: ThemeRef, readout: () => HTMLElement | null): ChartSpec {
  const source = new RasterSource(data);
  const bands = bandsOf(data);
  const sizes = data.populations.map((p) => p.size);
  const longest = Math.max(3, ...bands.map((b) => b.id.length));
  return {
    options: (width, height) => ({
      width,
      height,
      scales: { x: xScale(), y: { auto: false, range: () => [0, Math.max(1, data.totalRows)] } },
      series: [{ label: 'time' }, { label: 'spikes', scale: 'y', stroke: 'transparent', paths: () => null, points: { show: false } }],
      axes: [
        timeAxis(theme),
        {
          scale: 'y',
          label: 'neuron',
          labelSize: 16,
          labelFont: '600 11px system-ui, sans-serif',
          font: '11px system-ui, sans-serif',
          size: 16 + Math.ceil(6.5 * longest),
          stroke: () => theme.current.axis,
          grid: { show: false },
          ticks: { show: false },
          splits: () => bands.map((b) => (b.from + b.to) / 2),
          values: () => bands.map((b) => b.id),
        },
      ],
      legend: { show: false },
      cursor: cursorOptions({ points: { show: false } }),
      hooks: {
        setScale: [publishUserZoom(() => fullRange(data))],
        draw: [
          (u) => {
            source.draw(u);
            drawBands(u, bands, theme);
          },
        ],
        setCursor: [
          (u) => {
            const el = readout();
            if (!el) return;
            const { left, top } = u.cursor;
            if (left == null || top == null || left < 0 || top < 0) {
              el.textContent = '';
              return;
            }
            const t = u.posToVal(left, 'x');
            const hit = rowToNeuron(u.posToVal(top, 'y'), data.rowOffsets, sizes);
            el.textContent = `t = ${formatNumber(t)} ms` + (hit ? ` · ${data.populations[hit.population].id} neuron ${hit.neuron}` : '');
          },
        ],
      },
    }),
    data: (u, range, _columns, force) => source.frame(u, range, force),
  };
}

export function RasterPlot({ data, layout, theme, projectName }: Props) {
  const rootRef = useRef<HTMLElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const readoutRef = useRef<HTMLSpanElement>(null);
  const controller = useChart(hostRef, data, theme, (t) => rasterSpec(data, t, () => readoutRef.current), [layout]);
  usePointsAttribute(rootRef, data, (d) => d.spikeCount);
  const shown = layout?.populations.filter((p) => p.recordSpikes) ?? [];

  const legend = () => (layout?.populations ?? []).flatMap((p, i) => (p.recordSpikes ? [{ label: `${p.id} (${p.size} neurons)`, color: populationColor(i) }] : []));
  const title = `${projectName ?? 'Spikeflow'} — spikes`;
  const exportPng = async () => {
    const u = controller.current?.uplot;
    if (!u) return;
    const blob = await chartsToPng(title, [u], legend(), theme);
    downloadBlob(blob, `${fileSlug(projectName)}-raster.png`);
  };
  const exportSvg = () => {
    const u = controller.current?.uplot;
    if (!u) return;
    downloadSvg(chartsToSvg(title, [u], legend(), readPlotTheme(), (chart) => rasterLayers(chart, data)), `${fileSlug(projectName)}-raster.svg`);
  };

  return (
    <section className="plots-plot plots-raster" data-testid="raster-plot" data-points="0" ref={rootRef} aria-label="Spike raster">
      <header className="plots-plot-header">
        <span className="plots-plot-title">Spikes</span>
        <span className="plots-plot-readout mono" ref={readoutRef} aria-live="off" />
        <span className="plots-plot-spacer" />
        <button type="button" onClick={() => void exportPng()} disabled={shown.length === 0} data-testid="export-png-raster" aria-label="Save the spike raster as PNG">
          PNG
        </button>
        <button type="button" onClick={exportSvg} disabled={shown.length === 0} data-testid="export-svg-raster" aria-label="Save the spike raster as SVG (vector)">
          SVG
        </button>
      </header>
      {shown.length === 0 ? (
        <p className="plots-plot-note">No spikes recorded. Spike recording is set per population in the project.</p>
      ) : (
        <div className="plots-chart-host" ref={hostRef} />
      )}
    </section>
  );
}
