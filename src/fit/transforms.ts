/**
 * Reparametrisations for bounded parameters. Optimisers work on an unconstrained "free" value z;
 * the model sees value = g(z), which always lies in the parameter's allowed range:
 *
 *   sigmoid  (min, max):  value = min + (max − min)·S(z),  S(z) = 1/(1 + e^−z)
 *                         z = logit(p), p = (value − min)/(max − min)
 *                         d value/dz = (max − min)·S(z)·(1 − S(z))
 *   softplus (0, ∞):      value = ln(1 + e^z),  z = ln(e^value − 1),  d value/dz = S(z)
 *                         (behaves like e^z for small values, like z for large ones)
 *   none     (−∞, ∞):     value = z,  d value/dz = 1
 *
 * The gradient in free coordinates is ∂L/∂z = ∂L/∂value · d value/dz (`gradToFree`).
 *
 * Values at or beyond a bound have no finite free coordinate, so `toFree` clamps them inside
 * first, by this rule: sigmoid clamps p to [1e-6, 1 − 1e-6] (|z| ≤ 13.8, where d value/dz is still
 * 1e-6 of the range, so the optimiser can move off the bound); softplus clamps the value to at
 * least 1e-12 (z ≈ −27.6; softplus is e^z there, so this is a log-scale floor, not a dead end).
 * `fromFree` never clamps: every finite z maps strictly inside, except where float rounding of
 * extreme z lands on a bound.
 */

export type TransformSpec =
  | { readonly kind: 'sigmoid'; readonly min: number; readonly max: number }
  | { readonly kind: 'softplus' }
  | { readonly kind: 'none' };

/** Fraction of the (min, max) range kept free at each end when clamping into a sigmoid bound. */
export const SIGMOID_EDGE = 1e-6;
/** Smallest value a softplus-bounded parameter is clamped to. */
export const SOFTPLUS_MIN_VALUE = 1e-12;

export function checkTransform(spec: TransformSpec): void {
  if (spec.kind === 'sigmoid') {
    if (!Number.isFinite(spec.min) || !Number.isFinite(spec.max) || !(spec.min < spec.max)) {
      throw new RangeError(`sigmoid transform: need finite min < max (got min = ${spec.min}, max = ${spec.max})`);
    }
  } else if (spec.kind !== 'softplus' && spec.kind !== 'none') {
    throw new RangeError(`unknown transform '${String((spec as { kind?: unknown }).kind)}'`);
  }
}

/** The logistic function, written so neither tail overflows. */
export function logistic(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** ln(1 + e^z) without overflow for large z or loss of precision for very negative z. */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/** Inverse softplus ln(e^v − 1) = v + ln(1 − e^−v), accurate for small and large v. */
function softplusInverse(v: number): number {
  return v > 1 ? v + Math.log1p(-Math.exp(-v)) : Math.log(Math.expm1(v));
}

/** The free coordinate of a model value (clamped inside the bounds first, see above). */
export function toFree(spec: TransformSpec, value: number): number {
  checkTransform(spec);
  if (Number.isNaN(value)) throw new RangeError('toFree: value is NaN');
  switch (spec.kind) {
    case 'none':
      return value;
    case 'softplus':
      return softplusInverse(Math.max(value, SOFTPLUS_MIN_VALUE));
    case 'sigmoid': {
      // logit(p), p = fraction of the range below value. In the upper half it is computed from
      // the distance to max, q = 1 − p, so both bounds are resolved equally finely (1 − p
      // would lose digits next to max) and the clamp is exactly symmetric.
      const range = spec.max - spec.min;
      const p = (value - spec.min) / range;
      if (p <= 0.5) {
        const c = Math.max(p, SIGMOID_EDGE);
        return Math.log(c) - Math.log1p(-c);
      }
      const q = Math.max((spec.max - value) / range, SIGMOID_EDGE);
      return Math.log1p(-q) - Math.log(q);
    }
  }
}

/** The model value of a free coordinate. */
export function fromFree(spec: TransformSpec, free: number): number {
  checkTransform(spec);
  switch (spec.kind) {
    case 'none':
      return free;
    case 'softplus':
      return softplus(free);
    case 'sigmoid':
      return spec.min + (spec.max - spec.min) * logistic(free);
  }
}

/** d value / d free at `free`. */
export function dValueDFree(spec: TransformSpec, free: number): number {
  checkTransform(spec);
  switch (spec.kind) {
    case 'none':
      return 1;
    case 'softplus':
      return logistic(free);
    case 'sigmoid': {
      // S(1 − S) = e/(1 + e)² with e = e^−|z|: keeps precision in both tails (1 − S would cancel).
      const e = Math.exp(-Math.abs(free));
      return ((spec.max - spec.min) * e) / ((1 + e) * (1 + e));
    }
  }
}

/** Element-wise `toFree` for a parameter vector. */
export function toFreeVector(specs: readonly TransformSpec[], values: ArrayLike<number>): Float64Array {
  if (values.length !== specs.length) throw new RangeError(`toFreeVector: ${values.length} values for ${specs.length} transforms`);
  return Float64Array.from(specs, (spec, k) => toFree(spec, values[k]));
}

/** Element-wise `fromFree` for a parameter vector. */
export function fromFreeVector(specs: readonly TransformSpec[], free: ArrayLike<number>): Float64Array {
  if (free.length !== specs.length) throw new RangeError(`fromFreeVector: ${free.length} values for ${specs.length} transforms`);
  return Float64Array.from(specs, (spec, k) => fromFree(spec, free[k]));
}

/** Chain rule into free coordinates: ∂L/∂z_k = ∂L/∂value_k · d value_k/dz_k. */
export function gradToFree(specs: readonly TransformSpec[], free: ArrayLike<number>, gradValue: ArrayLike<number>): Float64Array {
  if (free.length !== specs.length || gradValue.length !== specs.length) {
    throw new RangeError(`gradToFree: ${specs.length} transforms, ${free.length} free values, ${gradValue.length} gradients`);
  }
  return Float64Array.from(specs, (spec, k) => gradValue[k] * dValueDFree(spec, free[k]));
}
