/**
 * The loss: a weighted sum of terms (trace MSE with an optional time window, spike count, rate,
 * first-spike latency, van Rossum distance with its τ, ISI distribution), each with its weight.
 */
import { LOSS_KINDS } from '../../../project/fitSchema';
import { useProject } from '../../store';
import type { LossTermDoc } from './fitDoc';
import { FitNumber, FitSection, FitSelect } from './FitField';
import { editFit } from './fitInstance';
import { LOSS_LABELS, type LossKind } from './fitSettings';
import './FitLossSection.css';

const DEFAULT_LOSS: readonly LossTermDoc[] = [{ kind: 'trace-mse', weight: 1 }];

/** A fresh term of a kind, keeping the weight. */
function termOf(kind: LossKind, weight: number | undefined): LossTermDoc {
  const w = weight ?? 1;
  switch (kind) {
    case 'van-rossum':
      return { kind, weight: w, tauMs: 10 };
    default:
      return { kind, weight: w };
  }
}

function setTerms(change: (terms: LossTermDoc[]) => LossTermDoc[], coalesce?: string) {
  editFit((f) => ({ ...f, loss: change([...(f.loss ?? DEFAULT_LOSS)]) }), coalesce);
}

function setTerm(k: number, patch: Record<string, number | undefined>, coalesce: string) {
  setTerms((terms) => terms.map((t, i) => (i === k ? (Object.fromEntries(Object.entries({ ...t, ...patch }).filter(([, v]) => v !== undefined)) as LossTermDoc) : t)), coalesce);
}

export function FitLossSection() {
  const loss = useProject((s) => s.doc.fit?.loss);
  const hasFit = useProject((s) => s.doc.fit !== undefined);
  if (!hasFit) return null;
  const terms = loss ?? DEFAULT_LOSS;
  return (
    <FitSection title="Loss" testid="fit-loss" aside={terms.length === 1 ? LOSS_LABELS[terms[0].kind].label : `${terms.length} terms`}>
      {terms.map((t, k) => (
        <div key={k} className="fit-loss-term" data-testid={`fit-loss-${k}`}>
          <div className="fit-loss-term-head">
            <FitSelect
              label={`term ${k + 1}`}
              value={t.kind}
              options={LOSS_KINDS.map((kind) => ({ value: kind, label: LOSS_LABELS[kind].label, title: LOSS_LABELS[kind].hint }))}
              onChange={(kind) => setTerms((all) => all.map((x, i) => (i === k ? termOf(kind, x.weight) : x)))}
              testid={`fit-loss-${k}-kind`}
              hint={LOSS_LABELS[t.kind].hint}
            />
            <button type="button" className="fit-small-button" aria-label={`remove loss term ${k + 1}`} title="Remove this term" data-testid={`fit-loss-${k}-remove`} disabled={terms.length === 1} onClick={() => setTerms((all) => all.filter((_, i) => i !== k))}>
              ×
            </button>
          </div>
          <FitNumber label="weight" value={t.weight ?? 1} onChange={(v) => v !== undefined && setTerm(k, { weight: v }, `loss-weight:${k}`)} constraints={{ min: 0 }} testid={`fit-loss-${k}-weight`} hint="this term's factor in the weighted sum" />
          {t.kind === 'van-rossum' && <FitNumber label="τ" unit="ms" value={t.tauMs ?? 10} onChange={(v) => v !== undefined && setTerm(k, { tauMs: v }, `loss-tau:${k}`)} constraints={{ min: 0, exclusiveMin: true }} testid={`fit-loss-${k}-tau`} hint="time constant of the exponential filter on each spike train" />}
          {t.kind === 'trace-mse' && (
            <>
              <FitNumber label="from" unit="ms" value={t.startMs} onChange={(v) => setTerm(k, { startMs: v }, `loss-start:${k}`)} constraints={{ min: 0, optional: true }} placeholder="start" testid={`fit-loss-${k}-start`} hint="compare from this time on (empty: from the start)" />
              <FitNumber label="to" unit="ms" value={t.stopMs} onChange={(v) => setTerm(k, { stopMs: v }, `loss-stop:${k}`)} constraints={{ min: 0, exclusiveMin: true, optional: true }} placeholder="end" testid={`fit-loss-${k}-stop`} hint="compare up to this time (empty: to the end)" />
            </>
          )}
        </div>
      ))}
      <button type="button" className="fit-small-button fit-add-term" data-testid="fit-loss-add" title="Add a term to the weighted sum" onClick={() => setTerms((all) => [...all, termOf(all.some((x) => x.kind === 'spike-count') ? 'van-rossum' : 'spike-count', 1)])}>
        Add term
      </button>
    </FitSection>
  );
}
