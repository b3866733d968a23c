/**
 * Loop-invariant code motion for generated step functions: subexpressions that are the same for
 * every neuron in a step (scalar parameters, uniform inputs, dt) are computed once before the loop,
 * and divisions by them become multiplications with a hoisted reciprocal — what Brian2 does with
 * dt/tau. Also collects the population reductions of spike conditions.
 */
import type { Expr } from '../../model/ir';
import { symbolsOf } from '../../model/symbolic';
import { printExpr, printNumber } from './printExpr';

export interface SymbolTables {
  readonly state: Map<string, number>;
  readonly param: Map<string, number>;
  readonly input: Map<string, number>;
  readonly def: Map<string, number>;
}

/** Prefix of hoisted-value symbols; ':' cannot occur in model names, so it never collides. */
const HOISTED = 'hoisted:';

/** The generated variable of a hoisted symbol (`h3`), or undefined for any other symbol. */
export function hoistedName(symbol: string): string | undefined {
  return symbol.startsWith(HOISTED) ? `h${symbol.slice(HOISTED.length)}` : undefined;
}

export class InvariantHoister {
  /** `const hK = …;` lines to emit before the loop, in order. */
  readonly declarations: string[] = [];
  private readonly byCode = new Map<string, number>();

  constructor(
    private readonly names: SymbolTables,
    private readonly options: { readonly paramIsArray: readonly boolean[]; readonly inputHasArray: readonly boolean[] },
  ) {}

  rewrite(e: Expr): Expr {
    if (this.isInvariant(e)) return e.k === 'num' || e.k === 'sym' ? e : this.hoist(e);
    if (e.k === 'call' && e.args.length === 0) return e; // a draw site: keep its identity
    switch (e.k) {
      case 'un':
        return { ...e, a: this.rewrite(e.a) };
      case 'bin':
        if (e.op === '/' && this.isInvariant(e.b)) {
          const reciprocal: Expr = e.b.k === 'num' ? { k: 'num', v: 1 / e.b.v } : this.hoist({ k: 'bin', op: '/', a: { k: 'num', v: 1 }, b: e.b });
          return { k: 'bin', op: '*', a: this.rewrite(e.a), b: reciprocal };
        }
        return { ...e, a: this.rewrite(e.a), b: this.rewrite(e.b) };
      case 'call':
        return { ...e, args: e.args.map((a) => this.rewrite(a)) };
      case 'cond':
        return { ...e, c: this.rewrite(e.c), a: this.rewrite(e.a), b: this.rewrite(e.b) };
      default:
        return e;
    }
  }

  /** Registers already-printed code that reads only hoisted values, dt and constants; returns its name. */
  hoistCode(code: string): string {
    let index = this.byCode.get(code);
    if (index === undefined) {
      index = this.declarations.length;
      this.byCode.set(code, index);
      this.declarations.push(`const h${index} = ${code};`);
    }
    return `h${index}`;
  }

  isInvariant(e: Expr): boolean {
    if (e.k === 'reduce' || collectNodes(e, isRandomDraw).length > 0) return false;
    for (const name of symbolsOf(e)) {
      const param = this.names.param.get(name);
      if (param !== undefined) {
        if (this.options.paramIsArray[param]) return false;
        continue;
      }
      const input = this.names.input.get(name);
      if (input !== undefined) {
        if (this.options.inputHasArray[input]) return false;
        continue;
      }
      if (name !== 'dt' && name !== 'pi') return false;
    }
    return true;
  }

  private hoist(e: Expr): Expr {
    const code = printExpr(e, (name) => {
      const param = this.names.param.get(name);
      if (param !== undefined) return `p${param}`;
      const input = this.names.input.get(name);
      if (input !== undefined) return `US${input}`;
      return name === 'dt' ? 'dt' : printNumber(Math.PI);
    });
    let index = this.byCode.get(code);
    if (index === undefined) {
      index = this.declarations.length;
      this.byCode.set(code, index);
      this.declarations.push(`const h${index} = ${code};`);
    }
    return { k: 'sym', name: `${HOISTED}${index}` };
  }
}

export const isReduction = (e: Expr): boolean => e.k === 'reduce';
export const isRandomDraw = (e: Expr): boolean => e.k === 'call' && (e.fn === 'rand' || e.fn === 'randn');

/** The nodes of `e` that match, in evaluation order, added to `out` once each (by identity). */
export function collectNodes(e: Expr, matches: (e: Expr) => boolean, out: Expr[] = []): Expr[] {
  if (matches(e)) {
    if (!out.includes(e)) out.push(e);
    return out;
  }
  switch (e.k) {
    case 'un':
    case 'reduce':
      collectNodes(e.a, matches, out);
      break;
    case 'bin':
      collectNodes(e.a, matches, out);
      collectNodes(e.b, matches, out);
      break;
    case 'call':
      e.args.forEach((a) => collectNodes(a, matches, out));
      break;
    case 'cond':
      collectNodes(e.c, matches, out);
      collectNodes(e.a, matches, out);
      collectNodes(e.b, matches, out);
      break;
    default:
      break;
  }
  return out;
}
