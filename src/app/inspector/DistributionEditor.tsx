/**
 * The fields of a distribution value: its kind (uniform, normal, and for per-connection values
 * log-normal) and each parameter with the value's unit (sigma is dimensionless). Optional clipping
 * bounds can be left empty.
 */
import { AmountInput } from './AmountInput';
import { DraftInput } from './DraftInput';
import { parseNumberText, numberText } from './numberText';
import { DIST_FIELDS, DIST_LABELS, distField, distProblem, setDistField, switchDistKind, type DistDoc, type DistKind } from './valueMode';
import './DistributionEditor.css';

export interface DistributionEditorProps {
  readonly dist: DistDoc;
  readonly unit: string;
  readonly label: string;
  readonly defaultValue: number;
  readonly lognormal: boolean;
  readonly testid: string;
  readonly onChange: (dist: DistDoc) => void;
}

export function DistributionEditor({ dist, unit, label, defaultValue, lognormal, testid, onChange }: DistributionEditorProps) {
  const kinds: DistKind[] = lognormal || dist.dist === 'lognormal' ? ['uniform', 'normal', 'lognormal'] : ['uniform', 'normal'];
  const problem = distProblem(dist, unit);
  return (
    <div className="insp-dist" data-testid={testid}>
      <label className="insp-dist-field">
        <span className="insp-dist-label">distribution</span>
        <select
          value={dist.dist}
          aria-label={`${label}: distribution`}
          data-testid={`${testid}-kind`}
          onChange={(e) => onChange(switchDistKind(dist, e.target.value as DistKind, unit, defaultValue))}
        >
          {kinds.map((k) => (
            <option key={k} value={k}>
              {DIST_LABELS[k]}
            </option>
          ))}
        </select>
      </label>
      {DIST_FIELDS[dist.dist].map((f) => (
        <label key={f.key} className="insp-dist-field" title={f.description}>
          <span className="insp-dist-label">{f.label}</span>
          {f.dimensionless ? (
            <DraftInput<number | undefined>
              value={distField(dist, f.key) as number | undefined}
              format={numberText}
              parse={(text) => parseNumberText(text, { min: 0 })}
              onChange={(v) => onChange(setDistField(dist, f.key, v))}
              ariaLabel={`${label}: ${f.label}`}
              testid={`${testid}-${f.key}`}
              className="insp-dist-number"
            />
          ) : (
            <AmountInput
              value={distField(dist, f.key)}
              unit={unit}
              nonNegative={f.nonNegative}
              placeholder={f.optional ? 'none' : undefined}
              onChange={(v) => onChange(setDistField(dist, f.key, v))}
              onClear={f.optional ? () => onChange(setDistField(dist, f.key, undefined)) : undefined}
              ariaLabel={`${label}: ${f.label}`}
              testid={`${testid}-${f.key}`}
            />
          )}
        </label>
      ))}
      {problem && (
        <div className="insp-error" data-testid={`${testid}-problem`}>
          {problem}
        </div>
      )}
    </div>
  );
}
