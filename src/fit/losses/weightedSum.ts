/**
 * Linear combination of loss terms: L = Σ_i w_i L_i, ∂L/∂θ = Σ_i w_i ∂L_i/∂θ.
 */
import type { LossValue } from '../observation.ts';

export interface WeightedTerm {
  readonly weight: number;
  readonly loss: LossValue;
}

/**
 * @param paramCount P, the gradient length (needed when `terms` is empty, and checked otherwise).
 */
export function weightedSum(terms: readonly WeightedTerm[], paramCount: number): LossValue {
  const grad = new Float64Array(paramCount);
  let value = 0;
  for (const [i, { weight, loss }] of terms.entries()) {
    if (!Number.isFinite(weight)) throw new RangeError(`weightedSum: weight of term ${i} is ${weight}`);
    if (loss.grad.length !== paramCount) {
      throw new RangeError(`weightedSum: term ${i} has ${loss.grad.length} gradient entries, expected ${paramCount}`);
    }
    // A zero weight switches a term off entirely, even if it evaluated to a non-finite value.
    if (weight === 0) continue;
    value += weight * loss.value;
    for (let k = 0; k < paramCount; k++) grad[k] += weight * loss.grad[k];
  }
  return { value, grad };
}
