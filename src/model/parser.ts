/**
 * Parses model source into an AstModel. Line-oriented: each statement is one line (a parenthesis
 * may carry an expression over several lines). A syntax error skips the rest of its line, so one
 * mistake yields one diagnostic and the rest of the model is still checked.
 */
import { RESERVED_WORDS, SECTION_KEYWORDS, type AstAssignment, type AstExpr, type AstModel, type SectionKeyword } from './ast';
import type { DiagnosticList, Span } from './diagnostics';
import type { ModelKind } from './ir';
import { lex, type Token } from './lexer';
import { lookupUnitAtom, unitDiv, unitMul, unitPow, UNITLESS, type Unit } from './units';

class SyntaxError_ extends Error {
  constructor(
    readonly span: Span,
    message: string,
  ) {
    super(message);
  }
}

const MODEL_KINDS: readonly ModelKind[] = ['cell', 'channel', 'synapse'];

const spanFrom = (a: Span, b: Span): Span =>
  a.line === b.line ? { line: a.line, col: a.col, length: b.col + b.length - a.col } : { line: a.line, col: a.col, length: a.length };

export function parseModel(source: string, diags: DiagnosticList): AstModel | undefined {
  return new Parser(source, diags).parse();
}

/** Parses one expression on its own (stimulus expressions in projects, e.g. `0.5 nA * sin(2*pi*t/(100 ms))`). */
export function parseExpressionText(text: string, diags: DiagnosticList): AstExpr | undefined {
  return new Parser(text.replace(/\r?\n/g, ' '), diags).parseStandalone();
}

class Parser {
  private pos = 0;
  private parenDepth = 0;
  private readonly tokens: Token[];
  private readonly doc: string[];
  /** Names the source declares; inside a quantity they are never read as units (`5 mV/ms * V`). */
  private readonly declared: ReadonlySet<string>;

  constructor(
    source: string,
    private readonly diags: DiagnosticList,
  ) {
    const lexed = lex(source, diags);
    this.tokens = lexed.tokens;
    this.doc = lexed.doc;
    this.declared = declaredNames(this.tokens);
  }

  private peek(offset = 0): Token {
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

  private next(): Token {
    for (;;) {
      const t = this.tokens[Math.min(this.pos, this.tokens.length - 1)];
      this.pos++;
      if (t.type === 'newline' && this.parenDepth > 0) continue;
      return t;
    }
  }

  private isOp(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.type === 'op' && t.text === text;
  }

  private expectOp(text: string, context: string): Token {
    const t = this.peek();
    if (t.type === 'op' && t.text === text) return this.next();
    throw new SyntaxError_(t, `expected '${text}' ${context}, found ${describe(t)}`);
  }

  private expectIdent(context: string): Token {
    const t = this.peek();
    if (t.type === 'ident') return this.next();
    throw new SyntaxError_(t, `expected ${context}, found ${describe(t)}`);
  }

  /** Ends a statement: the next token must end the line. Returns the line's trailing comment. */
  private endLine(): string {
    const t = this.peek();
    if (t.type === 'eof') return '';
    if (t.type !== 'newline') throw new SyntaxError_(t, `unexpected ${describe(t)} at the end of the statement`);
    this.next();
    return t.comment ?? '';
  }

  /** Skips the rest of the line where a syntax error was found (not the next line, if that one was reached). */
  private skipLine(errorLine: number): void {
    this.parenDepth = 0;
    const previous = this.tokens[this.pos - 1];
    if (previous?.type === 'newline' && previous.line >= errorLine) return;
    while (this.peek().type !== 'newline' && this.peek().type !== 'eof') this.next();
    if (this.peek().type === 'newline') this.next();
  }

  private skipBlankLines(): void {
    while (this.peek().type === 'newline') this.next();
  }

  parseStandalone(): AstExpr | undefined {
    try {
      const expr = this.parseExpr();
      this.endLine();
      if (this.peek().type !== 'eof') throw new SyntaxError_(this.peek(), `unexpected ${describe(this.peek())} after the expression`);
      return expr;
    } catch (e) {
      if (!(e instanceof SyntaxError_)) throw e;
      this.diags.error('syntax', e.span, e.message);
      return undefined;
    }
  }

  parse(): AstModel | undefined {
    this.skipBlankLines();
    let model: AstModel;
    try {
      model = this.parseHeader();
    } catch (e) {
      if (!(e instanceof SyntaxError_)) throw e;
      this.diags.error('syntax', e.span, e.message);
      return undefined;
    }
    const seen = new Map<string, number>();
    let section: SectionKeyword | undefined;
    while (this.peek().type !== 'eof') {
      this.skipBlankLines();
      const t = this.peek();
      if (t.type === 'eof') break;
      try {
        if (t.type === 'ident' && (SECTION_KEYWORDS as readonly string[]).includes(t.text) && this.isSectionStart()) {
          section = this.startSection(t, seen, model);
          continue;
        }
        if (!section) throw new SyntaxError_(t, `expected a section (${SECTION_KEYWORDS.join(', ')}), found ${describe(t)}`);
        this.parseSectionLine(section, model);
      } catch (e) {
        if (!(e instanceof SyntaxError_)) throw e;
        this.diags.error('syntax', e.span, e.message);
        this.skipLine(e.span.line);
      }
    }
    return model;
  }

  /** A section keyword starts a section unless it is used as a statement target (`reset = …` is not one). */
  private isSectionStart(): boolean {
    const after = this.peek(1);
    return !(after.type === 'op' && ['=', '+=', '-=', ':'].includes(after.text));
  }

  private parseHeader(): AstModel {
    const kw = this.peek();
    if (kw.type !== 'ident' || kw.text !== 'model') throw new SyntaxError_(kw, `a model must start with 'model NAME : KIND', found ${describe(kw)}`);
    this.next();
    const name = this.expectIdent('the model name after "model"');
    this.expectOp(':', `after the model name (write 'model ${name.text} : cell')`);
    const kindTok = this.expectIdent('the model kind (cell, channel or synapse)');
    if (!MODEL_KINDS.includes(kindTok.text as ModelKind)) {
      throw new SyntaxError_(kindTok, `unknown model kind '${kindTok.text}'; expected cell, channel or synapse`);
    }
    this.endLine();
    return {
      name: name.text,
      nameSpan: name,
      kind: kindTok.text as ModelKind,
      doc: this.doc.join('\n').trim(),
      params: [],
      inputs: [],
      states: [],
      definitions: [],
      equations: [],
      reset: [],
      clamp: [],
      onPre: [],
      onPost: [],
    };
  }

  private startSection(t: Token, seen: Map<string, number>, model: AstModel): SectionKeyword {
    this.next();
    const keyword = t.text as SectionKeyword;
    const previous = seen.get(keyword);
    if (previous !== undefined) {
      this.diags.error('duplicate', t, `section '${keyword}' appears twice (first on line ${previous})`);
    }
    seen.set(keyword, t.line);
    if (keyword === 'spike') {
      const expr = this.parseExpr();
      this.endLine();
      if (!model.spike) model.spike = { expr, span: spanFrom(t, expr.span) };
      return keyword;
    }
    if (keyword === 'refractory') {
      const expr = this.parseExpr();
      this.endLine();
      if (!model.refractory) model.refractory = { expr, span: spanFrom(t, expr.span) };
      return keyword;
    }
    this.endLine();
    return keyword;
  }

  private parseSectionLine(section: SectionKeyword, model: AstModel): void {
    switch (section) {
      case 'params': {
        const name = this.declName('a parameter name');
        this.expectOp('=', `after parameter name '${name.text}' (write '${name.text} = 10 ms')`);
        const value = this.parseExpr();
        model.params.push({ name: name.text, span: name, value, description: this.endLine() });
        return;
      }
      case 'inputs': {
        const name = this.declName('an input name');
        this.expectOp(':', `after input name '${name.text}' (write '${name.text} : nA')`);
        const unit = this.parseUnitAnnotation();
        model.inputs.push({ name: name.text, span: name, unit, description: this.endLine() });
        return;
      }
      case 'states': {
        const name = this.declName('a state name');
        let unit: Unit | undefined;
        if (this.isOp(':')) {
          this.next();
          unit = this.parseUnitAnnotation();
        }
        this.expectOp('=', `after state '${name.text}' (write '${name.text} = initial value' or '${name.text} = steady')`);
        const steady = this.peek();
        let init: AstExpr | 'steady';
        if (steady.type === 'ident' && steady.text === 'steady') {
          this.next();
          init = 'steady';
        } else init = this.parseExpr();
        model.states.push({ name: name.text, span: name, unit, init, description: this.endLine() });
        return;
      }
      case 'definitions':
      case 'current': {
        const name = this.declName(section === 'current' ? 'the current name' : 'a definition name');
        this.expectOp('=', `after '${name.text}'`);
        const expr = this.parseExpr();
        const decl = { name: name.text, span: name, expr, description: this.endLine() };
        if (section === 'definitions') model.definitions.push(decl);
        else if (model.current) this.diags.error('duplicate', name, `a model contributes one current; '${model.current.name}' is already declared`);
        else model.current = decl;
        return;
      }
      case 'equations':
        model.equations.push(this.parseEquation());
        return;
      case 'reset':
      case 'clamp':
      case 'on_pre':
      case 'on_post': {
        const target = section === 'reset' ? model.reset : section === 'clamp' ? model.clamp : section === 'on_pre' ? model.onPre : model.onPost;
        target.push(this.parseAssignment());
        return;
      }
      case 'spike':
      case 'refractory': {
        const t = this.peek();
        throw new SyntaxError_(t, `'${section}' takes its expression on the same line (e.g. '${section === 'spike' ? 'spike v >= thr' : 'refractory t_ref'}')`);
      }
    }
  }

  private declName(what: string): Token {
    const t = this.expectIdent(what);
    if (RESERVED_WORDS.has(t.text)) throw new SyntaxError_(t, `'${t.text}' is a reserved word and cannot be used as a name`);
    return t;
  }

  private parseEquation(): { state: string; span: Span; rhs: AstExpr; unlessRefractory: boolean } {
    const d = this.peek();
    if (d.type !== 'ident' || !d.text.startsWith('d') || d.text.length < 2 || !this.isOp('/', 1) || this.peek(2).text !== 'dt') {
      throw new SyntaxError_(d, `expected an equation 'dX/dt = ...', found ${describe(d)}`);
    }
    this.next();
    this.next();
    this.next();
    this.expectOp('=', `after d${d.text.slice(1)}/dt`);
    const rhs = this.parseExpr();
    let unlessRefractory = false;
    if (this.isOp('(') && this.peek(1).text === 'unless') {
      this.next();
      this.next();
      const r = this.expectIdent("'refractory' after 'unless'");
      if (r.text !== 'refractory') throw new SyntaxError_(r, `expected '(unless refractory)', found '${r.text}'`);
      this.expectOp(')', "to close '(unless refractory'");
      unlessRefractory = true;
    }
    this.endLine();
    return { state: d.text.slice(1), span: { line: d.line, col: d.col + 1, length: d.length - 1 }, rhs, unlessRefractory };
  }

  private parseAssignment(): AstAssignment {
    const target = this.expectIdent('a variable to assign');
    const op = this.peek();
    if (op.type !== 'op' || !['=', '+=', '-='].includes(op.text)) {
      throw new SyntaxError_(op, `expected '=', '+=' or '-=' after '${target.text}', found ${describe(op)}`);
    }
    this.next();
    const expr = this.parseExpr();
    this.endLine();
    return { target: target.text, span: target, op: op.text as AstAssignment['op'], expr };
  }

  /** A unit after ':' in a declaration: `nA`, `uA/cm2`, `mV/ms`, `1`, `1/ms`. */
  private parseUnitAnnotation(): Unit {
    let unit = this.parseUnitAtom(true);
    while (this.isOp('/') || this.isOp('*')) {
      const op = this.next().text;
      const atom = this.parseUnitAtom(false);
      unit = op === '/' ? unitDiv(unit, atom) : unitMul(unit, atom);
    }
    return unit;
  }

  private parseUnitAtom(allowOne: boolean): Unit {
    const t = this.next();
    if (t.type === 'number' && t.value === 1 && allowOne) return UNITLESS;
    if (t.type === 'op' && t.text === '(') {
      const inner = this.parseUnitAnnotation();
      this.expectOp(')', 'to close the unit');
      return inner;
    }
    if (t.type !== 'ident') throw new SyntaxError_(t, `expected a unit (e.g. mV, nA, uS/cm2), found ${describe(t)}`);
    const unit = lookupUnitAtom(t.text);
    if (!unit) throw new SyntaxError_(t, `unknown unit '${t.text}'`);
    if (this.isOp('^')) {
      this.next();
      const neg = this.isOp('-') ? (this.next(), -1) : 1;
      const p = this.next();
      if (p.type !== 'number' || !Number.isInteger(p.value)) throw new SyntaxError_(p, 'expected an integer power after ^');
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

  private parseOr(): AstExpr {
    let left = this.parseAnd();
    while (this.peek().type === 'ident' && this.peek().text === 'or') {
      this.next();
      const right = this.parseAnd();
      left = { kind: 'binary', op: 'or', left, right, span: spanFrom(left.span, right.span) };
    }
    return left;
  }

  private parseAnd(): AstExpr {
    let left = this.parseNot();
    while (this.peek().type === 'ident' && this.peek().text === 'and') {
      this.next();
      const right = this.parseNot();
      left = { kind: 'binary', op: 'and', left, right, span: spanFrom(left.span, right.span) };
    }
    return left;
  }

  private parseNot(): AstExpr {
    const t = this.peek();
    if (t.type === 'ident' && t.text === 'not') {
      this.next();
      const arg = this.parseNot();
      return { kind: 'unary', op: 'not', arg, span: spanFrom(t, arg.span) };
    }
    return this.parseComparison();
  }

  private parseComparison(): AstExpr {
    const left = this.parseAdditive();
    const t = this.peek();
    if (t.type === 'op' && ['<', '<=', '>', '>=', '==', '!='].includes(t.text)) {
      this.next();
      const right = this.parseAdditive();
      const after = this.peek();
      if (after.type === 'op' && ['<', '<=', '>', '>=', '==', '!='].includes(after.text)) {
        throw new SyntaxError_(after, "comparisons cannot be chained; write 'a < b and b < c'");
      }
      return { kind: 'binary', op: t.text, left, right, span: spanFrom(left.span, right.span) };
    }
    return left;
  }

  private parseAdditive(): AstExpr {
    let left = this.parseMultiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.next().text;
      const right = this.parseMultiplicative();
      left = { kind: 'binary', op, left, right, span: spanFrom(left.span, right.span) };
    }
    return left;
  }

  private parseMultiplicative(): AstExpr {
    let left = this.parseUnary();
    while (this.isOp('*') || this.isOp('/')) {
      const op = this.next().text;
      const right = this.parseUnary();
      left = { kind: 'binary', op, left, right, span: spanFrom(left.span, right.span) };
    }
    return left;
  }

  private parseUnary(): AstExpr {
    const t = this.peek();
    if (t.type === 'op' && (t.text === '-' || t.text === '+')) {
      this.next();
      const arg = this.parseUnary();
      return t.text === '-' ? { kind: 'unary', op: '-', arg, span: spanFrom(t, arg.span) } : arg;
    }
    return this.parsePower();
  }

  private parsePower(): AstExpr {
    const base = this.parsePrimary();
    if (this.isOp('^') || this.isOp('**')) {
      this.next();
      const exponent = this.parseUnary();
      return { kind: 'binary', op: '^', left: base, right: exponent, span: spanFrom(base.span, exponent.span) };
    }
    return base;
  }

  private parsePrimary(): AstExpr {
    const t = this.next();
    if (t.type === 'number') return this.parseQuantity(t);
    if (t.type === 'ident') {
      if (RESERVED_WORDS.has(t.text)) throw new SyntaxError_(t, `unexpected keyword '${t.text}' in an expression`);
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
    throw new SyntaxError_(t, `expected a value, found ${describe(t)}`);
  }

  /** `10`, `10 ms`, `0.12 S/cm2`, `8 mV/ms`: a unit binds to the number before it. */
  private parseQuantity(numTok: Token): AstExpr {
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
  private isUnitHere(offset: number): boolean {
    const t = this.peek(offset);
    if (t.type !== 'ident' || this.declared.has(t.text) || lookupUnitAtom(t.text) === undefined) return false;
    const after = this.peek(offset + 1);
    return !(after.type === 'op' && after.text === '(' && this.peek(offset + 2).text !== 'unless');
  }

  /** A unit atom with an optional integer power: `ms`, `cm^2`, `mV^-1`. */
  private unitAtomAt(): Unit {
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

const DECLARING_SECTIONS: ReadonlySet<string> = new Set(['params', 'inputs', 'states', 'definitions', 'current']);

/**
 * A cheap pre-scan: the first identifier of each statement line in a declaring section (params,
 * inputs, states, definitions, current). Lines continued inside an open parenthesis are skipped.
 */
function declaredNames(tokens: readonly Token[]): Set<string> {
  const names = new Set<string>();
  let section: string | undefined;
  let depth = 0;
  let lineStart = true;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.type === 'newline') {
      if (depth <= 0) lineStart = true;
      continue;
    }
    if (t.type === 'op' && t.text === '(') depth++;
    if (t.type === 'op' && t.text === ')') depth = Math.max(0, depth - 1);
    if (!lineStart) continue;
    lineStart = false;
    if (t.type !== 'ident') continue;
    const after = tokens[k + 1];
    const isTarget = after?.type === 'op' && ['=', '+=', '-=', ':'].includes(after.text);
    if ((SECTION_KEYWORDS as readonly string[]).includes(t.text) && !isTarget) section = t.text;
    else if (t.text === 'model') section = undefined;
    else if (section !== undefined && DECLARING_SECTIONS.has(section)) names.add(t.text);
  }
  return names;
}

function describe(t: Token): string {
  if (t.type === 'eof') return 'the end of the model';
  if (t.type === 'newline') return 'the end of the line';
  return `'${t.text}'`;
}
