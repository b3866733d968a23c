/**
 * A field for one amount in a declared unit: the number, the unit beside it, and, for a value
 * written in another unit ("0.01 s" for a value in ms), what it comes to in the declared one.
 */
import { DraftInput } from './DraftInput';
import { amountFieldText, amountProblem, conversionHint, parseAmountText, unitLabel, type Amount } from './quantity';
import './AmountInput.css';

export interface AmountInputProps {
  /** The document value; undefined shows `placeholder` (or `fallback`, the default in effect). */
  readonly value: Amount | undefined;
  readonly unit: string;
  readonly onChange: (value: Amount) => void;
  readonly ariaLabel: string;
  readonly testid?: string;
  readonly id?: string;
  /** The value in effect when the document has none (a model default), shown as the field's text. */
  readonly fallback?: number;
  readonly placeholder?: string;
  readonly nonNegative?: boolean;
  /** Optional amounts (clipping bounds) can be emptied; `onClear` removes them. */
  readonly onClear?: () => void;
}

type Field = Amount | undefined;

export function AmountInput(props: AmountInputProps) {
  const { value, unit, fallback } = props;
  const shown: Field = value ?? fallback;
  const label = unitLabel(unit);
  const hint = value === undefined ? '' : conversionHint(value, unit);
  return (
    <span className="insp-amount">
      <DraftInput<Field>
        value={value}
        format={() => (shown === undefined ? '' : amountFieldText(shown, unit))}
        parse={(text) => {
          if (text.trim() === '' && props.onClear) return { ok: true, value: undefined };
          const parsed = parseAmountText(text, unit);
          if (!parsed.ok) return parsed;
          if (props.nonNegative && parsed.declared < 0) return { ok: false, error: 'must be ≥ 0' };
          return { ok: true, value: parsed.value };
        }}
        onChange={(v) => (v === undefined ? props.onClear?.() : props.onChange(v))}
        ariaLabel={props.ariaLabel}
        testid={props.testid}
        id={props.id}
        placeholder={props.placeholder}
        className="insp-amount-field"
        problem={value === undefined ? undefined : amountProblem(value, unit)}
        title={label ? `a number in ${label}, or a quantity with its unit (e.g. "1 ${label}")` : 'a number'}
      />
      {label && <span className="insp-unit">{label}</span>}
      {hint && <span className="insp-hint">{hint}</span>}
    </span>
  );
}
