/**
 * IR expressions as Brian2 expressions, with units.
 *
 * The IR has lost the units of its numbers (`13 mV` is the number 13, in canonical units), but every
 * symbol has a dimension, so each number's dimension follows from where it stands: in `v - 13` it
 * is a voltage, in `0.32 * x` (a rate) it is 1/time. Three passes: infer the dimension of every
 * subtree that contains a symbol (`free` where numbers alone decide it), push the dimension the
 * context expects down into the free parts, then check the whole tree again with every number's
 * dimension fixed. A number is printed in the canonical unit of its dimension (`13*mV`), so Brian2
 * computes with the same values as the engine.
 *
 * Where that does not work out (a model whose numbers cannot be given consistent units), the
 * expression is written in canonical numbers instead — every symbol divided by its canonical unit,
 * the result multiplied by the unit expected — which is always consistent and computes the same.
 */
import type { Expr } from '../model/ir';
import { dimEquals, isDimensionless, type Dimension } from '../model/units';
import { BOOL, DimensionPass, ExprExportError, fold } from './brian2Dims';
import { Printer, unitForDivision, wrapTo } from './brian2Print';
import { canonicalUnitExpr } from './brian2Units';

export { ExprExportError } from './brian2Dims';

export interface ResolvedSymbol {
  /** How the symbol is written in Brian2 (`v`, `Na_m`, `v_post`). */
  readonly text: string;
  readonly dim: Dimension;
}

export interface ExprContext {
  /** Brian2 spelling and dimension of a symbol (including t, dt, pi, lastspike). */
  resolve(name: string): ResolvedSymbol | undefined;
  /** How a rand()/randn() site is written (a 'constant over dt' subexpression); default `rand()`. */
  draw?(node: Expr): string | undefined;
  /** Set when the expression uses the script's `ifelse` helper. */
  onIfelse?(): void;
}

export type Expected = Dimension | 'bool';

export interface PrintedExpr {
  readonly text: string;
  /** True when the expression had to be written in canonical numbers (see the module doc). */
  readonly canonical: boolean;
}

/**
 * Prints `e` for Brian2. `expected`: the dimension the place needs (the state's unit per time for a
 * derivative, the variable's for a definition or assignment), 'bool' for conditions.
 */
export function printBrian2(e: Expr, expected: Expected | undefined, ctx: ExprContext): PrintedExpr {
  const draws = new Map<Expr, Expr>();
  const tree = fold(e, draws);
  const dims = new DimensionPass(ctx);
  try {
    dims.assign(tree, expected ?? null);
    const got = dims.check(tree);
    const matches = expected === undefined || (expected === BOOL ? got === BOOL || tree.k === 'num' : got !== BOOL && dimEquals(got, expected));
    if (matches) return { text: new Printer(ctx, draws, dims.literal, dims).print(tree, expected === BOOL).text, canonical: false };
    if (expected !== BOOL && got !== BOOL) {
      // Consistent, but of another dimension than the place needs: the model divided by a unit
      // worth 1 that simplification removed (`u = v / (1 mV)` became `u = v`). Say so in units.
      const body = new Printer(ctx, draws, dims.literal, dims).print(tree);
      const converted = `${wrapTo(body, 5)}/${unitForDivision(got)}`;
      return { text: isDimensionless(expected) ? converted : `${converted}*${unitForDivision(expected)}`, canonical: false };
    }
  } catch (err) {
    if (!(err instanceof ExprExportError)) throw err;
    if (err.message === 'pop_sum/pop_max' || /^unknown symbol/.test(err.message)) throw err;
  }
  // Canonical numbers: consistent by construction (every symbol made a plain number).
  const body = new Printer(ctx, draws, undefined, dims).print(tree, expected === BOOL);
  if (expected === undefined || expected === BOOL || isDimensionless(expected)) return { text: body.text, canonical: true };
  const unit = canonicalUnitExpr(expected);
  const text = unit.startsWith('1/') && /^1\/[A-Za-z0-9_]+$/.test(unit) ? `${wrapTo(body, 5)}/${unit.slice(2)}` : `${wrapTo(body, 5)}*${unitForDivision(expected)}`;
  return { text, canonical: true };
}
