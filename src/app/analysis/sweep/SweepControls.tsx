/**
 * The sweep settings: population, one or two parameters with their ranges (in the parameter's
 * unit), the measure; Run / Cancel with the progress of the batched run.
 */
import { useMemo } from 'react';
import { prettyUnit } from '../../../analysis/fiFormat';
import { MEASURE_IDS, MEASURES } from '../../../analysis/sweepMeasures';
import { useCatalog, useProject } from '../../store';
import { NONE, sweepView, type AxisForm } from './sweepStore';
import { sweepStore, useSweep } from './sweepInstance';
import './SweepControls.css';

export function SweepControls() {
  const doc = useProject((s) => s.doc);
  const selection = useProject((s) => s.selection);
  const byName = useCatalog((s) => s.byName);
  const population = useSweep((s) => s.population);
  const axesForm = useSweep((s) => s.axes);
  const measure = useSweep((s) => s.measure);
  const job = useSweep((s) => s.job);
  const view = useMemo(() => sweepView({ population, axes: axesForm }, doc, selection, byName), [population, axesForm, doc, selection, byName]);
  const { setPopulation, setAxis, setMeasure, run, cancel } = sweepStore.getState();
  const running = job !== null;
  const combos = view.spec?.reduce((p, a) => p * (Number.isFinite(a.points) ? a.points : 0), 1) ?? 0;

  const field = (axis: 0 | 1, key: keyof AxisForm, label: string, unit: string, step = 'any') => (
    <label className="sweep-field">
      <span className="sweep-field-label">{label}</span>
      <input
        type="number"
        step={step}
        value={view.axes[axis]?.[key] ?? ''}
        onChange={(e) => setAxis(axis, key, e.target.value)}
        disabled={running}
        aria-label={`parameter ${axis + 1} ${label}${unit ? ` (${unit})` : ''}`}
        data-testid={`sweep-${key}-${axis + 1}`}
      />
      {unit && <span className="sweep-unit">{unit}</span>}
    </label>
  );

  const axisRows = (axis: 0 | 1) => {
    const a = view.axes[axis];
    const unit = prettyUnit(a?.info?.unit ?? '');
    return (
      <fieldset className="sweep-axis" disabled={running}>
        <legend>parameter {axis + 1}</legend>
        <div className="sweep-row">
          <select
            className="sweep-param"
            value={a?.param ?? NONE}
            onChange={(e) => setAxis(axis, 'param', e.target.value)}
            aria-label={`parameter ${axis + 1}`}
            data-testid={`sweep-param-${axis + 1}`}
          >
            {axis === 1 && <option value={NONE}>none (1-D sweep)</option>}
            {view.params.map((p) => (
              <option key={p.name} value={p.name} title={p.description}>
                {p.name}
                {p.unit && p.unit !== '1' ? ` (${prettyUnit(p.unit)})` : ''}
              </option>
            ))}
          </select>
        </div>
        {a && (
          <div className="sweep-row">
            {field(axis, 'from', 'from', unit)}
            {field(axis, 'to', 'to', unit)}
            {field(axis, 'points', 'points', '', '1')}
          </div>
        )}
      </fieldset>
    );
  };

  return (
    <form
      className="sweep-controls"
      aria-label="parameter sweep settings"
      onSubmit={(e) => {
        e.preventDefault();
        run();
      }}
    >
      <label className="sweep-field sweep-field-wide">
        <span className="sweep-field-label">population</span>
        <select value={view.populationId ?? ''} onChange={(e) => setPopulation(e.target.value)} disabled={running} aria-label="population to sweep" data-testid="sweep-population">
          {doc.populations.map((p) => (
            <option key={p.id} value={p.id}>
              {p.id} — {p.model}
            </option>
          ))}
        </select>
      </label>
      {axisRows(0)}
      {axisRows(1)}
      <label className="sweep-field sweep-field-wide">
        <span className="sweep-field-label">measure</span>
        <select value={measure} onChange={(e) => setMeasure(e.target.value as typeof measure)} disabled={running} aria-label="measure" data-testid="sweep-measure">
          {MEASURE_IDS.map((m) => (
            <option key={m} value={m} title={MEASURES[m].hint}>
              {MEASURES[m].label}
              {MEASURES[m].unit ? ` (${MEASURES[m].unit})` : ''}
            </option>
          ))}
        </select>
      </label>
      <div className="sweep-row sweep-actions">
        <button type="submit" className="primary" disabled={running || view.problem !== undefined} title={view.problem ?? `Simulate ${combos} isolated copies of the population's cell at once, one per combination`} data-testid="sweep-run">
          Run
        </button>
        <button type="button" onClick={cancel} disabled={!running} data-testid="sweep-cancel" title="Stop the sweep">
          Cancel
        </button>
        {running && (
          <progress className="sweep-progress" max={1} value={job.fraction} data-testid="sweep-progress" aria-label="sweep progress">
            {Math.round(job.fraction * 100)}%
          </progress>
        )}
      </div>
      {view.problem && !running && (
        <p className="sweep-problem" data-testid="sweep-problem">
          {view.problem}
        </p>
      )}
      {!view.problem && (
        <p className="sweep-note" data-testid="sweep-isolation">
          {combos > 0 ? `${combos} combination${combos === 1 ? '' : 's'}, one neuron each. ` : ''}The population runs isolated, with its own stimuli on every neuron
          {view.droppedProjections.length > 0 ? `; its projections (${view.droppedProjections.join(', ')}) are left out.` : '.'}
        </p>
      )}
    </form>
  );
}
