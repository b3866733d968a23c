/**
 * The forward-mode step of a whole population (the differentiable network): the same step body as
 * the single-neuron step (tangentCodegen.ts), looped over the neurons with their states in
 * neuron-major arrays, spikes collected as the engine collects them, and each neuron's surrogate
 * spike derivative written out for the synapses to carry.
 *
 * Generated function: stepAll(N, X, DX, PV, PA, UA, n, dt, LS, SPK, DS, TS, TSL, OBS, OUT) → spike count
 *   X   states, neuron i's state s at X[i * S + s]; DX tangents at DX[(i * S + s) * P + k],
 *   PV  parameter values (scalars), PA per-neuron parameter arrays (only where declared per neuron),
 *   UA  per input, this step's per-neuron values, LS last spike step per neuron (NEVER: none),
 *   SPK out: the neurons that spiked, DS out (when asked for): ∂s_i/∂θ_k = Σ_c σ'(margin_c)·∂margin_c/∂θ_k at [i * P + k],
 *   TS  out: for the j-th spike of the step, ∂t/∂θ_k of its time (the margin's zero crossing,
 *       linearly interpolated within the step, as the observation's spike times) at [j * P + k];
 *       without tangents (P = 0), the crossing's fraction of the step at [j],
 *   TSL per neuron, ∂t/∂θ_k of its last spike at [i * P + k] (reset 'spike-times': the release term),
 *   OBS the observed neuron, whose spike outputs go to OUT in the single step's layout (outStride).
 * Returns the number of spikes, or −(i + 1) when neuron i reached a non-finite state.
 */
import type { Expr } from '../model/ir';
import { inlineDefinitions } from '../model/symbolic';
import type { FlatModel } from '../engine/flatten';
import { printExpr, printNumber } from '../engine/cpu/printExpr';
import type { StepProgram } from '../engine/stepProgram';
import { outStride, range, tangentBody, type SurrogateSlope, type TangentOptions } from './tangentCodegen';

export const NEVER_SPIKED = -1_000_000_000;

export type BatchedStepFunction = (
  N: number,
  X: Float64Array,
  DX: Float64Array,
  PV: Float64Array,
  PA: readonly (Float64Array | null)[],
  UA: readonly Float64Array[],
  n: number,
  dt: number,
  LS: Int32Array,
  SPK: Int32Array,
  DS: Float64Array,
  TS: Float64Array,
  TSL: Float64Array,
  OBS: number,
  OUT: Float64Array,
) => number;

export interface BatchedOptions extends TangentOptions {
  /** Per flat parameter: whether it has one value per neuron (read from PA). */
  readonly paramIsArray: readonly boolean[];
  /** Whether to write DS (only surrogate derivatives carried through synapses read it). */
  readonly spikeDerivatives: boolean;
}

let generatedCount = 0;

export function generateBatchedTangentStep(flat: FlatModel, program: StepProgram, options: BatchedOptions): string {
  const P = options.trainedParams.length;
  const S = flat.states.length;
  const body = tangentBody(flat, program, options);
  const out: string[] = ['"use strict";', `// fit population step ${++generatedCount}`];
  out.push('return function stepAll(N, X, DX, PV, PA, UA, n, dt, LS, SPK, DS, TS, TSL, OBS, OUT) {');
  out.push('  const t = n * dt;');
  out.push('  let count = 0;');
  flat.params.forEach((_, j) => out.push(options.paramIsArray[j] ? `  const A${j} = PA[${j}];` : `  const p${j} = PV[${j}];`));
  flat.inputs.forEach((_, q) => out.push(`  const U${q} = UA[${q}];`));
  const refractory = refractoryLine(flat);
  out.push('  for (let i = 0; i < N; i++) {');
  out.push(`    const o = i * ${S};`);
  if (P > 0) out.push(`    const od = o * ${P};`);
  flat.states.forEach((_, s) => out.push(`    const x${s} = X[o + ${s}];`));
  flat.params.forEach((_, j) => options.paramIsArray[j] && out.push(`    const p${j} = A${j}[i];`));
  flat.inputs.forEach((_, q) => out.push(`    const u${q} = U${q}[i];`));
  if (P > 0) flat.states.forEach((_, s) => out.push(`    let ${range(P, (k) => `d${s}_${k} = DX[od + ${s * P + k}]`).join(', ')};`));
  out.push('    const last = LS[i];');
  out.push(`    const rs = ${refractory ?? '0'};`);
  out.push('    const nr = n - last >= rs ? 1 : 0;');
  out.push(`    const ls = last === ${NEVER_SPIKED} ? -1e7 : last * dt;`);
  for (const line of body.release('rs > 1 && n - last === rs', (k) => `TSL[i * ${P} + ${k}]`)) out.push(`    ${line}`);
  for (const line of body.lines) out.push(`    ${line}`);
  // New states; x - x is 0 for every finite x, NaN otherwise: one test per neuron finds a blow-up.
  const next = program.next.map((name) => body.nameOf(name));
  next.forEach((value, s) => out.push(`    X[o + ${s}] = ${value};`));
  out.push(`    if ((${next.map((v) => `${v} - ${v}`).join(' + ')}) !== 0) return -(i + 1);`);
  for (let s = 0; s < S; s++) for (let k = 0; k < P; k++) out.push(`    DX[od + ${s * P + k}] = ${body.stateTangent(s, k)};`);
  const margins = program.margins.map((m) => body.lineLocal(m));
  const decisions = program.decisions.map((d) => body.lineLocal(d));
  // A spike: the first condition that fired gives its time (see ObservationRecorder.spikeOutputs).
  decisions.forEach((d, c) => {
    const m = margins[c];
    const m0 = body.lineLocal(program.startMargins[c]);
    out.push(`    ${c > 0 ? 'else ' : ''}if (${d}) {`);
    // Without tangents, TS keeps where in the step the margin crossed zero (the spike time's fraction).
    if (P === 0) out.push(`      TS[count] = ${m0} <= 0 && ${m} > ${m0} ? -${m0} / (${m} - ${m0}) : 0;`);
    if (P > 0) {
      out.push(`      const r = ${m0} <= 0 && ${m} > ${m0} ? dt / ((${m} - ${m0}) * (${m} - ${m0})) : 0;`);
      for (let k = 0; k < P; k++) out.push(`      TS[count * ${P} + ${k}] = TSL[i * ${P} + ${k}] = r * (${m0} * ${body.tangent(program.margins[c], k)} - ${m} * ${body.tangent(program.startMargins[c], k)});`);
    }
    out.push('      SPK[count++] = i;');
    out.push('      LS[i] = n;');
    out.push('    }');
  });
  if (P > 0 && options.spikeDerivatives) {
    margins.forEach((m, c) => out.push(`    const sg${c} = nr ? SG(${m}) : 0;`));
    for (let k = 0; k < P; k++) {
      const sum = program.margins.map((m, c) => `sg${c} * ${body.tangent(m, k)}`).join(' + ') || '0';
      out.push(`    DS[i * ${P} + ${k}] = ${sum};`);
    }
  }
  // The observed neuron's spike outputs, as the single-neuron step writes them.
  out.push('    if (i === OBS) {');
  const stride = outStride(P);
  program.margins.forEach((m, c) => {
    const base = c * stride;
    out.push(`      OUT[${base}] = ${decisions[c]};`);
    out.push(`      OUT[${base + 1}] = ${margins[c]};`);
    out.push(`      OUT[${base + 2}] = ${body.lineLocal(program.startMargins[c])};`);
    out.push(`      OUT[${base + 3}] = nr ? SG(${margins[c]}) : 0;`);
    for (let k = 0; k < P; k++) {
      out.push(`      OUT[${base + 4 + k}] = ${body.tangent(m, k)};`);
      out.push(`      OUT[${base + 4 + P + k}] = ${body.tangent(program.startMargins[c], k)};`);
    }
  });
  out.push('    }');
  out.push('  }');
  out.push('  return count;');
  out.push('};');
  return out.join('\n');
}

/** The refractory period in whole steps (Brian2's rule, as the cell computes it), or undefined. */
export function refractoryLine(flat: FlatModel): string | undefined {
  if (!flat.refractory) return undefined;
  const defs = new Map(flat.definitions.map((d) => [d.name, d.expr]));
  const stateIndex = new Map(flat.states.map((s, i) => [s.name, i]));
  const paramIndex = new Map(flat.params.map((p, i) => [p.name, i]));
  const e: Expr = inlineDefinitions(flat.refractory, defs);
  const nameOf = (name: string): string => {
    const s = stateIndex.get(name);
    if (s !== undefined) return `x${s}`;
    const p = paramIndex.get(name);
    if (p !== undefined) return `p${p}`;
    if (name === 'dt') return 'dt';
    if (name === 'pi') return printNumber(Math.PI);
    if (name.startsWith('in:')) return '0';
    throw new Error(`the refractory period cannot read '${name}'`);
  };
  return `Math.floor((${printExpr(e, nameOf)}) / dt + 1e-3)`;
}

export function compileBatchedStep(code: string, surrogate: SurrogateSlope): BatchedStepFunction {
  return new Function('SG', code)(surrogate) as BatchedStepFunction;
}
