/**
 * The variables a recording can take from a population: the cell's states and inputs, and the
 * states of its inserted channels as `Channel.state` (the names traces carry, e.g. `Na.m`).
 */
import type { ModelInfo } from '../../library/catalog';
import type { PopulationDoc } from '../store/document';

export interface RecordableVariable {
  readonly name: string;
  readonly unit: string;
  readonly description: string;
  /** Where it comes from, for grouping: `state`, `input`, or a channel's name. */
  readonly group: string;
}

export function recordableVariables(pop: PopulationDoc, models: ReadonlyMap<string, ModelInfo>): RecordableVariable[] {
  const cell = models.get(pop.model);
  const out: RecordableVariable[] = [];
  if (cell) {
    for (const s of cell.states) out.push({ name: s.name, unit: s.unit, description: s.description, group: 'state' });
    for (const i of cell.inputs) out.push({ name: i.name, unit: i.unit, description: i.description, group: 'input' });
  }
  for (const ch of pop.channels ?? []) {
    const info = models.get(ch.model);
    for (const s of info?.states ?? []) out.push({ name: `${ch.model}.${s.name}`, unit: s.unit, description: s.description, group: ch.model });
  }
  return out;
}

/**
 * The variables with one turned on or off, in the order the model lists them (names the model
 * does not list stay, at the end). Undefined when it would leave none: a recording needs one.
 */
export function toggleVariable(current: readonly string[], name: string, on: boolean, available: readonly RecordableVariable[]): string[] | undefined {
  const chosen = new Set(current);
  if (on) chosen.add(name);
  else chosen.delete(name);
  if (chosen.size === 0) return undefined;
  const order = available.map((v) => v.name);
  const known = order.filter((n) => chosen.has(n));
  const unknown = current.filter((n) => chosen.has(n) && !order.includes(n));
  if (on && !order.includes(name) && !unknown.includes(name)) unknown.push(name);
  return [...known, ...unknown];
}

/**
 * The variables kept when a recording moves to another population: those it also has, or its
 * first variable when none carries over.
 */
export function variablesFor(current: readonly string[], available: readonly RecordableVariable[]): string[] {
  const names = new Set(available.map((v) => v.name));
  const kept = current.filter((n) => names.has(n));
  if (kept.length > 0) return kept;
  return available.length > 0 ? [available[0].name] : [...current];
}

/** Recording interval problems the validator would report: below dt, or not a whole number of steps. */
export function intervalProblem(intervalMs: number | undefined, dtMs: number): string | undefined {
  if (intervalMs === undefined || !(dtMs > 0)) return undefined;
  if (intervalMs < dtMs - 1e-12) return `must be at least one step (${dtMs} ms)`;
  const steps = intervalMs / dtMs;
  if (Math.abs(steps - Math.round(steps)) > 1e-6) return `must be a whole number of steps of ${dtMs} ms`;
  return undefined;
}
