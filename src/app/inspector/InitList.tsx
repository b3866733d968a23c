/**
 * Initial values of a model's states for whoever owns them (a population, a channel's gates, a
 * projection's synapse states). An empty field means the model's own initial value (an expression
 * or `steady` in its source), which the catalog does not carry; a value typed here overrides it.
 */
import type { ModelInfo } from '../../library/catalog';
import { projectStore } from '../store';
import type { PopulationDoc, ProjectionDoc } from '../store/document';
import { FitBounds, FitToggle } from './FitToggle';
import { initEdit, initKey, qualifiedName, readInit, type ValueOwner } from './inspectorEdits';
import { rowTestIds, ValueRow } from './ValueRow';

export interface InitListProps {
  readonly owner: ValueOwner;
  readonly target: PopulationDoc | ProjectionDoc;
  readonly model: ModelInfo;
  readonly count: number | undefined;
  readonly per: 'neuron' | 'connection';
}

export function InitList({ owner, target, model, count, per }: InitListProps) {
  const dispatch = projectStore.getState().dispatch;
  if (model.states.length === 0) return <p className="muted insp-params-empty">{model.name} has no states.</p>;
  return (
    <div className="insp-params">
      {model.states.map((s) => (
        <ValueRow
          key={`${model.name}:${s.name}`}
          ids={rowTestIds(`init-${qualifiedName(owner, s.name)}`)}
          label={s.name}
          unit={s.unit}
          description={s.description}
          value={readInit(owner, target, s.name)}
          count={count}
          per={per}
          lognormal={per === 'connection'}
          placeholder="model's initial value"
          resetLabel="use the model's initial value"
          onChange={(v) => dispatch(initEdit(owner, currentTarget(owner) ?? target, s.name, v), { coalesce: initKey(owner, s.name) })}
          onReset={() => dispatch(initEdit(owner, currentTarget(owner) ?? target, s.name, undefined))}
          // A population's initial values can be trained by the fit (`init:v`).
          aside={owner.kind === 'population' ? <FitToggle population={owner.population} name={`init:${s.name}`} /> : undefined}
          footer={owner.kind === 'population' ? <FitBounds population={owner.population} name={`init:${s.name}`} /> : undefined}
        />
      ))}
    </div>
  );
}

/**
 * The owner's document as the store has it now: channel and projection init edits rewrite a whole
 * map, so they must start from the latest one, not the one of the last render (a fast slider drag
 * dispatches several times between renders).
 */
function currentTarget(owner: ValueOwner): PopulationDoc | ProjectionDoc | undefined {
  const doc = projectStore.getState().doc;
  return owner.kind === 'projection' ? doc.projections?.find((p) => p.id === owner.projection) : doc.populations.find((p) => p.id === owner.population);
}
