/**
 * Layout primitives of the inspector: a collapsible section with a heading, and a labelled field
 * row (label | control, with an optional hint or problem under the control).
 */
import type { ReactNode } from 'react';
import './Field.css';

export interface SectionProps {
  readonly title: ReactNode;
  readonly children: ReactNode;
  readonly defaultOpen?: boolean;
  readonly testid?: string;
  /** Shown at the right of the heading (a count, an action). */
  readonly aside?: ReactNode;
}

export function Section({ title, children, defaultOpen = true, testid, aside }: SectionProps) {
  return (
    <details className="insp-section" open={defaultOpen} data-testid={testid}>
      <summary className="insp-section-title">
        <span>{title}</span>
        {aside !== undefined && <span className="insp-section-aside">{aside}</span>}
      </summary>
      <div className="insp-section-body">{children}</div>
    </details>
  );
}

export interface FieldProps {
  readonly label: ReactNode;
  /** The id of the control, so the label is its accessible name. */
  readonly htmlFor?: string;
  readonly children: ReactNode;
  readonly hint?: ReactNode;
  readonly problem?: string;
  readonly title?: string;
  readonly testid?: string;
}

export function Field({ label, htmlFor, children, hint, problem, title, testid }: FieldProps) {
  return (
    <div className="insp-field" data-testid={testid}>
      <label className="insp-field-label" htmlFor={htmlFor} title={title}>
        {label}
      </label>
      <div className="insp-field-control">
        <div className="insp-field-line">{children}</div>
        {hint && <div className="insp-field-hint">{hint}</div>}
        {problem && (
          <div className="insp-error" role="status">
            {problem}
          </div>
        )}
      </div>
    </div>
  );
}

/** A unit shown after a plain number field ("ms", "Hz"). */
export function Unit({ children }: { readonly children: ReactNode }) {
  return <span className="insp-unit">{children}</span>;
}
