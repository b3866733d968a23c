/**
 * A small interpreter for IR expressions, for the few places that run once rather than per step:
 * initial values, steady states, and stimulus expressions' checks. The hot path is generated code.
 */
import type { Expr } from './ir';

export type Lookup = (name: string) => number;

export function evaluate(e: Expr, lookup: Lookup): number {
  switch (e.k) {
    case 'num':
      return e.v;
    case 'sym':
      return lookup(e.name);
    case 'un':
      return e.op === 'neg' ? -evaluate(e.a, lookup) : evaluate(e.a, lookup) ? 0 : 1;
    case 'reduce':
      throw new Error('population reductions cannot be evaluated for a single neuron');
    case 'cond':
      return evaluate(e.c, lookup) ? evaluate(e.a, lookup) : evaluate(e.b, lookup);
    case 'bin': {
      const a = evaluate(e.a, lookup);
      const b = evaluate(e.b, lookup);
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
      const v = e.args.map((a) => evaluate(a, lookup));
      switch (e.fn) {
        case 'exp': return Math.exp(v[0]);
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
      }
    }
  }
}
