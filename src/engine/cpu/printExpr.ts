/**
 * Prints IR expressions as JavaScript. Only this printer produces expression code: identifiers come
 * from a name table owned by the code generator (never from source text), and numbers are printed
 * from their numeric values, so no text a user typed can reach generated code.
 */
import type { Expr } from '../../model/ir';

/**
 * exprel(a) = (eᵃ − 1)/a as a lambda of `a`: a series below |a| = 10⁻⁵ (error < 10⁻¹⁶), else from
 * exp, which V8 computes in about half the time of expm1 (10⁻¹¹ relative at worst, where the
 * subtraction cancels). Rate functions are compiled with it (model/rateSingularities.ts), which made
 * float64 Hodgkin–Huxley about 6% slower (8% with Math.expm1). fit/commonCalls.ts recognises this text.
 */
export const EXPREL_LAMBDA = '((a) => (Math.abs(a) < 1e-5 ? 1 + a * (0.5 + a / 6) : (Math.exp(a) - 1) / a))';

export type NameOf = (symbol: string) => string;

export function printNumber(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '(-Infinity)';
  const text = String(v);
  if (!/^-?[0-9.e+-]+$/.test(text)) throw new Error(`cannot print number ${text}`);
  return v < 0 || Object.is(v, -0) ? `(${text})` : text;
}

const MATH_FNS: Record<string, string> = {
  exp: 'Math.exp',
  log: 'Math.log',
  sqrt: 'Math.sqrt',
  abs: 'Math.abs',
  tanh: 'Math.tanh',
  sin: 'Math.sin',
  cos: 'Math.cos',
  min: 'Math.min',
  max: 'Math.max',
  pow: 'Math.pow',
};

/**
 * `perStep` names the variable holding this step's value of a node that is computed once per step
 * rather than printed inline: population reductions and rand()/randn() draws (matched by identity).
 */
export function printExpr(e: Expr, nameOf: NameOf, perStep?: (e: Expr) => string): string {
  const p = (x: Expr): string => printExpr(x, nameOf, perStep);
  switch (e.k) {
    case 'num':
      return printNumber(e.v);
    case 'sym':
      return nameOf(e.name);
    case 'un':
      return e.op === 'neg' ? `(-${p(e.a)})` : `(!${p(e.a)})`;
    case 'reduce':
      if (!perStep) throw new Error('population reduction outside a spike condition');
      return perStep(e);
    case 'cond':
      return `(${p(e.c)} ? ${p(e.a)} : ${p(e.b)})`;
    case 'call': {
      const args = e.args.map(p);
      if (e.fn === 'rand' || e.fn === 'randn') {
        if (!perStep) throw new Error('random draw where none is available');
        return perStep(e);
      }
      if (e.fn === 'heaviside') return `(${args[0]} >= 0 ? 1 : 0)`;
      if (e.fn === 'exprel') return `${EXPREL_LAMBDA}(${args[0]})`;
      if (e.fn === 'clip') return `Math.min(Math.max(${args[0]}, ${args[1]}), ${args[2]})`;
      if (e.fn === 'pow') return printPower(e.args[0], e.args[1], p);
      return `${MATH_FNS[e.fn]}(${args.join(', ')})`;
    }
    case 'bin':
      switch (e.op) {
        case '^':
          return printPower(e.a, e.b, p);
        case 'and':
          return `(${p(e.a)} && ${p(e.b)})`;
        case 'or':
          return `(${p(e.a)} || ${p(e.b)})`;
        case '==':
          return `(${p(e.a)} === ${p(e.b)})`;
        case '!=':
          return `(${p(e.a)} !== ${p(e.b)})`;
        default:
          return `(${p(e.a)} ${e.op} ${p(e.b)})`;
      }
  }
}

/** Small integer powers of simple operands become products: v^2 → (v*v), faster than Math.pow. */
function printPower(base: Expr, exponent: Expr, p: (x: Expr) => string): string {
  if (exponent.k === 'num' && Number.isInteger(exponent.v) && exponent.v >= 2 && exponent.v <= 4 && (base.k === 'sym' || base.k === 'num')) {
    const b = p(base);
    return `(${Array(exponent.v).fill(b).join('*')})`;
  }
  return `Math.pow(${p(base)}, ${p(exponent)})`;
}
