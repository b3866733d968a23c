/**
 * Recorded traces (voltages, gates, currents): the series chosen in the picker, one chart per unit
 * stacked vertically (so mV and nA never share an axis), x = time (ms) shared with the other plots.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { LoadedMessage } from '../../worker/protocol';
import { seriesColor } from './colors';
import { downloadBlob, downloadSvg, chartsToPng, fileSlug } from './download';
import { usePointsAttribute } from './hooks';
import type { RunData } from './runData';
import { SeriesPicker } from './SeriesPicker';
import { chartsToSvg } from './svg/fromUplot';
import { readPlotTheme, type PlotTheme } from './theme';
import { TraceChart, type ChartRegistry } from './TraceChart';
import { carrySelection, groupByUnit, listSeries, seriesLabel } from './traceSeries';
import './Plot.css';
import './TracePlot.css';

interface Props {
  readonly data: RunData;
  readonly layout: LoadedMessage | null;
  readonly theme: PlotTheme;
  readonly projectName: string | undefined;
}

interface SelectionState {
  readonly layout: LoadedMessage | null;
  readonly selected: ReadonlySet<string>;
  readonly known: ReadonlySet<string>;
}

export function TracePlot({ data, layout, theme, projectName }: Props) {
  const rootRef = useRef<HTMLElement>(null);
  const registry = useRef<ChartRegistry>(new Map()).current;
  const series = useMemo(() => listSeries(layout), [layout]);
  const [state, setState] = useState<SelectionState>(() => ({ layout, selected: carrySelection(null, series), known: new Set(series.map((s) => s.id)) }));
  // A new layout (new run of an edited project): carry the selection over (derived state, set during render).
  let current = state;
  if (state.layout !== layout) {
    current = { layout, selected: carrySelection(state, series), known: new Set(series.map((s) => s.id)) };
    setState(current);
  }
  const selected = current.selected;
  const setSelected = (next: Set<string>) => setState((s) => ({ ...s, selected: next }));

  const colors = useMemo(() => new Map(series.map((s, i) => [s.id, seriesColor(i)])), [series]);
  const colorOf = useCallback((id: string) => colors.get(id) ?? seriesColor(0), [colors]);
  const groups = useMemo(() => groupByUnit(series.filter((s) => selected.has(s.id))), [series, selected]);

  usePointsAttribute(rootRef, data, (d) => d.sampleCount);

  const charts = () => groups.map((g) => registry.get(g.unit)?.() ?? null).filter((u) => u !== null);
  const legend = () => groups.flatMap((g) => g.series.map((s) => ({ label: `${seriesLabel(s)} (${g.unit})`, color: colorOf(s.id) })));
  const title = `${projectName ?? 'Spikeflow'} — traces`;
  const exportPng = async () => {
    const shown = charts();
    if (shown.length === 0) return;
    const blob = await chartsToPng(title, shown, legend(), theme);
    downloadBlob(blob, `${fileSlug(projectName)}-traces.png`);
  };
  const exportSvg = () => {
    const shown = charts();
    if (shown.length === 0) return;
    // Colours read now, so the file has the theme on screen as concrete values.
    downloadSvg(chartsToSvg(title, shown, legend(), readPlotTheme()), `${fileSlug(projectName)}-traces.svg`);
  };

  return (
    <section className="plots-plot plots-trace" data-testid="trace-plot" data-points="0" ref={rootRef} aria-label="Recorded traces">
      <header className="plots-plot-header">
        <span className="plots-plot-title">Traces</span>
        {series.length > 0 && <SeriesPicker series={series} selected={selected} onChange={setSelected} colorOf={colorOf} />}
        <span className="plots-plot-spacer" />
        <button type="button" onClick={() => void exportPng()} disabled={groups.length === 0} data-testid="export-png-traces" aria-label="Save the traces plot as PNG">
          PNG
        </button>
        <button type="button" onClick={exportSvg} disabled={groups.length === 0} data-testid="export-svg-traces" aria-label="Save the traces plot as SVG (vector)">
          SVG
        </button>
      </header>
      {series.length === 0 ? (
        <p className="plots-plot-note">No traces recorded. Add a recording to a population to plot its variables.</p>
      ) : groups.length === 0 ? (
        <p className="plots-plot-note">No series selected. Choose some under “Series”.</p>
      ) : (
        <div className="plots-trace-stack">
          {groups.map((g, i) => (
            <TraceChart key={`${g.unit}|${g.series.map((s) => s.id).join(',')}`} data={data} group={g} colorOf={colorOf} theme={theme} showTimeLabel={i === groups.length - 1} registry={registry} />
          ))}
        </div>
      )}
    </section>
  );
}
