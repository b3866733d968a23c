/** A plain number field (dtMs, size, p, k, ...) with the schema's constraints checked as typed. */
import { DraftInput } from './DraftInput';
import { numberText, parseNumberText, type NumberConstraints } from './numberText';

export interface NumberInputProps {
  readonly value: number | undefined;
  readonly constraints?: NumberConstraints;
  readonly onChange: (value: number | undefined) => void;
  readonly ariaLabel: string;
  readonly testid?: string;
  readonly id?: string;
  readonly placeholder?: string;
  /** Extra check beyond the constraints (e.g. "stop after start"); a message refuses the value. */
  readonly check?: (value: number | undefined) => string | undefined;
  readonly problem?: string;
  readonly className?: string;
}

export function NumberInput({ value, constraints = {}, onChange, ariaLabel, testid, id, placeholder, check, problem, className }: NumberInputProps) {
  return (
    <DraftInput<number | undefined>
      value={value}
      format={numberText}
      parse={(text) => {
        const parsed = parseNumberText(text, constraints);
        if (!parsed.ok) return parsed;
        const refused = check?.(parsed.value);
        return refused ? { ok: false, error: refused } : parsed;
      }}
      onChange={onChange}
      ariaLabel={ariaLabel}
      testid={testid}
      id={id}
      placeholder={placeholder}
      problem={problem}
      className={`insp-number ${className ?? ''}`}
    />
  );
}
