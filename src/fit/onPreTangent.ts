/**
 * A synapse's `on_pre` block as the fitted neuron sees it, with forward-mode tangents: each arriving
 * spike runs the assignments on the neuron's flat states (the projection's summed states `ee.g`, or a
 * cell state such as `v` for a delta synapse) and carries ∂/∂θ through them, including the
 * derivative with respect to trained synapse parameters (`syn:ee.w`).
 *
 * Generated function: apply(X, DX, R, r, T, n, dt, o)
 *   X, DX  states and tangents, updated in place: the neuron's state s at X[o + s], its tangent k at
 *          DX[(o + s) * P + k] (o = 0 for one neuron; neuron i · S in a population's arrays),
 *   R, r   the arriving connection's parameter values: R[r + j] for synapse parameter j,
 *   T      θ (trained synapse parameters read T[k] instead of R),
 *   n, dt  the arrival step and dt in ms.
 * Assignments run in order, as the engine runs them; identifiers come from tables (no model text
 * reaches the code).
 */
import type { Expr, ModelIR } from '../model/ir';
import { definitionMap } from '../model/compile';
import { differentiate, inlineDefinitions, symbolsOf } from '../model/symbolic';
import { boundSymbol, isPreInput, type SynapsePlan } from '../model/synapsePlan';
import { printExpr, printNumber } from '../engine/cpu/printExpr';
import { collectNodes, isRandomDraw } from '../engine/cpu/invariants';
import { EngineError } from '../engine/errors';
import type { FlatModel } from '../engine/flatten';

export type OnPreFunction = (X: Float64Array, DX: Float64Array, R: Float64Array, r: number, T: Float64Array, n: number, dt: number, o: number) => void;

export interface OnPreSpec {
  /** The projection id (namespace of its summed states in the flat model). */
  readonly id: string;
  readonly ir: ModelIR;
  readonly plan: SynapsePlan;
  /** Trained synapse parameters: name → θ slot. */
  readonly trained: ReadonlyMap<string, number>;
  /** Number of tangents carried (0: values only). */
  readonly paramCount: number;
}

/** Why this projection's spikes cannot be followed by the gradient, or undefined when they can. */
export function onPreProblem(ir: ModelIR, plan: SynapsePlan): string | undefined {
  if (plan.current === 'per-connection') return `its current is computed per connection (${ir.name}); only synapses summed per neuron are supported`;
  if (ir.onPost.length > 0) return `${ir.name} is plastic (on_post), so its weights depend on the fitted neuron's spikes`;
  const perConnection = [...plan.eventDriven, ...plan.clockDriven];
  if (perConnection.length > 0) return `${ir.name} keeps per-connection states (${perConnection.join(', ')})`;
  const defs = definitionMap(ir);
  for (const a of ir.onPre) {
    const e = inlineDefinitions(a.expr, defs);
    const pre = [...symbolsOf(e)].find(isPreInput);
    if (pre) return `its on_pre reads the pre-synaptic '${boundSymbol(pre)}'`;
    if (collectNodes(e, isRandomDraw).length > 0) return 'its on_pre draws random numbers';
  }
  return undefined;
}

let generatedCount = 0;

export function generateOnPreTangent(spec: OnPreSpec, flat: FlatModel): string {
  const { id, ir, plan, trained, paramCount: P } = spec;
  const defs = definitionMap(ir);
  const stateOf = new Map(flat.states.map((s, i) => [s.name, i]));
  const paramIndex = new Map(ir.params.map((p, j) => [p.name, j]));
  const lumped = new Set(plan.lumped);
  // The flat state a synapse symbol stands for: its summed state, or the post cell's state it binds to.
  const flatState = (name: string): number | undefined => stateOf.get(lumped.has(name) ? `${id}.${name}` : boundSymbol(name));
  const nameOf = (name: string): string => {
    const j = paramIndex.get(name);
    if (j !== undefined) return trained.has(name) ? `T[${trained.get(name)}]` : `R[r + ${j}]`;
    const s = flatState(name);
    if (s !== undefined) return `X[o + ${s}]`;
    if (name === 't') return '(n * dt)';
    if (name === 'dt') return 'dt';
    if (name === 'pi') return printNumber(Math.PI);
    throw new EngineError('unsupported', `projection '${id}': on_pre reads '${name}', which the fitted cell does not have`);
  };
  const out: string[] = ['"use strict";', `// on_pre ${++generatedCount}`, 'return function apply(X, DX, R, r, T, n, dt, o) {', `  const od = o * ${P};`];
  ir.onPre.forEach((a, q) => {
    const target = flatState(a.target);
    if (target === undefined) throw new EngineError('unsupported', `projection '${id}': on_pre assigns '${a.target}', which is not a state of the fitted cell`);
    const e: Expr = inlineDefinitions(a.expr, defs);
    out.push(`  const e${q} = ${printExpr(e, nameOf)};`);
    const terms: string[][] = Array.from({ length: P }, () => []);
    if (P > 0) {
      [...symbolsOf(e)].forEach((s, m) => {
        const slot = trained.get(s);
        const state = paramIndex.has(s) ? undefined : flatState(s);
        if (slot === undefined && state === undefined) return;
        const partial = differentiate(e, s);
        if (partial.k === 'num' && partial.v === 0) return;
        const g = partial.k === 'num' ? printNumber(partial.v) : `g${q}_${m}`;
        if (partial.k !== 'num') out.push(`  const g${q}_${m} = ${printExpr(partial, nameOf)};`);
        if (slot !== undefined) terms[slot].push(g);
        else for (let k = 0; k < P; k++) terms[k].push(`${g} * DX[od + ${state! * P + k}]`);
      });
      terms.forEach((t, k) => out.push(`  const d${q}_${k} = ${t.join(' + ') || '0'};`));
    }
    const op = a.op === '=' ? '=' : a.op;
    out.push(`  X[o + ${target}] ${op} e${q};`);
    for (let k = 0; k < P; k++) out.push(`  DX[od + ${target * P + k}] ${op} d${q}_${k};`);
  });
  out.push('};');
  return out.join('\n');
}

export function compileOnPre(code: string): OnPreFunction {
  return new Function(code)() as OnPreFunction;
}

/**
 * For a spike's surrogate derivative travelling through the synapse (the differentiable network):
 * what one arrival adds to each state it changes, when that does not depend on the states
 * (`g += w`, `x += exp(1) * w`, `v += w`). Then ∂(post state)/∂θ gains ∂s/∂θ · increment at every
 * step, spike or not, without evaluating the synapse per step. Generated function:
 * increments(R, r, T, dt, OUT, b) writes OUT[b + q] for each assignment q (targets: flat states).
 */
export interface IncrementCode {
  readonly code: string;
  /** Flat state index of each assignment's target in the post population. */
  readonly targets: readonly number[];
}

export type IncrementFunction = (R: Float64Array, r: number, T: Float64Array, dt: number, OUT: Float64Array, b: number) => void;

export function generateIncrements(spec: OnPreSpec, flat: FlatModel): IncrementCode | { readonly problem: string } {
  const { id, ir, plan, trained } = spec;
  const defs = definitionMap(ir);
  const stateOf = new Map(flat.states.map((s, i) => [s.name, i]));
  const paramIndex = new Map(ir.params.map((p, j) => [p.name, j]));
  const lumped = new Set(plan.lumped);
  const flatState = (name: string): number | undefined => stateOf.get(lumped.has(name) ? `${id}.${name}` : boundSymbol(name));
  const targets: number[] = [];
  const out: string[] = ['"use strict";', 'return function increments(R, r, T, dt, OUT, b) {'];
  for (const [q, a] of ir.onPre.entries()) {
    const target = flatState(a.target);
    if (target === undefined) return { problem: `on_pre assigns '${a.target}', which is not a state of '${spec.id}''s post population` };
    if (a.op !== '+=' && a.op !== '-=') return { problem: `on_pre's '${a.target} ${a.op} …' is not an increment (+= or -=), so a spike's surrogate derivative cannot be carried through it` };
    const e = inlineDefinitions(a.expr, defs);
    const read = [...symbolsOf(e)].find((s) => !paramIndex.has(s) && s !== 'dt' && s !== 'pi');
    if (read) return { problem: `on_pre's increment of '${a.target}' reads '${read}', so a spike's surrogate derivative cannot be carried through it` };
    const nameOf = (name: string): string => {
      const j = paramIndex.get(name);
      if (j !== undefined) return trained.has(name) ? `T[${trained.get(name)}]` : `R[r + ${j}]`;
      return name === 'dt' ? 'dt' : printNumber(Math.PI);
    };
    out.push(`  OUT[b + ${q}] = ${a.op === '-=' ? '-' : ''}(${printExpr(e, nameOf)});`);
    targets.push(target);
  }
  out.push('};');
  return { code: out.join('\n'), targets };
}

export function compileIncrements(code: string): IncrementFunction {
  return new Function(code)() as IncrementFunction;
}
