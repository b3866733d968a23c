/**
 * The dimension passes of the Brian2 printer (see brian2Expr.ts): constant folding, bottom-up
 * inference with free numbers, top-down assignment of the dimension each number's place asks for,
 * and a final check with every number's dimension fixed.
 */
import { evaluate } from '../model/evaluate';
import type { Expr } from '../model/ir';
import { DIMENSIONLESS, dimDiv, dimEquals, dimMul, dimPow, isDimensionless, type Dimension } from '../model/units';
import type { ExprContext } from './brian2Expr';

export class ExprExportError extends Error {}

export type Dim = Dimension | null | 'bool';
export const BOOL = 'bool' as const;

const isConstantTree = (e: Expr): boolean => {
  switch (e.k) {
    case 'num':
      return true;
    case 'sym':
    case 'reduce':
      return false;
    case 'un':
      return isConstantTree(e.a);
    case 'bin':
      return isConstantTree(e.a) && isConstantTree(e.b);
    case 'cond':
      return isConstantTree(e.c) && isConstantTree(e.a) && isConstantTree(e.b);
    case 'call':
      return e.fn !== 'rand' && e.fn !== 'randn' && e.args.every(isConstantTree);
  }
};

/** A fresh copy with constant subtrees evaluated (every node a distinct object). */
export function fold(e: Expr, draws: Map<Expr, Expr>): Expr {
  if (e.k !== 'num' && isConstantTree(e)) return { k: 'num', v: evaluate(e, () => NaN) };
  switch (e.k) {
    case 'num':
      return { k: 'num', v: e.v };
    case 'sym':
      return { k: 'sym', name: e.name };
    case 'un':
      return { k: 'un', op: e.op, a: fold(e.a, draws) };
    case 'bin': {
      const a = fold(e.a, draws);
      const b = fold(e.b, draws);
      // x*(-1) (left by differentiation) is −x, exactly: print it so.
      if (e.op === '*' && b.k === 'num' && b.v === -1) return { k: 'un', op: 'neg', a };
      if (e.op === '*' && a.k === 'num' && a.v === -1) return { k: 'un', op: 'neg', a: b };
      return { k: 'bin', op: e.op, a, b };
    }
    case 'cond': {
      const c = fold(e.c, draws);
      if (c.k === 'num') return c.v ? fold(e.a, draws) : fold(e.b, draws);
      return { k: 'cond', c, a: fold(e.a, draws), b: fold(e.b, draws) };
    }
    case 'call': {
      const copy: Expr = { k: 'call', fn: e.fn, args: e.args.map((a) => fold(a, draws)) };
      if (e.fn === 'rand' || e.fn === 'randn') draws.set(copy, e);
      return copy;
    }
    case 'reduce':
      return { k: 'reduce', op: e.op, a: fold(e.a, draws) };
  }
}

const COMPARISONS = new Set(['<', '<=', '>', '>=', '==', '!=']);

export class DimensionPass {
  readonly inferred = new Map<Expr, Dim>();
  readonly literal = new Map<Expr, Dimension>();

  constructor(private readonly ctx: ExprContext) {}

  sym(name: string): Dimension {
    const r = this.ctx.resolve(name);
    if (!r) throw new ExprExportError(`unknown symbol '${name}'`);
    return r.dim;
  }

  /** Bottom-up: the dimension of a subtree, null where its numbers are free to decide it. */
  infer(e: Expr): Dim {
    const known = this.inferred.get(e);
    if (known !== undefined) return known;
    const d = this.inferUncached(e);
    this.inferred.set(e, d);
    return d;
  }

  private inferUncached(e: Expr): Dim {
    switch (e.k) {
      case 'num':
        return null;
      case 'sym':
        return this.sym(e.name);
      case 'un':
        return e.op === 'not' ? (this.infer(e.a), BOOL) : this.infer(e.a);
      case 'reduce':
        return this.infer(e.a);
      case 'cond':
        this.infer(e.c);
        return this.either(this.infer(e.a), this.infer(e.b));
      case 'bin': {
        const a = this.infer(e.a);
        const b = this.infer(e.b);
        if (COMPARISONS.has(e.op) || e.op === 'and' || e.op === 'or') return BOOL;
        if (e.op === '+' || e.op === '-') return this.either(a, b);
        if (e.op === '*') return a === null || b === null ? null : dimMul(asDim(a), asDim(b));
        if (e.op === '/') return a === null || b === null ? null : dimDiv(asDim(a), asDim(b));
        return this.power(a, e.b);
      }
      case 'call': {
        const args = e.args.map((x) => this.infer(x));
        switch (e.fn) {
          case 'sqrt':
            return args[0] === null ? null : dimPow(asDim(args[0]), 0.5);
          case 'abs':
            return args[0];
          case 'min':
          case 'max':
          case 'clip':
            return args.find((x) => x !== null) ?? null;
          case 'pow':
            return this.power(args[0], e.args[1]);
          default:
            return DIMENSIONLESS;
        }
      }
    }
  }

  private either(a: Dim, b: Dim): Dim {
    return a !== null ? a : b;
  }

  private power(base: Dim, exponent: Expr): Dim {
    if (base === null) return null;
    if (isDimensionless(asDim(base))) return DIMENSIONLESS;
    return exponent.k === 'num' ? dimPow(asDim(base), exponent.v) : null;
  }

  /** Top-down: gives every number the dimension its place asks for. */
  assign(e: Expr, target: Dim): void {
    const own = this.infer(e);
    const want: Dim = own !== null ? own : target === null ? DIMENSIONLESS : target;
    switch (e.k) {
      case 'num':
        this.literal.set(e, want === BOOL ? DIMENSIONLESS : asDim(want));
        return;
      case 'sym':
        return;
      case 'un':
        this.assign(e.a, e.op === 'not' ? BOOL : want);
        return;
      case 'reduce':
        this.assign(e.a, want);
        return;
      case 'cond':
        this.assign(e.c, BOOL);
        this.assign(e.a, want);
        this.assign(e.b, want);
        return;
      case 'bin': {
        const a = this.infer(e.a);
        const b = this.infer(e.b);
        if (e.op === 'and' || e.op === 'or') {
          this.assign(e.a, BOOL);
          this.assign(e.b, BOOL);
        } else if (COMPARISONS.has(e.op)) {
          const common = a ?? b ?? DIMENSIONLESS;
          this.assign(e.a, common);
          this.assign(e.b, common);
        } else if (e.op === '+' || e.op === '-') {
          this.assign(e.a, want);
          this.assign(e.b, want);
        } else if (e.op === '*' || e.op === '/') {
          const w: Dimension = want === BOOL || want === null ? DIMENSIONLESS : want;
          if (a !== null && b !== null) {
            this.assign(e.a, a);
            this.assign(e.b, b);
          } else if (a === null && b !== null) {
            this.assign(e.a, e.op === '*' ? dimDiv(w, asDim(b)) : dimMul(w, asDim(b)));
            this.assign(e.b, b);
          } else if (a !== null && b === null) {
            this.assign(e.a, a);
            this.assign(e.b, e.op === '*' ? dimDiv(w, asDim(a)) : dimDiv(asDim(a), w));
          } else {
            this.assign(e.a, w);
            this.assign(e.b, DIMENSIONLESS);
          }
        } else this.assignPower(e.a, e.b, want);
        return;
      }
      case 'call': {
        switch (e.fn) {
          case 'sqrt':
            this.assign(e.args[0], want === BOOL ? DIMENSIONLESS : dimPow(want, 2));
            return;
          case 'abs':
            this.assign(e.args[0], want);
            return;
          case 'min':
          case 'max':
          case 'clip': {
            const common = e.args.map((x) => this.infer(x)).find((x) => x !== null) ?? want;
            e.args.forEach((x) => this.assign(x, common));
            return;
          }
          case 'pow':
            this.assignPower(e.args[0], e.args[1], want);
            return;
          case 'heaviside':
            this.assign(e.args[0], this.infer(e.args[0]) ?? DIMENSIONLESS);
            return;
          default:
            e.args.forEach((x) => this.assign(x, DIMENSIONLESS));
        }
      }
    }
  }

  private assignPower(base: Expr, exponent: Expr, want: Dim): void {
    const w: Dimension = want === BOOL || want === null ? DIMENSIONLESS : want;
    const p = exponent.k === 'num' ? exponent.v : undefined;
    this.assign(base, this.infer(base) ?? (p !== undefined && p !== 0 ? dimPow(w, 1 / p) : DIMENSIONLESS));
    this.assign(exponent, DIMENSIONLESS);
  }

  /** Bottom-up again, every number's dimension now fixed: the dimension, or an error naming the clash. */
  check(e: Expr): Dimension | typeof BOOL {
    switch (e.k) {
      case 'num':
        return this.literal.get(e) ?? DIMENSIONLESS;
      case 'sym':
        return this.sym(e.name);
      case 'un':
        if (e.op === 'not') return this.needBool(e.a);
        return this.needNumber(e.a);
      case 'reduce':
        return this.needNumber(e.a);
      case 'cond': {
        this.needBool(e.c);
        return this.same(this.needNumber(e.a), this.needNumber(e.b), '?:');
      }
      case 'bin': {
        if (e.op === 'and' || e.op === 'or') {
          this.needBool(e.a);
          return this.needBool(e.b);
        }
        const a = this.needNumber(e.a);
        const b = this.needNumber(e.b);
        if (COMPARISONS.has(e.op)) {
          this.same(a, b, e.op);
          return BOOL;
        }
        if (e.op === '+' || e.op === '-') return this.same(a, b, e.op);
        if (e.op === '*') return dimMul(a, b);
        if (e.op === '/') return dimDiv(a, b);
        return this.checkPower(a, b, e.b);
      }
      case 'call': {
        const args = e.args.map((x) => this.needNumber(x));
        switch (e.fn) {
          case 'sqrt':
            return dimPow(args[0], 0.5);
          case 'abs':
            return args[0];
          case 'min':
          case 'max':
          case 'clip':
            return args.reduce((x, y) => this.same(x, y, e.fn));
          case 'pow':
            return this.checkPower(args[0], args[1], e.args[1]);
          case 'heaviside':
          case 'rand':
          case 'randn':
            return DIMENSIONLESS;
          default:
            if (!isDimensionless(args[0])) throw new ExprExportError(`${e.fn}() of a quantity with units`);
            return DIMENSIONLESS;
        }
      }
    }
  }

  private checkPower(base: Dimension, exp: Dimension, exponent: Expr): Dimension {
    if (!isDimensionless(exp)) throw new ExprExportError('an exponent with units');
    if (isDimensionless(base)) return DIMENSIONLESS;
    if (exponent.k !== 'num') throw new ExprExportError('a quantity with units raised to a variable power');
    return dimPow(base, exponent.v);
  }

  private needNumber(e: Expr): Dimension {
    const d = this.check(e);
    if (d === BOOL) throw new ExprExportError('a condition used as a number');
    return d;
  }

  private needBool(e: Expr): typeof BOOL {
    const d = this.check(e);
    if (d !== BOOL && !(e.k === 'num')) throw new ExprExportError('a number used as a condition');
    return BOOL;
  }

  private same(a: Dimension, b: Dimension, op: string): Dimension {
    if (!dimEquals(a, b)) throw new ExprExportError(`'${op}' between different units`);
    return a;
  }
}

const asDim = (d: Dim): Dimension => (d === null || d === BOOL ? DIMENSIONLESS : d);

