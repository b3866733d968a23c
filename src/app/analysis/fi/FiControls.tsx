/**
 * The f–I panel's settings: which cell (a population as the inspector left it, or a catalog model
 * with defaults), the current range in the unit of the cell's input, points, duration, transient,
 * dt and integrator; Run / Cancel with the progress of the sweep.
 */
import { useMemo } from 'react';
import { prettyUnit } from '../../../analysis/fiFormat';
import { useCatalog, useProject } from '../../store';
import { currentView, INTEGRATOR_CHOICES, type FiForm } from './fiStore';
import { fiStore, useFi } from './fiInstance';
import { sourceOptions } from './fiSource';
import type { SourceSetup } from './fiSource';
import './FiControls.css';

const INTEGRATOR_LABELS: Record<string, string> = {
  euler: 'forward Euler',
  midpoint: 'midpoint (RK2)',
  heun: 'Heun',
  rk4: 'Runge–Kutta 4',
  exponential_euler: 'exponential Euler',
  exact: 'exact (linear)',
};

export function FiControls() {
  const doc = useProject((s) => s.doc);
  const selection = useProject((s) => s.selection);
  const models = useCatalog((s) => s.models);
  const byName = useCatalog((s) => s.byName);
  const source = useFi((s) => s.source);
  const setups = useFi((s) => s.setups);
  const form = useFi((s) => s.form);
  const job = useFi((s) => s.job);
  const view = useMemo(() => currentView({ source, setups, form }, doc, selection, byName), [source, setups, form, doc, selection, byName]);
  const options = useMemo(() => sourceOptions(doc, models), [doc, models]);
  const unit = prettyUnit(view.resolved?.input?.unit ?? '');
  const { setSource, setSetup, setForm, run, cancel } = fiStore.getState();
  const running = job !== null;

  const setupField = (key: keyof SourceSetup, label: string, testid: string, suffix: string) => (
    <label className="fi-field">
      <span className="fi-field-label">{label}</span>
      <input type="number" step="any" value={view.setup[key]} onChange={(e) => setSetup(key, e.target.value)} disabled={running} aria-label={`${label}${suffix ? ` (${suffix})` : ''}`} data-testid={testid} />
      {suffix && <span className="fi-unit">{suffix}</span>}
    </label>
  );
  const formField = (key: keyof FiForm, label: string, testid: string, suffix: string, step = 'any') => (
    <label className="fi-field">
      <span className="fi-field-label">{label}</span>
      <input type="number" step={step} min={0} value={form[key]} onChange={(e) => setForm(key, e.target.value)} disabled={running} aria-label={`${label}${suffix ? ` (${suffix})` : ''}`} data-testid={testid} />
      {suffix && <span className="fi-unit">{suffix}</span>}
    </label>
  );

  return (
    <form
      className="fi-controls"
      aria-label="f–I sweep settings"
      onSubmit={(e) => {
        e.preventDefault();
        run();
      }}
    >
      <div className="fi-row">
        <label className="fi-field fi-field-wide">
          <span className="fi-field-label">cell</span>
          <select className="fi-model" value={view.source} onChange={(e) => setSource(e.target.value)} disabled={running} data-testid="fi-model" aria-label="cell model for the f–I curve">
            {(['Populations', 'Cell models (defaults)'] as const).map((group) => {
              const items = options.filter((o) => o.group === group);
              return items.length === 0 ? null : (
                <optgroup key={group} label={group}>
                  {items.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </optgroup>
              );
            })}
          </select>
        </label>
      </div>
      {view.resolved && view.resolved.notes.length > 0 && (
        <details className="fi-notes" data-testid="fi-notes">
          <summary title="An f–I curve is of one kind of cell: values that differ between neurons are reduced to one.">
            {view.resolved.notes.length} per-neuron value{view.resolved.notes.length > 1 ? 's' : ''} → one typical value
          </summary>
          <ul>
            {view.resolved.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </details>
      )}
      <div className="fi-row">
        {setupField('from', 'I from', 'fi-from', unit)}
        {setupField('to', 'to', 'fi-to', unit)}
      </div>
      <div className="fi-row">
        {formField('points', 'points', 'fi-points', '', '1')}
        {formField('durationMs', 'duration', 'fi-duration', 'ms')}
      </div>
      <div className="fi-row">
        {formField('transientMs', 'transient', 'fi-transient', 'ms')}
        {setupField('dtMs', 'dt', 'fi-dt', 'ms')}
      </div>
      <div className="fi-row">
        <label className="fi-field fi-field-wide">
          <span className="fi-field-label">integrator</span>
          <select value={view.setup.integrator} onChange={(e) => setSetup('integrator', e.target.value)} disabled={running} data-testid="fi-integrator" aria-label="integrator">
            {INTEGRATOR_CHOICES.map((name) => (
              <option key={name} value={name}>
                {INTEGRATOR_LABELS[name] ?? name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="fi-row fi-actions">
        <button type="submit" className="primary" disabled={running || view.problem !== undefined} title={view.problem ?? `Simulate ${view.spec?.currents.length ?? 0} cells at once, one per current`} data-testid="fi-run">
          Run
        </button>
        <button type="button" onClick={cancel} disabled={!running} data-testid="fi-cancel" title="Stop the sweep">
          Cancel
        </button>
        {running && (
          <progress className="fi-progress" max={1} value={job.fraction} data-testid="fi-progress" data-stage={job.stage} aria-label={job.stage === 'sweep' ? 'sweep progress' : 'rheobase refinement progress'}>
            {Math.round(job.fraction * 100)}%
          </progress>
        )}
        {running && <span className="fi-stage">{job.stage === 'sweep' ? 'sweeping' : 'refining rheobase'}</span>}
      </div>
      {view.problem && !running && (
        <p className="fi-problem" data-testid="fi-problem">
          {view.problem}
        </p>
      )}
    </form>
  );
}
