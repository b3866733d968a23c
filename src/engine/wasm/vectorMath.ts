/**
 * Elementary functions on four float32 lanes, emitted inline into a kernel (WebAssembly has no
 * vector exp or log). Each takes its argument from the stack and leaves the result there.
 *
 * exp and log are the Cephes single-precision algorithms (range reduction by ln 2 and a minimax
 * polynomial; within 2 ulp over the normal range); special values follow JavaScript's Math:
 * exp(> 88.72) = Infinity, exp(< −87.34) = 0, log(0) = −Infinity, log(< 0) = NaN, NaN stays NaN.
 */
import { CodeBuilder, SIMD } from './binary';

const LOG2E = 1.4426950408889634;
const LN2_HI = 0.693359375;
const LN2_LO = -2.12194440e-4;
const EXP_POLY = [1.9875691500e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1, 5.0000001201e-1];
const LOG_POLY = [7.0376836292e-2, -1.151461031e-1, 1.167699874e-1, -1.2420140846e-1, 1.4249322787e-1, -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1];
/** ln of the largest float32 (rounded down to float32): larger arguments overflow to ∞. */
const EXP_MAX_ARG = 88.72283935546875;
const SQRT_HALF = Math.SQRT1_2;

/** Horner's rule: ((c0·x + c1)·x + …) with x in local `x`; leaves the value on the stack. */
function horner(c: CodeBuilder, x: number, coefficients: readonly number[]): void {
  c.f32x4(coefficients[0]);
  for (const k of coefficients.slice(1)) c.get(x).simd(SIMD.f32x4Mul).f32x4(k).simd(SIMD.f32x4Add);
}

/** Selects `ifTrue` (on the stack below) where the comparison of local `x` with `limit` holds. */
function override(c: CodeBuilder, value: number, result: number, x: number, compare: number, limit: number): void {
  c.f32x4(value).get(result).get(x).f32x4(limit).simd(compare).simd(SIMD.bitselect).set(result);
}

export function emitExp(c: CodeBuilder): void {
  const x = c.local('v128');
  const r = c.local('v128');
  const fx = c.local('v128');
  const result = c.local('v128');
  c.set(x);
  // fx = floor(clamp(x)·log2 e + ½); r = clamp(x) − fx·ln 2 (in two parts, exactly as Cephes).
  c.get(x).f32x4(EXP_MAX_ARG).simd(SIMD.f32x4Pmin).f32x4(-88.3762626647949).simd(SIMD.f32x4Pmax).set(r);
  c.get(r).f32x4(LOG2E).simd(SIMD.f32x4Mul).f32x4(0.5).simd(SIMD.f32x4Add).simd(SIMD.f32x4Floor).set(fx);
  c.get(r).get(fx).f32x4(LN2_HI).simd(SIMD.f32x4Mul).simd(SIMD.f32x4Sub);
  c.get(fx).f32x4(LN2_LO).simd(SIMD.f32x4Mul).simd(SIMD.f32x4Sub).set(r);
  // y = P(r)·r² + r + 1
  horner(c, r, EXP_POLY);
  c.get(r).get(r).simd(SIMD.f32x4Mul).simd(SIMD.f32x4Mul).get(r).simd(SIMD.f32x4Add).f32x4(1).simd(SIMD.f32x4Add);
  // · 2^fx, built in the exponent bits; fx = 128 (just below overflow) as 2·2^127
  c.f32x4(2).f32x4(1).get(fx).f32x4(127).simd(SIMD.f32x4Gt).simd(SIMD.bitselect).simd(SIMD.f32x4Mul);
  c.get(fx).f32x4(127).simd(SIMD.f32x4Pmin).simd(SIMD.i32x4TruncSatF32x4S).i32x4(127).simd(SIMD.i32x4Add).i32(23).simd(SIMD.i32x4Shl);
  c.simd(SIMD.f32x4Mul).set(result);
  override(c, Infinity, result, x, SIMD.f32x4Gt, EXP_MAX_ARG);
  override(c, 0, result, x, SIMD.f32x4Lt, -87.3365478515625);
  c.get(result);
}

export function emitLog(c: CodeBuilder): void {
  const x = c.local('v128');
  const m = c.local('v128');
  const e = c.local('v128');
  const z = c.local('v128');
  const small = c.local('v128');
  const result = c.local('v128');
  c.set(x);
  // x = m·2^e with m in [0.5, 1): the exponent and mantissa bits.
  c.get(x).i32(23).simd(SIMD.i32x4ShrS).i32x4(0xff).simd(SIMD.and).i32x4(126).simd(SIMD.i32x4Sub).set(e);
  c.get(x).i32x4(0x807fffff).simd(SIMD.and).i32x4(0x3f000000).simd(SIMD.or).set(m);
  // m < √½: e −= 1, m = 2m − 1; else m = m − 1.
  c.get(m).f32x4(SQRT_HALF).simd(SIMD.f32x4Lt).set(small);
  c.get(e).get(small).simd(SIMD.i32x4Add).simd(SIMD.f32x4ConvertI32x4S).set(e);
  c.get(m).get(m).get(small).simd(SIMD.and).simd(SIMD.f32x4Add).f32x4(1).simd(SIMD.f32x4Sub).set(m);
  c.get(m).get(m).simd(SIMD.f32x4Mul).set(z);
  // y = P(m)·m·z + e·ln2_lo − z/2; log = m + y + e·ln2_hi
  horner(c, m, LOG_POLY);
  c.get(m).simd(SIMD.f32x4Mul).get(z).simd(SIMD.f32x4Mul);
  c.get(e).f32x4(LN2_LO).simd(SIMD.f32x4Mul).simd(SIMD.f32x4Add);
  c.get(z).f32x4(0.5).simd(SIMD.f32x4Mul).simd(SIMD.f32x4Sub);
  c.get(m).simd(SIMD.f32x4Add).get(e).f32x4(LN2_HI).simd(SIMD.f32x4Mul).simd(SIMD.f32x4Add).set(result);
  // Special values: NaN below 0 (and for NaN), −∞ at 0, ∞ at ∞.
  c.f32x4(NaN).get(result).get(x).f32x4(0).simd(SIMD.f32x4Ge).simd(SIMD.not).simd(SIMD.bitselect).set(result);
  override(c, -Infinity, result, x, SIMD.f32x4Eq, 0);
  override(c, Infinity, result, x, SIMD.f32x4Eq, Infinity);
  c.get(result);
}

/** (e^a − 1)/a, 1 at a = 0: a Taylor series below |a| = ½ (no cancellation), else from exp. */
export function emitExprel(c: CodeBuilder): void {
  const a = c.local('v128');
  const series = c.local('v128');
  const large = c.local('v128');
  c.set(a);
  horner(c, a, [1 / 40320, 1 / 5040, 1 / 720, 1 / 120, 1 / 24, 1 / 6, 1 / 2, 1]);
  c.set(series);
  c.get(a);
  emitExp(c);
  c.f32x4(1).simd(SIMD.f32x4Sub).get(a).simd(SIMD.f32x4Div).set(large);
  c.get(series).get(large).get(a).simd(SIMD.f32x4Abs).f32x4(0.5).simd(SIMD.f32x4Lt).simd(SIMD.bitselect);
}

/** tanh: an odd series below |x| = 1/8, else (1 − e^{−2|x|})/(1 + e^{−2|x|}) with x's sign. */
export function emitTanh(c: CodeBuilder): void {
  const x = c.local('v128');
  const x2 = c.local('v128');
  const e = c.local('v128');
  const large = c.local('v128');
  c.set(x);
  c.get(x).simd(SIMD.f32x4Abs).f32x4(-2).simd(SIMD.f32x4Mul);
  emitExp(c);
  c.set(e);
  c.f32x4(1).get(e).simd(SIMD.f32x4Sub).f32x4(1).get(e).simd(SIMD.f32x4Add).simd(SIMD.f32x4Div);
  c.get(x).i32x4(-0x80000000).simd(SIMD.and).simd(SIMD.or).set(large);
  c.get(x).get(x).simd(SIMD.f32x4Mul).set(x2);
  horner(c, x2, [-17 / 315, 2 / 15, -1 / 3, 1]);
  c.get(x).simd(SIMD.f32x4Mul);
  c.get(large).get(x).simd(SIMD.f32x4Abs).f32x4(0.125).simd(SIMD.f32x4Lt).simd(SIMD.bitselect);
}

/** cos(2π·u): reduced to a quarter period by symmetry, then a Taylor polynomial in (2πb)² (< 1e-8). */
export function emitCos2Pi(c: CodeBuilder): void {
  const a = c.local('v128');
  const far = c.local('v128');
  const z2 = c.local('v128');
  // a = |u − round(u)| in [0, ½]; beyond ¼, cos(2πa) = −cos(2π(½ − a))
  c.tee(a).get(a).simd(SIMD.f32x4Nearest).simd(SIMD.f32x4Sub).simd(SIMD.f32x4Abs).set(a);
  c.get(a).f32x4(0.25).simd(SIMD.f32x4Gt).set(far);
  c.f32x4(0.5).get(a).simd(SIMD.f32x4Sub).get(a).get(far).simd(SIMD.bitselect);
  c.f32x4(2 * Math.PI).simd(SIMD.f32x4Mul).set(z2);
  c.get(z2).get(z2).simd(SIMD.f32x4Mul).set(z2);
  horner(c, z2, [1 / 479001600, -1 / 3628800, 1 / 40320, -1 / 720, 1 / 24, -1 / 2, 1]);
  c.get(far).i32x4(-0x80000000).simd(SIMD.and).simd(SIMD.xor);
}

/** mix32 of rng.ts on four u32 lanes (xor-shift-multiply; i32x4.mul keeps the low 32 bits, as Math.imul). */
export function emitMix32(c: CodeBuilder): void {
  const x = c.local('v128');
  c.set(x);
  const round = (shift: number, multiplier: number | undefined): void => {
    c.get(x).get(x).i32(shift).simd(SIMD.i32x4ShrU).simd(SIMD.xor);
    if (multiplier !== undefined) c.i32x4(multiplier | 0).simd(SIMD.i32x4Mul);
    c.set(x);
  };
  round(17, 0xed5ad4bb);
  round(11, 0xac4c1b51);
  round(15, 0x31848bab);
  round(14, undefined);
  c.get(x);
}
