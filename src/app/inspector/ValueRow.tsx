/**
 * One value of the inspector: a parameter, an initial value, a weight or a delay. Label | number
 * with its unit, a slider, the value form ("value | distribution | per neuron"), a reset button
 * when the value differs from the default, and the description. The row does not know whose
 * value it is: the parent turns `onChange` into the right edit (inspectorEdits.ts).
 */
import { useId, type ReactNode } from 'react';
import { AmountInput } from './AmountInput';
import { ArrayEditor } from './ArrayEditor';
import { DistributionEditor } from './DistributionEditor';
import { Slider } from './Slider';
import { formatNumber, quantityValue, unitLabel } from './quantity';
import { rangeAround } from './sliderRange';
import { centralValue, differsFromDefault, isDistribution, switchMode, valueModeOf, valueSummary, type AnyValue, type ValueMode } from './valueMode';
import './ValueRow.css';

/** Test ids of a row's parts. */
export interface RowTestIds {
  readonly row: string;
  readonly input: string;
  readonly slider: string;
  readonly reset: string;
  readonly mode: string;
}

/** `param-tau_m`, `param-tau_m-input`, ...: the row carries the base id. */
export function rowTestIds(base: string): RowTestIds {
  return { row: base, input: `${base}-input`, slider: `${base}-slider`, reset: `${base}-reset`, mode: `${base}-mode` };
}

/** `projection-weight` on the field itself and `projection-weight-row` on the row. */
export function fieldTestIds(base: string): RowTestIds {
  return { row: `${base}-row`, input: base, slider: `${base}-slider`, reset: `${base}-reset`, mode: `${base}-mode` };
}

export interface ValueRowProps {
  readonly ids: RowTestIds;
  readonly label: string;
  readonly unit: string;
  readonly description?: string;
  readonly value: AnyValue | undefined;
  /** The model's default (declared unit); undefined when not known (initial values). */
  readonly defaultValue?: number;
  /** The slider's range (ParamInfo.min/max); made around the value when absent. */
  readonly range?: { readonly min: number; readonly max: number };
  /** Elements a per-element array needs; undefined: not known, so no per-element form. */
  readonly count: number | undefined;
  readonly per: 'neuron' | 'connection';
  /** Offer the value forms (distribution, per element); false: a plain value. */
  readonly forms?: boolean;
  readonly lognormal?: boolean;
  readonly nonNegative?: boolean;
  /** Text in the empty field when the document has no value and no default is known. */
  readonly placeholder?: string;
  /** What reset means, for its label: "reset to default", "use the model's initial value". */
  readonly resetLabel?: string;
  readonly onChange: (value: AnyValue) => void;
  readonly onReset?: () => void;
  /** Extra controls at the end of the field's line (the fit toggle). */
  readonly aside?: ReactNode;
  /** Extra content under the value's editor (a trained value's fit bounds). */
  readonly footer?: ReactNode;
}

const MODE_LABELS: Record<ValueMode, (per: string) => string> = {
  value: () => 'value',
  distribution: () => 'distribution',
  array: (per) => `per ${per}`,
};

export function ValueRow(props: ValueRowProps) {
  const { ids, label, unit, value, defaultValue, count, per } = props;
  const inputId = useId();
  const mode = valueModeOf(value);
  const central = centralValue(value, unit) ?? defaultValue;
  const base = props.range ?? rangeAround(central ?? 0, unit, { nonNegative: props.nonNegative });
  const u = unitLabel(unit);
  const canReset = props.onReset !== undefined && differsFromDefault(value, defaultValue, unit);
  const defaultText = defaultValue === undefined ? '' : `${formatNumber(defaultValue)}${u ? ` ${u}` : ''}`;
  const resetTitle = props.resetLabel ?? (defaultValue === undefined ? 'reset' : `reset to the default, ${defaultText}`);

  const setMode = (next: ValueMode) => {
    if (next === mode) return;
    props.onChange(switchMode(value, next, { unitText: unit, defaultValue: central ?? 0, count }));
  };

  return (
    <div className={`insp-vrow ${canReset ? 'insp-vrow-changed' : ''}`} data-testid={ids.row}>
      <label className="insp-vrow-label" htmlFor={inputId} title={props.description ? `${label}: ${props.description}` : label}>
        <span className="insp-vrow-name">{label}</span>
      </label>
      <div className="insp-vrow-control">
        <div className="insp-vrow-line">
          {mode === 'value' ? (
            <AmountInput
              id={inputId}
              value={value as string | number | undefined}
              unit={unit}
              fallback={defaultValue}
              placeholder={props.placeholder}
              nonNegative={props.nonNegative}
              onChange={props.onChange}
              ariaLabel={u ? `${label} (${u})` : label}
              testid={ids.input}
            />
          ) : (
            <span id={inputId} className="insp-vrow-summary" data-testid={ids.input} title={valueSummary(value, unit)}>
              {valueSummary(value, unit)}
            </span>
          )}
          {props.forms !== false && (
            <select
              className="insp-vrow-mode"
              value={mode}
              aria-label={`${label}: value form`}
              title="a single value, a distribution drawn per element, or one value per element"
              data-testid={ids.mode}
              onChange={(e) => setMode(e.target.value as ValueMode)}
            >
              {(['value', 'distribution', 'array'] as const).map((m) => (
                <option key={m} value={m} disabled={m === 'array' && count === undefined && mode !== 'array'}>
                  {MODE_LABELS[m](per)}
                </option>
              ))}
            </select>
          )}
          {canReset && (
            <button type="button" className="insp-vrow-reset" title={resetTitle} aria-label={`${label}: ${resetTitle}`} data-testid={ids.reset} onClick={props.onReset}>
              ↺
            </button>
          )}
          {props.aside}
        </div>
        {mode === 'value' && central !== undefined && (
          <Slider
            value={central}
            base={base}
            unit={u}
            onChange={(x) => props.onChange(quantityValue(x, unit))}
            ariaLabel={`${label} slider${u ? ` (${u})` : ''}`}
            testid={ids.slider}
          />
        )}
        {mode === 'distribution' && isDistribution(value) && (
          <DistributionEditor dist={value} unit={unit} label={label} defaultValue={central ?? 0} lognormal={props.lognormal ?? false} testid={`${ids.row}-dist`} onChange={props.onChange} />
        )}
        {mode === 'array' && Array.isArray(value) && (
          <ArrayEditor values={value} unit={unit} label={label} count={count} per={per} testid={`${ids.row}-array`} onChange={props.onChange} />
        )}
        {props.footer}
        {props.description && <div className="insp-vrow-desc">{props.description}</div>}
      </div>
    </div>
  );
}
