/**
 * How a synapse model is run — decided from its equations, not declared by the user:
 *
 * - **lumped** states are linear, homogeneous, only increased by `on_pre`, and reach the cell only
 *   through a `current` linear in them. The sum over a neuron's incoming connections then obeys the
 *   same equations, so one state per post-synaptic neuron is exact (what Brian2 users write by hand
 *   for CUBA and COBA). They are integrated inside the post population's fused loop.
 * - **event-driven** states are used only in `on_pre`/`on_post` and have linear equations in
 *   themselves with constant coefficients (plasticity traces, short-term plasticity): they are
 *   advanced exactly from the last event to the next.
 * - **clock-driven** states — everything else — are integrated per connection every step.
 */
import { definitionMap } from './compile';
import type { AssignmentIR, Expr, ModelIR } from './ir';
import { dependsOn, differentiate, inlineDefinitions, linearIn, simplify, substitute, symbolsOf } from './symbolic';

export interface SynapsePlan {
  readonly lumped: readonly string[];
  readonly eventDriven: readonly string[];
  readonly clockDriven: readonly string[];
  /** Where the current is computed: in the post population from lumped states, per connection, or nowhere. */
  readonly current: 'lumped' | 'per-connection' | 'none';
  /** For event-driven states: dx/dt = A + B·x (definitions inlined). */
  readonly linear: ReadonlyMap<string, { readonly A: Expr; readonly B: Expr }>;
}

/** A synapse input bound to the pre-synaptic cell (`v_pre`), else to the post-synaptic cell. */
export const isPreInput = (name: string): boolean => name.endsWith('_pre');
/** The cell symbol an input binds to: `v_pre` → `v`, `v_post` → `v`, `v` → `v`. */
export const boundSymbol = (name: string): string => name.replace(/_(pre|post)$/, '');

export function planSynapse(ir: ModelIR, perConnectionParams: ReadonlySet<string>): SynapsePlan {
  const defs = definitionMap(ir);
  const inline = (e: Expr): Expr => inlineDefinitions(e, defs);
  const states = ir.states.map((s) => s.name);
  const rhs = new Map(ir.equations.map((eq) => [eq.state, inline(eq.rhs)]));
  const preInputs = ir.inputs.map((i) => i.name).filter(isPreInput);
  const current = ir.current ? inline(ir.current.expr) : undefined;
  const assignments = [...ir.onPre.map((a) => ({ ...a, pre: true })), ...ir.onPost.map((a) => ({ ...a, pre: false }))];

  const lumped = current ? lumpable(current, states, rhs, assignments, perConnectionParams, preInputs, inline) : undefined;
  const linear = new Map<string, { A: Expr; B: Expr }>();
  const eventDriven: string[] = [];
  const clockDriven: string[] = [];
  for (const s of states) {
    if (lumped?.includes(s)) continue;
    const f = rhs.get(s)!;
    const inCurrent = current !== undefined && dependsOn(current, s);
    const others = [...states.filter((o) => o !== s), ...ir.inputs.map((i) => i.name), 't'];
    const split = linearIn(f, s);
    if (!inCurrent && split && !others.some((o) => dependsOn(f, o))) {
      eventDriven.push(s);
      linear.set(s, split);
    } else clockDriven.push(s);
  }
  return {
    lumped: lumped ?? [],
    eventDriven,
    clockDriven,
    current: !current ? 'none' : lumped ? 'lumped' : 'per-connection',
    linear,
  };
}

/** The lumped states, or undefined when summing per post neuron would not be exact. */
function lumpable(
  current: Expr,
  states: readonly string[],
  rhs: ReadonlyMap<string, Expr>,
  assignments: readonly (AssignmentIR & { pre: boolean })[],
  perConnection: ReadonlySet<string>,
  preInputs: readonly string[],
  inline: (e: Expr) => Expr,
): string[] | undefined {
  // The states the current reads, closed under "its equation reads".
  const set = new Set(states.filter((s) => dependsOn(current, s)));
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of [...set]) {
      for (const o of states) {
        if (!set.has(o) && dependsOn(rhs.get(s)!, o)) {
          set.add(o);
          grew = true;
        }
      }
    }
  }
  const lumped = [...set];
  if (lumped.length === 0) return undefined;
  const others = states.filter((s) => !set.has(s));
  const forbidden = [...others, ...perConnection, ...preInputs];
  const zero = (e: Expr): Expr => simplify(substitute(e, (name) => (set.has(name) ? { k: 'num', v: 0 } : undefined)));
  // Linear and homogeneous in the lumped states, with coefficients that are the same for every connection.
  const linearHomogeneous = (f: Expr, coefficientsMayRead: (name: string) => boolean): boolean => {
    const atZero = zero(f);
    if (!(atZero.k === 'num' && atZero.v === 0)) return false;
    return lumped.every((l) => {
      const coefficient = differentiate(f, l);
      return [...symbolsOf(coefficient)].every((name) => !set.has(name) && coefficientsMayRead(name));
    });
  };
  const uniform = (name: string): boolean => !forbidden.includes(name);
  for (const l of lumped) {
    const f = rhs.get(l)!;
    if (forbidden.some((name) => dependsOn(f, name)) || !linearHomogeneous(f, uniform)) return undefined;
  }
  // The current may read post-synaptic inputs (v) but not per-connection values.
  if (forbidden.some((name) => dependsOn(current, name)) || !linearHomogeneous(current, uniform)) return undefined;
  for (const a of assignments) {
    if (!set.has(a.target)) continue;
    if (!a.pre || a.op === '=' || lumped.some((l) => dependsOn(inline(a.expr), l))) return undefined;
  }
  return lumped;
}
