/**
 * The plots panel (bottom of the IDE): traces, spike raster and population rate of the current run,
 * sharing one time window and cursor. The header says what is shown, holds the window controls
 * (zoom, pan, reset), which plots to show, and the CSV export; each plot has its own PNG button.
 *
 * Data come from the run session's RunData (never React state); React renders only when the run's
 * layout or the "has data" state changes.
 */
import { useEffect, useRef, useState } from 'react';
import { getSession } from '../run';
import { useProject, useRun } from '../store';
import { isMac } from '../toolbar/platform';
import { fullRange } from './controller';
import { ExportCsvMenu } from './ExportCsvMenu';
import { useRunDataFrame, useRunDataValue } from './hooks';
import { RasterPlot } from './RasterPlot';
import { RatePlot } from './RatePlot';
import type { RunData } from './runData';
import { usePlotTheme } from './theme';
import { TracePlot } from './TracePlot';
import { xView } from './xView';
import './PlotsPanel.css';

type PlotKey = 'traces' | 'raster' | 'rate';
const PLOTS: readonly { key: PlotKey; label: string }[] = [
  { key: 'traces', label: 'Traces' },
  { key: 'raster', label: 'Raster' },
  { key: 'rate', label: 'Rate' },
];

function summary(d: RunData): string {
  if (!d.layout) return '';
  const series = d.recorders.reduce((n, r) => n + r.series.length, 0);
  const range = xView.current(fullRange(d));
  const fmt = (ms: number) => String(Number(ms.toPrecision(6)));
  return `${series} series · ${d.spikeCount.toLocaleString('en-US')} spikes · ${fmt(d.endMs)} ms simulated · window ${fmt(range.min)}–${fmt(range.max)} ms`;
}

export function PlotsPanel() {
  const data = getSession().data;
  const theme = usePlotTheme();
  const layout = useRunDataValue(data, (d) => d.layout);
  const hasData = useRunDataValue(data, (d) => d.chunkCount > 0);
  const runSerial = useRunDataValue(data, (d) => d.runSerial);
  const memoryNote = useRunDataValue(data, (d) => d.memoryNote());
  const phase = useRun((s) => s.phase);
  const projectName = useProject((s) => s.doc.name);
  const [shown, setShown] = useState<Record<PlotKey, boolean>>({ traces: true, raster: true, rate: true });
  const summaryRef = useRef<HTMLSpanElement>(null);
  const zoomed = useXViewZoomed();

  // A new run starts with the whole run in view.
  useEffect(() => xView.reset(), [runSerial]);

  const writeSummary = () => {
    if (summaryRef.current) summaryRef.current.textContent = summary(data);
  };
  useRunDataFrame(data, writeSummary);
  // The summary also names the window, which changes without new data.
  useEffect(() => xView.subscribe(writeSummary), [data]);

  const active = layout !== null && (hasData || phase === 'running' || phase === 'paused');
  const count = PLOTS.filter((p) => shown[p.key]).length;
  const zoom = (factor: number) => xView.zoomBy(factor, fullRange(data));
  const pan = (fraction: number) => xView.panBy(fraction, fullRange(data));

  return (
    <div className="plots-panel" data-testid="plots-panel" data-state={active ? 'data' : 'empty'}>
      <div className="panel-title plots-header">
        <span>Plots</span>
        <span className="plots-summary" ref={summaryRef} data-testid="plots-summary" />
        <span className="plots-header-spacer" />
        {memoryNote && (
          <span className="plots-memory-note" data-testid="plots-memory-note" title="Very long runs keep only their most recent data in memory.">
            {memoryNote}
          </span>
        )}
        <span className="plots-toggles" role="group" aria-label="Plots to show">
          {PLOTS.map((p) => (
            <label key={p.key} className="plots-toggle">
              <input type="checkbox" checked={shown[p.key]} onChange={(e) => setShown({ ...shown, [p.key]: e.target.checked })} data-testid={`plots-show-${p.key}`} />
              {p.label}
            </label>
          ))}
        </span>
        <span className="plots-zoom" role="group" aria-label="Time window">
          <button type="button" onClick={() => pan(-0.25)} disabled={!active || !zoomed} aria-label="Pan earlier" title="Pan earlier (Shift+wheel)" data-testid="plots-pan-left">
            ◀
          </button>
          <button type="button" onClick={() => zoom(0.5)} disabled={!active} aria-label="Zoom in" title="Zoom in (wheel, or drag across a plot)" data-testid="plots-zoom-in">
            +
          </button>
          <button type="button" onClick={() => zoom(2)} disabled={!active || !zoomed} aria-label="Zoom out" title="Zoom out (wheel)" data-testid="plots-zoom-out">
            −
          </button>
          <button type="button" onClick={() => pan(0.25)} disabled={!active || !zoomed} aria-label="Pan later" title="Pan later (Shift+wheel)" data-testid="plots-pan-right">
            ▶
          </button>
          <button type="button" onClick={() => xView.reset()} disabled={!active || !zoomed} aria-label="Show the whole run" title="Whole run (double-click a plot)" data-testid="plots-zoom-reset">
            Reset
          </button>
        </span>
        <ExportCsvMenu data={data} projectName={projectName} disabled={!hasData} />
      </div>
      {active ? (
        <div className="plots-body">
          <div className="plots-grid" data-count={count}>
            {count === 0 && <p className="plots-plot-note">All plots are hidden. Tick Traces, Raster or Rate above.</p>}
            <div className="plots-cell plots-cell-traces" hidden={!shown.traces}>
              <TracePlot data={data} layout={layout} theme={theme} projectName={projectName} />
            </div>
            <div className="plots-cell plots-cell-raster" hidden={!shown.raster}>
              <RasterPlot data={data} layout={layout} theme={theme} projectName={projectName} />
            </div>
            <div className="plots-cell plots-cell-rate" hidden={!shown.rate}>
              <RatePlot data={data} layout={layout} theme={theme} projectName={projectName} />
            </div>
          </div>
        </div>
      ) : (
        <div className="plots-empty" data-testid="plots-empty">
          <p className="plots-empty-title">No results yet</p>
          <p>
            Press <strong>Run</strong> ({isMac() ? '⌘' : 'Ctrl'}+Enter) to simulate. Recorded traces, the spike raster and population rates appear here while it runs.
          </p>
          {phase === 'loading' && <p className="muted">Loading the project…</p>}
        </div>
      )}
    </div>
  );
}

/** Whether the shared window is zoomed (re-renders only when that flips). */
function useXViewZoomed(): boolean {
  const [zoomed, setZoomed] = useState(xView.zoom !== null);
  useEffect(() => xView.subscribe(() => setZoomed(xView.zoom !== null)), []);
  return zoomed;
}
