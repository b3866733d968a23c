/**
 * The target: the fit cases (each with its stimulus amplitudes and its data), and "Make synthetic
 * target": the cases simulated from the current model with chosen "true" values of the trained
 * parameters, stored into the cases (so the fit can then start from other values and must find
 * these again).
 */
import { prettyUnit } from '../../../analysis/fiFormat';
import { numberText, parseNumberText } from '../../inspector/numberText';
import { useCatalog, useProject } from '../../store';
import { FitCaseCard } from './FitCaseCard';
import { FitSection } from './FitField';
import { trainableInfo } from './fitDoc';
import { editFit, fitStore, useFit } from './fitInstance';
import { currentTruth, MAX_TARGET_SAMPLES } from './fitStore';
import './FitTargetSection.css';

export function FitTargetSection() {
  const doc = useProject((s) => s.doc);
  const byName = useCatalog((s) => s.byName);
  const trueText = useFit((s) => s.trueText);
  const making = useFit((s) => s.makingTarget);
  const truth = useFit((s) => s.truth);
  const fit = doc.fit;
  if (!fit) return null;
  const pop = doc.populations.find((p) => p.id === fit.population);
  const cell = pop ? byName.get(pop.model) : undefined;
  const cases = fit.cases ?? [];
  const trained = (fit.params ?? []).map((p) => ({ param: p, info: pop ? trainableInfo(pop, p.name, byName, doc.projections) : undefined }));
  const madeWith = currentTruth(truth, doc);

  // Each true value: what the user typed, else the value in the project now.
  const values: Record<string, number> = {};
  const problems: string[] = [];
  for (const { param, info } of trained) {
    const text = trueText[param.name] ?? '';
    if (text.trim() === '') {
      if (info?.value !== undefined) values[param.name] = info.value;
      continue;
    }
    const parsed = parseNumberText(text);
    if (parsed.ok && parsed.value !== undefined) values[param.name] = parsed.value;
    else problems.push(`${param.name}: ${parsed.ok ? 'enter a number' : parsed.error}`);
  }
  const samplesText = trueText['#samples'] ?? '';
  const samples = samplesText.trim() === '' ? MAX_TARGET_SAMPLES : Number(samplesText);
  if (!(Number.isInteger(samples) && samples >= 2)) problems.push('samples: a whole number ≥ 2');
  const blocked = making || trained.length === 0 || problems.length > 0;

  return (
    <FitSection title="Target" testid="fit-target" aside={`${cases.length} case${cases.length === 1 ? '' : 's'}`}>
      {cases.map((_, k) => (
        <FitCaseCard key={k} doc={doc} fit={fit} index={k} cell={cell} />
      ))}
      <button
        type="button"
        className="fit-small-button fit-add-case"
        data-testid="fit-case-add"
        title="Another case: the same model under other stimulus amplitudes, fitted together"
        onClick={() => editFit((f) => ({ ...f, cases: [...(f.cases ?? []), { label: `case ${(f.cases ?? []).length + 1}`, amplitudes: {} }] }))}
      >
        Add case
      </button>
      <div className="fit-synthetic" data-testid="fit-synthetic">
        <div className="fit-synthetic-title">Synthetic target</div>
        <p className="fit-note">Simulate every case with these “true” values and use the result as the target. Then change the starting values in the inspector and fit.</p>
        {trained.length === 0 && <p className="fit-note">Train a value first (tick “fit” in the inspector).</p>}
        {trained.map(({ param, info }) => {
          const unit = prettyUnit(info?.unit ?? '');
          return (
            <label key={param.name} className="fit-field">
              <span className="fit-field-label mono">{param.name}</span>
              <input
                type="text"
                inputMode="decimal"
                className="insp-input fit-number"
                value={trueText[param.name] ?? ''}
                placeholder={info?.value !== undefined ? numberText(info.value) : ''}
                onChange={(e) => fitStore.getState().setTrueText(param.name, e.target.value)}
                aria-label={`true ${param.name}${unit ? ` (${unit})` : ''}`}
                data-testid={`fit-true-${param.name}`}
              />
              <span className="fit-field-unit">{unit}</span>
            </label>
          );
        })}
        <label className="fit-field" title="Samples kept per case (evenly spaced); spike times are kept exactly">
          <span className="fit-field-label">samples</span>
          <input type="text" inputMode="numeric" className="insp-input fit-number" value={samplesText} placeholder={String(MAX_TARGET_SAMPLES)} onChange={(e) => fitStore.getState().setTrueText('#samples', e.target.value)} aria-label="samples per case" data-testid="fit-target-samples" />
          <span className="fit-field-unit">per case</span>
        </label>
        {problems.length > 0 && <p className="fit-problem">{problems.join('; ')}</p>}
        <div className="fit-row">
          <button type="button" className="primary fit-small-button" disabled={blocked} data-testid="fit-make-target" onClick={() => void fitStore.getState().makeTarget(values, samples)} title="Simulate the cases with the values above and store the traces and spikes as the target">
            {making ? 'Simulating…' : 'Make synthetic target'}
          </button>
          {madeWith && (
            <span className="fit-note" data-testid="fit-truth">
              made with {Object.entries(madeWith).map(([n, v]) => `${n} = ${numberText(v)}${prettyUnit(trained.find((t) => t.param.name === n)?.info?.unit ?? '') ? ` ${prettyUnit(trained.find((t) => t.param.name === n)?.info?.unit ?? '')}` : ''}`).join(', ')}
            </span>
          )}
        </div>
      </div>
    </FitSection>
  );
}
