/**
 * What is fitted: the population, the observed state compared with target traces, and the
 * trained values (ticked in the inspector) with their starting values and bounds.
 */
import { prettyUnit } from '../../../analysis/fiFormat';
import { formatNumber } from '../../plots/chart';
import { projectStore, useCatalog, useProject } from '../../store';
import { boundsProblem, boundValue, newFit, trainableInfo } from './fitDoc';
import { FitNumber, FitSection, FitSelect } from './FitField';
import { editFit } from './fitInstance';
import './FitSetupSection.css';

export function FitSetupSection() {
  const doc = useProject((s) => s.doc);
  const byName = useCatalog((s) => s.byName);
  const fit = doc.fit;
  const cells = doc.populations.filter((p) => {
    const m = byName.get(p.model);
    return !m || (m.kind === 'cell' && !m.isSource);
  });
  const pop = fit ? doc.populations.find((p) => p.id === fit.population) : undefined;
  const model = pop ? byName.get(pop.model) : undefined;
  const states = model?.states ?? [];
  const defaultObserve = states.some((s) => s.name === 'v') ? 'v' : (states[0]?.name ?? 'v');

  const choosePopulation = (id: string) => {
    if (!id || id === fit?.population) return;
    // Trained values belong to a population: moving the fit drops them; cases, loss and optimiser stay.
    projectStore.getState().dispatch({ type: 'setFit', fit: fit ? { ...fit, population: id, params: [], observe: undefined } : newFit(id) });
  };

  return (
    <FitSection title="Fit" testid="fit-setup" aside={fit ? `${fit.params?.length ?? 0} trained` : undefined}>
      <FitSelect
        label="population"
        value={fit?.population ?? ''}
        options={[...(fit ? [] : [{ value: '', label: 'choose…' }]), ...cells.map((p) => ({ value: p.id, label: `${p.id} — ${p.model}` }))]}
        onChange={choosePopulation}
        testid="fit-population"
        hint="the population whose parameters are fitted; one of its neurons is observed"
      />
      {fit && model && (
        <FitSelect
          label="observe"
          value={fit.observe ?? defaultObserve}
          options={states.map((s) => ({ value: s.name, label: `${s.name}${prettyUnit(s.unit) ? ` (${prettyUnit(s.unit)})` : ''}`, title: s.description }))}
          onChange={(v) => editFit((f) => ({ ...f, observe: v === defaultObserve ? undefined : v }))}
          testid="fit-observe"
          hint="the state compared with target traces"
        />
      )}
      {fit && pop && (
        <FitNumber
          label="neuron"
          value={fit.neuron ?? 0}
          onChange={(v) => v !== undefined && editFit((f) => ({ ...f, neuron: v === 0 ? undefined : v }))}
          constraints={{ integer: true, min: 0, max: Math.max(0, pop.size - 1) }}
          unit={`of ${pop.size}`}
          testid="fit-neuron"
          hint="which neuron of the population is observed (its trace and spikes are compared with the targets)"
        />
      )}
      {!fit && <p className="fit-note">Tick “fit” on a parameter in the inspector, or choose a population here.</p>}
      {fit && pop && (
        <ul className="fit-trained" data-testid="fit-trained">
          {(fit.params ?? []).length === 0 && <li className="fit-note">No value trained yet: tick “fit” on a parameter of {pop.id} in the inspector.</li>}
          {(fit.params ?? []).map((p) => {
            const info = trainableInfo(pop, p.name, byName, doc.projections);
            const unit = prettyUnit(info?.unit ?? '');
            const min = boundValue(p.min, info?.unit ?? '');
            const max = boundValue(p.max, info?.unit ?? '');
            const problem = boundsProblem(p, info);
            return (
              <li key={p.name} className="fit-trained-item" data-testid={`fit-trained-${p.name}`} title={info?.description}>
                <span className="mono fit-trained-name">{p.name}</span>
                <span className="fit-trained-value">
                  start {info?.value !== undefined ? `${formatNumber(info.value)}${unit ? ` ${unit}` : ''}` : "the model's initial value"}
                </span>
                <span className="fit-trained-bounds">
                  in [{min !== undefined ? formatNumber(min) : '−∞'}, {max !== undefined ? formatNumber(max) : '+∞'}]{unit ? ` ${unit}` : ''}
                </span>
                <button type="button" className="fit-trained-remove" aria-label={`stop training ${p.name}`} title={`Stop training ${p.name}`} data-testid={`fit-untrain-${p.name}`} onClick={() => editFit((f) => ({ ...f, params: (f.params ?? []).filter((q) => q.name !== p.name) }))}>
                  ×
                </button>
                {problem && <span className="fit-trained-problem">{problem}</span>}
              </li>
            );
          })}
        </ul>
      )}
      {fit && (
        <button type="button" className="fit-small-button fit-remove-fit" data-testid="fit-remove" title="Remove the whole fit setup (trained values, cases and their data) from the project; undo brings it back" onClick={() => projectStore.getState().dispatch({ type: 'setFit', fit: undefined })}>
          Remove fit setup
        </button>
      )}
    </FitSection>
  );
}
