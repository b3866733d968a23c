/**
 * IR expressions turned into nested JavaScript closures over a slot array: fast enough to evaluate
 * a model's right-hand sides on a 150×150 grid per slider move, with no code generated from text
 * (nothing like `new Function`, so no content-security question on the page).
 *
 * Symbols read `slots[index]`; the caller decides the layout (params, inputs, states, built-ins).
 * Noise has no place in a phase plane: `rand()` reads as its mean 0.5 and `randn()` as 0, and a
 * population reduction (only in spike conditions) reads its argument for this one neuron.
 */
import type { Expr } from '../../model/ir';

export type Slots = Float64Array;
export type Compiled = (s: Slots) => number;

export class UnknownSymbolError extends Error {
  constructor(readonly symbol: string) {
    super(`the expression reads '${symbol}', which is not a parameter, input, state or built-in`);
    this.name = 'UnknownSymbolError';
  }
}

/** `slotOf(name)` gives the slot of a symbol, or undefined for a name it does not know. */
export function compileExpr(e: Expr, slotOf: (name: string) => number | undefined): Compiled {
  const c = (x: Expr): Compiled => compileExpr(x, slotOf);
  switch (e.k) {
    case 'num': {
      const v = e.v;
      return () => v;
    }
    case 'sym': {
      const i = slotOf(e.name);
      if (i === undefined) throw new UnknownSymbolError(e.name);
      return (s) => s[i];
    }
    case 'un': {
      const a = c(e.a);
      return e.op === 'neg' ? (s) => -a(s) : (s) => (a(s) ? 0 : 1);
    }
    case 'reduce':
      return c(e.a);
    case 'cond': {
      const cond = c(e.c);
      const a = c(e.a);
      const b = c(e.b);
      return (s) => (cond(s) ? a(s) : b(s));
    }
    case 'bin':
      return binary(e.op, c(e.a), c(e.b), e.b);
    case 'call':
      return call(e.fn, e.args.map(c), e.args);
  }
}

function binary(op: Extract<Expr, { k: 'bin' }>['op'], a: Compiled, b: Compiled, bExpr: Expr): Compiled {
  switch (op) {
    case '+': return (s) => a(s) + b(s);
    case '-': return (s) => a(s) - b(s);
    case '*': return (s) => a(s) * b(s);
    case '/': return (s) => a(s) / b(s);
    case '^':
      // Small integer powers (v^2, v^3, m^3 h) as products: faster and exact for negative bases.
      if (bExpr.k === 'num' && bExpr.v === 2) return (s) => { const x = a(s); return x * x; };
      if (bExpr.k === 'num' && bExpr.v === 3) return (s) => { const x = a(s); return x * x * x; };
      if (bExpr.k === 'num' && bExpr.v === 4) return (s) => { const x = a(s); const x2 = x * x; return x2 * x2; };
      return (s) => Math.pow(a(s), b(s));
    case '<': return (s) => (a(s) < b(s) ? 1 : 0);
    case '<=': return (s) => (a(s) <= b(s) ? 1 : 0);
    case '>': return (s) => (a(s) > b(s) ? 1 : 0);
    case '>=': return (s) => (a(s) >= b(s) ? 1 : 0);
    case '==': return (s) => (a(s) === b(s) ? 1 : 0);
    case '!=': return (s) => (a(s) !== b(s) ? 1 : 0);
    case 'and': return (s) => (a(s) && b(s) ? 1 : 0);
    case 'or': return (s) => (a(s) || b(s) ? 1 : 0);
  }
}

function call(fn: Extract<Expr, { k: 'call' }>['fn'], args: Compiled[], exprs: readonly Expr[]): Compiled {
  const [a, b, c] = args;
  switch (fn) {
    case 'exp': return (s) => Math.exp(a(s));
    case 'exprel': return (s) => { const x = a(s); return x === 0 ? 1 : Math.expm1(x) / x; };
    case 'log': return (s) => Math.log(a(s));
    case 'sqrt': return (s) => Math.sqrt(a(s));
    case 'abs': return (s) => Math.abs(a(s));
    case 'tanh': return (s) => Math.tanh(a(s));
    case 'sin': return (s) => Math.sin(a(s));
    case 'cos': return (s) => Math.cos(a(s));
    case 'pow': return exprs[1]?.k === 'num' && exprs[1].v === 2 ? (s) => { const x = a(s); return x * x; } : (s) => Math.pow(a(s), b(s));
    case 'clip': return (s) => Math.min(Math.max(a(s), b(s)), c(s));
    case 'heaviside': return (s) => (a(s) >= 0 ? 1 : 0);
    case 'min':
      return args.length === 2 ? (s) => Math.min(a(s), b(s)) : (s) => Math.min(...args.map((f) => f(s)));
    case 'max':
      return args.length === 2 ? (s) => Math.max(a(s), b(s)) : (s) => Math.max(...args.map((f) => f(s)));
    case 'rand': return () => 0.5;
    case 'randn': return () => 0;
  }
}

/** True when an expression draws random numbers (the phase plane then shows the noise-free system). */
export function drawsNoise(e: Expr): boolean {
  switch (e.k) {
    case 'num':
    case 'sym':
      return false;
    case 'un':
    case 'reduce':
      return drawsNoise(e.a);
    case 'bin':
      return drawsNoise(e.a) || drawsNoise(e.b);
    case 'cond':
      return drawsNoise(e.c) || drawsNoise(e.a) || drawsNoise(e.b);
    case 'call':
      return e.fn === 'rand' || e.fn === 'randn' || e.args.some(drawsNoise);
  }
}
