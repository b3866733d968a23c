/**
 * The inspector's side of parameter fitting: a "fit" checkbox on a population's value rows that
 * trains the value (adds it to the project's `fit.params`, creating the fit section for this
 * population when there is none), and, while trained, its bounds in the declared unit. Both are
 * single `setFit` edits, so they undo like any other change.
 */
import { toggleFitParam, fitParamOf, boundsProblem, boundValue, setFitBound, trainableInfo } from '../analysis/fit/fitDoc';
import { projectStore, useCatalog, useProject } from '../store';
import { NumberInput } from './NumberInput';
import { unitLabel } from './quantity';
import './FitToggle.css';

export interface FitToggleProps {
  readonly population: string;
  /** As the fit names it: `gNa`, `Na.gNa`, `init:v`, `syn:input.w` (then `population` is the projection's post). */
  readonly name: string;
}

function usePopulation(id: string) {
  return useProject((s) => s.doc.populations.find((p) => p.id === id));
}

/** The checkbox, on the row's first line. */
export function FitToggle({ population, name }: FitToggleProps) {
  const fit = useProject((s) => s.doc.fit);
  const pop = usePopulation(population);
  const byName = useCatalog((s) => s.byName);
  const trained = fitParamOf(fit, population, name) !== undefined;
  const other = fit && fit.population !== population ? fit.population : undefined;
  const toggle = (on: boolean) => {
    const doc = projectStore.getState().doc;
    const info = pop && trainableInfo(pop, name, byName, doc.projections);
    if (!info) return;
    projectStore.getState().dispatch({ type: 'setFit', fit: toggleFitParam(doc, population, info, on) });
  };
  const title = trained
    ? `${name} is trained by the fit (bounds below); untick to keep it fixed`
    : other && name.startsWith('syn:')
      ? `Train ${name} in the fit of '${other}' (the gradient follows the network from this projection to '${other}')`
      : other
      ? `Train ${name} in the fit panel. The fit trains '${other}' now: ticking moves it to ${population} (its trained values are dropped)`
      : `Train ${name} in the fit panel (Fit tab below)`;
  return (
    <label className={`insp-fit-toggle ${trained ? 'is-on' : ''}`} title={title}>
      <input type="checkbox" checked={trained} onChange={(e) => toggle(e.target.checked)} aria-label={`fit ${name}`} data-testid={`fit-toggle-${name}`} disabled={!pop || !byName.size} />
      <span>fit</span>
    </label>
  );
}

/** The bounds of a trained value, under the row's field; nothing when it is not trained. */
export function FitBounds({ population, name }: FitToggleProps) {
  const fit = useProject((s) => s.doc.fit);
  const pop = usePopulation(population);
  const byName = useCatalog((s) => s.byName);
  const projections = useProject((s) => s.doc.projections);
  const param = fitParamOf(fit, population, name);
  if (!param || !pop) return null;
  const info = trainableInfo(pop, name, byName, projections);
  const unit = info?.unit ?? '';
  const u = unitLabel(unit);
  const set = (which: 'min' | 'max', value: number | undefined) => {
    const current = projectStore.getState().doc.fit;
    if (current) projectStore.getState().dispatch({ type: 'setFit', fit: setFitBound(current, name, which, value) }, { coalesce: `fit:bound:${name}.${which}` });
  };
  const problem = boundsProblem(param, info);
  return (
    <div className="insp-fit-bounds" data-testid={`fit-bounds-${name}`}>
      <span className="insp-fit-bounds-label">fit in</span>
      <NumberInput value={boundValue(param.min, unit)} constraints={{ optional: true }} onChange={(v) => set('min', v)} ariaLabel={`${name} fit minimum${u ? ` (${u})` : ''}`} testid={`fit-min-${name}`} placeholder="−∞" className="insp-fit-bound" />
      <span className="insp-fit-bounds-label">–</span>
      <NumberInput value={boundValue(param.max, unit)} constraints={{ optional: true }} onChange={(v) => set('max', v)} ariaLabel={`${name} fit maximum${u ? ` (${u})` : ''}`} testid={`fit-max-${name}`} placeholder="+∞" className="insp-fit-bound" />
      {u && <span className="insp-unit">{u}</span>}
      {problem && <div className="insp-fit-bounds-problem insp-error">{problem}</div>}
    </div>
  );
}
