/**
 * One value per neuron (or per connection): a summary line (count, min / mean / max) and the raw
 * array to edit, as JSON or pasted numbers. A wrong length is shown, not refused, so a user can
 * paste first and resize the population after.
 */
import { DraftInput } from './DraftInput';
import { formatNumber, unitLabel } from './quantity';
import { arrayLengthProblem, arrayStats, fitArrayLength, formatArray, parseArrayText } from './valueMode';
import './ArrayEditor.css';

export interface ArrayEditorProps {
  readonly values: readonly number[];
  readonly unit: string;
  readonly label: string;
  readonly count: number | undefined;
  /** `neuron` or `connection`. */
  readonly per: string;
  readonly testid: string;
  readonly onChange: (values: number[]) => void;
}

export function ArrayEditor({ values, unit, label, count, per, testid, onChange }: ArrayEditorProps) {
  const stats = arrayStats(values);
  const u = unitLabel(unit);
  const suffix = u ? ` ${u}` : '';
  const problem = arrayLengthProblem(values, count, `per ${per}`);
  return (
    <div className="insp-array" data-testid={testid}>
      <div className="insp-array-summary">
        <span>
          per-{per} values ({values.length}){u && <span className="muted"> in {u}</span>}
        </span>
        {stats && (
          <span className="muted insp-array-stats">
            min {formatNumber(stats.min)}
            {suffix} · mean {formatNumber(stats.mean)}
            {suffix} · max {formatNumber(stats.max)}
            {suffix}
          </span>
        )}
      </div>
      <DraftInput<readonly number[]>
        value={values}
        format={formatArray}
        parse={(text) => {
          const parsed = parseArrayText(text);
          return parsed.ok ? { ok: true, value: parsed.values } : parsed;
        }}
        onChange={(v) => onChange([...v])}
        multiline
        rows={Math.min(6, Math.max(2, Math.ceil(values.length / 10)))}
        ariaLabel={`${label}: per-${per} values (JSON array)`}
        testid={`${testid}-text`}
        problem={problem}
      />
      {count !== undefined && values.length !== count && (
        <div className="insp-array-fix">
          <button type="button" data-testid={`${testid}-fit`} onClick={() => onChange(fitArrayLength(values, count))}>
            {values.length < count ? `Extend to ${count} (repeat last)` : `Trim to ${count}`}
          </button>
        </div>
      )}
    </div>
  );
}
