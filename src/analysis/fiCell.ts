/**
 * Which cell an f–I curve measures: a population of the project (its model, parameter values,
 * channels and integrator, as the inspector last left them) or a catalog model with its defaults.
 *
 * An f–I curve is of ONE kind of cell, so values that differ between neurons are reduced to a
 * typical value, and the caller is told: a per-neuron array → its mean, a normal distribution → its
 * mean (clipped to [min, max]), a uniform one → the middle of [low, high].
 */
import type { ModelInfo } from '../library/catalog';
import { dimEquals, parseQuantityText, parseUnitText } from '../model/units';
import type { IntegratorName, ProjectInput } from '../project/schema';
import type { FiAmount, FiCell } from './fiCurve';

type PopulationInput = ProjectInput['populations'][number];
type ValueInput = NonNullable<PopulationInput['params']>[string];
export type ModelLookup = (name: string) => ModelInfo | undefined;

export interface ResolvedFiCell {
  readonly cell: FiCell;
  /** A population of the project, or a catalog model with its defaults. */
  readonly origin: 'population' | 'catalog';
  /** Where it comes from, for people: `exc (LIF)` or `LIF (defaults)`. */
  readonly title: string;
  /** The input the current goes into and its declared unit (the cell's first input). */
  readonly input: { readonly name: string; readonly unit: string } | undefined;
  /** Values reduced to one typical value, for people: `R: normal distribution → its mean, 1 Mohm`. */
  readonly notes: readonly string[];
}

/** A number without binary noise. */
export function formatValue(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return String(Number.parseFloat(x.toPrecision(10)));
}

/** An amount in the declared unit `unitText` (`"0.01 s"` in ms is 10); undefined if it cannot be read so. */
export function inDeclaredUnit(amount: FiAmount, unitText: string): number | undefined {
  if (typeof amount === 'number') return Number.isFinite(amount) ? amount : undefined;
  const q = parseQuantityText(amount);
  const declared = parseUnitText(unitText);
  if (!q || !declared || !dimEquals(q.unit.dim, declared.dim)) return undefined;
  return Number.parseFloat(((q.value * q.unit.scale) / declared.scale).toPrecision(12));
}

const withUnit = (x: number, unit: string) => (unit === '' || unit === '1' ? formatValue(x) : `${formatValue(x)} ${unit}`);

/**
 * One scalar for a value that may differ between neurons, and a note when it was reduced. Numbers
 * in distributions are in the declared unit (`unit`); undefined if it cannot be reduced (then the
 * model default is used).
 */
export function typicalValue(value: ValueInput, unit: string | undefined): { value: FiAmount; note?: string } | undefined {
  if (typeof value === 'number' || typeof value === 'string') return { value };
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined;
    const mean = value.reduce((s, x) => s + x, 0) / value.length;
    const same = value.every((x) => x === value[0]);
    return same ? { value: value[0] } : { value: mean, note: `per-neuron values → their mean, ${unit === undefined ? formatValue(mean) : withUnit(mean, unit)}` };
  }
  if (unit === undefined) return undefined;
  const num = (a: FiAmount | undefined) => (a === undefined ? undefined : inDeclaredUnit(a, unit));
  if (value.dist === 'uniform') {
    const low = num(value.low);
    const high = num(value.high);
    if (low === undefined || high === undefined) return undefined;
    const mid = (low + high) / 2;
    return { value: mid, note: `uniform distribution → the middle of [${withUnit(low, '')}, ${withUnit(high, unit)}], ${withUnit(mid, unit)}` };
  }
  const mean = num(value.mean);
  if (mean === undefined) return undefined;
  const min = num(value.min);
  const max = num(value.max);
  const clipped = Math.min(max ?? Infinity, Math.max(min ?? -Infinity, mean));
  return { value: clipped, note: `normal distribution → its mean, ${withUnit(clipped, unit)}` };
}

function reduceMap(
  values: Readonly<Record<string, ValueInput>> | undefined,
  unitOf: (name: string) => string | undefined,
  prefix: string,
  notes: string[],
  keep: (name: string) => boolean = () => true,
): Record<string, FiAmount> {
  const out: Record<string, FiAmount> = {};
  for (const [name, value] of Object.entries(values ?? {})) {
    if (!keep(name)) continue;
    const typical = typicalValue(value, unitOf(name));
    if (!typical) {
      notes.push(`${prefix}${name}: could not be reduced to one value; the model default is used`);
      continue;
    }
    out[name] = typical.value;
    if (typical.note) notes.push(`${prefix}${name}: ${typical.note}`);
  }
  return out;
}

const unitLookup = (info: ModelInfo | undefined) => (name: string) =>
  info?.params.find((p) => p.name === name)?.unit ?? info?.states.find((s) => s.name === name)?.unit;

/** The cell of population `populationId` as the project document has it now. */
export function fiCellFromPopulation(doc: ProjectInput, populationId: string, lookup: ModelLookup): ResolvedFiCell | undefined {
  const pop = doc.populations.find((p) => p.id === populationId);
  if (!pop) return undefined;
  const info = lookup(pop.model);
  const notes: string[] = [];
  const params = reduceMap(pop.params, unitLookup(info), '', notes);
  // Summed synapse states (`proj.g`) belong to projections, which the f–I project does not have.
  const init = reduceMap(pop.init, unitLookup(info), 'initial ', notes, (name) => !name.includes('.'));
  const channels = (pop.channels ?? []).map((c) => {
    const ci = lookup(c.model);
    return { model: c.model, params: reduceMap(c.params, unitLookup(ci), `${c.model}.`, notes), init: reduceMap(c.init, unitLookup(ci), `initial ${c.model}.`, notes) };
  });
  const models = usedProjectModels(doc, [pop.model, ...channels.map((c) => c.model)]);
  const cell: FiCell = {
    model: pop.model,
    params,
    init,
    ...(channels.length > 0 ? { channels } : {}),
    integrator: (pop.integrator ?? 'euler') as IntegratorName,
    update: pop.update ?? 'simultaneous',
    ...(Object.keys(models).length > 0 ? { models } : {}),
  };
  const first = info?.inputs[0];
  return { cell, origin: 'population', title: `${pop.id} (${pop.model})`, input: first ? { name: first.name, unit: first.unit } : undefined, notes };
}

/** A catalog model with its default values. */
export function fiCellFromModel(info: ModelInfo, doc?: ProjectInput): ResolvedFiCell {
  const models = doc ? usedProjectModels(doc, [info.name]) : {};
  const first = info.inputs[0];
  return {
    cell: { model: info.name, ...(Object.keys(models).length > 0 ? { models } : {}) },
    origin: 'catalog',
    title: `${info.name} (defaults)`,
    input: first ? { name: first.name, unit: first.unit } : undefined,
    notes: [],
  };
}

/** The project's own model sources among `names` (library models need none). */
function usedProjectModels(doc: ProjectInput, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of names) if (doc.models?.[n] !== undefined) out[n] = doc.models[n];
  return out;
}

/**
 * Every parameter of the cell (and its channels) with the value it runs with, in the declared
 * unit, defaults filled in: what tells two curves apart. Keys: `tau_m`, `Na.gNa`.
 */
export function cellValues(cell: FiCell, lookup: ModelLookup): Map<string, { value: number | string; unit: string }> {
  const out = new Map<string, { value: number | string; unit: string }>();
  const add = (prefix: string, info: ModelInfo | undefined, given: Readonly<Record<string, FiAmount>> | undefined) => {
    const names = new Set([...(info?.params.map((p) => p.name) ?? []), ...Object.keys(given ?? {})]);
    for (const name of names) {
      const p = info?.params.find((q) => q.name === name);
      const raw = given?.[name];
      const unit = p?.unit ?? '';
      const value = raw === undefined ? p?.defaultValue : (inDeclaredUnit(raw, unit) ?? raw);
      if (value !== undefined) out.set(`${prefix}${name}`, { value, unit });
    }
  };
  add('', lookup(cell.model), cell.params);
  for (const c of cell.channels ?? []) add(`${c.model}.`, lookup(c.model), c.params);
  return out;
}
