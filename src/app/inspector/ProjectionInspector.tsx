/**
 * A projection: pre → post, the synapse model, the connectivity rule, the weight (the synapse's
 * `w`) and delay, every other synapse parameter, and (collapsed) the synapse states' initial
 * values. Per-connection arrays are offered when the rule fixes the number of connections.
 */
import { useId } from 'react';
import { projectStore, useCatalog, useProject } from '../store';
import type { ProjectionDoc } from '../store/document';
import { connectionCount } from './connectivity';
import { ConnectivityFields } from './ConnectivityFields';
import { Field, Section } from './Field';
import { InitList } from './InitList';
import { changeSynapseEdit, delayEdit, readWeight, weightEdit, type ValueOwner } from './inspectorEdits';
import { ModelSelect } from './ModelSelect';
import { ParamList } from './ParamList';
import { modelGroups } from './populationFields';
import { CatalogNote } from './PopulationInspector';
import { fieldTestIds, ValueRow } from './ValueRow';
import { FitBounds, FitToggle } from './FitToggle';
import { synapseName } from '../analysis/fit/fitSynapseDoc';

const dispatch = projectStore.getState().dispatch;

const DELAY_INFO = { min: 0, max: 10 };

export function ProjectionInspector({ proj }: { readonly proj: ProjectionDoc }) {
  const doc = useProject((s) => s.doc);
  const ready = useCatalog((s) => s.ready);
  const models = useCatalog((s) => s.models);
  const byName = useCatalog((s) => s.byName);
  const synapse = byName.get(proj.synapse);
  const pre = doc.populations.find((p) => p.id === proj.pre);
  const post = doc.populations.find((p) => p.id === proj.post);
  const postCell = post ? byName.get(post.model) : undefined;
  const count = pre && post ? connectionCount(proj.connectivity, pre.size, post.size, proj.pre === proj.post) : undefined;
  const w = synapse?.params.find((p) => p.name === 'w');
  const owner: ValueOwner = { kind: 'projection', projection: proj.id };
  const ids = { pre: useId(), post: useId(), synapse: useId(), input: useId() };
  const update = (patch: Partial<Omit<ProjectionDoc, 'id'>>) => dispatch({ type: 'updateProjection', id: proj.id, patch });
  // Weight and delay edits rewrite `params`; start from the store's latest projection (fast drags).
  const latest = () => projectStore.getState().doc.projections?.find((p) => p.id === proj.id) ?? proj;
  const weight = readWeight(proj);

  return (
    <>
      <Section title="Projection">
        <Field label="id">
          <span className="insp-readonly mono" data-testid="projection-id">
            {proj.id}
          </span>
        </Field>
        <Field label="pre" htmlFor={ids.pre} problem={pre ? undefined : `no population '${proj.pre}'`}>
          <PopulationSelect id={ids.pre} value={proj.pre} testid="projection-pre" onChange={(v) => update({ pre: v })} />
        </Field>
        <Field label="post" htmlFor={ids.post} problem={post ? undefined : `no population '${proj.post}'`}>
          <PopulationSelect id={ids.post} value={proj.post} testid="projection-post" onChange={(v) => update({ post: v, input: undefined })} />
        </Field>
        <Field label="synapse" htmlFor={ids.synapse} hint={synapse?.summary} problem={ready && !synapse ? `unknown synapse model '${proj.synapse}'` : undefined}>
          <ModelSelect
            id={ids.synapse}
            value={proj.synapse}
            groups={modelGroups(models, 'synapse')}
            testid="projection-synapse"
            ariaLabel="synapse model"
            onChange={(name) => {
              const info = byName.get(name);
              if (info) dispatch(changeSynapseEdit(proj, info));
            }}
          />
        </Field>
        {postCell && postCell.inputs.length > 1 && (
          <Field label="into input" htmlFor={ids.input} hint="the post cell input that receives the synapse current">
            <select id={ids.input} value={proj.input ?? postCell.inputs[0].name} data-testid="projection-input" onChange={(e) => update({ input: e.target.value === postCell.inputs[0].name ? undefined : e.target.value })}>
              {postCell.inputs.map((i) => (
                <option key={i.name} value={i.name}>
                  {i.name} ({i.unit})
                </option>
              ))}
            </select>
          </Field>
        )}
      </Section>
      <Section title="Connectivity" testid="projection-connectivity">
        <ConnectivityFields proj={proj} preSize={pre?.size ?? 0} postSize={post?.size ?? 0} />
      </Section>
      <Section title="Weight and delay">
        {w ? (
          <ValueRow
            key={`${proj.synapse}:w`}
            ids={fieldTestIds('projection-weight')}
            label="weight"
            unit={w.unit}
            description={`sets the synapse's w: ${w.description}`}
            value={weight}
            defaultValue={w.defaultValue}
            range={w}
            count={count}
            per="connection"
            lognormal
            onChange={(v) => dispatch(weightEdit(latest(), v), { coalesce: `weight:${proj.id}` })}
            onReset={() => dispatch(weightEdit(latest(), undefined))}
            aside={<FitToggle population={proj.post} name={synapseName(proj.id, 'w')} />}
            footer={<FitBounds population={proj.post} name={synapseName(proj.id, 'w')} />}
          />
        ) : (
          synapse && (
            <div className="insp-params-empty" data-testid="projection-weight">
              <p className="muted">{synapse.name} has no weight parameter w; its strength is set by its parameters.</p>
              {proj.weight !== undefined && (
                <p className="insp-error">
                  The weight set on this projection would be refused.{' '}
                  <button type="button" data-testid="projection-weight-remove" onClick={() => update({ weight: undefined })}>
                    Remove it
                  </button>
                </p>
              )}
            </div>
          )
        )}
        <ValueRow
          ids={fieldTestIds('projection-delay')}
          label="delay"
          unit="ms"
          description="transmission delay, rounded to whole time steps"
          value={proj.delayMs}
          defaultValue={0}
          range={DELAY_INFO}
          count={count}
          per="connection"
          lognormal
          nonNegative
          onChange={(v) => dispatch(delayEdit(proj, v), { coalesce: `delay:${proj.id}` })}
          onReset={() => dispatch(delayEdit(proj, undefined))}
        />
      </Section>
      <Section title={`Synapse parameters${synapse ? ` · ${synapse.name}` : ''}`} testid="projection-params">
        {synapse ? <ParamList owner={owner} target={proj} model={synapse} count={count} per="connection" skip={w ? ['w'] : []} /> : <CatalogNote ready={ready} model={proj.synapse} />}
      </Section>
      {synapse && synapse.states.length > 0 && (
        <Section title="Initial values" defaultOpen={false} testid="projection-init">
          <InitList owner={owner} target={proj} model={synapse} count={count} per="connection" />
        </Section>
      )}
    </>
  );
}

function PopulationSelect({ id, value, testid, onChange }: { readonly id: string; readonly value: string; readonly testid: string; readonly onChange: (id: string) => void }) {
  const populations = useProject((s) => s.doc.populations);
  const known = populations.some((p) => p.id === value);
  return (
    <select id={id} value={value} data-testid={testid} onChange={(e) => onChange(e.target.value)}>
      {!known && <option value={value}>{value} (missing)</option>}
      {populations.map((p) => (
        <option key={p.id} value={p.id}>
          {p.label ? `${p.id} — ${p.label}` : p.id} ({p.size})
        </option>
      ))}
    </select>
  );
}
