/**
 * The parameter-sweep tab of the bottom panel: settings on the left, the result on the right (a
 * line for one parameter, a heat map for two). Every combination is one neuron of a single
 * batched simulation in its own worker; clicking a point applies its values to the population and
 * runs the project. State lives in sweepStore, so a result survives switching tabs.
 */
import { prettyUnit } from '../../../analysis/fiFormat';
import { sweepCsv } from '../../../analysis/sweepCsv';
import { MEASURES } from '../../../analysis/sweepMeasures';
import { useRef } from 'react';
import { downloadBlob, downloadSvg, downloadText, fileSlug } from '../../plots/download';
import { readPlotTheme, usePlotTheme } from '../../plots/theme';
import { useProject } from '../../store';
import { BackendNote } from '../BackendNote';
import { SweepControls } from './SweepControls';
import { SweepHeatmap } from './SweepHeatmap';
import type { SweepFigure } from './sweepFigure';
import { SweepLine } from './SweepLine';
import { sweepStore, useSweep } from './sweepInstance';
import './SweepPanel.css';

export function SweepPanel() {
  const result = useSweep((s) => s.result);
  const message = useSweep((s) => s.message);
  const projectName = useProject((s) => s.doc.name);
  const theme = usePlotTheme();
  const measure = result ? MEASURES[result.measure] : undefined;
  const open = (k: number) => sweepStore.getState().open(k);
  const figureRef = useRef<SweepFigure | null>(null);

  const exportCsv = () => {
    if (!result || !measure) return;
    downloadText(sweepCsv(result.axes, result.values, measure), `${fileSlug(projectName)}-sweep-${result.populationId}.csv`);
  };
  const title = result && measure ? `${projectName ?? 'Spikeflow'} — sweep of ${result.populationId} (${result.model}): ${measure.label}` : '';
  const fileName = result ? `${fileSlug(projectName)}-sweep-${result.populationId}` : '';
  const exportPng = async () => {
    const figure = figureRef.current;
    if (!figure) return;
    downloadBlob(await figure.png(title, theme), `${fileName}.png`);
  };
  const exportSvg = () => {
    const figure = figureRef.current;
    if (!figure) return;
    downloadSvg(figure.svg(title, readPlotTheme()), `${fileName}.svg`);
  };

  return (
    <div className="sweep-panel" data-testid="sweep-panel">
      <div className="panel-title sweep-header">
        <span>Parameter sweep</span>
        {result && (
          <span className="sweep-summary" data-testid="sweep-summary">
            {result.populationId} ({result.model}) · {result.values.length} combinations · {formatSeconds(result.wallMs)}
            {result.backend && <BackendNote backend={result.backend} testId="sweep-backend" />}
            {result.stimuli.length > 0 ? ` · stimuli: ${result.stimuli.join(', ')}` : ' · no stimuli'}
            {result.droppedProjections.length > 0 ? ` · projections left out: ${result.droppedProjections.join(', ')}` : ''}
          </span>
        )}
        <span className="sweep-header-spacer" />
        <button type="button" onClick={exportCsv} disabled={!result} data-testid="sweep-export-csv" title="Every combination and its measure, as CSV">
          CSV
        </button>
        <button type="button" onClick={() => void exportPng()} disabled={!result} data-testid="sweep-export-png" title="The plot as a PNG image">
          PNG
        </button>
        <button type="button" onClick={exportSvg} disabled={!result} data-testid="sweep-export-svg" title="The plot as an SVG (vector) image">
          SVG
        </button>
      </div>
      <div className="sweep-body">
        <div className="sweep-side">
          <SweepControls />
          {message && (
            <p className={`sweep-message sweep-message-${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="sweep-message">
              {message.text}
            </p>
          )}
          {result && result.notes.length > 0 && (
            <details className="sweep-notes" data-testid="sweep-notes">
              <summary title="Every copy is one kind of cell: values that differ between neurons are reduced to one.">
                {result.notes.length} per-neuron value{result.notes.length > 1 ? 's' : ''} → one typical value
              </summary>
              <ul>
                {result.notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            </details>
          )}
        </div>
        <div className="sweep-main">
          {!result || !measure ? (
            <div className="sweep-empty">
              <p className="sweep-empty-title">No sweep yet</p>
              <p>Choose one or two parameters of a population, their ranges and a measure, then Run. One parameter gives a line, two a heat map; click a point to open that simulation.</p>
            </div>
          ) : result.axes.length === 1 ? (
            <SweepLine axis={result.axes[0]} values={result.values} measureLabel={measure.label} measureUnit={prettyUnit(measure.unit)} theme={theme} onOpen={open} figureRef={figureRef} />
          ) : (
            <SweepHeatmap axes={result.axes} values={result.values} measureLabel={measure.label} measureUnit={prettyUnit(measure.unit)} theme={theme} onOpen={open} figureRef={figureRef} />
          )}
        </div>
      </div>
    </div>
  );
}

const formatSeconds = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`);
