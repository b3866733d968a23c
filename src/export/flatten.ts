/**
 * One population as one model over namespaced symbols — the engine's flattening
 * (src/engine/flatten.ts + flattenSynapses.ts, which src/export may not import), kept in step with it:
 *
 * - a channel's parameters, states and definitions are prefixed with its name (`Na.m`); its inputs
 *   bind to the host cell's symbols of the same name, the membrane input to the external one;
 * - its current (outward positive) is subtracted from the cell's first input:
 *   `j = j_external − Σ i_channel + Σ synapse currents`;
 * - lumped synapse states live here, one per neuron, under the projection id (`ee.g`), with the
 *   parameters and definitions their equations and current read; their current is added;
 * - per-connection synapse currents (summed in Brian2 by `(summed)`) are added as `syn:<projection>`.
 */
import type { AssignmentIR, Expr, ModelIR } from '../model/ir';
import { simplify, substitute, symbolsOf } from '../model/symbolic';
import { describeDim, dimEquals, type Unit } from '../model/units';
import { ExportError } from './errors';
import { boundSymbol, isPreInput, type SynapsePlan } from '../model/synapsePlan';

export interface FlatVar {
  readonly name: string;
  readonly unit: Unit;
}
export interface FlatParam extends FlatVar {
  readonly defaultValue: number;
}
export interface FlatState extends FlatVar {
  readonly init: Expr | 'steady';
}
export interface FlatDefinition extends FlatVar {
  readonly expr: Expr;
}
export interface FlatEquation {
  readonly state: string;
  readonly rhs: Expr;
  readonly unlessRefractory: boolean;
  readonly owner: string;
}
export interface FlatSpike {
  readonly owner: string;
  readonly condition: Expr;
  readonly reset: readonly AssignmentIR[];
}

export interface LumpedInsert {
  readonly id: string;
  readonly ir: ModelIR;
  readonly plan: SynapsePlan;
  readonly input?: string;
}

export interface SummedInsert {
  readonly id: string;
  /** The cell input receiving it (the cell's first input by default). */
  readonly input?: string;
}

export interface ExportFlat {
  readonly cell: string;
  readonly channels: readonly string[];
  readonly params: readonly FlatParam[];
  readonly inputs: readonly FlatVar[];
  readonly states: readonly FlatState[];
  readonly definitions: readonly FlatDefinition[];
  readonly equations: readonly FlatEquation[];
  readonly clamp: readonly AssignmentIR[];
  readonly spikes: readonly FlatSpike[];
  readonly refractory?: Expr;
  /** Per-connection synapse currents summed into an input: symbol `syn:<id>`. */
  readonly summed: readonly (FlatVar & { readonly projection: string; readonly input: string })[];
}

/** The symbol of an input's external (stimulus) part. */
export const externalSymbol = (input: string): string => `in:${input}`;
/** The symbol of a per-connection synapse current summed into the post population. */
export const summedSymbol = (projection: string): string => `syn:${projection}`;

export function flattenForExport(cell: ModelIR, channels: readonly ModelIR[], where: string, lumped: readonly LumpedInsert[], summed: readonly SummedInsert[]): ExportFlat {
  const membrane = cell.inputs[0];
  const params: FlatParam[] = cell.params.map((p) => ({ name: p.name, unit: p.unit, defaultValue: p.defaultValue }));
  const states: FlatState[] = cell.states.map((s) => ({ name: s.name, unit: s.unit, init: s.init }));
  const definitions: FlatDefinition[] = cell.definitions.map((d) => ({ name: d.name, unit: d.unit, expr: d.expr }));
  const equations: FlatEquation[] = cell.equations.map((eq) => ({ state: eq.state, rhs: eq.rhs, unlessRefractory: eq.unlessRefractory, owner: cell.name }));
  const clamp = [...cell.clamp];
  const spikes: FlatSpike[] = cell.spike ? [{ owner: cell.name, condition: cell.spike, reset: cell.reset }] : [];
  const channelCurrents: string[] = [];
  const hostUnits = new Map<string, Unit>();
  for (const x of [...cell.params, ...cell.states, ...cell.definitions, ...cell.inputs]) hostUnits.set(x.name, x.unit);

  const seen = new Set<string>();
  for (const ch of channels) {
    const at = `${where}: channel '${ch.name}'`;
    if (seen.has(ch.name)) throw new ExportError(`${at} is inserted twice`);
    seen.add(ch.name);
    const own = new Set<string>([...ch.params.map((p) => p.name), ...ch.states.map((s) => s.name), ...ch.definitions.map((d) => d.name)]);
    if (ch.current) own.add(ch.current.name);
    const bound = new Map<string, string>();
    for (const input of ch.inputs) {
      const hostUnit = hostUnits.get(input.name);
      if (!hostUnit || !dimEquals(hostUnit.dim, input.unit.dim)) throw new ExportError(`${at} needs '${input.name}' (${input.unit.text}) from its cell '${cell.name}'`);
      bound.set(input.name, input.name === membrane?.name ? externalSymbol(input.name) : input.name);
    }
    const rename = (e: Expr): Expr =>
      substitute(e, (name) => (own.has(name) ? { k: 'sym', name: `${ch.name}.${name}` } : bound.has(name) ? { k: 'sym', name: bound.get(name)! } : undefined));
    const renameTarget = (target: string): string => (own.has(target) ? `${ch.name}.${target}` : (bound.get(target) ?? target));
    for (const p of ch.params) params.push({ name: `${ch.name}.${p.name}`, unit: p.unit, defaultValue: p.defaultValue });
    for (const s of ch.states) states.push({ name: `${ch.name}.${s.name}`, unit: s.unit, init: s.init === 'steady' ? 'steady' : rename(s.init) });
    for (const d of ch.definitions) definitions.push({ name: `${ch.name}.${d.name}`, unit: d.unit, expr: rename(d.expr) });
    for (const eq of ch.equations) equations.push({ state: `${ch.name}.${eq.state}`, rhs: rename(eq.rhs), unlessRefractory: eq.unlessRefractory, owner: ch.name });
    for (const c of ch.clamp) clamp.push({ ...c, target: renameTarget(c.target), expr: rename(c.expr) });
    if (ch.current) {
      if (!membrane) throw new ExportError(`${at} contributes a current, but '${cell.name}' has no input to receive it`);
      if (!dimEquals(ch.current.unit.dim, membrane.unit.dim)) throw new ExportError(`${at}: its current is ${describeDim(ch.current.unit.dim)} but '${cell.name}' takes ${membrane.unit.text}`);
      const name = `${ch.name}.${ch.current.name}`;
      definitions.push({ name, unit: membrane.unit, expr: rename(ch.current.expr) });
      channelCurrents.push(name);
    }
    if (ch.spike) spikes.push({ owner: ch.name, condition: rename(ch.spike), reset: ch.reset.map((r) => ({ ...r, target: renameTarget(r.target), expr: rename(r.expr) })) });
  }

  const synCurrents = new Map<string, string[]>();
  const addCurrent = (input: string, name: string): void => void synCurrents.set(input, [...(synCurrents.get(input) ?? []), name]);
  for (const insert of lumped) {
    const piece = lumpedPieces(insert, cell, hostUnits, where);
    params.push(...piece.params);
    states.push(...piece.states);
    definitions.push(...piece.definitions);
    equations.push(...piece.equations);
    addCurrent(piece.input, piece.current);
  }
  const summedVars = summed.map((s) => {
    const input = cell.inputs.find((i) => i.name === (s.input ?? cell.inputs[0]?.name));
    if (!input) throw new ExportError(`${where}: projection '${s.id}': the cell '${cell.name}' has no input ${s.input ? `'${s.input}'` : 'to receive a synapse current'}`);
    addCurrent(input.name, summedSymbol(s.id));
    return { name: summedSymbol(s.id), unit: input.unit, projection: s.id, input: input.name };
  });

  for (const input of cell.inputs) {
    let expr: Expr = { k: 'sym', name: externalSymbol(input.name) };
    if (input === membrane) for (const c of channelCurrents) expr = { k: 'bin', op: '-', a: expr, b: { k: 'sym', name: c } };
    for (const c of synCurrents.get(input.name) ?? []) expr = { k: 'bin', op: '+', a: expr, b: { k: 'sym', name: c } };
    definitions.push({ name: input.name, unit: input.unit, expr });
  }

  const fold = (a: AssignmentIR): AssignmentIR => ({ ...a, expr: simplify(a.expr) });
  return {
    cell: cell.name,
    channels: channels.map((c) => c.name),
    params,
    inputs: cell.inputs.map((i) => ({ name: i.name, unit: i.unit })),
    states: states.map((s) => ({ ...s, init: s.init === 'steady' ? s.init : simplify(s.init) })),
    definitions: sortDefinitions(definitions, where).map((d) => ({ ...d, expr: simplify(d.expr) })),
    equations: equations.map((e) => ({ ...e, rhs: simplify(e.rhs) })),
    clamp: clamp.map(fold),
    spikes: spikes.map((s) => ({ ...s, condition: simplify(s.condition), reset: s.reset.map(fold) })),
    refractory: cell.refractory && simplify(cell.refractory),
    summed: summedVars,
  };
}

/** The pieces of a lumped synapse that live in the post population (as flattenSynapses.ts). */
function lumpedPieces(insert: LumpedInsert, cell: ModelIR, hostUnits: ReadonlyMap<string, Unit>, where: string) {
  const { id, ir, plan, input } = insert;
  const at = `${where}: projection '${id}' (${ir.name})`;
  const current = ir.current!;
  const target = cell.inputs.find((i) => i.name === (input ?? cell.inputs[0]?.name));
  if (!target) throw new ExportError(`${at}: the cell '${cell.name}' has no input ${input ? `'${input}'` : 'to receive a synapse current'}`);
  if (!dimEquals(target.unit.dim, current.unit.dim)) throw new ExportError(`${at}: its current is ${describeDim(current.unit.dim)} but '${cell.name}' takes '${target.name}' in ${target.unit.text}`);
  const defs = new Map(ir.definitions.map((d) => [d.name, d]));
  const lumped = new Set(plan.lumped);
  const needed = new Set<string>();
  const visit = (e: Expr): void => {
    for (const name of symbolsOf(e)) {
      if (needed.has(name)) continue;
      needed.add(name);
      const def = defs.get(name);
      if (def) visit(def.expr);
    }
  };
  visit(current.expr);
  ir.equations.filter((eq) => lumped.has(eq.state)).forEach((eq) => visit(eq.rhs));
  ir.states.filter((s) => lumped.has(s.name) && s.init !== 'steady').forEach((s) => visit(s.init as Expr));
  const own = new Set<string>([...lumped, ...[...needed].filter((n) => defs.has(n) || ir.params.some((p) => p.name === n)), current.name]);
  const bound = new Map<string, string>();
  for (const i of ir.inputs) {
    if (!needed.has(i.name)) continue;
    if (isPreInput(i.name)) throw new ExportError(`${at}: a summed synapse cannot read the pre-synaptic '${i.name}'`);
    const host = boundSymbol(i.name);
    const unit = hostUnits.get(host);
    if (!unit || !dimEquals(unit.dim, i.unit.dim)) throw new ExportError(`${at}: the synapse needs '${host}' (${i.unit.text}) from the post-synaptic cell '${cell.name}'`);
    bound.set(i.name, host);
  }
  const rename = (e: Expr): Expr => substitute(e, (name) => (own.has(name) ? { k: 'sym', name: `${id}.${name}` } : bound.has(name) ? { k: 'sym', name: bound.get(name)! } : undefined));
  const name = `${id}.${current.name}`;
  return {
    params: ir.params.filter((p) => own.has(p.name)).map((p) => ({ name: `${id}.${p.name}`, unit: p.unit, defaultValue: p.defaultValue })),
    states: ir.states.filter((s) => lumped.has(s.name)).map((s) => ({ name: `${id}.${s.name}`, unit: s.unit, init: s.init === 'steady' ? ('steady' as const) : rename(s.init) })),
    definitions: [
      ...ir.definitions.filter((d) => own.has(d.name)).map((d) => ({ name: `${id}.${d.name}`, unit: d.unit, expr: rename(d.expr) })),
      { name, unit: target.unit, expr: rename(current.expr) },
    ],
    equations: ir.equations.filter((eq) => lumped.has(eq.state)).map((eq) => ({ state: `${id}.${eq.state}`, rhs: rename(eq.rhs), unlessRefractory: eq.unlessRefractory, owner: ir.name })),
    input: target.name,
    current: name,
  };
}

function sortDefinitions<T extends { name: string; expr: Expr }>(defs: T[], where: string): T[] {
  const byName = new Map(defs.map((d) => [d.name, d]));
  const out: T[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (d: T, path: string[]): void => {
    const s = state.get(d.name);
    if (s === 'done') return;
    if (s === 'visiting') throw new ExportError(`${where}: circular definitions ${[...path, d.name].join(' → ')}`);
    state.set(d.name, 'visiting');
    for (const dep of symbolsOf(d.expr)) {
      const next = byName.get(dep);
      if (next) visit(next, [...path, d.name]);
    }
    state.set(d.name, 'done');
    out.push(d);
  };
  defs.forEach((d) => visit(d, []));
  return out;
}
