/**
 * A population: its id, label, cell model, size, integrator and update options, every parameter
 * of the cell model, the inserted channels, and (collapsed) the initial values of the states.
 */
import { useId } from 'react';
import type { ModelInfo } from '../../library/catalog';
import { codePanelUi } from '../code/codePanelUi';
import { projectStore, useCatalog, useProject } from '../store';
import type { PopulationDoc } from '../store/document';
import { ChannelList } from './ChannelList';
import { DraftInput } from './DraftInput';
import { Field, Section } from './Field';
import { InitList } from './InitList';
import { changeCellModelEdit, type ValueOwner } from './inspectorEdits';
import { NumberInput } from './NumberInput';
import { ParamList } from './ParamList';
import { arraysNotMatching, hasUpdateOrder, INTEGRATOR_LABELS, integratorOptions, modelGroups, renameProblem, takesChannels, updateOrderProblem } from './populationFields';
import { ModelSelect } from './ModelSelect';

const dispatch = projectStore.getState().dispatch;

export function PopulationInspector({ pop }: { readonly pop: PopulationDoc }) {
  const doc = useProject((s) => s.doc);
  const ready = useCatalog((s) => s.ready);
  const models = useCatalog((s) => s.models);
  const byName = useCatalog((s) => s.byName);
  const cell = byName.get(pop.model);
  const ids = { id: useId(), label: useId(), model: useId(), size: useId(), integrator: useId(), update: useId(), oneSpike: useId() };
  const owner: ValueOwner = { kind: 'population', population: pop.id };
  const mismatched = arraysNotMatching(pop, pop.size);

  const rename = (newId: string) => {
    if (dispatch({ type: 'renamePopulation', id: pop.id, newId })) {
      const sel = projectStore.getState().selection;
      // The rename dropped the old id from the selection; select the population under its new one.
      projectStore.getState().select({ nodes: [...sel.nodes.filter((n) => n.kind !== 'population' || n.id !== pop.id), { kind: 'population', id: newId }], projections: sel.projections });
    }
  };

  return (
    <>
      <Section title="Population">
        <Field label="id" htmlFor={ids.id} hint="stimuli, recordings and traces refer to it">
          <DraftInput<string>
            id={ids.id}
            value={pop.id}
            format={(v) => v}
            parse={(t) => {
              const problem = renameProblem(doc, pop.id, t.trim());
              return problem ? { ok: false, error: problem } : { ok: true, value: t.trim() };
            }}
            onChange={rename}
            commitOn="commit"
            ariaLabel="population id"
            testid="population-id"
            className="mono"
          />
        </Field>
        <Field label="label" htmlFor={ids.label}>
          <DraftInput<string>
            id={ids.label}
            value={pop.label ?? ''}
            format={(v) => v}
            parse={(t) => ({ ok: true, value: t })}
            onChange={(label) => dispatch({ type: 'updatePopulation', id: pop.id, patch: { label: label === '' ? undefined : label } }, { coalesce: `label:${pop.id}` })}
            ariaLabel="population label"
            testid="population-label"
            placeholder={pop.id}
          />
        </Field>
        <Field label="model" htmlFor={ids.model} hint={cell?.summary} problem={ready && !cell ? `unknown cell model '${pop.model}'` : undefined}>
          <ModelSelect
            id={ids.model}
            value={pop.model}
            groups={modelGroups(models, 'cell')}
            testid="population-model"
            ariaLabel="cell model"
            onChange={(name) => {
              const info = byName.get(name);
              if (info) dispatch(changeCellModelEdit(pop, info));
            }}
          />
          <button
            type="button"
            className="inspector-source-button"
            data-testid="population-model-source"
            title={cell?.origin === 'project' ? `Edit the source of ${pop.model} in the code panel` : `Show the source of ${pop.model} in the code panel (read-only; Duplicate makes an editable copy)`}
            onClick={() => codePanelUi.getState().showModel(pop.model)}
          >
            {cell?.origin === 'project' ? 'Edit source' : 'View source'}
          </button>
        </Field>
        <Field label="size" htmlFor={ids.size} hint={mismatched.length > 0 ? undefined : 'number of neurons'} problem={mismatched.length > 0 ? `per-neuron values of another length: ${mismatched.join(', ')}` : undefined}>
          <NumberInput
            id={ids.size}
            value={pop.size}
            constraints={{ integer: true, min: 1 }}
            onChange={(size) => size !== undefined && dispatch({ type: 'updatePopulation', id: pop.id, patch: { size } }, { coalesce: `size:${pop.id}` })}
            ariaLabel="population size (neurons)"
            testid="population-size"
          />
        </Field>
        {!cell?.isSource && (
          <Field label="integrator" htmlFor={ids.integrator}>
            <select
              id={ids.integrator}
              value={pop.integrator ?? 'euler'}
              data-testid="population-integrator"
              onChange={(e) => dispatch({ type: 'updatePopulation', id: pop.id, patch: { integrator: e.target.value as PopulationDoc['integrator'] } })}
            >
              {integratorOptions(pop.integrator).map((name) => (
                <option key={name} value={name}>
                  {INTEGRATOR_LABELS[name] ?? name}
                </option>
              ))}
            </select>
          </Field>
        )}
        {hasUpdateOrder(cell, pop) && (
          <Field
            label="update order"
            htmlFor={ids.update}
            hint={pop.update === 'sequential' ? `states one after another, in declaration order (${cell?.states.map((s) => s.name).join(', ') ?? ''})` : 'all states from the previous step'}
            problem={updateOrderProblem(pop)}
          >
            <select
              id={ids.update}
              value={pop.update ?? 'simultaneous'}
              data-testid="population-update"
              onChange={(e) => dispatch({ type: 'updatePopulation', id: pop.id, patch: { update: e.target.value as 'simultaneous' | 'sequential' } })}
            >
              <option value="simultaneous">simultaneous</option>
              <option value="sequential">sequential</option>
            </select>
          </Field>
        )}
        {(cell?.spikes || pop.oneSpike) && (
          <Field label="one spike" htmlFor={ids.oneSpike} hint="at most one neuron of the population spikes per step (winner-take-all)">
            <input
              id={ids.oneSpike}
              type="checkbox"
              checked={pop.oneSpike ?? false}
              data-testid="population-oneSpike"
              onChange={(e) => dispatch({ type: 'updatePopulation', id: pop.id, patch: { oneSpike: e.target.checked ? true : undefined } })}
            />
          </Field>
        )}
      </Section>
      <Section title={`Parameters${cell ? ` · ${cell.name}` : ''}`} testid="population-params" aside={cell ? String(cell.params.length) : undefined}>
        {cell ? <ParamList owner={owner} target={pop} model={cell} count={pop.size} per="neuron" /> : <CatalogNote ready={ready} model={pop.model} />}
      </Section>
      {cell && (takesChannels(cell) || (pop.channels?.length ?? 0) > 0) && (
        <Section title="Channels" testid="population-channels" aside={String(pop.channels?.length ?? 0)}>
          <ChannelList pop={pop} cell={cell} />
        </Section>
      )}
      {cell && (cell.states.length > 0 || (pop.channels?.length ?? 0) > 0) && (
        <Section title="Initial values" defaultOpen={false} testid="population-init">
          <InitList owner={owner} target={pop} model={cell} count={pop.size} per="neuron" />
          {(pop.channels ?? []).map((ch, k) => (
            <ChannelInit key={`${k}:${ch.model}`} pop={pop} index={k} model={byName.get(ch.model)} />
          ))}
        </Section>
      )}
    </>
  );
}

function ChannelInit({ pop, index, model }: { readonly pop: PopulationDoc; readonly index: number; readonly model: ModelInfo | undefined }) {
  if (!model || model.states.length === 0) return null;
  const owner: ValueOwner = { kind: 'channel', population: pop.id, channel: index, channelModel: model.name };
  return (
    <div className="insp-subgroup">
      <div className="insp-subheading">{model.name}</div>
      <InitList owner={owner} target={pop} model={model} count={pop.size} per="neuron" />
    </div>
  );
}

export function CatalogNote({ ready, model }: { readonly ready: boolean; readonly model: string }) {
  return <p className="muted insp-params-empty">{ready ? `'${model}' is not a known model; fix the model name or its source.` : 'Loading the model library…'}</p>;
}
