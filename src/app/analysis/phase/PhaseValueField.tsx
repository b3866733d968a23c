/**
 * A number the phase plane holds rather than the project: an input's value (the injected current
 * that moves the v-nullcline, the classic demonstration) or a held state. A field with its unit, a
 * slider, and — once typed over — a button back to the project's value.
 */
import { useId } from 'react';
import { NumberInput } from '../../inspector/NumberInput';
import { Slider } from '../../inspector/Slider';
import { unitLabel } from '../../inspector/quantity';
import { formatValue, withUnit } from './phaseFormat';
import './PhaseValueField.css';

export interface PhaseValueFieldProps {
  readonly label: string;
  readonly unit: string;
  readonly description?: string;
  readonly value: number;
  readonly overridden: boolean;
  /** The project's value, which the reset button returns to. */
  readonly projectValue: number;
  /** What the project's value is, for the reset button: "from the stimuli", "the initial value". */
  readonly projectValueName: string;
  readonly range: { readonly min: number; readonly max: number };
  readonly testid: string;
  readonly onChange: (value: number | undefined) => void;
}

export function PhaseValueField(props: PhaseValueFieldProps) {
  const id = useId();
  const u = unitLabel(props.unit);
  const projectText = withUnit(formatValue(props.projectValue), props.unit);
  return (
    <div className="phase-value" data-testid={`${props.testid}-row`}>
      <label htmlFor={id} className="phase-value-label" title={props.description ? `${props.label}: ${props.description}` : props.label}>
        {props.label}
      </label>
      <NumberInput
        id={id}
        value={props.value}
        onChange={(v) => props.onChange(v)}
        ariaLabel={u ? `${props.label} (${u})` : props.label}
        testid={props.testid}
        className="phase-value-number"
      />
      {u && <span className="phase-value-unit">{u}</span>}
      <Slider value={props.value} base={props.range} unit={u} onChange={(v) => props.onChange(v)} ariaLabel={`${props.label} slider`} testid={`${props.testid}-slider`} />
      <button
        type="button"
        className="phase-value-reset"
        data-testid={`${props.testid}-reset`}
        disabled={!props.overridden}
        title={props.overridden ? `back to ${props.projectValueName}: ${projectText}` : `${props.projectValueName}: ${projectText}`}
        aria-label={`${props.label}: back to ${props.projectValueName}`}
        onClick={() => props.onChange(undefined)}
      >
        ↺
      </button>
    </div>
  );
}
