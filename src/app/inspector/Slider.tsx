/**
 * A range slider over a number in a value's declared unit. Its range widens to take in the value
 * and stays widened while it is shown (sliderRange.ts), so a drag back inside does not make the
 * thumb jump. Every input event dispatches: the parent coalesces a drag into one undo step.
 */
import { useState } from 'react';
import { formatNumber } from './quantity';
import { sliderRangeFor, snap, type SliderRange } from './sliderRange';
import './Slider.css';

export interface SliderProps {
  readonly value: number;
  /** The catalog's range (ParamInfo.min/max) or one made around the value. */
  readonly base: { readonly min: number; readonly max: number };
  readonly unit: string;
  readonly onChange: (value: number) => void;
  readonly ariaLabel: string;
  readonly testid?: string;
  readonly disabled?: boolean;
}

export function Slider({ value, base, unit, onChange, ariaLabel, testid, disabled }: SliderProps) {
  const [range, setRange] = useState<SliderRange>(() => sliderRangeFor(base, value));
  const needed = sliderRangeFor(base, value, range);
  // Adjusting state while rendering (React's pattern for state derived from props): only grows.
  if (needed !== range) setRange(needed);
  const suffix = unit ? ` ${unit}` : '';
  return (
    <span className="insp-slider">
      <span className="insp-slider-bound" aria-hidden="true">
        {formatNumber(needed.min)}
      </span>
      <input
        type="range"
        min={needed.min}
        max={needed.max}
        step={needed.step}
        value={value}
        disabled={disabled}
        aria-label={ariaLabel}
        aria-valuetext={`${formatNumber(value)}${suffix}`}
        data-testid={testid}
        onChange={(e) => onChange(snap(Number(e.target.value), needed))}
      />
      <span className="insp-slider-bound" aria-hidden="true">
        {formatNumber(needed.max)}
      </span>
    </span>
  );
}
