/**
 * The project's `fit` section as the editor changes it: which parameters of the fitted population
 * are trained (the inspector's fit toggles, with bounds), and writing fitted values back into the
 * population (Apply best) and restoring the ones from before (Revert). Pure functions over the
 * document; the callers dispatch the resulting edits (`setFit`, a batch of setParam/setInit), so
 * every change is one undo step.
 *
 * Trained parameters are named as the fit worker names them: `gNa` (the cell's), `Na.gNa` (a
 * parameter of the inserted channel `Na`), `init:v` (the initial value of a state), `syn:input.w` (a
 * parameter of the synapse of projection `input` into the population, fitSynapseDoc.ts). Bounds and
 * values are numbers in the parameter's declared unit.
 */
import type { ModelInfo } from '../../../library/catalog';
import type { FitDoc, PopulationDoc, ProjectDoc, ProjectionDoc, ValueDoc } from '../../store/document';
import type { Edit } from '../../store/edits';
import { quantityValue, toDeclared } from '../../inspector/quantity';
import { centralValue, type AnyValue } from '../../inspector/valueMode';
import { isSynapseName, synapseDocValue, synapseTrainableInfo, synapseTrainableNames, synapseValueEdit } from './fitSynapseDoc';

export type FitParamDoc = NonNullable<FitDoc['params']>[number];
export type FitCaseDoc = NonNullable<FitDoc['cases']>[number];
export type LossTermDoc = NonNullable<FitDoc['loss']>[number];
export type FitOptimizerDoc = NonNullable<FitDoc['optimizer']>;
export type FitSurrogateDoc = NonNullable<FitDoc['surrogate']>;

type Catalog = ReadonlyMap<string, ModelInfo>;

/** What the editor knows of one trainable value of a population. */
export interface TrainableInfo {
  readonly name: string;
  /** Declared unit (`mS/cm2`, `1`). */
  readonly unit: string;
  /** The value in effect now (declared unit): the document's, else the model default; undefined when neither is known. */
  readonly value: number | undefined;
  /** The catalog's slider range, when the value is a parameter. */
  readonly range?: { readonly min: number; readonly max: number };
  readonly description: string;
}

/** A fit section with nothing trained yet, for `population`. */
export function newFit(population: string): FitDoc {
  return { population, params: [], cases: [{ label: 'case 1', amplitudes: {} }] };
}

/** The trained-parameter entry of `name`, if trained. */
export function fitParamOf(fit: FitDoc | undefined, population: string, name: string): FitParamDoc | undefined {
  // A synapse parameter belongs to the fit whatever population it is fitting (a network fit).
  if (!fit || (fit.population !== population && !isSynapseName(name))) return undefined;
  return fit.params?.find((p) => p.name === name);
}

/**
 * Default bounds for a newly trained value: from 0 to (at least) twice it for a positive value
 * (conductances, time constants: the sigmoid keeps them positive), else the slider's range (±50 mV
 * around a potential), always containing the value.
 */
export function defaultBounds(info: TrainableInfo): { min: number; max: number } {
  const x = info.value ?? 0;
  const r = info.range ?? { min: x - Math.max(1, Math.abs(x)), max: x + Math.max(1, Math.abs(x)) };
  // A synaptic weight keeps its sign (excitatory or inhibitory) and is seldom known within 2×.
  if (isSynapseName(info.name) && x !== 0) return x > 0 ? { min: 0, max: niceUp(Math.max(r.max, 4 * x)) } : { min: -niceUp(Math.max(-r.min, -4 * x)), max: 0 };
  if (x > 0) return { min: 0, max: niceUp(Math.max(r.max, 2 * x)) };
  return { min: Math.min(r.min, x), max: Math.max(r.max, x) };
}

function niceUp(x: number): number {
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x * (1 - 1e-12)) return Number((m * p).toPrecision(12));
  return 10 * p;
}

/**
 * The fit section with `name` trained (with default bounds) or not. Training a value of another
 * population than the fit's moves the fit to this population (its trained values are dropped:
 * one fit trains one population; the cases stay).
 */
export function toggleFitParam(doc: ProjectDoc, population: string, info: TrainableInfo, on: boolean): FitDoc | undefined {
  const current = doc.fit;
  // A synapse parameter joins (or leaves) the fit there is, whichever population it fits: with the
  // network gradient a weight anywhere upstream of the observed cell can be trained.
  const joins = current !== undefined && (current.population === population || isSynapseName(info.name));
  if (!on) {
    if (!current || !joins) return current;
    return { ...current, params: (current.params ?? []).filter((p) => p.name !== info.name) };
  }
  const base: FitDoc = current ? (joins ? current : { ...current, population, params: [] }) : newFit(population);
  if ((base.params ?? []).some((p) => p.name === info.name)) return base;
  return { ...base, params: [...(base.params ?? []), { name: info.name, ...defaultBounds(info) }] };
}

/** The fit section with one bound of a trained value changed (undefined: no bound). */
export function setFitBound(fit: FitDoc, name: string, which: 'min' | 'max', value: number | undefined): FitDoc {
  return {
    ...fit,
    params: (fit.params ?? []).map((p) => {
      if (p.name !== name) return p;
      const next = { ...p };
      if (value === undefined) delete next[which];
      else next[which] = value;
      return next;
    }),
  };
}

/** A bound as a number in the declared unit (bounds may be quantity strings in a file). */
export function boundValue(bound: number | string | undefined, unit: string): number | undefined {
  return bound === undefined ? undefined : toDeclared(bound, unit);
}

/** Why a trained value's bounds cannot work, for people; undefined when they can. */
export function boundsProblem(param: FitParamDoc, info: TrainableInfo | undefined): string | undefined {
  const unit = info?.unit ?? '1';
  const min = boundValue(param.min, unit);
  const max = boundValue(param.max, unit);
  if (param.min !== undefined && min === undefined) return `min '${param.min}' is not in ${unit}`;
  if (param.max !== undefined && max === undefined) return `max '${param.max}' is not in ${unit}`;
  if (min !== undefined && max !== undefined && !(min < max)) return 'min must be below max';
  const x = info?.value;
  if (x !== undefined && ((min !== undefined && x < min) || (max !== undefined && x > max))) return 'the starting value is outside the bounds (the fit starts at the nearest bound)';
  return undefined;
}

/** Which channel of the population a dotted name `Channel.param` belongs to (the first of that model). */
function channelIndex(pop: PopulationDoc, channelModel: string): number {
  return (pop.channels ?? []).findIndex((c) => c.model === channelModel);
}

/** The document's value of a trained name (undefined: the model's default / initial value). */
export function docValue(pop: PopulationDoc, name: string, projections: readonly ProjectionDoc[] = []): AnyValue | undefined {
  if (isSynapseName(name)) return synapseDocValue(projections, pop.id, name);
  if (name.startsWith('init:')) return (pop.init as Record<string, AnyValue> | undefined)?.[name.slice(5)];
  const dot = name.indexOf('.');
  if (dot > 0) {
    const ch = pop.channels?.[channelIndex(pop, name.slice(0, dot))];
    return (ch?.params as Record<string, AnyValue> | undefined)?.[name.slice(dot + 1)];
  }
  return (pop.params as Record<string, AnyValue> | undefined)?.[name];
}

/** Unit, current value and range of a trainable name of a population; undefined when the name is not one of its values. */
export function trainableInfo(pop: PopulationDoc, name: string, catalog: Catalog, projections: readonly ProjectionDoc[] = []): TrainableInfo | undefined {
  if (isSynapseName(name)) return synapseTrainableInfo(projections, pop.id, name, catalog);
  const cell = catalog.get(pop.model);
  if (!cell) return undefined;
  if (name.startsWith('init:')) {
    const state = name.slice(5);
    const dot = state.indexOf('.');
    const model = dot > 0 ? catalog.get(state.slice(0, dot)) : cell;
    const s = model?.states.find((v) => v.name === (dot > 0 ? state.slice(dot + 1) : state));
    if (!s) return undefined;
    return { name, unit: s.unit, value: centralValue(docValue(pop, name), s.unit), description: s.description };
  }
  const dot = name.indexOf('.');
  const model = dot > 0 ? catalog.get(name.slice(0, dot)) : cell;
  if (dot > 0 && channelIndex(pop, name.slice(0, dot)) < 0) return undefined;
  const p = model?.params.find((q) => q.name === (dot > 0 ? name.slice(dot + 1) : name));
  if (!p) return undefined;
  return { name, unit: p.unit, value: centralValue(docValue(pop, name), p.unit) ?? p.defaultValue, range: { min: p.min, max: p.max }, description: p.description };
}

/** Every value of a population that can be trained: the cell's parameters, its channels', its initial values, its input synapses'. */
export function trainables(pop: PopulationDoc, catalog: Catalog, projections: readonly ProjectionDoc[] = []): TrainableInfo[] {
  const cell = catalog.get(pop.model);
  if (!cell) return [];
  const names = [
    ...cell.params.map((p) => p.name),
    ...(pop.channels ?? []).flatMap((ch) => catalog.get(ch.model)?.params.map((p) => `${ch.model}.${p.name}`) ?? []),
    ...cell.states.map((s) => `init:${s.name}`),
    ...synapseTrainableNames(projections, pop.id, catalog),
  ];
  return [...new Set(names)].map((n) => trainableInfo(pop, n, catalog, projections)).filter((i): i is TrainableInfo => i !== undefined);
}

/** One edit that sets a trained name to `value` (declared unit), written as a quantity in that unit. */
function valueEdit(pop: PopulationDoc, name: string, value: ValueDoc | undefined, projections: readonly ProjectionDoc[]): Edit {
  if (isSynapseName(name)) return synapseValueEdit(projections, pop.id, name, value);
  if (name.startsWith('init:')) return { type: 'setInit', population: pop.id, state: name.slice(5), value };
  const dot = name.indexOf('.');
  if (dot > 0) {
    const channel = channelIndex(pop, name.slice(0, dot));
    if (channel < 0) throw new Error(`population '${pop.id}' has no channel '${name.slice(0, dot)}'`);
    return { type: 'setParam', population: pop.id, param: name.slice(dot + 1), value, channel };
  }
  return { type: 'setParam', population: pop.id, param: name, value };
}

/** What the document had before Apply, to put back with Revert. */
export interface AppliedValues {
  readonly population: string;
  /** By trained name: the document value before (undefined: it had none). */
  readonly before: Readonly<Record<string, AnyValue | undefined>>;
  /** By trained name: what Apply wrote (declared unit). */
  readonly applied: Readonly<Record<string, number>>;
}

/**
 * Apply best: one batch edit writing `values` (declared units, by trained name) into the
 * population, and what it replaced.
 */
export function applyValuesEdit(doc: ProjectDoc, population: string, params: readonly { readonly name: string; readonly unit: string }[], values: readonly number[]): { edit: Edit; applied: AppliedValues } {
  const pop = doc.populations.find((p) => p.id === population);
  if (!pop) throw new Error(`the project has no population '${population}'`);
  const before: Record<string, AnyValue | undefined> = {};
  const applied: Record<string, number> = {};
  const edits = params.map((p, k) => {
    before[p.name] = docValue(pop, p.name, doc.projections);
    applied[p.name] = values[k];
    return valueEdit(pop, p.name, quantityValue(round(values[k]), p.unit), doc.projections ?? []);
  });
  return { edit: { type: 'batch', edits }, applied: { population, before, applied } };
}

/** Revert: one batch edit putting back what Apply replaced. */
export function revertValuesEdit(doc: ProjectDoc, applied: AppliedValues): Edit {
  const pop = doc.populations.find((p) => p.id === applied.population);
  if (!pop) throw new Error(`the project has no population '${applied.population}'`);
  return { type: 'batch', edits: Object.entries(applied.before).map(([name, value]) => valueEdit(pop, name, value as ValueDoc | undefined, doc.projections ?? [])) };
}

/** Six significant digits: what a fitted value can claim, without binary noise in the file. */
function round(x: number): number {
  return Number.parseFloat(x.toPrecision(6));
}

/** The stimuli a case can set an amplitude for: those on the fitted population that have one. */
export function caseStimuli(doc: ProjectDoc, population: string): { id: string; input: string | undefined; amplitude: number | string }[] {
  return (doc.stimuli ?? []).flatMap((s) => (s.target === population && 'amplitude' in s && s.amplitude !== undefined ? [{ id: s.id, input: s.input, amplitude: s.amplitude }] : []));
}
