/**
 * The bottom panel: tabs for the run's plots and the analysis tools. The analysis tools are loaded
 * on first use (their code is not part of the first screen); the plots stay mounted so a run keeps
 * streaming into them while another tab is shown.
 */
import { lazy, Suspense } from 'react';
import { PlotsPanel } from '../plots/PlotsPanel';
import { BOTTOM_TABS, bottomTabs, useBottomTab } from './bottomTabs';
import './BottomPanel.css';

const PhasePlanePanel = lazy(() => import('./phase/PhasePlanePanel').then((m) => ({ default: m.PhasePlanePanel })));
const FICurvePanel = lazy(() => import('./fi/FICurvePanel').then((m) => ({ default: m.FICurvePanel })));
const SweepPanel = lazy(() => import('./sweep/SweepPanel').then((m) => ({ default: m.SweepPanel })));
const FitPanel = lazy(() => import('./fit/FitPanel').then((m) => ({ default: m.FitPanel })));

export function BottomPanel() {
  const tab = useBottomTab((s) => s.tab);
  return (
    <div className="bottom-panel">
      <div className="bottom-tabs" role="tablist" aria-label="Bottom panel">
        {BOTTOM_TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            className={tab === t.id ? 'is-active' : ''}
            data-testid={`bottom-tab-${t.id}`}
            title={t.hint}
            onClick={() => bottomTabs.getState().show(t.id)}
          >
            {t.title}
          </button>
        ))}
      </div>
      <div className="bottom-body">
        <div className="bottom-view" hidden={tab !== 'plots'}>
          <PlotsPanel />
        </div>
        {tab !== 'plots' && (
          <div className="bottom-view">
            <Suspense fallback={<div className="bottom-loading">Loading…</div>}>{tab === 'phase' ? <PhasePlanePanel /> : tab === 'sweep' ? <SweepPanel /> : tab === 'fit' ? <FitPanel /> : <FICurvePanel />}</Suspense>
          </div>
        )}
      </div>
    </div>
  );
}
