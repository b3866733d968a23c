/**
 * What a model source declares, found even while it is being typed (and so full of errors).
 *
 * The structure comes from a statement scan over the real lexer's tokens (the lexer never fails):
 * sections, declarations with their raw text and trailing comments, equations. Units come from the
 * checker's IR when the header parses (the checker builds an IR even for a source with errors), so
 * they are the units the compiler itself infers (`v = v_rest` → mV).
 *
 * Positions are 1-based lines and columns, as in diagnostics and in Monaco.
 */
import { SECTION_KEYWORDS, type SectionKeyword } from '../../../model/ast';
import { checkModel } from '../../../model/check';
import { DiagnosticList, type DiagnosticCode } from '../../../model/diagnostics';
import type { ModelIR } from '../../../model/ir';
import { lex, type Token } from '../../../model/lexer';
import { parseModel } from '../../../model/parser';

export type SymbolKind = 'param' | 'input' | 'state' | 'definition' | 'current';

export interface ModelSymbol {
  readonly name: string;
  readonly kind: SymbolKind;
  /** The section it is declared in. */
  readonly section: SectionKeyword;
  /** Position of the name in its declaration (1-based). */
  readonly line: number;
  readonly col: number;
  readonly length: number;
  /** The unit: as written for inputs and annotated states, else as the compiler infers it; `1` is dimensionless. */
  readonly unit?: string;
  /** Params: the default as written (`10 ms`); states: the initial value (`v_rest`, `steady`); definitions and current: the expression. */
  readonly valueText?: string;
  /** The trailing `# comment` of the declaration line. */
  readonly description: string;
}

export interface SectionInfo {
  readonly keyword: SectionKeyword;
  /** The header's line and column. */
  readonly line: number;
  readonly col: number;
  /** The last line before the next section header (or the end of the source). */
  readonly endLine: number;
}

export interface EquationInfo {
  readonly state: string;
  /** Position of the `dX` token. */
  readonly line: number;
  readonly col: number;
  readonly length: number;
}

/** One statement: a line, or several while a parenthesis is open. */
export interface StatementInfo {
  /** The section the statement belongs to; for `spike …`/`refractory …` headers, that section. Undefined before the first section. */
  readonly section?: SectionKeyword;
  readonly startLine: number;
  readonly endLine: number;
  /** True for a section header line (`params`, `spike v >= thr`) and for the `model` header. */
  readonly isHeader: boolean;
}

export interface ModelHeader {
  readonly name?: string;
  readonly kind?: string;
  readonly line: number;
  /** Position of the name (or of `model` when the name is missing). */
  readonly col: number;
  readonly length: number;
}

export interface ModelScope {
  readonly header?: ModelHeader;
  /** The `##` documentation. */
  readonly doc: string;
  readonly symbols: readonly ModelSymbol[];
  readonly sections: readonly SectionInfo[];
  readonly equations: readonly EquationInfo[];
  readonly statements: readonly StatementInfo[];
  /** The source's lines (without line endings). */
  readonly lines: readonly string[];
}

const DECLARING: Readonly<Partial<Record<SectionKeyword, SymbolKind>>> = {
  params: 'param',
  inputs: 'input',
  states: 'state',
  definitions: 'definition',
  current: 'current',
};

const ASSIGN_OPS = new Set(['=', '+=', '-=', ':']);

let cached: { source: string; scope: ModelScope } | undefined;

/** The scope of a source; the last result is cached, since completion and hover ask for the same text repeatedly. */
export function scanModel(source: string): ModelScope {
  if (cached?.source === source) return cached.scope;
  const scope = buildScope(source);
  cached = { source, scope };
  return scope;
}

export function sectionAt(scope: ModelScope, line: number): SectionKeyword | undefined {
  const statement = statementAt(scope, line);
  if (statement) return statement.section;
  let current: SectionKeyword | undefined;
  for (const s of scope.sections) if (s.line <= line) current = s.keyword;
  return current;
}

/** The statement spanning this line, if any (blank and comment-only lines belong to none). */
export function statementAt(scope: ModelScope, line: number): StatementInfo | undefined {
  return scope.statements.find((s) => s.startLine <= line && line <= s.endLine);
}

/** The first declaration of a name (a duplicate's first one is the one the compiler keeps). */
export function findSymbol(scope: ModelScope, name: string): ModelSymbol | undefined {
  return scope.symbols.find((s) => s.name === name);
}

function buildScope(source: string): ModelScope {
  const lines = source.split(/\r?\n/);
  const { tokens, doc } = lex(source, new DiagnosticList());
  const statements = splitStatements(tokens);
  const symbols: ModelSymbol[] = [];
  const sectionStarts: { keyword: SectionKeyword; line: number; col: number }[] = [];
  const equations: EquationInfo[] = [];
  const statementInfos: StatementInfo[] = [];
  let header: ModelHeader | undefined;
  let section: SectionKeyword | undefined;

  for (const { tokens: st, comment } of statements) {
    const first = st[0];
    const last = st[st.length - 1];
    const info = (isHeader: boolean, sec = section): StatementInfo => ({ section: sec, startLine: first.line, endLine: last.line, isHeader });
    if (first.type === 'ident' && first.text === 'model' && !header) {
      const name = st[1]?.type === 'ident' ? st[1] : undefined;
      const kind = st[2]?.text === ':' && st[3]?.type === 'ident' ? st[3].text : undefined;
      header = { name: name?.text, kind, line: first.line, col: (name ?? first).col, length: (name ?? first).length };
      section = undefined;
      statementInfos.push(info(true, undefined));
      continue;
    }
    if (first.type === 'ident' && isSectionKeyword(first.text) && !(st[1]?.type === 'op' && ASSIGN_OPS.has(st[1].text))) {
      section = first.text;
      sectionStarts.push({ keyword: section, line: first.line, col: first.col });
      statementInfos.push(info(true));
      continue;
    }
    statementInfos.push(info(false));
    if (!section || first.type !== 'ident') continue;
    if (section === 'equations') {
      if (first.text.length > 1 && first.text.startsWith('d') && st[1]?.text === '/' && st[2]?.text === 'dt') {
        equations.push({ state: first.text.slice(1), line: first.line, col: first.col, length: first.length });
      }
      continue;
    }
    const kind = DECLARING[section];
    if (!kind) continue;
    symbols.push(declaration(first, st, kind, section, lines, comment));
  }

  const sections = sectionStarts.map((s, i) => ({ ...s, endLine: (sectionStarts[i + 1]?.line ?? lines.length + 1) - 1 }));
  const declaringLines = new Set<number>();
  for (const st of statementInfos) {
    if (st.section && DECLARING[st.section]) for (let l = st.startLine; l <= st.endLine; l++) declaringLines.add(l);
  }
  const enriched = enrichWithUnits(source, symbols, declaringLines);
  return { header, doc: doc.join('\n').trim(), symbols: enriched, sections, equations, statements: statementInfos, lines };
}

function isSectionKeyword(text: string): text is SectionKeyword {
  return (SECTION_KEYWORDS as readonly string[]).includes(text);
}

interface Statement {
  readonly tokens: Token[];
  /** The trailing comment of its last line: the declaration's description. */
  readonly comment: string;
}

/**
 * Groups tokens into statements: a newline ends one unless a parenthesis is open. While typing, a
 * parenthesis is often left open; a following line that plainly starts a new statement (a section
 * header, `name =`, `model`) ends the statement anyway, so one typo does not swallow the rest.
 */
function splitStatements(tokens: readonly Token[]): Statement[] {
  const out: Statement[] = [];
  let current: Token[] = [];
  let depth = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.type === 'eof') break;
    if (t.type === 'newline') {
      if (current.length > 0 && (depth <= 0 || startsStatement(tokens, k + 1))) {
        out.push({ tokens: current, comment: t.comment ?? '' });
        current = [];
        depth = 0;
      }
      continue;
    }
    if (t.type === 'op' && t.text === '(') depth++;
    if (t.type === 'op' && t.text === ')') depth = Math.max(0, depth - 1);
    current.push(t);
  }
  if (current.length > 0) out.push({ tokens: current, comment: '' });
  return out;
}

/** Whether the line starting at token k (after blank lines) plainly begins a new statement. */
function startsStatement(tokens: readonly Token[], k: number): boolean {
  while (tokens[k]?.type === 'newline') k++;
  const t = tokens[k];
  const after = tokens[k + 1];
  if (!t || t.type !== 'ident') return false;
  if (t.text === 'model') return true;
  const assigns = after?.type === 'op' && ['=', '+=', '-='].includes(after.text);
  if (isSectionKeyword(t.text)) return !assigns;
  return assigns;
}

function declaration(
  name: Token,
  st: readonly Token[],
  kind: SymbolKind,
  section: SectionKeyword,
  lines: readonly string[],
  description: string,
): ModelSymbol {
  const base = { name: name.text, kind, section, line: name.line, col: name.col, length: name.length, description };
  if (kind === 'input') {
    const colon = st.findIndex((t) => t.text === ':');
    return { ...base, unit: colon > 0 ? sliceText(st, colon + 1, st.length, lines) || undefined : undefined };
  }
  const eq = st.findIndex((t) => t.type === 'op' && t.text === '=');
  const valueText = eq > 0 ? sliceText(st, eq + 1, st.length, lines) : undefined;
  if (kind === 'state') {
    const colon = st.findIndex((t) => t.text === ':');
    const annotated = colon > 0 && (eq < 0 || colon < eq) ? sliceText(st, colon + 1, eq > 0 ? eq : st.length, lines) : '';
    return { ...base, valueText, unit: annotated || (valueText === 'steady' ? '1' : undefined) };
  }
  return { ...base, valueText };
}

/** The source text of tokens [from, to), joined across lines with one space, comments left out. */
function sliceText(st: readonly Token[], from: number, to: number, lines: readonly string[]): string {
  const toks = st.slice(from, to).filter((t) => t.type !== 'newline');
  if (toks.length === 0) return '';
  const parts: string[] = [];
  let i = 0;
  while (i < toks.length) {
    const line = toks[i].line;
    let j = i;
    while (j + 1 < toks.length && toks[j + 1].line === line) j++;
    parts.push(lines[line - 1].slice(toks[i].col - 1, toks[j].col - 1 + toks[j].length).trim());
    i = j + 1;
  }
  return parts.join(' ');
}

/**
 * Fills in units from the checker's IR. The checker stands in `1` for a dimension it could not work
 * out, and an inferred unit downstream of an error would be a guess shown as a fact; so an error
 * that touches dimensions in a declaration keeps the inferred units (states, definitions) out, and
 * a parameter gets its unit only when its own line is clean. Errors in equations, spike, reset and
 * the like (half-typed lines, usually) change no declared unit.
 */
function enrichWithUnits(source: string, symbols: ModelSymbol[], declaringLines: ReadonlySet<number>): ModelSymbol[] {
  const checked = check(source);
  if (!checked) return symbols;
  const { ir, errorLines } = checked;
  const units = new Map<string, string>();
  const key = (name: string, line: number) => `${name}@${line}`;
  for (const p of ir.params) if (!errorLines.has(p.span.line)) units.set(key(p.name, p.span.line), p.unit.text);
  if (![...errorLines].some((line) => declaringLines.has(line))) {
    for (const s of ir.states) units.set(key(s.name, s.span.line), s.unit.text);
    for (const d of ir.definitions) units.set(key(d.name, d.span.line), d.unit.text);
    if (ir.current) units.set(key(ir.current.name, ir.current.span.line), ir.current.unit.text);
  }
  return symbols.map((s) => (s.unit !== undefined ? s : { ...s, unit: units.get(key(s.name, s.line)) }));
}

/** Errors that leave every dimension intact (a state still waiting for its equation is the usual one while typing). */
const HARMLESS_TO_UNITS: ReadonlySet<DiagnosticCode> = new Set(['missing-equation', 'misplaced', 'duplicate', 'nonlinear', 'unused']);

function check(source: string): { ir: ModelIR; errorLines: Set<number> } | undefined {
  try {
    const diags = new DiagnosticList();
    const ast = parseModel(source, diags);
    if (!ast) return undefined;
    const ir = checkModel(ast, source, diags);
    const breaking = diags.items.filter((d) => d.severity === 'error' && !HARMLESS_TO_UNITS.has(d.code));
    return { ir, errorLines: new Set(breaking.map((d) => d.line)) };
  } catch {
    // A checker bug must not take completion or hover down with it; the scan alone still works.
    return undefined;
  }
}
