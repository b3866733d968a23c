/**
 * One fit case: its label, the amplitude of each stimulus on the fitted population in this case
 * (empty: the project's), and its target data — a trace or spike times from a CSV file, chosen
 * with the file picker or dropped on the card.
 */
import { useRef, useState, type DragEvent } from 'react';
import type { ModelInfo } from '../../../library/catalog';
import { AmountInput } from '../../inspector/AmountInput';
import { DraftInput } from '../../inspector/DraftInput';
import type { FitDoc } from '../../store/document';
import { spikesSummary, traceSummary } from './fitCsv';
import { caseStimuli, type FitCaseDoc } from './fitDoc';
import { editFit, fitStore } from './fitInstance';
import type { ProjectDoc } from '../../store/document';
import './FitCaseCard.css';

interface Props {
  readonly doc: ProjectDoc;
  readonly fit: FitDoc;
  readonly index: number;
  readonly cell: ModelInfo | undefined;
}

function updateCase(index: number, change: (c: FitCaseDoc) => FitCaseDoc, coalesce?: string) {
  editFit((f) => ({ ...f, cases: (f.cases ?? []).map((c, k) => (k === index ? change(c) : c)) }), coalesce);
}

async function loadFile(index: number, file: File) {
  const text = await file.text();
  fitStore.getState().loadCaseCsv(index, text, file.name);
}

export function FitCaseCard({ doc, fit, index, cell }: Props) {
  const c = (fit.cases ?? [])[index];
  const fileRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const stimuli = caseStimuli(doc, fit.population);
  const inputUnit = (input: string | undefined) => (input ? cell?.inputs.find((i) => i.name === input)?.unit : cell?.inputs[0]?.unit) ?? '';
  const name = c.label ?? `case ${index + 1}`;
  const trace = traceSummary(c.trace);
  const spikes = spikesSummary(c.spikeTimesMs);

  const onDrop = (e: DragEvent) => {
    // Handled here (defaultPrevented): the project drop zone on window leaves it alone.
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) void loadFile(index, file);
  };
  const onDragOver = (e: DragEvent) => {
    if (![...e.dataTransfer.types].includes('Files')) return;
    // Keep the drop here: the app's project drop zone would otherwise take the file as a project.
    e.preventDefault();
    e.stopPropagation();
    e.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };

  return (
    <div
      className={`fit-case ${dragging ? 'is-dragging' : ''}`}
      data-testid={`fit-case-${index}`}
      onDragOver={onDragOver}
      onDragEnter={onDragOver}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      aria-label={`${name}: drop a CSV trace or spike times here`}
    >
      <div className="fit-case-head">
        <DraftInput<string>
          value={c.label ?? ''}
          format={(v) => v}
          parse={(t) => ({ ok: true, value: t })}
          onChange={(label) => updateCase(index, (x) => ({ ...x, label: label.trim() === '' ? undefined : label }), `case-label:${index}`)}
          ariaLabel={`label of case ${index + 1}`}
          testid={`fit-case-${index}-label`}
          placeholder={`case ${index + 1}`}
          className="fit-case-label"
        />
        <button
          type="button"
          className="fit-small-button"
          aria-label={`remove ${name}`}
          title={`Remove ${name} and its data`}
          data-testid={`fit-case-${index}-remove`}
          onClick={() => editFit((f) => ({ ...f, cases: (f.cases ?? []).filter((_, k) => k !== index) }))}
        >
          Remove
        </button>
      </div>
      {stimuli.map((s) => {
        const unit = inputUnit(s.input);
        return (
          <div key={s.id} className="fit-case-amp" title={`Amplitude of stimulus '${s.id}' in this case; empty: the project's (${String(s.amplitude)})`}>
            <span className="fit-case-amp-label mono">{s.id}</span>
            <AmountInput
              value={c.amplitudes?.[s.id]}
              unit={unit}
              placeholder={String(s.amplitude)}
              onChange={(v) => updateCase(index, (x) => ({ ...x, amplitudes: { ...(x.amplitudes ?? {}), [s.id]: v } }), `case-amp:${index}.${s.id}`)}
              onClear={() =>
                updateCase(index, (x) => {
                  const amplitudes = { ...(x.amplitudes ?? {}) };
                  delete amplitudes[s.id];
                  return { ...x, amplitudes };
                })
              }
              ariaLabel={`${name}: amplitude of ${s.id}${unit ? ` (${unit})` : ''}`}
              testid={`fit-case-${index}-amp-${s.id}`}
            />
          </div>
        );
      })}
      <div className="fit-case-data" data-testid={`fit-case-${index}-data`}>
        {trace ? (
          <span className="fit-case-datum">
            {trace}
            <button type="button" className="fit-case-clear" aria-label={`remove the trace of ${name}`} title="Remove the trace" onClick={() => updateCase(index, (x) => ({ ...x, trace: undefined }))}>
              ×
            </button>
          </span>
        ) : null}
        {spikes ? (
          <span className="fit-case-datum">
            {spikes}
            <button type="button" className="fit-case-clear" aria-label={`remove the spike times of ${name}`} title="Remove the spike times" onClick={() => updateCase(index, (x) => ({ ...x, spikeTimesMs: undefined }))}>
              ×
            </button>
          </span>
        ) : null}
        {!trace && !spikes && <span className="fit-note">No target data: drop a CSV here or load one.</span>}
      </div>
      <div className="fit-row">
        <button type="button" className="fit-small-button" onClick={() => fileRef.current?.click()} data-testid={`fit-case-${index}-load`} title="A trace: time column then values, units in the header (t (ms), v (mV)). Spike times: one column, in ms.">
          Load CSV…
        </button>
        <span className="fit-note">trace “t (ms), v (mV)” or one column of spike times (ms)</span>
        <input
          ref={fileRef}
          type="file"
          accept=".csv,.tsv,.txt,text/csv,text/plain"
          hidden
          data-testid={`fit-case-${index}-file`}
          aria-label={`CSV file for ${name}`}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void loadFile(index, file);
          }}
        />
      </div>
    </div>
  );
}
