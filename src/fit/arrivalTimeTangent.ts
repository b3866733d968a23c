/**
 * Spike-time derivatives carried through a synapse (the network gradient's `synapses: 'spike-times'`).
 *
 * An arrival at time t_a adds a constant increment Δ to some states of the post cell (`g += w`). If
 * t_a moves by δ, the trajectory after the jump moves by (f⁻ − f⁺)·δ, where f is the post cell's
 * right-hand side just before and after the jump (the sensitivity jump condition of hybrid systems;
 * in reverse it is EventProp's). With f⁺ − f⁻ ≈ J·Δ (J = ∂f/∂(jumped states), exact when f is linear
 * in them — every summed library synapse, and the delta synapse into a linear membrane), each state
 * s of the post cell gains ∂s/∂θ_k −= (Σ_q ∂f_s/∂x_q · Δ_q) · ∂t_a/∂θ_k, where ∂t_a/∂θ is the pre
 * spike's time derivative (interpolated threshold crossing). Equations held while refractory do not
 * move while the post cell is refractory.
 *
 * Generated function: jump(X, DX, o, i, PV, PA, UA, LS, n, dt, INC, ib, TS, tb)
 *   post neuron i's states at X[o + s], tangents at DX[(o + s) * P + k]; its parameters PV / PA[j][i],
 *   inputs UA[q][i], last spike LS[i]; the arrival at the end of step n; increments INC[ib + q];
 *   the spike's ∂t/∂θ_k at TS[tb + k].
 */
import type { Expr } from '../model/ir';
import { differentiate, inlineDefinitions, symbolsOf } from '../model/symbolic';
import { externalInput, type FlatModel } from '../engine/flatten';
import { printExpr, printNumber } from '../engine/cpu/printExpr';
import { NEVER_SPIKED, refractoryLine } from './batchedTangentCodegen';

export type JumpFunction = (
  X: Float64Array,
  DX: Float64Array,
  o: number,
  i: number,
  PV: Float64Array,
  PA: readonly (Float64Array | null)[],
  UA: readonly Float64Array[],
  LS: Int32Array,
  n: number,
  dt: number,
  INC: Float64Array,
  ib: number,
  TS: Float64Array,
  tb: number,
) => void;

export function generateJump(flat: FlatModel, targets: readonly number[], paramIsArray: readonly boolean[], P: number): string {
  const defs = new Map(flat.definitions.map((d) => [d.name, d.expr]));
  const stateIndex = new Map(flat.states.map((s, i) => [s.name, i]));
  const paramIndex = new Map(flat.params.map((p, i) => [p.name, i]));
  const inputIndex = new Map(flat.inputs.map((p, i) => [externalInput(p.name), i]));
  const used = new Set<string>();
  const nameOf = (name: string): string => {
    used.add(name);
    const s = stateIndex.get(name);
    if (s !== undefined) return `x${s}`;
    const p = paramIndex.get(name);
    if (p !== undefined) return `p${p}`;
    const u = inputIndex.get(name);
    if (u !== undefined) return `u${u}`;
    switch (name) {
      case 't':
        return 't';
      case 'dt':
        return 'dt';
      case 'pi':
        return printNumber(Math.PI);
      case 'lastspike':
        return 'ls';
    }
    throw new Error(`internal: the jump condition cannot read '${name}'`);
  };
  const body: string[] = [];
  let gated = false;
  for (const eq of flat.equations) {
    const s = stateIndex.get(eq.state)!;
    const rhs: Expr = inlineDefinitions(eq.rhs, defs);
    const terms: string[] = [];
    targets.forEach((target, q) => {
      if (!symbolsOf(rhs).has(flat.states[target].name)) return;
      const partial = differentiate(rhs, flat.states[target].name);
      if (partial.k === 'num' && partial.v === 0) return;
      terms.push(`(${printExpr(partial, nameOf)}) * INC[ib + ${q}]`);
    });
    if (terms.length === 0) continue;
    gated ||= eq.unlessRefractory;
    body.push(`  {`);
    body.push(`    const df = ${eq.unlessRefractory ? 'nr * ' : ''}(${terms.join(' + ')});`);
    for (let k = 0; k < P; k++) body.push(`    DX[od + ${s * P + k}] -= df * TS[tb + ${k}];`);
    body.push(`  }`);
  }
  const refractory = gated ? refractoryLine(flat) : undefined;
  if (refractory) for (const name of refractoryReads(flat, defs)) used.add(name);
  const out: string[] = ['"use strict";', 'return function jump(X, DX, o, i, PV, PA, UA, LS, n, dt, INC, ib, TS, tb) {'];
  out.push(`  const od = o * ${P};`);
  out.push('  const t = (n + 1) * dt;');
  out.push('  const last = LS[i];');
  out.push(`  const ls = last === ${NEVER_SPIKED} ? -1e7 : last * dt;`);
  flat.states.forEach((st, s) => used.has(st.name) && out.push(`  const x${s} = X[o + ${s}];`));
  flat.params.forEach((p, j) => used.has(p.name) && out.push(`  const p${j} = ${paramIsArray[j] ? `PA[${j}][i]` : `PV[${j}]`};`));
  flat.inputs.forEach((u, q) => used.has(externalInput(u.name)) && out.push(`  const u${q} = UA[${q}][i];`));
  // The next step's refractoriness (the engine's rule), which decides whether held equations move.
  if (gated) out.push(`  const nr = ${refractory ? `n + 1 - last >= ${refractory} ? 1 : 0` : '1'};`);
  out.push(...body, '};');
  return out.join('\n');
}

function refractoryReads(flat: FlatModel, defs: ReadonlyMap<string, Expr>): Set<string> {
  return flat.refractory ? symbolsOf(inlineDefinitions(flat.refractory, defs)) : new Set();
}

export function compileJump(code: string): JumpFunction {
  return new Function(code)() as JumpFunction;
}
