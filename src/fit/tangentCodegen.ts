/**
 * Generates the forward-mode step of a step program: every line's value and, for each of the P
 * trained parameters, its tangent ∂line/∂θ_k = Σ_s ∂line/∂s · ∂s/∂θ_k over the symbols it reads
 * (partials by symbolic differentiation of the IR). Memory is the state and its P tangents per case
 * — no tape — and the cost is about (1 + P) forward steps.
 *
 * The generated function: step(X, DX, PV, U, n, dt, nr, ls, OUT, RS, REL, TR)
 *   X   states (in/out), DX tangents (in/out) at [state * P + k], PV flat parameter values,
 *   U   external inputs this step, n step index, dt in ms, nr not refractory (0/1), ls last spike (ms),
 *   RS  the refractory period in steps (0: none), REL 1 on the first step out of refractoriness,
 *   TR  ∂t/∂θ of the last spike (reset 'spike-times' reads RS, REL and TR; resetJump.ts),
 *   OUT per spike condition c, at c * (4 + 2P): decision, margin, m0 (margin at the step's start),
 *       surrogate slope, ∂margin/∂θ (P), ∂m0/∂θ (P).
 * Identifiers come from tables (v12, x3, p1): no model text reaches the generated code.
 */
import type { Expr } from '../model/ir';
import { differentiate, symbolsOf } from '../model/symbolic';
import { externalInput, type FlatModel } from '../engine/flatten';
import { printExpr, printNumber } from '../engine/cpu/printExpr';
import type { StepProgram } from '../engine/stepProgram';
import { shareCommonCalls } from './commonCalls';
import { releaseLines, spikeJumpLines } from './resetJump';

export interface TangentOptions {
  /** Flat parameter index of each trained parameter (P of them); -1 for trained initial states. */
  readonly trainedParams: readonly number[];
  /**
   * The reset's dependence on the spike: the surrogate gradient of the decision ('differentiate'),
   * none ('detach'), or the spike time's (resetJump.ts: the reset and the end of refractoriness move
   * with the spike).
   */
  readonly resetGradient: 'differentiate' | 'detach' | 'spike-times';
}

export type StepFunction = (
  X: Float64Array,
  DX: Float64Array,
  PV: Float64Array,
  U: Float64Array,
  n: number,
  dt: number,
  nr: number,
  ls: number,
  OUT: Float64Array,
  RS: number,
  REL: number,
  TR: Float64Array,
) => void;

/** The surrogate derivative σ'(margin) used for spike decisions. */
export type SurrogateSlope = (margin: number) => number;

export const outStride = (paramCount: number): number => 4 + 2 * paramCount;

let generatedCount = 0;

/**
 * The step's body as JavaScript lines over local names: reads x{state}, p{param}, u{input}, d{state}_{k}
 * (tangents), t, dt, nr, ls and SG; defines v{line} and t{line}_{k}. The single-neuron step below and
 * the batched network step (batchedTangentCodegen.ts) wrap it in their own loads and stores.
 */
export interface TangentBody {
  readonly lines: string[];
  /** The local holding a symbol's value (a line, state, param, input or built-in). */
  readonly nameOf: (name: string) => string;
  /** The local holding tangent k of a line or state that has one, else '0'. */
  readonly tangent: (name: string, k: number) => string;
  /** The local of a program line by its name. */
  readonly lineLocal: (name: string) => string;
  /** Tangent k of state s at the end of the step (with the reset's spike-time term, if any). */
  readonly stateTangent: (s: number, k: number) => string;
  /**
   * 'spike-times' only: lines for the release from refractoriness, to run after the tangents d{s}_{k}
   * are loaded (with let); `rel` says whether this step is the first out of refractoriness, `tr(k)`
   * is the last spike's ∂t/∂θ_k. Reads `rs`, the refractory period in steps (0 without one).
   */
  readonly release: (rel: string, tr: (k: number) => string) => string[];
}

export function tangentBody(flat: FlatModel, program: StepProgram, options: TangentOptions): TangentBody {
  const P = options.trainedParams.length;
  const stateIndex = new Map(flat.states.map((s, i) => [s.name, i]));
  const paramIndex = new Map(flat.params.map((p, i) => [p.name, i]));
  const inputIndex = new Map(flat.inputs.map((p, i) => [externalInput(p.name), i]));
  const lineIndex = new Map(program.lines.map((l, i) => [l.name, i]));
  const trainedSlot = new Map<number, number>();
  options.trainedParams.forEach((p, k) => p >= 0 && trainedSlot.set(p, k));

  const nameOf = (name: string): string => {
    const line = lineIndex.get(name);
    if (line !== undefined) return `v${line}`;
    const state = stateIndex.get(name);
    if (state !== undefined) return `x${state}`;
    const param = paramIndex.get(name);
    if (param !== undefined) return `p${param}`;
    const input = inputIndex.get(name);
    if (input !== undefined) return `u${input}`;
    switch (name) {
      case 't':
        return 't';
      case 'dt':
        return 'dt';
      case 'nr':
        return 'nr';
      case 'pi':
        return printNumber(Math.PI);
      case 'lastspike':
        return 'ls';
    }
    throw new Error(`internal: unresolved symbol in tangent code generation`);
  };
  const print = (e: Expr): string => printExpr(e, nameOf);

  // Which symbols can have a non-zero tangent: states, trained parameters, and lines reading them.
  const active = new Set<string>(P > 0 ? flat.states.map((s) => s.name) : []);
  if (P > 0) for (const p of trainedSlot.keys()) active.add(flat.params[p].name);
  const tangentOf = (s: string, k: number): string | undefined => {
    const line = lineIndex.get(s);
    if (line !== undefined) return `t${line}_${k}`;
    const state = stateIndex.get(s);
    if (state !== undefined) return `d${state}_${k}`;
    return undefined;
  };
  const out: string[] = [];

  program.lines.forEach((line, idx) => {
    if (line.surrogateOf !== undefined) {
      out.push(`const v${idx} = ${print(line.expr)} ? 1 : 0;`);
      if (P === 0) return;
      active.add(line.name);
      const margin = lineIndex.get(line.surrogateOf)!;
      if (options.resetGradient !== 'differentiate' || !active.has(line.surrogateOf)) {
        out.push(`const ${range(P, (k) => `t${idx}_${k} = 0`).join(', ')};`);
      } else {
        out.push(`const g${idx} = nr ? SG(v${margin}) : 0;`);
        out.push(`const ${range(P, (k) => `t${idx}_${k} = g${idx} * t${margin}_${k}`).join(', ')};`);
      }
      return;
    }
    out.push(`const v${idx} = ${print(line.expr)};`);
    if (P === 0) return;
    if (line.blend) {
      const { decision, from, to } = line.blend;
      active.add(line.name);
      const d = `v${lineIndex.get(decision)}`;
      const tan = (s: string, k: number) => (active.has(s) ? tangentOf(s, k)! : '0');
      out.push(`const w${idx} = ${nameOf(to)} - ${nameOf(from)};`);
      out.push(`const ${range(P, (k) => `t${idx}_${k} = (${d} ? ${tan(to, k)} : ${tan(from, k)}) + ${tan(decision, k)} * w${idx}`).join(', ')};`);
      return;
    }
    const reads = [...symbolsOf(line.expr)].filter((s) => active.has(s));
    if (reads.length === 0) return;
    active.add(line.name);
    const terms: string[][] = range(P, () => []);
    reads.forEach((s, j) => {
      const partial = differentiate(line.expr, s);
      if (partial.k === 'num' && partial.v === 0) return;
      const g = partial.k === 'num' ? printNumber(partial.v) : `g${idx}_${j}`;
      if (partial.k !== 'num') out.push(`const g${idx}_${j} = ${print(partial)};`);
      const param = paramIndex.get(s);
      if (param !== undefined) {
        const k = trainedSlot.get(param)!;
        terms[k].push(g);
        return;
      }
      for (let k = 0; k < P; k++) terms[k].push(`${g} * ${tangentOf(s, k)}`);
    });
    out.push(`const ${range(P, (k) => `t${idx}_${k} = ${terms[k].join(' + ') || '0'}`).join(', ')};`);
  });
  const tangent = (name: string, k: number) => (active.has(name) && tangentOf(name, k) !== undefined ? tangentOf(name, k)! : '0');
  const jumpContext = { flat, program, P, nameOf, tangent };
  const jump = options.resetGradient === 'spike-times' ? spikeJumpLines(jumpContext) : { lines: [], states: [] };
  const jumped = new Set(jump.states);
  return {
    lines: shareCommonCalls([...out, ...jump.lines]),
    nameOf,
    tangent,
    lineLocal: (name) => `v${lineIndex.get(name)}`,
    stateTangent: (s, k) => (jumped.has(s) ? `(${tangent(program.next[s], k)} + J${s}_${k})` : tangent(program.next[s], k)),
    release: (rel, tr) => (options.resetGradient === 'spike-times' ? releaseLines(jumpContext, rel, tr) : []),
  };
}

export function generateTangentStep(flat: FlatModel, program: StepProgram, options: TangentOptions): string {
  const P = options.trainedParams.length;
  const body = tangentBody(flat, program, options);
  const out: string[] = ['"use strict";', `// fit step ${++generatedCount}`];
  out.push('return function step(X, DX, PV, U, n, dt, nr, ls, OUT, RS, REL, TR) {');
  out.push('  const t = n * dt;');
  out.push('  const rs = RS;');
  flat.states.forEach((_, i) => out.push(`  const x${i} = X[${i}];`));
  flat.params.forEach((_, i) => out.push(`  const p${i} = PV[${i}];`));
  flat.inputs.forEach((_, i) => out.push(`  const u${i} = U[${i}];`));
  if (P > 0) flat.states.forEach((_, i) => out.push(`  let ${range(P, (k) => `d${i}_${k} = DX[${i * P + k}]`).join(', ')};`));
  for (const line of body.release('REL', (k) => `TR[${k}]`)) out.push(`  ${line}`);
  for (const line of body.lines) out.push(`  ${line}`);

  // Results: the states after the step and their tangents, then the spike outputs.
  program.next.forEach((name, i) => {
    out.push(`  X[${i}] = ${body.nameOf(name)};`);
    for (let k = 0; k < P; k++) out.push(`  DX[${i * P + k}] = ${body.stateTangent(i, k)};`);
  });
  const stride = outStride(P);
  program.margins.forEach((m, c) => {
    const base = c * stride;
    out.push(`  OUT[${base}] = ${body.lineLocal(program.decisions[c])};`);
    out.push(`  OUT[${base + 1}] = ${body.lineLocal(m)};`);
    out.push(`  OUT[${base + 2}] = ${body.lineLocal(program.startMargins[c])};`);
    out.push(`  OUT[${base + 3}] = nr ? SG(${body.lineLocal(m)}) : 0;`);
    for (let k = 0; k < P; k++) {
      out.push(`  OUT[${base + 4 + k}] = ${body.tangent(m, k)};`);
      out.push(`  OUT[${base + 4 + P + k}] = ${body.tangent(program.startMargins[c], k)};`);
    }
  });
  out.push('};');
  return out.join('\n');
}

/** Compiles generated step code with its surrogate slope. */
export function compileTangentStep(code: string, surrogate: SurrogateSlope): StepFunction {
  return new Function('SG', code)(surrogate) as StepFunction;
}

export function range<T>(n: number, f: (k: number) => T): T[] {
  return Array.from({ length: n }, (_, k) => f(k));
}
