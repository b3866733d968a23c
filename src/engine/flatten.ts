/**
 * Flattens a cell and the channels inserted into it into one model over namespaced symbols
 * (`Na.m`, `Leak.gLeak`): the unit the backends generate code for.
 *
 * A channel's inputs bind to the host cell's symbols of the same name (its `v`); its current,
 * outward positive, is subtracted from the cell's first input, so `j` in the cell's equations is
 * `j_external − Σ i_channel`.
 */
import type { AssignmentIR, Expr, ModelIR, SourceSpan, StateIR } from '../model/ir';
import { BUILTIN_SYMBOLS } from '../model/ir';
import { simplify, substitute, symbolsOf } from '../model/symbolic';
import { removeRateSingularities } from '../model/rateSingularities';
import { describeDim, dimEquals, type Unit } from '../model/units';
import { EngineError } from './errors';
import { lumpedSynapsePieces, type SynapseInsert } from './flattenSynapses';

export interface FlatParam {
  readonly name: string;
  readonly unit: Unit;
  readonly defaultValue: number;
  readonly description: string;
}

export interface FlatState {
  readonly name: string;
  readonly unit: Unit;
  readonly init: Expr | 'steady';
}

export interface FlatSpike {
  /** Which model the spike condition came from (cell name or channel name). */
  readonly owner: string;
  readonly condition: Expr;
  readonly reset: readonly AssignmentIR[];
}

export interface FlatEquation {
  readonly state: string;
  readonly rhs: Expr;
  readonly unlessRefractory: boolean;
  /** The model the equation was written in, and where, for diagnostics. */
  readonly owner: string;
  readonly span: SourceSpan;
}

export interface FlatModel {
  readonly params: readonly FlatParam[];
  /** External inputs (stimuli, later synapses), referenced as `in:NAME` in expressions. */
  readonly inputs: readonly { readonly name: string; readonly unit: Unit }[];
  readonly states: readonly FlatState[];
  /** All definitions, in dependency order. */
  readonly definitions: readonly { readonly name: string; readonly unit: Unit; readonly expr: Expr }[];
  readonly equations: readonly FlatEquation[];
  readonly clamp: readonly AssignmentIR[];
  readonly spikes: readonly FlatSpike[];
  readonly refractory?: Expr;
}

export const externalInput = (name: string): string => `in:${name}`;

/** Every expression of a flat model (for analyses over all of them, e.g. collecting random draws). */
export function flatExpressions(flat: FlatModel): Expr[] {
  return [
    ...flat.definitions.map((d) => d.expr),
    ...flat.equations.map((e) => e.rhs),
    ...flat.clamp.map((a) => a.expr),
    ...flat.spikes.flatMap((s) => [s.condition, ...s.reset.map((r) => r.expr)]),
    ...(flat.refractory ? [flat.refractory] : []),
  ];
}

/**
 * Indices of the definitions that `exprs` need (transitively), in dependency order: what a step
 * must compute before evaluating them. `index` maps a definition's name to its index.
 */
export function neededDefinitions(definitions: FlatModel['definitions'], index: ReadonlyMap<string, number>, exprs: readonly Expr[]): number[] {
  const needed = new Set<string>();
  const visit = (e: Expr): void => {
    for (const s of symbolsOf(e)) {
      const idx = index.get(s);
      if (idx !== undefined && !needed.has(s)) {
        needed.add(s);
        visit(definitions[idx].expr);
      }
    }
  };
  exprs.forEach(visit);
  return definitions.map((d, i) => (needed.has(d.name) ? i : -1)).filter((i) => i >= 0);
}

export function flattenPopulation(cell: ModelIR, channels: readonly ModelIR[], where: string, synapses: readonly SynapseInsert[] = []): FlatModel {
  if (cell.kind !== 'cell') throw new EngineError('invalid-model', `${where}: '${cell.name}' is a ${cell.kind}, not a cell`);
  const membrane = cell.inputs[0];
  const params: FlatParam[] = cell.params.map((p) => ({ name: p.name, unit: p.unit, defaultValue: p.defaultValue, description: p.description }));
  const states: FlatState[] = cell.states.map((s) => ({ name: s.name, unit: s.unit, init: s.init }));
  const definitions: { name: string; unit: Unit; expr: Expr }[] = [];
  const equations: FlatEquation[] = cell.equations.map((eq) => ({ ...eq, owner: cell.name }));
  const clamp = [...cell.clamp];
  const spikes: FlatSpike[] = cell.spike ? [{ owner: cell.name, condition: cell.spike, reset: cell.reset }] : [];
  const channelCurrents: string[] = [];

  // The cell's own inputs become definitions over the external input plus channel currents (below).
  const hostUnits = new Map<string, Unit>();
  for (const p of cell.params) hostUnits.set(p.name, p.unit);
  for (const s of cell.states) hostUnits.set(s.name, s.unit);
  for (const d of cell.definitions) hostUnits.set(d.name, d.unit);
  for (const i of cell.inputs) hostUnits.set(i.name, i.unit);
  for (const d of cell.definitions) definitions.push({ name: d.name, unit: d.unit, expr: d.expr });

  const seenChannels = new Set<string>();
  for (const ch of channels) {
    const chWhere = `${where}: channel '${ch.name}'`;
    if (ch.kind !== 'channel') throw new EngineError('invalid-model', `${chWhere} is a ${ch.kind}; only channels can be inserted into a cell`);
    if (seenChannels.has(ch.name)) throw new EngineError('invalid-model', `${chWhere} is inserted twice`);
    seenChannels.add(ch.name);
    const own = new Set<string>([...ch.params.map((p) => p.name), ...ch.states.map((s) => s.name), ...ch.definitions.map((d) => d.name)]);
    if (ch.current) own.add(ch.current.name);
    const bound = new Map<string, string>();
    for (const input of ch.inputs) {
      const hostUnit = hostUnits.get(input.name);
      if (!hostUnit) {
        throw new EngineError('invalid-model', `${chWhere} needs '${input.name}' (${input.unit.text}) from its cell, but '${cell.name}' has no '${input.name}'`);
      }
      if (!dimEquals(hostUnit.dim, input.unit.dim)) {
        throw new EngineError(
          'invalid-model',
          `${chWhere} needs '${input.name}' in ${input.unit.text}, but '${cell.name}' has it in ${hostUnit.text}`,
        );
      }
      bound.set(input.name, input.name === membrane?.name ? externalInput(input.name) : input.name);
    }
    const rename = (e: Expr): Expr =>
      substitute(e, (name) => {
        if (own.has(name)) return { k: 'sym', name: `${ch.name}.${name}` };
        const host = bound.get(name);
        return host ? { k: 'sym', name: host } : undefined;
      });
    const renameTarget = (target: string): string => (own.has(target) ? `${ch.name}.${target}` : (bound.get(target) ?? target));
    for (const p of ch.params) params.push({ name: `${ch.name}.${p.name}`, unit: p.unit, defaultValue: p.defaultValue, description: p.description });
    for (const s of ch.states) states.push({ name: `${ch.name}.${s.name}`, unit: s.unit, init: s.init === 'steady' ? 'steady' : rename(s.init) });
    for (const d of ch.definitions) definitions.push({ name: `${ch.name}.${d.name}`, unit: d.unit, expr: rename(d.expr) });
    for (const eq of ch.equations) equations.push({ ...eq, owner: ch.name, state: `${ch.name}.${eq.state}`, rhs: rename(eq.rhs) });
    for (const c of ch.clamp) clamp.push({ ...c, target: renameTarget(c.target), expr: rename(c.expr) });
    if (ch.current) {
      if (!membrane) throw new EngineError('invalid-model', `${chWhere} contributes a current, but '${cell.name}' has no input to receive it`);
      if (!dimEquals(ch.current.unit.dim, membrane.unit.dim)) {
        throw new EngineError(
          'invalid-model',
          `${chWhere}: its current is ${describeDim(ch.current.unit.dim)} but '${cell.name}' takes '${membrane.name}' in ${membrane.unit.text}`,
        );
      }
      const name = `${ch.name}.${ch.current.name}`;
      // Recorded in the unit the cell takes its current in (e.g. uA/cm2), not the canonical one.
      definitions.push({ name, unit: membrane.unit, expr: rename(ch.current.expr) });
      channelCurrents.push(name);
    }
    if (ch.spike) {
      spikes.push({
        owner: ch.name,
        condition: rename(ch.spike),
        reset: ch.reset.map((r) => ({ ...r, target: renameTarget(r.target), expr: rename(r.expr) })),
      });
    }
  }

  const syn = lumpedSynapsePieces(synapses, cell, hostUnits, where);
  params.push(...syn.params);
  states.push(...syn.states);
  definitions.push(...syn.definitions);
  equations.push(...syn.equations);

  // Cell inputs: `j` = external j − Σ channel currents (membrane input only) + Σ synapse currents into it.
  for (const input of cell.inputs) {
    let expr: Expr = { k: 'sym', name: externalInput(input.name) };
    if (input === membrane) for (const c of channelCurrents) expr = { k: 'bin', op: '-', a: expr, b: { k: 'sym', name: c } };
    for (const c of syn.currents.get(input.name) ?? []) expr = { k: 'bin', op: '+', a: expr, b: { k: 'sym', name: c } };
    definitions.push({ name: input.name, unit: input.unit, expr });
  }

  // Constant folding once here (units leave factors like (0.1/1)/1 behind) keeps every backend's code lean.
  const fold = (a: AssignmentIR): AssignmentIR => ({ ...a, expr: simplify(a.expr) });
  // Rate functions' 0/0 (x/(1 − e^{−x/s})) continued by their limit, for every backend (rateSingularities.ts).
  const fixedNames = new Set([...params.map((p) => p.name), 'dt', 'pi']);
  const smooth = (e: Expr): Expr => removeRateSingularities(simplify(e), (name) => fixedNames.has(name));
  return {
    params,
    inputs: cell.inputs.map((i) => ({ name: i.name, unit: i.unit })),
    states: states.map((s) => ({ ...s, init: s.init === 'steady' ? s.init : simplify(s.init) })),
    definitions: sortDefinitions(definitions, where).map((d) => ({ ...d, expr: smooth(d.expr) })),
    equations: equations.map((e) => ({ ...e, rhs: smooth(e.rhs) })),
    clamp: clamp.map(fold),
    spikes: spikes.map((s) => ({ ...s, condition: simplify(s.condition), reset: s.reset.map(fold) })),
    refractory: cell.refractory && simplify(cell.refractory),
  };
}

function sortDefinitions<T extends { name: string; expr: Expr }>(defs: T[], where: string): T[] {
  const byName = new Map(defs.map((d) => [d.name, d]));
  const out: T[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (d: T, path: string[]): void => {
    const s = state.get(d.name);
    if (s === 'done') return;
    if (s === 'visiting') throw new EngineError('invalid-model', `${where}: circular definitions ${[...path, d.name].join(' → ')}`);
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

export const isBuiltin = (name: string): boolean => name in BUILTIN_SYMBOLS;

export type { StateIR };
