/**
 * Symbolic manipulation of IR expressions: substitution, simplification, differentiation and
 * linearity analysis. Used for exponential Euler and exact integration (dx/dt = A + B·x), steady
 * states of gates, and (later) the gradient path and phase-plane Jacobians.
 */
import type { Expr } from './ir';

const ZERO: Expr = { k: 'num', v: 0 };
const ONE: Expr = { k: 'num', v: 1 };
const n = (v: number): Expr => ({ k: 'num', v });

export function dependsOn(e: Expr, name: string): boolean {
  switch (e.k) {
    case 'num':
      return false;
    case 'sym':
      return e.name === name;
    case 'un':
    case 'reduce':
      return dependsOn(e.a, name);
    case 'bin':
      return dependsOn(e.a, name) || dependsOn(e.b, name);
    case 'call':
      return e.args.some((a) => dependsOn(a, name));
    case 'cond':
      return dependsOn(e.c, name) || dependsOn(e.a, name) || dependsOn(e.b, name);
  }
}

/** Every symbol name an expression reads. */
export function symbolsOf(e: Expr, out: Set<string> = new Set()): Set<string> {
  switch (e.k) {
    case 'num':
      break;
    case 'sym':
      out.add(e.name);
      break;
    case 'un':
    case 'reduce':
      symbolsOf(e.a, out);
      break;
    case 'bin':
      symbolsOf(e.a, out);
      symbolsOf(e.b, out);
      break;
    case 'call':
      e.args.forEach((a) => symbolsOf(a, out));
      break;
    case 'cond':
      symbolsOf(e.c, out);
      symbolsOf(e.a, out);
      symbolsOf(e.b, out);
      break;
  }
  return out;
}

/** Replaces symbols by expressions (e.g. inlines definitions, or renames a channel's names). */
export function substitute(e: Expr, replace: (name: string) => Expr | undefined): Expr {
  switch (e.k) {
    case 'num':
      return e;
    case 'sym':
      return replace(e.name) ?? e;
    case 'un':
      return { k: 'un', op: e.op, a: substitute(e.a, replace) };
    case 'reduce':
      return { k: 'reduce', op: e.op, a: substitute(e.a, replace) };
    case 'bin':
      return { k: 'bin', op: e.op, a: substitute(e.a, replace), b: substitute(e.b, replace) };
    case 'call':
      // Argument-less calls (rand, randn) keep their identity: each is one draw site.
      return e.args.length === 0 ? e : { k: 'call', fn: e.fn, args: e.args.map((a) => substitute(a, replace)) };
    case 'cond':
      return { k: 'cond', c: substitute(e.c, replace), a: substitute(e.a, replace), b: substitute(e.b, replace) };
  }
}

/** Inlines definitions (given in dependency order) so the result reads only states, params and inputs. */
export function inlineDefinitions(e: Expr, definitions: ReadonlyMap<string, Expr>): Expr {
  const memo = new Map<string, Expr>();
  const inline = (x: Expr): Expr =>
    substitute(x, (name) => {
      const def = definitions.get(name);
      if (!def) return undefined;
      let done = memo.get(name);
      if (!done) {
        done = inline(def);
        memo.set(name, done);
      }
      return done;
    });
  return inline(e);
}

const isNum = (e: Expr, v?: number): e is { k: 'num'; v: number } => e.k === 'num' && (v === undefined || e.v === v);

/** Algebraic simplification: constant folding and the identities that keep derivatives small. */
export function simplify(e: Expr): Expr {
  switch (e.k) {
    case 'num':
    case 'sym':
      return e;
    case 'un': {
      const a = simplify(e.a);
      if (e.op === 'neg') {
        if (isNum(a)) return n(-a.v);
        if (a.k === 'un' && a.op === 'neg') return a.a;
      }
      return { k: 'un', op: e.op, a };
    }
    case 'reduce':
      return { k: 'reduce', op: e.op, a: simplify(e.a) };
    case 'call': {
      if (e.args.length === 0) return e;
      const args = e.args.map(simplify);
      if (args.every((a) => isNum(a)) && e.fn !== 'heaviside' && e.fn !== 'clip') {
        const v = args.map((a) => (a as { v: number }).v);
        const fn = Math[e.fn as 'exp'] as (...x: number[]) => number;
        if (typeof fn === 'function') return n(fn(...v));
      }
      return { k: 'call', fn: e.fn, args };
    }
    case 'cond': {
      const c = simplify(e.c);
      const a = simplify(e.a);
      const b = simplify(e.b);
      if (isNum(a) && isNum(b) && a.v === b.v) return a;
      return { k: 'cond', c, a, b };
    }
    case 'bin': {
      const a = simplify(e.a);
      const b = simplify(e.b);
      if (isNum(a) && isNum(b)) {
        switch (e.op) {
          case '+': return n(a.v + b.v);
          case '-': return n(a.v - b.v);
          case '*': return n(a.v * b.v);
          case '/': return n(a.v / b.v);
          case '^': return n(Math.pow(a.v, b.v));
        }
      }
      switch (e.op) {
        case '+':
          if (isNum(a, 0)) return b;
          if (isNum(b, 0)) return a;
          break;
        case '-':
          if (isNum(b, 0)) return a;
          if (isNum(a, 0)) return simplify({ k: 'un', op: 'neg', a: b });
          break;
        case '*':
          if (isNum(a, 0) || isNum(b, 0)) return ZERO;
          if (isNum(a, 1)) return b;
          if (isNum(b, 1)) return a;
          break;
        case '/':
          if (isNum(a, 0)) return ZERO;
          if (isNum(b, 1)) return a;
          break;
        case '^':
          if (isNum(b, 0)) return ONE;
          if (isNum(b, 1)) return a;
          break;
      }
      return { k: 'bin', op: e.op, a, b };
    }
  }
}

const add = (a: Expr, b: Expr): Expr => ({ k: 'bin', op: '+', a, b });
const sub = (a: Expr, b: Expr): Expr => ({ k: 'bin', op: '-', a, b });
const mul = (a: Expr, b: Expr): Expr => ({ k: 'bin', op: '*', a, b });
const div = (a: Expr, b: Expr): Expr => ({ k: 'bin', op: '/', a, b });
const call = (fn: 'exp' | 'log' | 'cos' | 'sin' | 'tanh' | 'sqrt' | 'pow', ...args: Expr[]): Expr => ({ k: 'call', fn, args });

/**
 * ∂e/∂x. Comparisons and heaviside have derivative 0 almost everywhere (spikes get surrogate
 * gradients in the fitting path, not here).
 */
export function differentiate(e: Expr, x: string): Expr {
  return simplify(d(e, x));
}

function d(e: Expr, x: string): Expr {
  if (!dependsOn(e, x)) return ZERO;
  switch (e.k) {
    case 'num':
      return ZERO;
    case 'sym':
      return e.name === x ? ONE : ZERO;
    case 'un':
      return e.op === 'neg' ? { k: 'un', op: 'neg', a: d(e.a, x) } : ZERO;
    case 'reduce':
      return ZERO;
    case 'cond':
      return { k: 'cond', c: e.c, a: d(e.a, x), b: d(e.b, x) };
    case 'bin': {
      const { a, b } = e;
      switch (e.op) {
        case '+':
          return add(d(a, x), d(b, x));
        case '-':
          return sub(d(a, x), d(b, x));
        case '*':
          return add(mul(d(a, x), b), mul(a, d(b, x)));
        case '/':
          if (!dependsOn(b, x)) return div(d(a, x), b);
          return div(sub(mul(d(a, x), b), mul(a, d(b, x))), mul(b, b));
        case '^':
          return dPow(a, b, x);
        default:
          return ZERO;
      }
    }
    case 'call': {
      const [a, b, c] = e.args;
      switch (e.fn) {
        case 'exp':
          return mul(e, d(a, x));
        case 'exprel': {
          // d/da (eᵃ − 1)/a = (a·eᵃ − (eᵃ − 1))/a², which tends to 1/2 at a = 0.
          const ea = call('exp', a);
          const slope: Expr = { k: 'cond', c: { k: 'bin', op: '==', a, b: ZERO }, a: n(0.5), b: div(sub(mul(a, ea), sub(ea, ONE)), mul(a, a)) };
          return mul(slope, d(a, x));
        }
        case 'log':
          return div(d(a, x), a);
        case 'sqrt':
          return div(d(a, x), mul(n(2), e));
        case 'abs':
          return mul({ k: 'cond', c: { k: 'bin', op: '>=', a, b: ZERO }, a: ONE, b: n(-1) }, d(a, x));
        case 'tanh':
          return mul(sub(ONE, mul(e, e)), d(a, x));
        case 'sin':
          return mul(call('cos', a), d(a, x));
        case 'cos':
          return { k: 'un', op: 'neg', a: mul(call('sin', a), d(a, x)) };
        case 'pow':
          return dPow(a, b, x);
        case 'heaviside':
        case 'rand':
        case 'randn':
          return ZERO;
        case 'min':
        case 'max': {
          // Derivative of the argument that is selected (ties pick the first).
          let result = d(e.args[e.args.length - 1], x);
          for (let i = e.args.length - 2; i >= 0; i--) {
            const picked = { k: 'bin' as const, op: (e.fn === 'min' ? '<=' : '>=') as '<=', a: e.args[i], b: e };
            result = { k: 'cond', c: picked, a: d(e.args[i], x), b: result };
          }
          return result;
        }
        case 'clip': {
          // clip(a, lo, hi) = min(max(a, lo), hi): hi' when the upper bound is active, else a' or lo'.
          const lower: Expr = { k: 'call', fn: 'max', args: [a, b] };
          const atUpper: Expr = { k: 'bin', op: '>=', a: lower, b: c };
          const aboveLower: Expr = { k: 'bin', op: '>', a, b };
          return { k: 'cond', c: atUpper, a: d(c, x), b: { k: 'cond', c: aboveLower, a: d(a, x), b: d(b, x) } };
        }
      }
    }
  }
}

function dPow(a: Expr, b: Expr, x: string): Expr {
  if (!dependsOn(b, x)) {
    // d(a^b) = b · a^(b-1) · a'
    return mul(mul(b, { k: 'bin', op: '^', a, b: sub(b, ONE) }), d(a, x));
  }
  // General case: a^b · (b' ln a + b a'/a)
  const self: Expr = { k: 'bin', op: '^', a, b };
  return mul(self, add(mul(d(b, x), call('log', a)), div(mul(b, d(a, x)), a)));
}

/**
 * Splits f into A + B·x when f is linear in x (B does not depend on x). Returns undefined otherwise.
 * The caller should inline definitions first.
 */
export function linearIn(f: Expr, x: string): { A: Expr; B: Expr } | undefined {
  const B = differentiate(f, x);
  if (dependsOn(B, x)) return undefined;
  if (containsNonSmooth(f, x)) return undefined;
  const A = simplify(substitute(f, (name) => (name === x ? ZERO : undefined)));
  return { A, B };
}

/** Conditionals, comparisons or reductions that read x make f piecewise, hence not linear in x. */
function containsNonSmooth(e: Expr, x: string): boolean {
  switch (e.k) {
    case 'num':
    case 'sym':
      return false;
    case 'cond':
      return dependsOn(e.c, x) || containsNonSmooth(e.a, x) || containsNonSmooth(e.b, x);
    case 'reduce':
      return dependsOn(e.a, x);
    case 'un':
      return containsNonSmooth(e.a, x);
    case 'bin':
      if (['<', '<=', '>', '>=', '==', '!=', 'and', 'or'].includes(e.op)) return dependsOn(e, x);
      return containsNonSmooth(e.a, x) || containsNonSmooth(e.b, x);
    case 'call':
      if (['abs', 'min', 'max', 'clip', 'heaviside'].includes(e.fn)) return dependsOn(e, x);
      return e.args.some((a) => containsNonSmooth(a, x));
  }
}
