/**
 * Prints a folded, dimension-annotated IR tree as a Brian2 expression with Python's precedence
 * (or < and < not < comparisons < + - < * / < unary - < ** < atoms), keeping the tree's grouping
 * so that Brian2 computes exactly what the engine computes.
 */
import type { Expr } from '../model/ir';
import { DIMENSIONLESS, isDimensionless, type Dimension } from '../model/units';
import type { ExprContext } from './brian2Expr';
import { ExprExportError, type DimensionPass } from './brian2Dims';
import { canonicalQuantity, canonicalUnitExpr } from './brian2Units';
import { pyNumber } from './pyFormat';

export interface Piece {
  readonly text: string;
  readonly level: number;
}

const ATOM = 8;
export const wrapTo = (p: Piece, min: number): string => (p.level >= min ? p.text : `(${p.text})`);

export class Printer {
  constructor(
    private readonly ctx: ExprContext,
    private readonly draws: Map<Expr, Expr>,
    /** Dimension of each number, or undefined for canonical printing. */
    private readonly literal: Map<Expr, Dimension> | undefined,
    private readonly dims: DimensionPass,
  ) {}

  print(e: Expr, boolContext = false): Piece {
    switch (e.k) {
      case 'num':
        return this.number(e, boolContext);
      case 'sym': {
        const r = this.ctx.resolve(e.name)!;
        if (this.literal || isDimensionless(r.dim)) return { text: r.text, level: ATOM };
        // Canonical printing: the symbol's value in canonical units, a plain number.
        return { text: `${r.text}/${unitForDivision(r.dim)}`, level: 5 };
      }
      case 'un':
        if (e.op === 'not') return { text: `not ${wrapTo(this.print(e.a, true), 2)}`, level: 2 };
        return { text: `-${wrapTo(this.print(e.a), 6)}`, level: 6 };
      case 'reduce':
        throw new ExprExportError('pop_sum/pop_max');
      case 'cond':
        this.ctx.onIfelse?.();
        return { text: `ifelse(${this.print(e.c, true).text}, ${this.print(e.a).text}, ${this.print(e.b).text})`, level: ATOM };
      case 'bin':
        return this.binary(e);
      case 'call':
        return this.call(e);
    }
  }

  private number(e: Extract<Expr, { k: 'num' }>, boolContext: boolean): Piece {
    if (boolContext) return { text: e.v ? 'True' : 'False', level: ATOM };
    const dim = this.literal?.get(e) ?? DIMENSIONLESS;
    const text = isDimensionless(dim) ? (Number.isFinite(e.v) ? pyNumber(e.v) : e.v > 0 ? 'inf' : e.v < 0 ? '-inf' : 'nan') : canonicalQuantity(e.v, dim);
    if (/[*/]/.test(text)) return { text, level: 5 };
    return { text, level: text.startsWith('-') ? 6 : ATOM };
  }

  private binary(e: Extract<Expr, { k: 'bin' }>): Piece {
    const p = (x: Expr, bool = false) => this.print(x, bool);
    switch (e.op) {
      case 'or':
        return { text: `${wrapTo(p(e.a, true), 0)} or ${wrapTo(p(e.b, true), 1)}`, level: 0 };
      case 'and':
        return { text: `${wrapTo(p(e.a, true), 1)} and ${wrapTo(p(e.b, true), 2)}`, level: 1 };
      case '<':
      case '<=':
      case '>':
      case '>=':
      case '==':
      case '!=':
        return { text: `${wrapTo(p(e.a), 4)} ${e.op} ${wrapTo(p(e.b), 4)}`, level: 3 };
      case '+':
      case '-':
        return { text: `${wrapTo(p(e.a), 4)} ${e.op} ${wrapTo(p(e.b), 5)}`, level: 4 };
      case '*':
      case '/':
        return { text: `${wrapTo(p(e.a), 5)}${e.op}${wrapTo(p(e.b), 6)}`, level: 5 };
      case '^':
        return this.power(e.a, e.b);
    }
  }

  private power(base: Expr, exponent: Expr): Piece {
    return { text: `${wrapTo(this.print(base), ATOM)}**${wrapTo(this.print(exponent), 6)}`, level: 7 };
  }

  private call(e: Extract<Expr, { k: 'call' }>): Piece {
    const args = (): string[] => e.args.map((a) => this.print(a).text);
    switch (e.fn) {
      case 'rand':
      case 'randn': {
        const named = this.ctx.draw?.(this.draws.get(e) ?? e);
        return { text: named ?? `${e.fn}()`, level: ATOM };
      }
      case 'pow':
        return this.power(e.args[0], e.args[1]);
      case 'heaviside': {
        const zero = this.literal ? canonicalQuantity(0, this.dims.check(e.args[0]) as Dimension) : '0';
        return { text: `int(${wrapTo(this.print(e.args[0]), 4)} >= ${zero})`, level: ATOM };
      }
      case 'min':
      case 'max': {
        // Brian2 has no min/max; clip with an infinite bound is the same and works on every target.
        const dim = this.literal ? (this.dims.check(e.args[0]) as Dimension) : DIMENSIONLESS;
        const inf = (sign: number): string => (this.literal ? canonicalQuantity(sign * Infinity, dim) : sign > 0 ? 'inf' : '-inf');
        const [first, ...rest] = args();
        return { text: rest.reduce((acc, x) => (e.fn === 'min' ? `clip(${acc}, ${inf(-1)}, ${x})` : `clip(${acc}, ${x}, ${inf(1)})`), first), level: ATOM };
      }
      default:
        return { text: `${e.fn}(${args().join(', ')})`, level: ATOM };
    }
  }
}

/** `mV`, or `(mV/ms)` — what a value is divided by to give canonical numbers. */
export function unitForDivision(dim: Dimension): string {
  const u = canonicalUnitExpr(dim);
  return /^[A-Za-z0-9_]+$/.test(u) ? u : `(${u})`;
}

/**
 * Prints `e` for Brian2. `expected`: the dimension the place needs (the state's unit per time for a
 * derivative, the variable's for a definition or assignment), 'bool' for conditions.
 */
