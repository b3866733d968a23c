/**
 * Layout pieces of the fit panel's settings column: a collapsible section, and a labelled field
 * row (label, control, unit) whose label names the control for assistive technology.
 */
import { useId, type ReactNode } from 'react';
import { NumberInput } from '../../inspector/NumberInput';
import type { NumberConstraints } from '../../inspector/numberText';
import './FitField.css';

export function FitSection({ title, children, aside, testid, defaultOpen = true }: { readonly title: string; readonly children: ReactNode; readonly aside?: ReactNode; readonly testid?: string; readonly defaultOpen?: boolean }) {
  return (
    <details className="fit-section" open={defaultOpen} data-testid={testid}>
      <summary className="fit-section-title">
        <span>{title}</span>
        {aside !== undefined && <span className="fit-section-aside">{aside}</span>}
      </summary>
      <div className="fit-section-body">{children}</div>
    </details>
  );
}

export interface FitNumberProps {
  readonly label: string;
  readonly value: number | undefined;
  readonly onChange: (value: number | undefined) => void;
  readonly testid: string;
  readonly unit?: string;
  readonly constraints?: NumberConstraints;
  readonly placeholder?: string;
  readonly hint?: string;
  readonly disabled?: boolean;
}

/** A number field in a row: `label [ 0.05 ] unit`. */
export function FitNumber({ label, value, onChange, testid, unit, constraints, placeholder, hint }: FitNumberProps) {
  const id = useId();
  return (
    <div className="fit-field" title={hint}>
      <label className="fit-field-label" htmlFor={id}>
        {label}
      </label>
      <NumberInput id={id} value={value} onChange={onChange} constraints={constraints} ariaLabel={unit ? `${label} (${unit})` : label} testid={testid} placeholder={placeholder} className="fit-number" />
      <span className="fit-field-unit">{unit}</span>
    </div>
  );
}

/** A select in a row: `label [choice ▾]`. */
export function FitSelect<V extends string>({
  label,
  value,
  options,
  onChange,
  testid,
  hint,
}: {
  readonly label: string;
  readonly value: V;
  readonly options: readonly { readonly value: V; readonly label: string; readonly title?: string }[];
  readonly onChange: (value: V) => void;
  readonly testid: string;
  readonly hint?: string;
}) {
  const id = useId();
  return (
    <div className="fit-field" title={hint}>
      <label className="fit-field-label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="fit-select" value={value} onChange={(e) => onChange(e.target.value as V)} data-testid={testid}>
        {options.map((o) => (
          <option key={o.value} value={o.value} title={o.title}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
