/**
 * A recording: which population, which variables (the cell's states and inputs, its channels'
 * states as `Na.m`), which neurons, and how often it samples.
 */
import { useId } from 'react';
import { projectStore, useCatalog, useProject } from '../store';
import type { RecordingDoc } from '../store/document';
import { DraftInput } from './DraftInput';
import { Field, Section, Unit } from './Field';
import { NumberInput } from './NumberInput';
import { formatNeurons, parseNeurons, type Neurons } from './neurons';
import { intervalProblem, recordableVariables, toggleVariable, variablesFor } from './recordingVars';
import { unitLabel } from './quantity';
import './RecordingInspector.css';

const dispatch = projectStore.getState().dispatch;

export function RecordingInspector({ rec, id }: { readonly rec: RecordingDoc; readonly id: string }) {
  const doc = useProject((s) => s.doc);
  const byName = useCatalog((s) => s.byName);
  const ready = useCatalog((s) => s.ready);
  const pop = doc.populations.find((p) => p.id === rec.population);
  const available = pop ? recordableVariables(pop, byName) : [];
  const ids = { population: useId(), neurons: useId(), interval: useId() };
  const update = (patch: Partial<Omit<RecordingDoc, 'id'>>, coalesce?: string) => dispatch({ type: 'updateRecording', id, patch }, coalesce ? { coalesce } : undefined);
  const dtMs = doc.simulation.dtMs ?? 0.1;
  const extra = rec.variables.filter((v) => !available.some((a) => a.name === v));
  const [lastOne] = rec.variables.length === 1 ? rec.variables : [];

  return (
    <>
      <Section title="Recording">
        <Field label="population" htmlFor={ids.population} problem={pop ? undefined : `no population '${rec.population}'`}>
          <select
            id={ids.population}
            value={rec.population}
            data-testid="recording-population"
            onChange={(e) => {
              const next = doc.populations.find((p) => p.id === e.target.value);
              const variables = next ? variablesFor(rec.variables, recordableVariables(next, byName)) : rec.variables;
              update({ population: e.target.value, variables });
            }}
          >
            {!pop && <option value={rec.population}>{rec.population} (missing)</option>}
            {doc.populations.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label ? `${p.id} — ${p.label}` : p.id}
              </option>
            ))}
          </select>
        </Field>
        <Field label="neurons" htmlFor={ids.neurons} hint={`'all', or indices such as 0, 5, 10 or 0-9${pop ? ` (of ${pop.size})` : ''}`}>
          <DraftInput<Neurons>
            id={ids.neurons}
            value={rec.neurons ?? [0]}
            format={(v) => formatNeurons(v, [0])}
            parse={(t) => parseNeurons(t, pop?.size)}
            onChange={(neurons) => update({ neurons: neurons as RecordingDoc['neurons'] }, `rec-neurons:${id}`)}
            ariaLabel="recorded neurons"
            testid="recording-neurons"
          />
        </Field>
        <Field label="interval" htmlFor={ids.interval} hint={`empty: every step (${dtMs} ms)`} problem={intervalProblem(rec.intervalMs, dtMs)}>
          <NumberInput
            id={ids.interval}
            value={rec.intervalMs}
            constraints={{ min: 0, exclusiveMin: true, optional: true }}
            placeholder="every step"
            onChange={(intervalMs) => update({ intervalMs }, `rec-interval:${id}`)}
            ariaLabel="sampling interval (ms)"
            testid="recording-intervalMs"
          />
          <Unit>ms</Unit>
        </Field>
      </Section>
      <Section title="Variables" testid="recording-variables" aside={`${rec.variables.length} of ${available.length + extra.length}`}>
        {!pop || (available.length === 0 && !ready) ? <p className="muted insp-params-empty">{pop ? 'Loading the model library…' : 'Choose a population.'}</p> : null}
        <div className="insp-vars" role="group" aria-label="recorded variables">
          {[...available, ...extra.map((name) => ({ name, unit: '', description: 'not a variable of this model (a summed synapse state, or misspelt)', group: 'other' }))].map((v, k, all) => {
            const checked = rec.variables.includes(v.name);
            const heading = k === 0 || all[k - 1].group !== v.group;
            return (
              <div key={v.name} className="insp-var">
                {heading && <div className="insp-subheading">{groupTitle(v.group)}</div>}
                <label className="insp-var-label" title={v.description}>
                  <input
                    type="checkbox"
                    checked={checked}
                    disabled={checked && v.name === lastOne}
                    title={checked && v.name === lastOne ? 'a recording needs at least one variable' : undefined}
                    data-testid={`recording-var-${v.name}`}
                    onChange={(e) => {
                      const variables = toggleVariable(rec.variables, v.name, e.target.checked, available);
                      if (variables) update({ variables });
                    }}
                  />
                  <span className="mono">{v.name}</span>
                  {unitLabel(v.unit) && <span className="insp-unit">{v.unit}</span>}
                  {v.description && <span className="insp-var-desc muted">{v.description}</span>}
                </label>
              </div>
            );
          })}
        </div>
      </Section>
    </>
  );
}

function groupTitle(group: string): string {
  if (group === 'state') return 'States';
  if (group === 'input') return 'Inputs';
  if (group === 'other') return 'Other';
  return `Channel ${group}`;
}
