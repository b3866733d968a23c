/**
 * The cell's own spike as an event in time (`surrogate.reset: 'spike-times'`): when a parameter moves
 * the spike time by τ = ∂t_s/∂θ (the interpolated threshold crossing), the reset moves with it, and so
 * does the end of the refractory period. Forward sensitivities take the jump conditions of hybrid
 * systems (in reverse, EventProp's):
 *   at the spike    ∂x⁺ = (∂h/∂x)·∂x⁻ + ∂h/∂θ + [(∂h/∂x)·f⁻ − f⁺]·τ
 *   at the release  ∂x  += (0 − f(x))·τ for the equations held while refractory,
 * with h the reset map (the reset's assignments composed, from the values after integration), f⁻ the
 * right-hand side before the reset, f⁺ after it (held equations count 0 when the cell is refractory
 * on the next step). The first two terms are what the step's tangents already carry (a detached
 * reset); this file generates the τ terms. Without them a spike's shift would not move the same
 * cell's later spikes.
 */
import type { Expr } from '../model/ir';
import { bin } from '../model/ir';
import { differentiate, inlineDefinitions, substitute, symbolsOf } from '../model/symbolic';
import type { FlatModel } from '../engine/flatten';
import { printExpr } from '../engine/cpu/printExpr';
import type { StepProgram } from '../engine/stepProgram';

export interface ResetJumpContext {
  readonly flat: FlatModel;
  readonly program: StepProgram;
  readonly P: number;
  /** The local holding a line's or leaf's value (tangentBody's nameOf). */
  readonly nameOf: (name: string) => string;
  /** The local holding tangent k of a line (tangentBody's). */
  readonly tangent: (name: string, k: number) => string;
}

/** f_s with the states read from `stateLocal(s)`, held equations multiplied by `held` (a JS expression), or undefined. */
function rhsPrinter(ctx: ResetJumpContext) {
  const defs = new Map(ctx.flat.definitions.map((d) => [d.name, d.expr]));
  const stateIndex = new Map(ctx.flat.states.map((s, i) => [s.name, i]));
  const equations = new Map(ctx.flat.equations.map((eq) => [eq.state, { rhs: inlineDefinitions(eq.rhs, defs), held: eq.unlessRefractory }]));
  return (s: number, stateLocal: (s: number) => string, held: string): string | undefined => {
    const eq = equations.get(ctx.flat.states[s].name);
    if (!eq) return undefined;
    const nameOf = (name: string) => {
      const state = stateIndex.get(name);
      return state !== undefined ? stateLocal(state) : ctx.nameOf(name);
    };
    const value = `(${printExpr(eq.rhs, nameOf)})`;
    return eq.held ? `(${held} ? ${value} : 0)` : value;
  };
}

/**
 * Lines defining `J{s}_{k}` (the spike's τ term of state s's tangent k; 0 on steps without a spike)
 * and the states that have one. Reads the step's locals, `dt` and `rs` (refractory steps, 0 if none).
 */
export function spikeJumpLines(ctx: ResetJumpContext): { lines: string[]; states: number[] } {
  const { flat, program, P } = ctx;
  if (P === 0 || flat.spikes.length === 0) return { lines: [], states: [] };
  const defs = new Map(flat.definitions.map((d) => [d.name, d.expr]));
  const stateIndex = new Map(flat.states.map((s, i) => [s.name, i]));
  const rhs = rhsPrinter(ctx);
  const before = (s: number) => ctx.nameOf(program.integrated[s]);
  const after = (s: number) => ctx.nameOf(program.next[s]);
  // The reset map of the first condition that fires, as expressions of the values before it.
  const resetMaps = flat.spikes.map((spike) => {
    const current = new Map<string, Expr>();
    for (const a of spike.reset) {
      const read = (e: Expr) => substitute(inlineDefinitions(e, defs), (name) => current.get(name));
      const e = read(a.expr);
      const old = current.get(a.target) ?? { k: 'sym' as const, name: a.target };
      current.set(a.target, a.op === '=' ? e : bin(a.op === '+=' ? '+' : '-', old, e));
    }
    return current;
  });
  const decisions = program.decisions.map((d) => ctx.nameOf(d));
  const states: number[] = [];
  const out: string[] = [];
  const body: string[] = [];
  body.push('const nrNext = rs <= 1 ? 1 : 0;');
  // τ: the first condition that fired, as the observation's spike times (ObservationRecorder).
  program.margins.forEach((m, c) => {
    const mv = ctx.nameOf(m);
    const m0 = ctx.nameOf(program.startMargins[c]);
    body.push(`const jr${c} = ${m0} <= 0 && ${mv} > ${m0} ? dt / ((${mv} - ${m0}) * (${mv} - ${m0})) : 0;`);
  });
  for (let k = 0; k < P; k++) {
    const pick = program.margins.map((m, c) => `${decisions[c]} ? jr${c} * (${ctx.nameOf(program.startMargins[c])} * ${ctx.tangent(m, k)} - ${ctx.nameOf(m)} * ${ctx.tangent(program.startMargins[c], k)})`);
    body.push(`const tau${k} = ${pick.join(' : ')} : 0;`);
  }
  const fBefore = flat.states.map((_, s) => rhs(s, before, '1'));
  fBefore.forEach((f, s) => f !== undefined && body.push(`const fm${s} = ${f};`));
  flat.states.forEach((state, s) => {
    const fAfter = rhs(s, after, 'nrNext');
    // (∂h/∂x)·f⁻ for the first firing condition's reset (the identity where it leaves s alone).
    const pushed = resetMaps.map((map) => {
      const h = map.get(state.name);
      if (!h) return fBefore[s] !== undefined ? `fm${s}` : '0';
      const terms = [...symbolsOf(h)]
        .filter((name) => stateIndex.has(name) && fBefore[stateIndex.get(name)!] !== undefined)
        .map((name) => {
          const partial = differentiate(h, name);
          return partial.k === 'num' && partial.v === 0 ? undefined : `(${printExpr(partial, (n) => (stateIndex.has(n) ? before(stateIndex.get(n)!) : ctx.nameOf(n)))}) * fm${stateIndex.get(name)}`;
        })
        .filter((t): t is string => t !== undefined);
      return terms.join(' + ') || '0';
    });
    const jh = pushed.length === 1 ? pushed[0] : pushed.map((p, c) => `${decisions[c]} ? ${p}`).join(' : ') + ' : 0';
    if (jh === '0' && fAfter === undefined) return;
    states.push(s);
    body.push(`const jd${s} = ${jh} - ${fAfter ?? '0'};`);
    for (let k = 0; k < P; k++) body.push(`J${s}_${k} = jd${s} * tau${k};`);
  });
  if (states.length === 0) return { lines: [], states: [] };
  out.push(`let ${states.flatMap((s) => Array.from({ length: P }, (_, k) => `J${s}_${k} = 0`)).join(', ')};`);
  out.push(`if (${decisions.join(' || ')}) {`, ...body.map((l) => `  ${l}`), '}');
  return { lines: out, states };
}

/**
 * Lines applying the release term at the first step out of refractoriness (`rel` true): each held
 * state's tangent `d{s}_{k}` (declared with let) loses f_s(x)·τ_k of the spike that started it, `tr(k)`.
 */
export function releaseLines(ctx: ResetJumpContext, rel: string, tr: (k: number) => string): string[] {
  const rhs = rhsPrinter(ctx);
  const heldStates = ctx.flat.equations.filter((eq) => eq.unlessRefractory).map((eq) => ctx.flat.states.findIndex((s) => s.name === eq.state));
  if (ctx.P === 0 || heldStates.length === 0) return [];
  const out = [`if (${rel}) {`];
  for (const s of heldStates) {
    out.push(`  const fr${s} = ${rhs(s, (q) => `x${q}`, '1')};`);
    for (let k = 0; k < ctx.P; k++) out.push(`  d${s}_${k} -= fr${s} * ${tr(k)};`);
  }
  out.push('}');
  return out;
}
