/**
 * From a project stimulus to a compiled one: finds the target input, converts amounts to canonical
 * units, compiles `expression` stimuli with the model language, and reads `sampled` CSV data.
 */
import { DiagnosticList } from '../model/diagnostics';
import { evaluate } from '../model/evaluate';
import { lowerExpr } from '../model/lower';
import { parseExpressionText } from '../model/parser';
import { describeDim, dimEquals, DIMENSIONLESS, type Dimension, type Unit } from '../model/units';
import { parseCsv } from '../project/csv';
import type { Stimulus } from '../project/schema';
import { EngineError } from './errors';
import { type FlatModel } from './flatten';
import { streamId } from './rng';
import { compileStimulus, type CompiledStimulus, type StimulusSpec } from './stimuli';
import { toCanonical } from './values';

const TIME: Dimension = [0, 0, 1, 0, 0, 0];

export function buildStimulus(s: Stimulus, path: string, flat: FlatModel, size: number, seed: number): { input: number; stimulus: CompiledStimulus } {
  const inputName = s.input ?? flat.inputs[0]?.name;
  const input = flat.inputs.findIndex((i) => i.name === inputName);
  if (input < 0) {
    const at = `${path}.input`;
    const names = flat.inputs.map((i) => i.name);
    throw new EngineError(
      'invalid-value',
      names.length === 0 ? `${path}: '${s.target}' has no inputs to stimulate` : `${at}: '${s.target}' has no input '${inputName}'; its inputs are: ${names.join(', ')}`,
      at,
    );
  }
  const unit = flat.inputs[input].unit;
  const amount = (v: number | string, key: string): number => toCanonical(v, unit, `${path}.${key}`);
  const startMs = s.startMs;
  const stopMs = s.stopMs ?? Infinity;
  if (stopMs <= startMs) throw new EngineError('invalid-value', `${path}.stopMs: must be after startMs (${startMs} ms)`, `${path}.stopMs`);
  let neurons: Int32Array | null = null;
  if (s.neurons !== 'all') {
    s.neurons.forEach((i, j) => {
      if (i >= size) throw new EngineError('invalid-value', `${path}.neurons[${j}]: neuron ${i} does not exist ('${s.target}' has ${size})`, `${path}.neurons[${j}]`);
    });
    neurons = Int32Array.from(s.neurons);
  }
  let spec: StimulusSpec;
  switch (s.type) {
    case 'step':
      spec = { type: 'step', amplitude: amount(s.amplitude, 'amplitude'), startMs, stopMs };
      break;
    case 'ramp':
      if (!Number.isFinite(stopMs)) throw new EngineError('invalid-value', `${path}.stopMs: a ramp needs an end time`, `${path}.stopMs`);
      spec = { type: 'ramp', from: amount(s.from, 'from'), to: amount(s.to, 'to'), startMs, stopMs };
      break;
    case 'pulses':
      spec = { type: 'pulses', amplitude: amount(s.amplitude, 'amplitude'), widthMs: s.widthMs, periodMs: s.periodMs, count: s.count, startMs, stopMs };
      break;
    case 'sine':
      spec = { type: 'sine', amplitude: amount(s.amplitude, 'amplitude'), frequencyHz: s.frequencyHz, offset: amount(s.offset, 'offset'), phaseDeg: s.phaseDeg, startMs, stopMs };
      break;
    case 'noise':
      spec = { type: 'noise', mean: amount(s.mean, 'mean'), std: amount(s.std, 'std'), startMs, stopMs, seed, stream: streamId('stimulus', s.id) };
      break;
    case 'expression':
      spec = { type: 'function', valueAt: compileTimeExpression(s.expression, unit, `${path}.expression`), startMs, stopMs };
      break;
    case 'sampled':
      spec = sampledSpec(s, unit, path, startMs, stopMs);
      break;
  }
  try {
    return { input, stimulus: compileStimulus(spec, neurons, size) };
  } catch (e) {
    throw new EngineError('invalid-value', `${path}: ${(e as Error).message}`, path);
  }
}

/** An expression of t in the model language, checked to have the input's dimension. */
function compileTimeExpression(text: string, unit: Unit, path: string): (tMs: number) => number {
  const diags = new DiagnosticList();
  const ast = parseExpressionText(text, diags);
  const dims = new Map<string, Dimension>([
    ['t', TIME],
    ['pi', DIMENSIONLESS],
  ]);
  const lowered = ast
    ? lowerExpr(ast, { lookup: (name) => dims.get(name), names: () => [...dims.keys()], allowReductions: false, constantOnly: false }, diags)
    : undefined;
  const first = diags.sorted().find((d) => d.severity === 'error');
  if (first || !lowered) {
    throw new EngineError('invalid-value', `${path}: column ${first?.col}: ${first?.message}`, path);
  }
  if (lowered.bool || (lowered.dim && !dimEquals(lowered.dim, unit.dim))) {
    throw new EngineError('invalid-value', `${path}: the expression is ${lowered.bool ? 'a condition' : describeDim(lowered.dim!)}, but the input is in ${unit.text}`, path);
  }
  const expr = lowered.expr;
  return (tMs) => evaluate(expr, (name) => (name === 't' ? tMs : Math.PI));
}

function sampledSpec(s: Extract<Stimulus, { type: 'sampled' }>, unit: Unit, path: string, startMs: number, stopMs: number): StimulusSpec {
  if ((s.values === undefined) === (s.csv === undefined)) {
    throw new EngineError('invalid-value', `${path}: give exactly one of 'values' or 'csv'`, path);
  }
  let times: Float64Array;
  let values: Float64Array;
  if (s.values) {
    if (!s.sampleIntervalMs) throw new EngineError('invalid-value', `${path}.sampleIntervalMs: needed with 'values'`, `${path}.sampleIntervalMs`);
    const interval = s.sampleIntervalMs;
    times = Float64Array.from(s.values, (_, i) => i * interval);
    values = Float64Array.from(s.values, (v) => v * unit.scale);
  } else {
    const parsed = parseCsv(s.csv!);
    if (!parsed.ok) {
      const e = parsed.errors[0];
      throw new EngineError('invalid-value', `${path}.csv: line ${e.line}${e.column ? `, column ${e.column}` : ''}: ${e.message}`, `${path}.csv`);
    }
    const table = parsed.table;
    const column = s.column ?? table.columns[1];
    const c = table.columns.indexOf(column);
    if (c <= 0) throw new EngineError('invalid-value', `${path}.column: no column '${column}'; columns are: ${table.columns.slice(1).join(', ')}`, `${path}.column`);
    times = Float64Array.from(table.values[0], (t) => t - table.values[0][0]);
    values = Float64Array.from(table.values[c], (v) => v * unit.scale);
  }
  return { type: 'sampled', times, values, interpolation: s.interpolation, startMs, stopMs };
}
