/**
 * What the stimulus inspector shows for each stimulus type (schema.ts Stimulus): its fields, their
 * units and constraints, and how a stimulus changes type without leaving the old type's fields
 * behind (stimuli are strict objects).
 */
import type { ModelInfo, VariableInfo } from '../../library/catalog';
import { formatCsvIssue, parseCsv } from '../../project/csv';
import type { StimulusDoc } from '../store/document';
import type { NumberConstraints } from './numberText';
import type { Amount } from './quantity';

export type StimulusType = StimulusDoc['type'];

export const STIMULUS_TYPE_LABELS: Readonly<Record<StimulusType, string>> = {
  step: 'step',
  ramp: 'ramp',
  pulses: 'pulse train',
  sine: 'sine',
  noise: 'noise',
  expression: 'expression of t',
  sampled: 'sampled data',
};

export type StimulusField =
  /** A value in the target input's unit (a number or a quantity string), with a slider. */
  | { readonly kind: 'amount'; readonly key: string; readonly label: string; readonly description: string; readonly defaultValue?: number; readonly nonNegative?: boolean }
  /** A plain number whose unit is in its name (ms, Hz, degrees). */
  | { readonly kind: 'number'; readonly key: string; readonly label: string; readonly unit: string; readonly description: string; readonly constraints: NumberConstraints; readonly defaultValue?: number };

const amount = (key: string, label: string, description: string, extra: { defaultValue?: number; nonNegative?: boolean } = {}): StimulusField => ({ kind: 'amount', key, label, description, ...extra });
const num = (key: string, label: string, unit: string, description: string, constraints: NumberConstraints, defaultValue?: number): StimulusField => ({
  kind: 'number',
  key,
  label,
  unit,
  description,
  constraints,
  defaultValue,
});

/** The fields particular to each type (the common ones, timing and target, are shown for all). */
export const STIMULUS_FIELDS: Readonly<Record<StimulusType, readonly StimulusField[]>> = {
  step: [amount('amplitude', 'amplitude', 'value while active')],
  ramp: [amount('from', 'from', 'value at startMs'), amount('to', 'to', 'value at stopMs (a ramp needs a stop time)')],
  pulses: [
    amount('amplitude', 'amplitude', 'value during a pulse'),
    num('widthMs', 'width', 'ms', 'duration of each pulse', { min: 0, exclusiveMin: true }),
    num('periodMs', 'period', 'ms', 'time from one pulse onset to the next', { min: 0, exclusiveMin: true }),
    num('count', 'count', '', 'number of pulses; empty: until the stop time', { integer: true, min: 1, optional: true }),
  ],
  sine: [
    amount('amplitude', 'amplitude', 'peak deviation from the offset'),
    num('frequencyHz', 'frequency', 'Hz', 'cycles per second', { min: 0 }),
    amount('offset', 'offset', 'constant added to the sine', { defaultValue: 0 }),
    num('phaseDeg', 'phase', '°', 'phase at startMs, degrees', {}, 0),
  ],
  noise: [
    amount('mean', 'mean', 'mean of the per-step value', { defaultValue: 0 }),
    amount('std', 'std', 'standard deviation of the per-step value (not scaled by dt)', { nonNegative: true }),
  ],
  expression: [],
  sampled: [],
};

/** Timing fields every stimulus has. */
export const TIMING_FIELDS: readonly StimulusField[] = [
  num('startMs', 'start', 'ms', 'switched on at this time', { min: 0 }, 0),
  num('stopMs', 'stop', 'ms', 'switched off at this time; empty: until the end of the run', { min: 0, optional: true }),
];

/** The input the stimulus drives: its own `input`, or the cell's first. */
export function stimulusInput(stim: StimulusDoc, cell: ModelInfo | undefined): VariableInfo | undefined {
  if (!cell) return undefined;
  if (stim.input !== undefined) return cell.inputs.find((i) => i.name === stim.input);
  return cell.inputs[0];
}

/** Reads a field of any stimulus type (the union does not let TypeScript index it by name). */
export function stimulusValue(stim: StimulusDoc, key: string): unknown {
  return (stim as unknown as Record<string, unknown>)[key];
}

/** Problems across fields that the validator would report (stop before start, ramp without stop, ...). */
export function stimulusProblems(stim: StimulusDoc): string[] {
  const out: string[] = [];
  const start = stim.startMs ?? 0;
  if (stim.stopMs !== undefined && stim.stopMs <= start) out.push('the stop time must be after the start time');
  if (stim.type === 'ramp' && stim.stopMs === undefined) out.push('a ramp needs a stop time');
  if (stim.type === 'pulses' && stim.widthMs > stim.periodMs) out.push('the pulse width must not exceed the period');
  if (stim.type === 'sampled') {
    if (stim.values === undefined && stim.csv === undefined) out.push('sampled data needs values or CSV text');
    if (stim.values !== undefined && stim.sampleIntervalMs === undefined) out.push('values need a sample interval');
  }
  return out;
}

/**
 * The patch that turns a stimulus into another type: the common fields stay, the old type's own
 * fields are removed (set undefined, which the edit drops), and the new type's get values from
 * the old amplitude where there was one.
 */
export function retypePatch(stim: StimulusDoc, type: StimulusType, unitText: string): Partial<StimulusDoc> {
  if (stim.type === type) return {};
  const old = stimulusValue(stim, 'amplitude') ?? stimulusValue(stim, 'to') ?? stimulusValue(stim, 'std') ?? stimulusValue(stim, 'mean');
  const a: Amount = typeof old === 'number' || typeof old === 'string' ? old : unitText === '' || unitText === '1' ? 1 : `1 ${unitText}`;
  const zero: Amount = unitText === '' || unitText === '1' ? 0 : `0 ${unitText}`;
  const patch: Record<string, unknown> = {};
  const common = new Set(['type', 'id', 'target', 'input', 'neurons', 'startMs', 'stopMs']);
  for (const key of Object.keys(stim)) if (!common.has(key)) patch[key] = undefined;
  patch.type = type;
  switch (type) {
    case 'step':
      patch.amplitude = a;
      break;
    case 'ramp':
      patch.from = zero;
      patch.to = a;
      break;
    case 'pulses':
      patch.amplitude = a;
      patch.widthMs = 5;
      patch.periodMs = 20;
      break;
    case 'sine':
      patch.amplitude = a;
      patch.frequencyHz = 10;
      break;
    case 'noise':
      patch.mean = zero;
      patch.std = a;
      break;
    case 'expression':
      patch.expression = unitText === '' || unitText === '1' ? 'sin(2*pi*t/(100 ms))' : `1 ${unitText} * sin(2*pi*t/(100 ms))`;
      break;
    case 'sampled':
      patch.values = [0, 1, 0];
      patch.sampleIntervalMs = 10;
      break;
  }
  // A ramp is only defined with a stop time.
  if (type === 'ramp' && stim.stopMs === undefined) patch.stopMs = (stim.startMs ?? 0) + 100;
  return patch as Partial<StimulusDoc>;
}

/** What the inspector says about a sampled stimulus's CSV: its data columns and rows, or its first problem. */
export function csvSummary(csv: string): { readonly ok: true; readonly rows: number; readonly columns: readonly string[] } | { readonly ok: false; readonly error: string } {
  const parsed = parseCsv(csv);
  if (!parsed.ok) return { ok: false, error: parsed.errors.length > 0 ? formatCsvIssue(parsed.errors[0]) : 'invalid CSV' };
  return { ok: true, rows: parsed.table.rowCount, columns: parsed.table.columns.slice(1) };
}
