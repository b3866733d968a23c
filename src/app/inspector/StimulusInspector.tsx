/**
 * A stimulus: its type, the population and input it drives, which neurons, its timing, and the
 * fields of its type (schema.ts Stimulus). Amplitudes are in the driven input's unit (the cell's
 * first input unless `input` says otherwise) and have sliders.
 */
import { useId } from 'react';
import { projectStore, useCatalog, useProject } from '../store';
import type { StimulusDoc } from '../store/document';
import { DraftInput } from './DraftInput';
import { Field, Section, Unit } from './Field';
import { NumberInput } from './NumberInput';
import { formatNeurons, parseNeurons, type Neurons } from './neurons';
import { numberText } from './numberText';
import { toDeclared, type Amount } from './quantity';
import { rangeAround } from './sliderRange';
import { csvSummary, retypePatch, STIMULUS_FIELDS, STIMULUS_TYPE_LABELS, stimulusInput, stimulusProblems, stimulusValue, TIMING_FIELDS, type StimulusField, type StimulusType } from './stimulusFields';
import { fieldTestIds, ValueRow } from './ValueRow';

const dispatch = projectStore.getState().dispatch;

export function StimulusInspector({ stim }: { readonly stim: StimulusDoc }) {
  const doc = useProject((s) => s.doc);
  const byName = useCatalog((s) => s.byName);
  const target = doc.populations.find((p) => p.id === stim.target);
  const cell = target ? byName.get(target.model) : undefined;
  const input = stimulusInput(stim, cell);
  const unit = input?.unit ?? '';
  const ids = { type: useId(), target: useId(), input: useId(), neurons: useId() };
  const update = (patch: Partial<StimulusDoc>, coalesce?: string) => dispatch({ type: 'updateStimulus', id: stim.id, patch }, coalesce ? { coalesce } : undefined);
  const problems = stimulusProblems(stim);

  return (
    <>
      <Section title="Stimulus">
        <Field label="type" htmlFor={ids.type}>
          <select id={ids.type} value={stim.type} data-testid="stimulus-type" onChange={(e) => update(retypePatch(stim, e.target.value as StimulusType, unit))}>
            {(Object.keys(STIMULUS_TYPE_LABELS) as StimulusType[]).map((t) => (
              <option key={t} value={t}>
                {STIMULUS_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="target" htmlFor={ids.target} problem={target ? undefined : `no population '${stim.target}'`}>
          <select
            id={ids.target}
            value={stim.target}
            data-testid="stimulus-target"
            onChange={(e) => {
              const next = doc.populations.find((p) => p.id === e.target.value);
              const nextCell = next ? byName.get(next.model) : undefined;
              // An input the new target does not have would be an error: fall back to its first input.
              const keepInput = stim.input !== undefined && nextCell?.inputs.some((i) => i.name === stim.input);
              update({ target: e.target.value, input: keepInput ? stim.input : undefined });
            }}
          >
            {!target && <option value={stim.target}>{stim.target} (missing)</option>}
            {doc.populations.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label ? `${p.id} — ${p.label}` : p.id}
              </option>
            ))}
          </select>
        </Field>
        {cell && cell.inputs.length > 1 && (
          <Field label="input" htmlFor={ids.input} hint={input?.description}>
            <select
              id={ids.input}
              value={stim.input ?? cell.inputs[0].name}
              data-testid="stimulus-input"
              onChange={(e) => update({ input: e.target.value === cell.inputs[0].name ? undefined : e.target.value })}
            >
              {cell.inputs.map((i) => (
                <option key={i.name} value={i.name}>
                  {i.name} ({i.unit})
                </option>
              ))}
            </select>
          </Field>
        )}
        {cell && cell.inputs.length === 0 && <p className="insp-error">{cell.name} has no input to drive</p>}
        <Field label="neurons" htmlFor={ids.neurons} hint={`'all', or indices such as 0, 5, 10 or 0-9${target ? ` (of ${target.size})` : ''}`}>
          <DraftInput<Neurons>
            id={ids.neurons}
            value={stim.neurons ?? 'all'}
            format={(v) => formatNeurons(v, 'all')}
            parse={(t) => parseNeurons(t, target?.size)}
            onChange={(neurons) => update({ neurons: neurons as StimulusDoc['neurons'] }, `stim-neurons:${stim.id}`)}
            ariaLabel="stimulated neurons"
            testid="stimulus-neurons"
          />
        </Field>
      </Section>
      <Section title={STIMULUS_TYPE_LABELS[stim.type]} testid="stimulus-fields">
        {STIMULUS_FIELDS[stim.type].map((f) => (
          <StimulusFieldRow key={`${stim.type}:${f.key}`} stim={stim} field={f} unit={unit} update={update} />
        ))}
        {stim.type === 'expression' && <ExpressionField stim={stim} update={update} unit={unit} />}
        {stim.type === 'sampled' && <SampledFields stim={stim} update={update} unit={unit} />}
        {TIMING_FIELDS.map((f) => (
          <StimulusFieldRow key={f.key} stim={stim} field={f} unit={unit} update={update} />
        ))}
        {problems.map((p) => (
          <p key={p} className="insp-error" data-testid="stimulus-problem">
            {p}
          </p>
        ))}
      </Section>
    </>
  );
}

type Update = (patch: Partial<StimulusDoc>, coalesce?: string) => void;

function StimulusFieldRow({ stim, field, unit, update }: { readonly stim: StimulusDoc; readonly field: StimulusField; readonly unit: string; readonly update: Update }) {
  const id = useId();
  const coalesce = `stim:${stim.id}.${field.key}`;
  const value = stimulusValue(stim, field.key);
  if (field.kind === 'amount') {
    const x = (value === undefined ? undefined : toDeclared(value as Amount, unit)) ?? field.defaultValue ?? 0;
    return (
      <ValueRow
        ids={fieldTestIds(`stimulus-${field.key}`)}
        label={field.label}
        unit={unit}
        description={field.description}
        value={value as Amount | undefined}
        defaultValue={field.defaultValue}
        count={undefined}
        per="neuron"
        forms={false}
        nonNegative={field.nonNegative}
        range={rangeAround(x, unit, { symmetric: true, nonNegative: field.nonNegative })}
        onChange={(v) => update({ [field.key]: v } as Partial<StimulusDoc>, coalesce)}
      />
    );
  }
  return (
    <Field label={field.label} htmlFor={id} hint={field.description}>
      <NumberInput
        id={id}
        value={value as number | undefined}
        constraints={field.constraints}
        placeholder={field.constraints.optional ? 'none' : field.defaultValue !== undefined ? numberText(field.defaultValue) : undefined}
        onChange={(v) => update({ [field.key]: v } as Partial<StimulusDoc>, coalesce)}
        ariaLabel={`${field.label}${field.unit ? ` (${field.unit})` : ''}`}
        testid={`stimulus-${field.key}`}
      />
      {field.unit && <Unit>{field.unit}</Unit>}
    </Field>
  );
}

function ExpressionField({ stim, update, unit }: { readonly stim: Extract<StimulusDoc, { type: 'expression' }>; readonly update: Update; readonly unit: string }) {
  const id = useId();
  return (
    <Field label="expression" htmlFor={id} hint={`of t (ms), in ${unit || 'the input’s unit'}, e.g. "0.5 nA * sin(2*pi*t/(100 ms))"`}>
      <DraftInput<string>
        id={id}
        value={stim.expression}
        format={(v) => v}
        parse={(t) => (t.trim() === '' ? { ok: false, error: 'enter an expression of t' } : { ok: true, value: t })}
        onChange={(expression) => update({ expression } as Partial<StimulusDoc>, `stim:${stim.id}.expression`)}
        multiline
        rows={2}
        ariaLabel="expression of t"
        testid="stimulus-expression"
      />
    </Field>
  );
}

function SampledFields({ stim, update, unit }: { readonly stim: Extract<StimulusDoc, { type: 'sampled' }>; readonly update: Update; readonly unit: string }) {
  const ids = { interval: useId(), interpolation: useId(), column: useId() };
  const csv = stim.csv !== undefined ? csvSummary(stim.csv) : undefined;
  return (
    <>
      <Field label="data" hint={stim.values ? `values in ${unit || 'the input’s unit'}` : undefined}>
        <span data-testid="stimulus-values" className="insp-readonly">
          {stim.values ? `${stim.values.length} values` : csv ? (csv.ok ? `CSV: ${csv.rows} rows` : 'CSV') : 'no data'}
        </span>
      </Field>
      {csv && !csv.ok && <p className="insp-error">{csv.error}</p>}
      {stim.values !== undefined && (
        <Field label="sample interval" htmlFor={ids.interval}>
          <NumberInput
            id={ids.interval}
            value={stim.sampleIntervalMs}
            constraints={{ min: 0, exclusiveMin: true }}
            onChange={(v) => update({ sampleIntervalMs: v } as Partial<StimulusDoc>, `stim:${stim.id}.sampleIntervalMs`)}
            ariaLabel="sample interval (ms)"
            testid="stimulus-sampleIntervalMs"
          />
          <Unit>ms</Unit>
        </Field>
      )}
      {csv?.ok && csv.columns.length > 0 && (
        <Field label="column" htmlFor={ids.column}>
          <select
            id={ids.column}
            value={stim.column ?? (csv.columns.length === 1 ? csv.columns[0] : '')}
            data-testid="stimulus-column"
            onChange={(e) => update({ column: e.target.value || undefined } as Partial<StimulusDoc>)}
          >
            {stim.column === undefined && csv.columns.length > 1 && <option value="">choose…</option>}
            {csv.columns.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field label="interpolation" htmlFor={ids.interpolation}>
        <select
          id={ids.interpolation}
          value={stim.interpolation ?? 'linear'}
          data-testid="stimulus-interpolation"
          onChange={(e) => update({ interpolation: e.target.value as 'linear' | 'step' } as Partial<StimulusDoc>)}
        >
          <option value="linear">linear</option>
          <option value="step">step (hold)</option>
        </select>
      </Field>
    </>
  );
}
