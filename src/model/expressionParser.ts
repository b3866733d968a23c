/**
 * The expression half of the parser: token navigation, expressions with quantities (`10 ms`,
 * `0.12 S/cm2`) and unit annotations. The model parser (parser.ts) extends it with sections and
 * statements; stimulus expressions in projects use it on its own.
 */
import { RESERVED_WORDS, type AstExpr } from './ast';
import type { DiagnosticList, Span } from './diagnostics';
import type { Token } from './lexer';
import { lookupUnitAtom, unitDiv, unitMul, unitPow, UNITLESS, type Unit } from './units';

/** A syntax error at a span; caught per statement so that parsing goes on with the next line. */
export class ParseError extends Error {
  constructor(
    readonly span: Span,
    message: string,
  ) {
    super(message);
  }
}

export const spanFrom = (a: Span, b: Span): Span =>
  a.line === b.line ? { line: a.line, col: a.col, length: b.col + b.length - a.col } : { line: a.line, col: a.col, length: a.length };

export class ExpressionParser {
  protected pos = 0;
  protected parenDepth = 0;

  constructor(
    protected readonly tokens: readonly Token[],
    protected readonly diags: DiagnosticList,
    /** Names the source declares; inside a quantity they are never read as units (`5 mV/ms * V`). */
    protected readonly declared: ReadonlySet<string> = new Set(),
  ) {}

  protected peek(offset = 0): Token {
    let p = this.pos;
    let remaining = offset;
    for (;;) {
      const t = this.tokens[Math.min(p, this.tokens.length - 1)];
      if (t.type === 'newline' && this.parenDepth > 0) {
        p++;
        continue;
      }
      if (remaining === 0) return t;
      remaining--;
      p++;
    }
  }

  protected next(): Token {
    for (;;) {
      const t = this.tokens[Math.min(this.pos, this.tokens.length - 1)];
      this.pos++;
      if (t.type === 'newline' && this.parenDepth > 0) continue;
      return t;
    }
  }

  protected isOp(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.type === 'op' && t.text === text;
  }

  protected expectOp(text: string, context: string): Token {
    const t = this.peek();
    if (t.type === 'op' && t.text === text) return this.next();
    throw new ParseError(t, `expected '${text}' ${context}, found ${describe(t)}`);
  }

  protected expectIdent(context: string): Token {
    const t = this.peek();
    if (t.type === 'ident') return this.next();
    throw new ParseError(t, `expected ${context}, found ${describe(t)}`);
  }

  /** Ends a statement: the next token must end the line. Returns the line's trailing comment. */
  protected endLine(): string {
    const t = this.peek();
    if (t.type === 'eof') return '';
    if (t.type !== 'newline') throw new ParseError(t, `unexpected ${describe(t)} at the end of the statement`);
    this.next();
    return t.comment ?? '';
  }

  parseStandalone(): AstExpr | undefined {
    try {
      const expr = this.parseExpr();
      this.endLine();
      if (this.peek().type !== 'eof') throw new ParseError(this.peek(), `unexpected ${describe(this.peek())} after the expression`);
      return expr;
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      this.diags.error('syntax', e.span, e.message);
      return undefined;
    }
  }

  /** A unit after ':' in a declaration: `nA`, `uA/cm2`, `mV/ms`, `1`, `1/ms`. */
  protected parseUnitAnnotation(): Unit {
    let unit = this.parseUnitAtom(true);
    while (this.isOp('/') || this.isOp('*')) {
      const op = this.next().text;
      const atom = this.parseUnitAtom(false);
      unit = op === '/' ? unitDiv(unit, atom) : unitMul(unit, atom);
    }
    return unit;
  }

  protected parseUnitAtom(allowOne: boolean): Unit {
    const t = this.next();
    if (t.type === 'number' && t.value === 1 && allowOne) return UNITLESS;
    if (t.type === 'op' && t.text === '(') {
      const inner = this.parseUnitAnnotation();
      this.expectOp(')', 'to close the unit');
      return inner;
    }
    if (t.type !== 'ident') throw new ParseError(t, `expected a unit (e.g. mV, nA, uS/cm2), found ${describe(t)}`);
    const unit = lookupUnitAtom(t.text);
    if (!unit) throw new ParseError(t, `unknown unit '${t.text}'`);
    if (this.isOp('^')) {
      this.next();
      const neg = this.isOp('-') ? (this.next(), -1) : 1;
      const p = this.next();
      if (p.type !== 'number' || !Number.isInteger(p.value)) throw new ParseError(p, 'expected an integer power after ^');
      return unitPow(unit, neg * (p.value ?? 1));
    }
    return unit;
  }

  // ---- expressions -------------------------------------------------------------------------

  parseExpr(): AstExpr {
    const cond = this.parseOr();
    if (this.isOp('?')) {
      this.next();
      const then = this.parseExpr();
      this.expectOp(':', "in the conditional 'c ? a : b'");
      const otherwise = this.parseExpr();
      return { kind: 'cond', cond, then, otherwise, span: spanFrom(cond.span, otherwise.span) };
    }
    return cond;
  }

  protected parseOr(): AstExpr {
    let left = this.parseAnd();
    while (this.peek().type === 'ident' && this.peek().text === 'or') {
      this.next();
      const right = this.parseAnd();
      left = { kind: 'binary', op: 'or', left, right, span: spanFrom(left.span, right.span) };
    }
    return left;
  }

  protected parseAnd(): AstExpr {
    let left = this.parseNot();
    while (this.peek().type === 'ident' && this.peek().text === 'and') {
      this.next();
      const right = this.parseNot();
      left = { kind: 'binary', op: 'and', left, right, span: spanFrom(left.span, right.span) };
    }
    return left;
  }

  protected parseNot(): AstExpr {
    const t = this.peek();
    if (t.type === 'ident' && t.text === 'not') {
      this.next();
      const arg = this.parseNot();
      return { kind: 'unary', op: 'not', arg, span: spanFrom(t, arg.span) };
    }
    return this.parseComparison();
  }

  protected parseComparison(): AstExpr {
    const left = this.parseAdditive();
    const t = this.peek();
    if (t.type === 'op' && ['<', '<=', '>', '>=', '==', '!='].includes(t.text)) {
      this.next();
      const right = this.parseAdditive();
      const after = this.peek();
      if (after.type === 'op' && ['<', '<=', '>', '>=', '==', '!='].includes(after.text)) {
        throw new ParseError(after, "comparisons cannot be chained; write 'a < b and b < c'");
      }
      return { kind: 'binary', op: t.text, left, right, span: spanFrom(left.span, right.span) };
    }
    return left;
  }

  protected parseAdditive(): AstExpr {
    let left = this.parseMultiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.next().text;
      const right = this.parseMultiplicative();
      left = { kind: 'binary', op, left, right, span: spanFrom(left.span, right.span) };
    }
    return left;
  }

  protected parseMultiplicative(): AstExpr {
    let left = this.parseUnary();
    while (this.isOp('*') || this.isOp('/')) {
      const op = this.next().text;
      const right = this.parseUnary();
      left = { kind: 'binary', op, left, right, span: spanFrom(left.span, right.span) };
    }
    return left;
  }

  protected parseUnary(): AstExpr {
    const t = this.peek();
    if (t.type === 'op' && (t.text === '-' || t.text === '+')) {
      this.next();
      const arg = this.parseUnary();
      return t.text === '-' ? { kind: 'unary', op: '-', arg, span: spanFrom(t, arg.span) } : arg;
    }
    return this.parsePower();
  }

  protected parsePower(): AstExpr {
    const base = this.parsePrimary();
    if (this.isOp('^') || this.isOp('**')) {
      this.next();
      const exponent = this.parseUnary();
      return { kind: 'binary', op: '^', left: base, right: exponent, span: spanFrom(base.span, exponent.span) };
    }
    return base;
  }

  protected parsePrimary(): AstExpr {
    const t = this.next();
    if (t.type === 'number') return this.parseQuantity(t);
    if (t.type === 'ident') {
      if (RESERVED_WORDS.has(t.text)) throw new ParseError(t, `unexpected keyword '${t.text}' in an expression`);
      if (this.isOp('(') && this.peek(1).text !== 'unless') {
        this.next();
        this.parenDepth++;
        const args: AstExpr[] = [];
        if (!this.isOp(')')) {
          args.push(this.parseExpr());
          while (this.isOp(',')) {
            this.next();
            args.push(this.parseExpr());
          }
        }
        this.parenDepth--;
        const close = this.expectOp(')', `to close the call of '${t.text}'`);
        return { kind: 'call', name: t.text, args, span: spanFrom(t, close) };
      }
      return { kind: 'ident', name: t.text, span: t };
    }
    if (t.type === 'op' && t.text === '(') {
      this.parenDepth++;
      const inner = this.parseExpr();
      this.parenDepth--;
      this.expectOp(')', 'to close the parenthesis');
      return inner;
    }
    throw new ParseError(t, `expected a value, found ${describe(t)}`);
  }

  /** `10`, `10 ms`, `0.12 S/cm2`, `8 mV/ms`: a unit binds to the number before it. */
  protected parseQuantity(numTok: Token): AstExpr {
    const value = numTok.value ?? 0;
    const first = this.peek();
    if (!(first.type === 'ident' && first.line === numTok.line && this.isUnitHere(0))) {
      return { kind: 'number', value, span: numTok };
    }
    let unit = this.unitAtomAt();
    let last: Span = first;
    while ((this.isOp('/') || this.isOp('*')) && this.peek(1).type === 'ident' && this.isUnitHere(1)) {
      const op = this.next().text;
      last = this.peek();
      const atom = this.unitAtomAt();
      unit = op === '/' ? unitDiv(unit, atom) : unitMul(unit, atom);
    }
    return { kind: 'quantity', value, unit, span: spanFrom(numTok, last) };
  }

  /**
   * Whether the token at `offset` continues a quantity as a unit: a known unit that the source does
   * not declare as a name, and not a call (`ms(`) — though `(unless refractory)` may follow it.
   */
  protected isUnitHere(offset: number): boolean {
    const t = this.peek(offset);
    if (t.type !== 'ident' || this.declared.has(t.text) || lookupUnitAtom(t.text) === undefined) return false;
    const after = this.peek(offset + 1);
    return !(after.type === 'op' && after.text === '(' && this.peek(offset + 2).text !== 'unless');
  }

  /** A unit atom with an optional integer power: `ms`, `cm^2`, `mV^-1`. */
  protected unitAtomAt(): Unit {
    const t = this.next();
    const unit = lookupUnitAtom(t.text) as Unit;
    if (this.isOp('^')) {
      const negative = this.isOp('-', 1);
      const p = this.peek(negative ? 2 : 1);
      if (p.type === 'number' && Number.isInteger(p.value)) {
        this.next();
        if (negative) this.next();
        this.next();
        return unitPow(unit, (negative ? -1 : 1) * (p.value ?? 1));
      }
    }
    return unit;
  }
}

export function describe(t: Token): string {
  if (t.type === 'eof') return 'the end of the model';
  if (t.type === 'newline') return 'the end of the line';
  return `'${t.text}'`;
}
