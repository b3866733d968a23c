/**
 * Population-level choices of the inspector: renaming (the same rules renamePopulation enforces,
 * checked as the user types), the integrator list, which channels can go into a cell, and the
 * per-neuron arrays a size change would break.
 */
import type { ModelInfo } from '../../library/catalog';
import { CANONICAL_INTEGRATORS, IDENTIFIER_RE } from '../../project/schema';
import { recordingId, type PopulationDoc, type ProjectDoc } from '../store/document';
import { unitOf } from './quantity';

/** Why `newId` cannot be the population's new id, or undefined if it can. */
export function renameProblem(doc: ProjectDoc, id: string, newId: string): string | undefined {
  if (newId === id) return undefined;
  if (newId === '') return 'enter an id';
  if (!IDENTIFIER_RE.test(newId)) return 'use letters, digits and _, starting with a letter';
  const taken =
    doc.populations.some((p) => p.id === newId) ||
    (doc.projections ?? []).some((p) => p.id === newId) ||
    (doc.stimuli ?? []).some((s) => s.id === newId) ||
    (doc.recordings ?? []).some((r, i) => recordingId(r, i) === newId);
  return taken ? `'${newId}' is already used` : undefined;
}

export const INTEGRATOR_LABELS: Readonly<Record<string, string>> = {
  euler: 'Euler (forward)',
  midpoint: 'midpoint (RK2)',
  heun: 'Heun (RK2)',
  rk4: 'Runge–Kutta 4',
  exponential_euler: 'exponential Euler',
  exact: 'exact (linear models)',
};

/** The integrators offered: Spikeflow's six, plus an alias (ngclearn's `rk2`, ...) the file uses. */
export function integratorOptions(current: string | undefined): string[] {
  const out: string[] = [...CANONICAL_INTEGRATORS];
  if (current !== undefined && !out.includes(current)) out.push(current);
  return out;
}

/** Whether the update-order option means anything: only with two or more states. */
export function hasUpdateOrder(model: ModelInfo | undefined, pop: PopulationDoc): boolean {
  return (model !== undefined && model.states.length >= 2) || pop.update !== undefined;
}

/** The sequential order only works with Euler-type integrators (crossChecks.ts). */
export function updateOrderProblem(pop: PopulationDoc): string | undefined {
  const integrator = pop.integrator ?? 'euler';
  if (pop.update === 'sequential' && integrator !== 'euler' && integrator !== 'rk1' && integrator !== 'exponential_euler') {
    return `sequential update works with the euler or exponential_euler integrator, not ${integrator}`;
  }
  return undefined;
}

/** Current per area (A/m²): what channel currents are, and so what a cell taking channels takes. */
const CURRENT_DENSITY = [-2, 0, 0, 1, 0, 0];

/**
 * Whether a cell takes channels: its membrane input (the first) is a current density, as channel
 * currents are (Jaxley's Compartment takes `i` in uA/cm2; LIF's `j` in nA cannot take them).
 * The catalog does not carry a channel's current unit, so this is decided on the cell's side.
 */
export function takesChannels(cell: ModelInfo | undefined): boolean {
  if (!cell || cell.isSource || cell.inputs.length === 0) return false;
  const unit = unitOf(cell.inputs[0].unit);
  return unit !== undefined && unit.dim.every((x, i) => Math.abs(x - CURRENT_DENSITY[i]) < 1e-9);
}

/**
 * Channels that can be inserted into a cell that takes channels: channel models whose inputs the
 * cell provides (a state, input or parameter of that name, e.g. `v`), not inserted already (once
 * per population).
 */
export function insertableChannels(cell: ModelInfo | undefined, pop: PopulationDoc, models: readonly ModelInfo[]): ModelInfo[] {
  if (!cell || !takesChannels(cell)) return [];
  const provided = new Set([...cell.states, ...cell.inputs, ...cell.params].map((v) => v.name));
  const inserted = new Set((pop.channels ?? []).map((c) => c.model));
  return models.filter((m) => m.kind === 'channel' && !inserted.has(m.name) && m.inputs.every((i) => provided.has(i.name)));
}

/** Models of a kind grouped by origin (library they follow, or `project`), for <optgroup>s. */
export function modelGroups(models: readonly ModelInfo[], kind: ModelInfo['kind']): { origin: string; models: ModelInfo[] }[] {
  const groups = new Map<string, ModelInfo[]>();
  for (const m of models) {
    if (m.kind !== kind) continue;
    const list = groups.get(m.origin) ?? [];
    list.push(m);
    groups.set(m.origin, list);
  }
  return [...groups.entries()].map(([origin, list]) => ({ origin, models: list.sort((a, b) => a.name.localeCompare(b.name)) }));
}

/** Names of per-neuron arrays in the population whose length differs from `size`. */
export function arraysNotMatching(pop: PopulationDoc, size: number): string[] {
  const out: string[] = [];
  const check = (values: Record<string, unknown> | undefined, prefix: string, what: string) => {
    for (const [name, v] of Object.entries(values ?? {})) if (Array.isArray(v) && v.length !== size) out.push(`${what} ${prefix}${name} (${v.length})`);
  };
  check(pop.params, '', 'parameter');
  check(pop.init, '', 'initial value');
  for (const ch of pop.channels ?? []) {
    check(ch.params, `${ch.model}.`, 'parameter');
    check(ch.init, `${ch.model}.`, 'initial value');
  }
  return out;
}

/** Parameters in the document that the model does not have (the engine refuses them). */
export function unknownParams(values: Record<string, unknown> | undefined, model: ModelInfo | undefined): string[] {
  if (!values || !model) return [];
  const names = new Set(model.params.map((p) => p.name));
  return Object.keys(values).filter((k) => !names.has(k));
}
