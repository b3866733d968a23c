/**
 * Every parameter of a model as value rows, for whoever owns the values (a population, one of its
 * channels, a projection). Values in the document that the model does not have are listed too,
 * marked, with a button to remove them (the engine would refuse the project).
 */
import type { ModelInfo } from '../../library/catalog';
import { projectStore } from '../store';
import type { PopulationDoc, ProjectionDoc } from '../store/document';
import { paramEdit, paramKey, qualifiedName, readParam, type ValueOwner } from './inspectorEdits';
import { FitBounds, FitToggle } from './FitToggle';
import { synapseName } from '../analysis/fit/fitSynapseDoc';
import { unknownParams } from './populationFields';
import { rowTestIds, ValueRow } from './ValueRow';
import './ParamList.css';

export interface ParamListProps {
  readonly owner: ValueOwner;
  readonly target: PopulationDoc | ProjectionDoc;
  readonly model: ModelInfo;
  /** Elements of a per-element array (neurons; connections when known). */
  readonly count: number | undefined;
  readonly per: 'neuron' | 'connection';
  /** Parameters shown elsewhere (a projection's `w`, edited as its weight). */
  readonly skip?: readonly string[];
}

export function ParamList({ owner, target, model, count, per, skip = [] }: ParamListProps) {
  const dispatch = projectStore.getState().dispatch;
  const values = (owner.kind === 'channel' ? (target as PopulationDoc).channels?.[owner.channel]?.params : target.params) as Record<string, unknown> | undefined;
  const unknown = unknownParams(values, model);
  const params = model.params.filter((p) => !skip.includes(p.name));
  // Trainable by the fit: a population's cell and channel values, and a projection's synapse
  // parameters as seen from its post population (`syn:PROJECTION.PARAM`).
  const fitOf = (name: string) =>
    owner.kind === 'projection' ? { population: (target as ProjectionDoc).post, name: synapseName(owner.projection, name) } : { population: owner.population, name: qualifiedName(owner, name) };
  return (
    <div className="insp-params">
      {params.length === 0 && unknown.length === 0 && <p className="muted insp-params-empty">{model.name} has no parameters.</p>}
      {params.map((p) => (
        <ValueRow
          key={`${model.name}:${p.name}`}
          ids={rowTestIds(`param-${qualifiedName(owner, p.name)}`)}
          label={p.name}
          unit={p.unit}
          description={p.description}
          value={readParam(owner, target, p.name)}
          defaultValue={p.defaultValue}
          range={p}
          count={count}
          per={per}
          lognormal={per === 'connection'}
          onChange={(v) => dispatch(paramEdit(owner, p.name, v), { coalesce: paramKey(owner, p.name) })}
          onReset={() => dispatch(paramEdit(owner, p.name, undefined))}
          aside={fitRow(fitOf(p.name), FitToggle)}
          footer={fitRow(fitOf(p.name), FitBounds)}
        />
      ))}
      {unknown.map((name) => (
        <div key={name} className="insp-params-unknown" data-testid={`param-${qualifiedName(owner, name)}`}>
          <span className="insp-vrow-name">{name}</span>
          <span className="mono insp-params-unknown-value">{JSON.stringify(values?.[name])}</span>
          <span className="insp-error">not a parameter of {model.name}</span>
          <button type="button" data-testid={`param-${qualifiedName(owner, name)}-remove`} onClick={() => dispatch(paramEdit(owner, name, undefined))}>
            Remove
          </button>
        </div>
      ))}
    </div>
  );
}

function fitRow(props: { population: string; name: string } | undefined, Component: typeof FitToggle | typeof FitBounds) {
  return props ? <Component population={props.population} name={props.name} /> : undefined;
}
