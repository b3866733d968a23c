/**
 * The f–I curve tab of the bottom panel: settings and the rheobase on the left, the curves on the
 * right. A run sweeps every current as one batched simulation in its own worker (fiRunner.ts) and
 * adds a curve, labelled with what differs from the others, until the curves are cleared. The
 * state lives in fiStore, so curves and a running sweep survive switching tabs.
 */
import { useRef } from 'react';
import type uPlot from 'uplot';
import { fiCsv } from '../../../analysis/fiCsv';
import { formatRheobase } from '../../../analysis/fiFormat';
import { chartsToPng, downloadBlob, downloadSvg, downloadText, fileSlug } from '../../plots/download';
import type { Layer } from '../../plots/svg/figure';
import { chartsToSvg } from '../../plots/svg/fromUplot';
import { readPlotTheme, usePlotTheme } from '../../plots/theme';
import { useProject } from '../../store';
import { BackendNote } from '../BackendNote';
import { FiChart } from './FiChart';
import { FiControls } from './FiControls';
import { FiCurveList } from './FiCurveList';
import { fiStore, useFi } from './fiInstance';
import type { FiCurve } from './fiStore';
import './FICurvePanel.css';

export function FICurvePanel() {
  const curves = useFi((s) => s.curves);
  const labels = useFi((s) => s.labels);
  const message = useFi((s) => s.message);
  const projectName = useProject((s) => s.doc.name);
  const theme = usePlotTheme();
  const chartRef = useRef<uPlot | null>(null);
  const last = curves[curves.length - 1];
  const unit = last?.unit ?? '';
  const rheobase = last ? formatRheobase(last.rheobase, last.unit) : undefined;

  const exportCsv = () => {
    const text = fiCsv(curves.map((c, k) => ({ label: labels[k], points: c.points })), unit);
    downloadText(text, `${fileSlug(projectName)}-fi-curve.csv`);
  };
  const legend = () => curves.map((c, k) => ({ label: `${labels[k]} — rheobase ${formatRheobase(c.rheobase, c.unit).value}`, color: c.color }));
  const title = `${projectName ?? 'Spikeflow'} — f–I curve`;
  const exportPng = async () => {
    const u = chartRef.current;
    if (!u) return;
    const blob = await chartsToPng(title, [u], legend(), theme);
    downloadBlob(blob, `${fileSlug(projectName)}-fi-curve.png`);
  };
  const exportSvg = () => {
    const u = chartRef.current;
    if (!u) return;
    downloadSvg(chartsToSvg(title, [u], legend(), readPlotTheme(), () => ({ before: rheobaseBands(curves) })), `${fileSlug(projectName)}-fi-curve.svg`);
  };

  return (
    <div className="fi-panel" data-testid="fi-panel">
      <div className="panel-title fi-header">
        <span>f–I curve</span>
        {last && (
          <span className="fi-summary" data-testid="fi-summary">
            {last.points.length} currents{last.simulated > last.points.length ? ` + ${last.simulated - last.points.length} to refine the rheobase` : ''} · {formatSeconds(last.wallMs)}
            {last.backend && <BackendNote backend={last.backend} testId="fi-backend" />} · rates from the spikes in {formatMs(last.identity.transientMs)}–{formatMs(last.identity.durationMs)} ms
          </span>
        )}
        <span className="fi-header-spacer" />
        <button type="button" onClick={() => fiStore.getState().clear()} disabled={curves.length === 0} data-testid="fi-clear" title="Remove every curve">
          Clear
        </button>
        <button type="button" onClick={exportCsv} disabled={curves.length === 0} data-testid="fi-export-csv" title="Current and the rate of every curve, as CSV">
          CSV
        </button>
        <button type="button" onClick={() => void exportPng()} disabled={curves.length === 0} data-testid="fi-export-png" title="The plot as a PNG image">
          PNG
        </button>
        <button type="button" onClick={exportSvg} disabled={curves.length === 0} data-testid="fi-export-svg" title="The plot as an SVG (vector) image">
          SVG
        </button>
      </div>
      <div className="fi-body">
        <div className="fi-side">
          <FiControls />
          {message && (
            <p className={`fi-message fi-message-${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="fi-message">
              {message.text}
            </p>
          )}
        </div>
        <div className="fi-main">
          <div className="fi-rheobase" data-testid="fi-rheobase" data-kind={last?.rheobase.kind ?? 'none'} data-silent={last?.rheobase.kind === 'bracket' || last?.rheobase.kind === 'above' ? last.rheobase.silent : undefined} data-firing={last?.rheobase.kind === 'bracket' || last?.rheobase.kind === 'below' ? last.rheobase.firing : undefined} data-unit={unit}>
            {rheobase ? (
              <>
                <span className="fi-rheobase-label">Rheobase</span>
                <span className="fi-rheobase-value">{rheobase.value}</span>
                <span className="fi-rheobase-detail">
                  {rheobase.detail}
                  {curves.length > 1 ? ` · ${labels[labels.length - 1]}` : ''}
                </span>
              </>
            ) : (
              <span className="fi-rheobase-detail">Rheobase: the smallest current that still fires after the transient, marked on the plot after a run.</span>
            )}
          </div>
          <FiChart curves={curves} labels={labels} theme={theme} chartRef={chartRef} />
          {curves.length > 0 && <FiCurveList curves={curves} labels={labels} />}
        </div>
      </div>
    </div>
  );
}

/** Each bracketed rheobase as on the chart: a faint band from silent to firing, a dashed line and a marker at its middle. */
function rheobaseBands(curves: readonly FiCurve[]): Layer[] {
  return curves.flatMap((c): Layer[] =>
    c.rheobase.kind === 'bracket'
      ? [{ kind: 'xband', from: c.rheobase.silent, to: c.rheobase.firing, color: c.color, fillOpacity: 0.16, midline: { widthPx: 1.5, dash: [5, 4] }, axisMarker: true }]
      : [],
  );
}

const formatMs = (ms: number) => String(Number(ms.toPrecision(6)));
const formatSeconds = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`);
