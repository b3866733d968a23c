/**
 * Prints IR expressions as WGSL (f32). WGSL is typed where JavaScript is not: a comparison is a
 * `bool` and cannot be multiplied, so every printed expression carries its type and the printer
 * converts where the language mixes them (`select(0.0, 1.0, b)`, `x != 0.0`). Identifiers come from
 * the kernel generator's name table and numbers from their values, as on the CPU backend, so no
 * source text reaches a shader.
 *
 * Elementary functions follow the CPU backend's semantics where WGSL leaves them undefined: `pow`
 * of a negative base with an integer exponent, `tanh` of large arguments, `exprel` near 0.
 */
import type { Expr } from '../../model/ir';

export type NameOf = (symbol: string) => string;

interface Typed {
  readonly code: string;
  readonly bool: boolean;
}

const F32_MAX = 3.4028234663852886e38;
const F32_MIN_NORMAL = 1.1754943508222875e-38;

/**
 * An f32 literal. WGSL refuses literals that overflow f32 (and infinities altogether), so those
 * become `SF_INF`-based expressions: `sf_inf()` reads +∞ from a uniform at run time.
 */
export function wgslNumber(v: number): string {
  if (Number.isNaN(v)) return 'sf_nan()';
  if (Math.abs(v) > F32_MAX) return v > 0 ? 'sf_inf()' : '(-sf_inf())';
  // Subnormal literals are flushed by some compilers and refused by others: 0 is what f32 math gives.
  const f = Math.abs(v) < F32_MIN_NORMAL ? 0 : Math.fround(v);
  const text = String(Math.abs(f));
  if (!/^[0-9.e+-]+$/.test(text)) throw new Error(`cannot print number ${text}`);
  const literal = text.includes('.') || text.includes('e') ? `${text}f` : `${text}.0f`;
  return f < 0 || Object.is(f, -0) ? `(-${literal})` : literal;
}

const asF32 = (t: Typed): string => (t.bool ? `select(0.0f, 1.0f, ${t.code})` : t.code);
const asBool = (t: Typed): string => (t.bool ? t.code : `(${t.code} != 0.0f)`);
const f32 = (code: string): Typed => ({ code, bool: false });
const bool = (code: string): Typed => ({ code, bool: true });

const WGSL_FNS: Record<string, string> = {
  exp: 'exp',
  log: 'log',
  sqrt: 'sqrt',
  abs: 'abs',
  sin: 'sin',
  cos: 'cos',
  min: 'min',
  max: 'max',
};

/**
 * `perStep` names the variable that holds this step's value of a node computed once per neuron and
 * step (rand()/randn() draws, matched by identity).
 */
export function printWgsl(e: Expr, nameOf: NameOf, perStep?: (e: Expr) => string): string {
  return asF32(typed(e, nameOf, perStep));
}

/** The expression as a WGSL `bool` (spike conditions). */
export function printWgslCondition(e: Expr, nameOf: NameOf, perStep?: (e: Expr) => string): string {
  return asBool(typed(e, nameOf, perStep));
}

function typed(e: Expr, nameOf: NameOf, perStep?: (e: Expr) => string): Typed {
  const p = (x: Expr): Typed => typed(x, nameOf, perStep);
  const n = (x: Expr): string => asF32(p(x));
  switch (e.k) {
    case 'num':
      return f32(wgslNumber(e.v));
    case 'sym':
      return f32(nameOf(e.name));
    case 'un':
      return e.op === 'neg' ? f32(`(-${n(e.a)})`) : bool(`(!${asBool(p(e.a))})`);
    case 'reduce':
      // A population reduction is a value the kernel has computed beforehand (populationKernel's main_b).
      if (!perStep) throw new Error('population reduction where none is available');
      return f32(perStep(e));
    case 'cond': {
      const a = p(e.a);
      const b = p(e.b);
      const c = asBool(p(e.c));
      return a.bool && b.bool ? bool(`select(${b.code}, ${a.code}, ${c})`) : f32(`select(${asF32(b)}, ${asF32(a)}, ${c})`);
    }
    case 'call': {
      if (e.fn === 'rand' || e.fn === 'randn') {
        if (!perStep) throw new Error('random draw where none is available');
        return f32(perStep(e));
      }
      const args = e.args.map(n);
      switch (e.fn) {
        case 'heaviside':
          return f32(`select(0.0f, 1.0f, ${args[0]} >= 0.0f)`);
        case 'exprel':
          return f32(`sf_exprel(${args[0]})`);
        case 'clip':
          return f32(`min(max(${args[0]}, ${args[1]}), ${args[2]})`);
        case 'tanh':
          return f32(`sf_tanh(${args[0]})`);
        case 'pow':
          return f32(power(e.args[0], e.args[1], n));
        default:
          return f32(`${WGSL_FNS[e.fn]}(${args.join(', ')})`);
      }
    }
    case 'bin':
      switch (e.op) {
        case '^':
          return f32(power(e.a, e.b, n));
        case 'and':
          return bool(`(${asBool(p(e.a))} && ${asBool(p(e.b))})`);
        case 'or':
          return bool(`(${asBool(p(e.a))} || ${asBool(p(e.b))})`);
        case '<':
        case '<=':
        case '>':
        case '>=':
        case '==':
        case '!=':
          return bool(`(${n(e.a)} ${e.op} ${n(e.b)})`);
        default:
          return f32(`(${n(e.a)} ${e.op} ${n(e.b)})`);
      }
  }
}

/** Small integer powers of simple operands become products, as on the CPU; the rest `sf_pow`. */
function power(base: Expr, exponent: Expr, n: (x: Expr) => string): string {
  if (exponent.k === 'num' && Number.isInteger(exponent.v) && exponent.v >= 2 && exponent.v <= 4 && (base.k === 'sym' || base.k === 'num')) {
    const b = n(base);
    return `(${Array(exponent.v).fill(b).join(' * ')})`;
  }
  return `sf_pow(${n(base)}, ${n(exponent)})`;
}

/**
 * Helper functions every kernel includes. `sf_inf` reads +∞ through a run-time value because WGSL
 * refuses an infinite constant expression.
 */
export const WGSL_MATH = /* wgsl */ `
fn sf_inf() -> f32 { return bitcast<f32>(0x7f800000u | ctrl.zero); }
fn sf_nan() -> f32 { return bitcast<f32>(0x7fc00000u | ctrl.zero); }
fn sf_finite(x: f32) -> bool { return (bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u; }
// JavaScript's Math.pow: a negative base with an integer exponent is defined; 0^0 = 1.
fn sf_pow(a: f32, b: f32) -> f32 {
  if (b == 0.0f) { return 1.0f; }
  if (a == 0.0f) { return select(sf_inf(), 0.0f, b > 0.0f); }
  if (a < 0.0f && b == round(b)) {
    let r = pow(-a, b);
    return select(r, -r, abs(b % 2.0f) == 1.0f);
  }
  return pow(a, b);
}
// tanh through exp overflows to NaN on some implementations for |x| > ~44; tanh(±20) is ±1 in f32.
fn sf_tanh(x: f32) -> f32 { return tanh(clamp(x, -20.0f, 20.0f)); }
// (e^x − 1)/x: directly where nothing cancels, else Kahan's expm1 trick ((u − 1)/log(u), u = e^x).
fn sf_exprel(x: f32) -> f32 {
  if (abs(x) >= 0.5f) { return (exp(x) - 1.0f) / x; }
  let u = exp(x);
  if (u == 1.0f) { return 1.0f; }
  return (u - 1.0f) / log(u);
}
// φ(B, D) = (e^{B·D} − 1)/B, the exact-step factor of dx/dt = A + B·x (engine/cpu/expEuler.ts).
fn sf_phi(B: f32, D: f32) -> f32 { return D * sf_exprel(B * D); }
`;
