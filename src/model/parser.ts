/**
 * Parses model source into an AstModel. Line-oriented: each statement is one line (a parenthesis
 * may carry an expression over several lines). A syntax error skips the rest of its line, so one
 * mistake yields one diagnostic and the rest of the model is still checked.
 */
import { RESERVED_WORDS, SECTION_KEYWORDS, type AstAssignment, type AstExpr, type AstModel, type SectionKeyword } from './ast';
import type { DiagnosticList, Span } from './diagnostics';
import { describe, ExpressionParser, ParseError, spanFrom } from './expressionParser';
import type { ModelKind } from './ir';
import { lex, type Token } from './lexer';
import type { Unit } from './units';

const MODEL_KINDS: readonly ModelKind[] = ['cell', 'channel', 'synapse'];

export function parseModel(source: string, diags: DiagnosticList): AstModel | undefined {
  const { tokens, doc } = lex(source, diags);
  return new ModelParser(tokens, doc, diags).parse();
}

/** Parses one expression on its own (stimulus expressions in projects, e.g. `0.5 nA * sin(2*pi*t/(100 ms))`). */
export function parseExpressionText(text: string, diags: DiagnosticList): AstExpr | undefined {
  return new ExpressionParser(lex(text.replace(/\r?\n/g, ' '), diags).tokens, diags).parseStandalone();
}

class ModelParser extends ExpressionParser {
  constructor(
    tokens: readonly Token[],
    private readonly doc: readonly string[],
    diags: DiagnosticList,
  ) {
    super(tokens, diags, declaredNames(tokens));
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

  parse(): AstModel | undefined {
    this.skipBlankLines();
    let model: AstModel;
    try {
      model = this.parseHeader();
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
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
        if (!section) throw new ParseError(t, `expected a section (${SECTION_KEYWORDS.join(', ')}), found ${describe(t)}`);
        this.parseSectionLine(section, model);
      } catch (e) {
        if (!(e instanceof ParseError)) throw e;
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
    if (kw.type !== 'ident' || kw.text !== 'model') throw new ParseError(kw, `a model must start with 'model NAME : KIND', found ${describe(kw)}`);
    this.next();
    const name = this.expectIdent('the model name after "model"');
    this.expectOp(':', `after the model name (write 'model ${name.text} : cell')`);
    const kindTok = this.expectIdent('the model kind (cell, channel or synapse)');
    if (!MODEL_KINDS.includes(kindTok.text as ModelKind)) {
      throw new ParseError(kindTok, `unknown model kind '${kindTok.text}'; expected cell, channel or synapse`);
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
        throw new ParseError(t, `'${section}' takes its expression on the same line (e.g. '${section === 'spike' ? 'spike v >= thr' : 'refractory t_ref'}')`);
      }
    }
  }

  private declName(what: string): Token {
    const t = this.expectIdent(what);
    if (RESERVED_WORDS.has(t.text)) throw new ParseError(t, `'${t.text}' is a reserved word and cannot be used as a name`);
    return t;
  }

  private parseEquation(): { state: string; span: Span; rhs: AstExpr; unlessRefractory: boolean } {
    const d = this.peek();
    if (d.type !== 'ident' || !d.text.startsWith('d') || d.text.length < 2 || !this.isOp('/', 1) || this.peek(2).text !== 'dt') {
      throw new ParseError(d, `expected an equation 'dX/dt = ...', found ${describe(d)}`);
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
      if (r.text !== 'refractory') throw new ParseError(r, `expected '(unless refractory)', found '${r.text}'`);
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
      throw new ParseError(op, `expected '=', '+=' or '-=' after '${target.text}', found ${describe(op)}`);
    }
    this.next();
    const expr = this.parseExpr();
    this.endLine();
    return { target: target.text, span: target, op: op.text as AstAssignment['op'], expr };
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
