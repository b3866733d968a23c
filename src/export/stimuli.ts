/**
 * Stimuli as Brian2 code: each stimulus becomes a term of `<input>_ext = ...`, set by a
 * run_regularly at the start of every step (before the monitors), so the value is held through the
 * step — also through rk4's intermediate stages — as in Spikeflow (src/engine/stimuli.ts):
 *
 * - step, ramp, pulses, sine: expressions of t (`20*nA*int(t >= 10*ms - t_tol)*int(t < 90*ms - t_tol)`);
 * - noise: `mean + std*randn()`, a fresh draw per neuron and step (not scaled by 1/sqrt(dt));
 * - expression: the project's expression of t, translated like model expressions;
 * - sampled: a TimedArray with one value per step, computed by numpy from the samples.
 *
 * `t_tol` is the tolerance of the on/off comparisons (1e-9 of the run's time scale), so a stimulus
 * starting at 50 ms with dt = 0.1 ms switches on exactly at step 500 despite rounding.
 */
import { DiagnosticList } from '../model/diagnostics';
import { DIMENSIONLESS, type Dimension } from '../model/units';
import { lowerExpr } from '../model/lower';
import { parseExpressionText } from '../model/parser';
import { parseCsv } from '../project/csv';
import type { Project, Stimulus } from '../project/schema';
import { printBrian2 } from './brian2Expr';
import { canonicalQuantity, quantityInUnit, SECOND } from './brian2Units';
import { ExportError } from './errors';
import type { PopulationPlan } from './populationPlan';
import { pyList, pyNumber, pyNumberTidy, pyString } from './pyFormat';
import { toCanonical } from './values';

export interface StimulusCode {
  /** Brian2 expression terms per cell input name. */
  readonly terms: ReadonlyMap<string, string[]>;
  /** Per-neuron weights of stimuli that target some neurons only: variable name → Python counts. */
  readonly masks: readonly { readonly name: string; readonly code: string; readonly stimulus: string }[];
  /** Python statements defining TimedArrays (added to the namespace under `name`). */
  readonly timedArrays: readonly { readonly name: string; readonly code: string }[];
}

const ms = (v: number): string => canonicalQuantity(v, SECOND);
/** A time after `/`, in parentheses (x/(5*ms), not (x/5)*ms). */
const perMs = (v: number): string => `(${ms(v)})`;

export function stimulusCode(project: Project, plan: PopulationPlan, onIfelse: () => void): StimulusCode {
  const terms = new Map<string, string[]>();
  const masks: { name: string; code: string; stimulus: string }[] = [];
  const timedArrays: { name: string; code: string }[] = [];
  project.stimuli.forEach((s, k) => {
    if (s.target !== plan.population.id) return;
    const path = `$.stimuli[${k}]`;
    const where = `stimulus '${s.id}'`;
    const inputName = s.input ?? plan.flat.inputs[0]?.name;
    const input = plan.flat.inputs.find((i) => i.name === inputName);
    if (!input) throw new ExportError(`${path}.input: ${where}: '${s.target}' has no input '${inputName}'`, `${path}.input`);
    // Amounts in the input's declared unit (20*nA, 3*uA/cm**2, 40*Hz), as a user reads them.
    const amount = (v: number | string, key: string): string => quantityInUnit(toCanonical(v, input.unit, `${path}.${key}`), input.unit);
    const inUnit = (v: number): string => quantityInUnit(v, input.unit);
    const stopMs = s.stopMs ?? Infinity;
    if (stopMs <= s.startMs) throw new ExportError(`${path}.stopMs: ${where} must stop after it starts (${s.startMs} ms)`, `${path}.stopMs`);
    const window = [s.startMs > 0 ? `int(t >= ${ms(s.startMs)} - t_tol)` : '', Number.isFinite(stopMs) ? `int(t < ${ms(stopMs)} - t_tol)` : ''].filter(Boolean);
    const since = s.startMs > 0 ? `(t - ${ms(s.startMs)})` : 't';
    let value: string;
    switch (s.type) {
      case 'step':
        value = amount(s.amplitude, 'amplitude');
        break;
      case 'ramp': {
        if (!Number.isFinite(stopMs)) throw new ExportError(`${path}.stopMs: ${where}: a ramp needs an end time`, `${path}.stopMs`);
        const from = toCanonical(s.from, input.unit, `${path}.from`);
        const to = toCanonical(s.to, input.unit, `${path}.to`);
        value = `(${inUnit(from)} + ${inUnit(to - from)}*clip(${since}/${perMs(stopMs - s.startMs)}, 0, 1))`;
        break;
      }
      case 'pulses': {
        const pulse = `floor((${since} + t_tol)/${perMs(s.periodMs)})`;
        const parts = [amount(s.amplitude, 'amplitude'), `int(${since} - ${pulse}*${ms(s.periodMs)} < ${ms(s.widthMs)} - t_tol)`];
        if (s.count !== undefined) parts.push(`int(${pulse} < ${s.count})`);
        value = parts.join('*');
        break;
      }
      case 'sine': {
        const phase = (s.phaseDeg * Math.PI) / 180;
        const offset = toCanonical(s.offset, input.unit, `${path}.offset`);
        const sine = `${amount(s.amplitude, 'amplitude')}*sin(2*pi*${pyNumber(s.frequencyHz)}*Hz*${since}${phase !== 0 ? ` + ${pyNumber(phase)}` : ''})`;
        value = offset !== 0 ? `(${inUnit(offset)} + ${sine})` : sine;
        break;
      }
      case 'noise': {
        const mean = toCanonical(s.mean, input.unit, `${path}.mean`);
        const std = amount(s.std, 'std');
        value = mean !== 0 ? `(${inUnit(mean)} + ${std}*randn())` : `${std}*randn()`;
        break;
      }
      case 'expression':
        value = `(${expressionStimulus(s.expression, input.unit.dim, `${path}.expression`, where, onIfelse)})`;
        break;
      case 'sampled': {
        const name = `ta_${plan.population.id}_${s.id}`;
        timedArrays.push({ name, code: sampledCode(s, input.unit, name, path) });
        value = `${name}(t)`;
        window.length = 0; // the window is applied when the per-step values are computed
        break;
      }
    }
    const factors = [value, ...window];
    if (s.neurons !== 'all') {
      s.neurons.forEach((i, j) => {
        if (i >= plan.population.size) throw new ExportError(`${path}.neurons[${j}]: neuron ${i} does not exist ('${s.target}' has ${plan.population.size})`, `${path}.neurons[${j}]`);
      });
      const name = plan.names.add(`mask:${s.id}`, `${s.id}_on`);
      // A neuron listed twice gets the stimulus twice, as in Spikeflow.
      masks.push({ name, stimulus: s.id, code: `np.bincount(${pyList(s.neurons)}, minlength=${plan.population.size})` });
      factors.push(name);
    }
    terms.set(input.name, [...(terms.get(input.name) ?? []), factors.join('*')]);
  });
  return { terms, masks, timedArrays };
}

/** An `expression` stimulus: the model language's expression of t, as a Brian2 expression. */
function expressionStimulus(text: string, dim: Dimension, path: string, where: string, onIfelse: () => void): string {
  const diags = new DiagnosticList();
  const ast = parseExpressionText(text, diags);
  const dims = new Map<string, Dimension>([
    ['t', SECOND],
    ['pi', DIMENSIONLESS],
  ]);
  const lowered = ast ? lowerExpr(ast, { lookup: (name) => dims.get(name), names: () => [...dims.keys()], allowReductions: false, constantOnly: false }, diags) : undefined;
  const first = diags.sorted().find((d) => d.severity === 'error');
  if (first || !lowered || lowered.bool) throw new ExportError(`${path}: ${where}: ${first ? `column ${first.col}: ${first.message}` : 'not an expression of t'}`, path);
  try {
    return printBrian2(lowered.expr, dim, { resolve: (name) => (dims.has(name) ? { text: name, dim: dims.get(name)! } : undefined), onIfelse }).text;
  } catch (e) {
    throw new ExportError(`${path}: ${where}: ${(e as Error).message}`, path);
  }
}

/** Python that computes the per-step values of a sampled stimulus and wraps them in a TimedArray. */
function sampledCode(s: Extract<Stimulus, { type: 'sampled' }>, unit: PopulationPlan['flat']['inputs'][number]['unit'], name: string, path: string): string {
  if ((s.values === undefined) === (s.csv === undefined)) throw new ExportError(`${path}: give exactly one of 'values' or 'csv'`, path);
  let times: number[];
  let values: number[];
  if (s.values) {
    if (!s.sampleIntervalMs) throw new ExportError(`${path}.sampleIntervalMs: needed with 'values'`, `${path}.sampleIntervalMs`);
    const interval = s.sampleIntervalMs;
    times = s.values.map((_, i) => i * interval);
    values = [...s.values];
  } else {
    const parsed = parseCsv(s.csv!);
    if (!parsed.ok) throw new ExportError(`${path}.csv: line ${parsed.errors[0].line}: ${parsed.errors[0].message}`, `${path}.csv`);
    const table = parsed.table;
    const column = s.column ?? table.columns[1];
    const c = table.columns.indexOf(column);
    if (c <= 0) throw new ExportError(`${path}.column: no column '${column}'`, `${path}.column`);
    times = Array.from(table.values[0], (t) => t - table.values[0][0]);
    values = Array.from(table.values[c]);
  }
  const canonical = values.map((v) => v * unit.scale);
  return [
    `${name} = TimedArray(`,
    `    sampled_steps(${pyList(times, '    ', pyNumberTidy)},`,
    `                  ${pyList(canonical, '    ', pyNumber)},`,
    `                  ${pyString(s.interpolation)}, ${pyNumber(s.startMs)}, ${s.stopMs === undefined ? 'None' : pyNumber(s.stopMs)}, n_steps)*${wrapUnit(canonicalQuantity(1, unit.dim))},`,
    '    dt=defaultclock.dt)',
  ].join('\n');
}

const wrapUnit = (oneUnit: string): string => {
  const u = oneUnit.replace(/^1\*?/, '');
  if (u === '') return '1';
  return u.startsWith('/') ? `(1${u})` : `(${u})`;
};
