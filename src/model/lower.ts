/**
 * Lowers one AST expression to IR, checking names, dimensions and boolean-vs-number use.
 * Units become plain scale factors here, so the IR is in canonical internal units.
 */
import type { AstExpr } from './ast';
import type { DiagnosticList, Span } from './diagnostics';
import type { Expr, FunctionName } from './ir';
import {
  DIMENSIONLESS,
  describeDim,
  dimDiv,
  dimEquals,
  dimMul,
  dimPow,
  isDimensionless,
  lookupUnitAtom,
  type Dimension,
} from './units';

/** The result of lowering: the IR, its dimension (null after an already-reported error) and whether it is a condition. */
export interface Lowered {
  readonly expr: Expr;
  readonly dim: Dimension | null;
  readonly bool: boolean;
}

export interface Scope {
  /** Dimension of a declared symbol, or undefined if the name is not declared. Null: declared but broken. */
  lookup(name: string, span: Span): Dimension | null | undefined;
  /** All names in scope, for "did you mean" suggestions. */
  names(): string[];
  /** Whether pop_sum/pop_max are allowed here (spike conditions only). */
  readonly allowReductions: boolean;
  /** Whether only constants (numbers and units) may appear (parameter defaults). */
  readonly constantOnly: boolean;
  /**
   * Whether the source declares this name anywhere (even later). Declared names take precedence over
   * unit names, also in parameter defaults, where they are an error rather than a unit.
   */
  isDeclared?(name: string): boolean;
}

const FUNCTIONS: Record<FunctionName, { min: number; max: number }> = {
  exp: { min: 1, max: 1 },
  log: { min: 1, max: 1 },
  sqrt: { min: 1, max: 1 },
  abs: { min: 1, max: 1 },
  tanh: { min: 1, max: 1 },
  sin: { min: 1, max: 1 },
  cos: { min: 1, max: 1 },
  heaviside: { min: 1, max: 1 },
  exprel: { min: 1, max: 1 },
  min: { min: 2, max: 8 },
  max: { min: 2, max: 8 },
  pow: { min: 2, max: 2 },
  clip: { min: 3, max: 3 },
  rand: { min: 0, max: 0 },
  randn: { min: 0, max: 0 },
};

export const FUNCTION_NAMES = Object.keys(FUNCTIONS) as FunctionName[];

const BROKEN: Lowered = { expr: { k: 'num', v: 0 }, dim: null, bool: false };

export function lowerExpr(ast: AstExpr, scope: Scope, diags: DiagnosticList): Lowered {
  return new Lowerer(scope, diags).lower(ast);
}

/** Evaluates an IR expression made only of numbers (used for exponents and parameter defaults). */
export function constantValue(e: Expr): number | undefined {
  switch (e.k) {
    case 'num':
      return e.v;
    case 'un': {
      const a = constantValue(e.a);
      return a === undefined ? undefined : e.op === 'neg' ? -a : a ? 0 : 1;
    }
    case 'bin': {
      const a = constantValue(e.a);
      const b = constantValue(e.b);
      if (a === undefined || b === undefined) return undefined;
      switch (e.op) {
        case '+': return a + b;
        case '-': return a - b;
        case '*': return a * b;
        case '/': return a / b;
        case '^': return Math.pow(a, b);
        default: return undefined;
      }
    }
    case 'call': {
      const args = e.args.map(constantValue);
      if (args.some((a) => a === undefined)) return undefined;
      const v = args as number[];
      switch (e.fn) {
        case 'exp': return Math.exp(v[0]);
        case 'log': return Math.log(v[0]);
        case 'sqrt': return Math.sqrt(v[0]);
        case 'abs': return Math.abs(v[0]);
        case 'pow': return Math.pow(v[0], v[1]);
        case 'min': return Math.min(...v);
        case 'max': return Math.max(...v);
        default: return undefined;
      }
    }
    default:
      return undefined;
  }
}

class Lowerer {
  constructor(
    private readonly scope: Scope,
    private readonly diags: DiagnosticList,
  ) {}

  lower(ast: AstExpr): Lowered {
    switch (ast.kind) {
      case 'number':
        return { expr: { k: 'num', v: ast.value }, dim: DIMENSIONLESS, bool: false };
      case 'quantity':
        return { expr: { k: 'num', v: ast.value * ast.unit.scale }, dim: ast.unit.dim, bool: false };
      case 'ident':
        return this.ident(ast.name, ast.span);
      case 'unary': {
        const a = this.lower(ast.arg);
        if (ast.op === 'not') {
          this.needBool(a, ast.arg.span, "'not'");
          return { expr: { k: 'un', op: 'not', a: a.expr }, dim: DIMENSIONLESS, bool: true };
        }
        this.needNumber(a, ast.arg.span, "'-'");
        return { expr: { k: 'un', op: 'neg', a: a.expr }, dim: a.dim, bool: false };
      }
      case 'binary':
        return this.binary(ast.op, ast.left, ast.right, ast.span);
      case 'call':
        return this.call(ast.name, ast.args, ast.span);
      case 'cond': {
        const c = this.lower(ast.cond);
        this.needBool(c, ast.cond.span, 'the condition of ?:');
        const a = this.lower(ast.then);
        const b = this.lower(ast.otherwise);
        if (a.bool !== b.bool) {
          this.diags.error('type-mismatch', ast.span, 'both branches of ?: must be numbers, or both conditions');
          return BROKEN;
        }
        const dim = this.sameDim(a.dim, b.dim, ast.span, '?:', ast.then, ast.otherwise);
        return { expr: { k: 'cond', c: c.expr, a: a.expr, b: b.expr }, dim, bool: a.bool };
      }
    }
  }

  private ident(name: string, span: Span): Lowered {
    if (this.scope.constantOnly) {
      if (this.scope.isDeclared?.(name) || this.scope.lookup(name, span) !== undefined) {
        this.diags.error('not-constant', span, `a parameter default must be a constant with a unit (e.g. 10 ms), not '${name}'`);
        return BROKEN;
      }
    } else {
      const dim = this.scope.lookup(name, span);
      if (dim !== undefined) return { expr: { k: 'sym', name }, dim, bool: false };
    }
    const unit = lookupUnitAtom(name);
    if (unit) return { expr: { k: 'num', v: unit.scale }, dim: unit.dim, bool: false };
    const suggestion = closest(name, this.scope.names());
    this.diags.error('unknown-identifier', span, `unknown identifier '${name}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`);
    return BROKEN;
  }

  private binary(op: string, leftAst: AstExpr, rightAst: AstExpr, span: Span): Lowered {
    const a = this.lower(leftAst);
    const b = this.lower(rightAst);
    if (op === 'and' || op === 'or') {
      this.needBool(a, leftAst.span, `'${op}'`);
      this.needBool(b, rightAst.span, `'${op}'`);
      return { expr: { k: 'bin', op, a: a.expr, b: b.expr }, dim: DIMENSIONLESS, bool: true };
    }
    this.needNumber(a, leftAst.span, `'${op}'`);
    this.needNumber(b, rightAst.span, `'${op}'`);
    const expr: Expr = { k: 'bin', op: op as '+', a: a.expr, b: b.expr };
    switch (op) {
      case '+':
      case '-':
        return { expr, dim: this.sameDim(a.dim, b.dim, span, op, leftAst, rightAst), bool: false };
      case '<':
      case '<=':
      case '>':
      case '>=':
      case '==':
      case '!=':
        this.sameDim(a.dim, b.dim, span, op, leftAst, rightAst);
        return { expr, dim: DIMENSIONLESS, bool: true };
      case '*':
        return { expr, dim: a.dim && b.dim ? dimMul(a.dim, b.dim) : null, bool: false };
      case '/':
        return { expr, dim: a.dim && b.dim ? dimDiv(a.dim, b.dim) : null, bool: false };
      case '^':
        return { expr: { k: 'bin', op: '^', a: a.expr, b: b.expr }, dim: this.powerDim(a, b, rightAst.span), bool: false };
      default:
        this.diags.error('syntax', span, `unknown operator '${op}'`);
        return BROKEN;
    }
  }

  private powerDim(base: Lowered, exponent: Lowered, exponentSpan: Span): Dimension | null {
    if (!base.dim || !exponent.dim) return null;
    if (!isDimensionless(exponent.dim)) {
      this.diags.error('unit-mismatch', exponentSpan, `an exponent must be dimensionless, but this one is ${describeDim(exponent.dim)}`);
      return null;
    }
    if (isDimensionless(base.dim)) return DIMENSIONLESS;
    const p = constantValue(exponent.expr);
    if (p === undefined) {
      this.diags.error('unit-mismatch', exponentSpan, `a quantity with a unit (${describeDim(base.dim)}) can only be raised to a constant power`);
      return null;
    }
    return dimPow(base.dim, p);
  }

  private call(name: string, argAsts: readonly AstExpr[], span: Span): Lowered {
    if (name === 'pop_sum' || name === 'pop_max') {
      if (!this.scope.allowReductions) {
        this.diags.error('misplaced', span, `'${name}' can only be used in a spike condition`);
        return BROKEN;
      }
      if (argAsts.length !== 1) {
        this.diags.error('syntax', span, `'${name}' takes 1 argument, got ${argAsts.length}`);
        return BROKEN;
      }
      const a = this.lower(argAsts[0]);
      this.needNumber(a, argAsts[0].span, `'${name}'`);
      return { expr: { k: 'reduce', op: name === 'pop_sum' ? 'sum' : 'max', a: a.expr }, dim: a.dim, bool: false };
    }
    // Own properties only: `constructor(x)` or `toString(x)` must be unknown functions, not Object's.
    const spec = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name as FunctionName] : undefined;
    if (!spec) {
      const suggestion = closest(name, [...FUNCTION_NAMES, 'pop_sum', 'pop_max']);
      this.diags.error('unknown-identifier', span, `unknown function '${name}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`);
      return BROKEN;
    }
    if (argAsts.length < spec.min || argAsts.length > spec.max) {
      const expected = spec.min === spec.max ? `${spec.min}` : `${spec.min} to ${spec.max}`;
      const plural = spec.max === 1 ? '' : 's';
      this.diags.error('syntax', span, spec.max === 0 ? `'${name}' takes no arguments: write ${name}()` : `'${name}' takes ${expected} argument${plural}, got ${argAsts.length}`);
      return BROKEN;
    }
    const args = argAsts.map((a) => this.lower(a));
    args.forEach((a, i) => this.needNumber(a, argAsts[i].span, `'${name}'`));
    const expr: Expr = { k: 'call', fn: name as FunctionName, args: args.map((a) => a.expr) };
    const fn = name as FunctionName;
    switch (fn) {
      case 'exp':
      case 'exprel':
      case 'log':
      case 'tanh':
      case 'sin':
      case 'cos':
        this.needDimensionless(args[0], argAsts[0].span, fn);
        return { expr, dim: DIMENSIONLESS, bool: false };
      case 'sqrt':
        return { expr, dim: args[0].dim ? dimPow(args[0].dim, 0.5) : null, bool: false };
      case 'abs':
        return { expr, dim: args[0].dim, bool: false };
      case 'heaviside':
      case 'rand':
      case 'randn':
        return { expr, dim: DIMENSIONLESS, bool: false };
      case 'pow':
        return { expr, dim: this.powerDim(args[0], args[1], argAsts[1].span), bool: false };
      case 'min':
      case 'max':
      case 'clip': {
        let dim = args[0].dim;
        for (let i = 1; i < args.length; i++) dim = this.sameDim(dim, args[i].dim, argAsts[i].span, name, argAsts[0], argAsts[i]);
        return { expr, dim, bool: false };
      }
    }
  }

  private sameDim(a: Dimension | null, b: Dimension | null, span: Span, op: string, left: AstExpr, right: AstExpr): Dimension | null {
    if (!a || !b) return null;
    if (dimEquals(a, b)) return a;
    this.diags.error(
      'unit-mismatch',
      span,
      `unit mismatch in '${op}': ${exprLabel(left)} is ${describeDim(a)} but ${exprLabel(right)} is ${describeDim(b)}`,
    );
    return null;
  }

  private needBool(x: Lowered, span: Span, where: string): void {
    if (x.dim !== null && !x.bool) this.diags.error('type-mismatch', span, `${where} needs a condition (a comparison), not a number`);
  }

  private needNumber(x: Lowered, span: Span, where: string): void {
    if (x.bool) this.diags.error('type-mismatch', span, `${where} needs a number, not a condition (use 'c ? 1 : 0' or heaviside)`);
  }

  private needDimensionless(x: Lowered, span: Span, fn: string): void {
    if (x.dim && !isDimensionless(x.dim)) {
      this.diags.error('unit-mismatch', span, `the argument of ${fn}() must be dimensionless, but it is ${describeDim(x.dim)}`);
    }
  }
}

/** A short name for an operand in messages: the identifier itself, or "the left side". */
function exprLabel(e: AstExpr): string {
  if (e.kind === 'ident') return e.name;
  if (e.kind === 'quantity' || e.kind === 'number') return String(e.value) + (e.kind === 'quantity' ? ` ${e.unit.text}` : '');
  return 'the expression';
}

/** The most similar name (edit distance ≤ 2), for "did you mean". */
export function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of candidates) {
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
