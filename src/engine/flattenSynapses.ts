/**
 * The lumped part of the synapses onto a population, as flat-model pieces of that population: one
 * state per post-synaptic neuron per projection (`ee.g`), the synapse's definitions and parameters
 * under the projection's id, and its current (inward) added to the cell input it targets.
 */
import type { Expr, ModelIR } from '../model/ir';
import { substitute, symbolsOf } from '../model/symbolic';
import { describeDim, dimEquals, type Unit } from '../model/units';
import { EngineError } from './errors';
import type { FlatEquation, FlatParam, FlatState } from './flatten';
import { boundSymbol, isPreInput, type SynapsePlan } from '../model/synapsePlan';

export interface SynapseInsert {
  /** The projection id: the namespace of the lumped states (`ee.g`). */
  readonly id: string;
  readonly ir: ModelIR;
  readonly plan: SynapsePlan;
  /** The cell input receiving the current (default: the cell's first input). */
  readonly input?: string;
}

export interface SynapsePieces {
  readonly params: FlatParam[];
  readonly states: FlatState[];
  readonly definitions: { name: string; unit: Unit; expr: Expr }[];
  readonly equations: FlatEquation[];
  /** Current definitions to add to each cell input, by input name. */
  readonly currents: Map<string, string[]>;
}

export function lumpedSynapsePieces(
  inserts: readonly SynapseInsert[],
  cell: ModelIR,
  hostUnits: ReadonlyMap<string, Unit>,
  where: string,
): SynapsePieces {
  const pieces: SynapsePieces = { params: [], states: [], definitions: [], equations: [], currents: new Map() };
  for (const { id, ir, plan, input } of inserts) {
    if (plan.current !== 'lumped' || !ir.current) continue;
    const at = `${where}: projection '${id}' (${ir.name})`;
    const target = cell.inputs.find((i) => i.name === (input ?? cell.inputs[0]?.name));
    if (!target) throw new EngineError('invalid-model', `${at}: the cell '${cell.name}' has no input ${input ? `'${input}'` : 'to receive a synapse current'}`);
    if (!dimEquals(target.unit.dim, ir.current.unit.dim)) {
      throw new EngineError('invalid-model', `${at}: its current is ${describeDim(ir.current.unit.dim)} but '${cell.name}' takes '${target.name}' in ${target.unit.text}`);
    }
    // Everything the lumped equations and the current read, transitively through definitions.
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
    visit(ir.current.expr);
    ir.equations.filter((eq) => lumped.has(eq.state)).forEach((eq) => visit(eq.rhs));
    ir.states.filter((s) => lumped.has(s.name) && s.init !== 'steady').forEach((s) => visit(s.init as Expr));
    const own = new Set<string>([...lumped, ...[...needed].filter((n) => defs.has(n) || ir.params.some((p) => p.name === n)), ir.current.name]);
    const bound = new Map<string, string>();
    for (const i of ir.inputs) {
      if (!needed.has(i.name)) continue;
      if (isPreInput(i.name)) throw new EngineError('invalid-model', `${at}: a summed synapse cannot read the pre-synaptic '${i.name}'`);
      const host = boundSymbol(i.name);
      const unit = hostUnits.get(host);
      if (!unit) throw new EngineError('invalid-model', `${at}: the synapse needs '${host}' (${i.unit.text}) from the post-synaptic cell, but '${cell.name}' has none`);
      if (!dimEquals(unit.dim, i.unit.dim)) throw new EngineError('invalid-model', `${at}: the synapse needs '${host}' in ${i.unit.text}, but '${cell.name}' has it in ${unit.text}`);
      bound.set(i.name, host);
    }
    const rename = (e: Expr): Expr =>
      substitute(e, (name) => (own.has(name) ? { k: 'sym', name: `${id}.${name}` } : bound.has(name) ? { k: 'sym', name: bound.get(name)! } : undefined));
    for (const p of ir.params) if (own.has(p.name)) pieces.params.push({ name: `${id}.${p.name}`, unit: p.unit, defaultValue: p.defaultValue, description: p.description });
    for (const s of ir.states) if (lumped.has(s.name)) pieces.states.push({ name: `${id}.${s.name}`, unit: s.unit, init: s.init === 'steady' ? 'steady' : rename(s.init) });
    for (const d of ir.definitions) if (own.has(d.name)) pieces.definitions.push({ name: `${id}.${d.name}`, unit: d.unit, expr: rename(d.expr) });
    for (const eq of ir.equations) if (lumped.has(eq.state)) pieces.equations.push({ ...eq, owner: ir.name, state: `${id}.${eq.state}`, rhs: rename(eq.rhs) });
    const name = `${id}.${ir.current.name}`;
    pieces.definitions.push({ name, unit: target.unit, expr: rename(ir.current.expr) });
    pieces.currents.set(target.name, [...(pieces.currents.get(target.name) ?? []), name]);
  }
  return pieces;
}
