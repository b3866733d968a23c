/**
 * A small interpreter for IR expressions, for the few places that run once rather than per step:
 * initial values, steady states, and stimulus expressions' checks. The hot path is generated code.
 */
import type { Expr } from './ir';

export type Lookup = (name: string) => number;

/** Draws for rand() and randn(), when an expression is evaluated once (initial values). */
export interface RandomSource {
  uniform(): number;
  normal(): number;
}

const NO_RANDOM: RandomSource = {
  uniform: () => {
    throw new Error('rand() is not available here');
  },
  normal: () => {
    throw new Error('randn() is not available here');
  },
};

export function evaluate(e: Expr, lookup: Lookup, random: RandomSource = NO_RANDOM): number {
  const ev = (x: Expr): number => evaluate(x, lookup, random);
  switch (e.k) {
    case 'num':
      return e.v;
    case 'sym':
      return lookup(e.name);
    case 'un':
      return e.op === 'neg' ? -ev(e.a) : ev(e.a) ? 0 : 1;
    case 'reduce':
      throw new Error('population reductions cannot be evaluated for a single neuron');
    case 'cond':
      return ev(e.c) ? ev(e.a) : ev(e.b);
    case 'bin': {
      const a = ev(e.a);
      const b = ev(e.b);
      switch (e.op) {
        case '+': return a + b;
        case '-': return a - b;
        case '*': return a * b;
        case '/': return a / b;
        case '^': return Math.pow(a, b);
        case '<': return a < b ? 1 : 0;
        case '<=': return a <= b ? 1 : 0;
        case '>': return a > b ? 1 : 0;
        case '>=': return a >= b ? 1 : 0;
        case '==': return a === b ? 1 : 0;
        case '!=': return a !== b ? 1 : 0;
        case 'and': return a && b ? 1 : 0;
        case 'or': return a || b ? 1 : 0;
      }
      throw new Error('unknown operator');
    }
    case 'call': {
      const v = e.args.map((a) => ev(a));
      switch (e.fn) {
        case 'exp': return Math.exp(v[0]);
        case 'exprel': return v[0] === 0 ? 1 : Math.expm1(v[0]) / v[0];
        case 'log': return Math.log(v[0]);
        case 'sqrt': return Math.sqrt(v[0]);
        case 'abs': return Math.abs(v[0]);
        case 'tanh': return Math.tanh(v[0]);
        case 'sin': return Math.sin(v[0]);
        case 'cos': return Math.cos(v[0]);
        case 'min': return Math.min(...v);
        case 'max': return Math.max(...v);
        case 'pow': return Math.pow(v[0], v[1]);
        case 'clip': return Math.min(Math.max(v[0], v[1]), v[2]);
        case 'heaviside': return v[0] >= 0 ? 1 : 0;
        case 'rand': return random.uniform();
        case 'randn': return random.normal();
      }
    }
  }
}
