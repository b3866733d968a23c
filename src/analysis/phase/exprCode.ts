/**
 * IR expressions as JavaScript source, compiled once with `new Function` — the engine's approach
 * (engine/cpu/codegen.ts), for the same reason: a phase plane evaluates the model's right-hand
 * sides some 23,000 times per slider move, and generated code does that in about a millisecond
 * where an interpreter or a tree of closures takes tens.
 *
 * No text from a model source reaches the generated code: symbols become slot reads `s[3]` or
 * locals `d2` from tables, and numbers are printed from their values. Where `new Function` is not
 * allowed (a strict content-security policy), `generate` returns undefined and callers fall back
 * to the closures of exprClosure.ts.
 */
import type { Expr } from '../../model/ir';

/** How a symbol reads in generated code: `s[i]` for a slot, a local for a definition. */
export type SymbolCode = (name: string) => string | undefined;

export class UnknownSymbolInCodeError extends Error {
  constructor(readonly symbol: string) {
    super(`the expression reads '${symbol}', which is not a parameter, input, state or built-in`);
    this.name = 'UnknownSymbolInCodeError';
  }
}

function printNumber(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '(-Infinity)';
  if (Object.is(v, -0)) return '(-0)';
  return v < 0 ? `(${String(v)})` : String(v);
}

const COMPARE = new Set(['<', '<=', '>', '>=']);

export function printExpr(e: Expr, sym: SymbolCode): string {
  const p = (x: Expr) => printExpr(x, sym);
  switch (e.k) {
    case 'num':
      return printNumber(e.v);
    case 'sym': {
      const code = sym(e.name);
      if (code === undefined) throw new UnknownSymbolInCodeError(e.name);
      return code;
    }
    case 'un':
      return e.op === 'neg' ? `(-${p(e.a)})` : `(${p(e.a)} ? 0 : 1)`;
    case 'reduce':
      return p(e.a);
    case 'cond':
      return `(${p(e.c)} ? ${p(e.a)} : ${p(e.b)})`;
    case 'bin': {
      const a = p(e.a);
      const b = p(e.b);
      switch (e.op) {
        case '+':
        case '-':
        case '*':
        case '/':
          return `(${a} ${e.op} ${b})`;
        case '^':
          if (e.b.k === 'num' && e.b.v === 2) return `SQ(${a})`;
          if (e.b.k === 'num' && e.b.v === 3) return `CUBE(${a})`;
          return `Math.pow(${a}, ${b})`;
        case '==':
          return `(${a} === ${b} ? 1 : 0)`;
        case '!=':
          return `(${a} !== ${b} ? 1 : 0)`;
        case 'and':
          return `(${a} && ${b} ? 1 : 0)`;
        case 'or':
          return `(${a} || ${b} ? 1 : 0)`;
        default:
          if (COMPARE.has(e.op)) return `(${a} ${e.op} ${b} ? 1 : 0)`;
          throw new Error(`unknown operator ${e.op}`);
      }
    }
    case 'call': {
      const args = e.args.map(p);
      switch (e.fn) {
        case 'exp':
        case 'log':
        case 'sqrt':
        case 'abs':
        case 'tanh':
        case 'sin':
        case 'cos':
        case 'min':
        case 'max':
        case 'pow':
          return `Math.${e.fn}(${args.join(', ')})`;
        case 'exprel':
          return `EXPREL(${args[0]})`;
        case 'clip':
          return `Math.min(Math.max(${args[0]}, ${args[1]}), ${args[2]})`;
        case 'heaviside':
          return `(${args[0]} >= 0 ? 1 : 0)`;
        // Noise at its mean: the phase plane is the noise-free system.
        case 'rand':
          return '0.5';
        case 'randn':
          return '0';
      }
    }
  }
}

const HELPERS = {
  SQ: (x: number) => x * x,
  CUBE: (x: number) => x * x * x,
  EXPREL: (x: number) => (x === 0 ? 1 : Math.expm1(x) / x),
};

/**
 * `(s, out) => { body }` compiled with the helpers in scope; undefined where the page forbids
 * `new Function`. `body` must be built from printExpr output and fixed text only.
 */
export function generate<F>(body: string): F | undefined {
  try {
    const make = new Function('SQ', 'CUBE', 'EXPREL', `'use strict'; return function generated(s, out) {\n${body}\n};`);
    return make(HELPERS.SQ, HELPERS.CUBE, HELPERS.EXPREL) as F;
  } catch (e) {
    if (e instanceof EvalError) return undefined;
    throw e;
  }
}
