/**
 * Hover documentation: for a declared name its kind, unit, default or initial value and
 * description; for a built-in function its signature, meaning and unit rule; for a unit what it
 * measures; for a keyword or section what it does. Names the source declares win over units and
 * built-ins, as in the compiler. Positions follow types.ts (1-based, Monaco's convention).
 */
import type { SectionKeyword } from '../../../model/ast';
import { lookupUnitAtom } from '../../../model/units';
import { builtinSymbolDoc, functionDoc, KEYWORD_DOCS, SECTION_DOCS, SECTION_KEYWORD_SET, type FunctionDoc } from './builtins';
import { cellList, hostVariableFor } from './hostVariables';
import { findSymbol, scanModel, statementAt, type ModelScope, type ModelSymbol } from './scope';
import { inComment, wordAt, type WordAt } from './text';
import { EMPTY_CONTEXT, type LanguageContext, type SourceRange } from './types';
import { describeUnitAtom } from './unitsCatalog';

export interface HoverInfo {
  /** Markdown blocks, shown one under the other. */
  readonly contents: readonly string[];
  /** The word the hover is about. */
  readonly range: SourceRange;
}

const KIND_LABEL: Readonly<Record<ModelSymbol['kind'], string>> = {
  param: 'parameter',
  input: 'input',
  state: 'state',
  definition: 'definition',
  current: 'current',
};

/** Longest expression shown in a hover's code line before it is cut with an ellipsis. */
const MAX_CODE = 100;

export function hoverAt(source: string, line: number, column: number, context: LanguageContext = EMPTY_CONTEXT): HoverInfo | undefined {
  const scope = scanModel(source);
  if (inComment(scope.lines, line, column)) return undefined;
  const word = wordAt(scope.lines, line, column);
  if (!word) return undefined;
  const contents = describeWord(scope, word, context);
  if (!contents) return undefined;
  return { contents, range: { startLine: line, startColumn: word.startColumn, endLine: line, endColumn: word.endColumn } };
}

function describeWord(scope: ModelScope, word: WordAt, context: LanguageContext): string[] | undefined {
  const text = scope.lines[word.line - 1];
  const before = text.slice(0, word.startColumn - 1);
  const header = scope.header;
  if (header && word.line === header.line) {
    if (word.text === 'model') return [KEYWORD_DOCS.model];
    if (word.text === header.name && word.startColumn === header.col) return modelHover(scope, context);
    if (word.text === header.kind && KEYWORD_DOCS[word.text]) return [`**${word.text}** — ${KEYWORD_DOCS[word.text]}`];
  }

  const derivative = /^(\s*)d([A-Za-z_µ][A-Za-z0-9_µ]*)\s*\/\s*(dt)\b/.exec(text);
  if (derivative && statementAt(scope, word.line)?.section === 'equations') {
    const dCol = derivative[1].length + 1;
    const dtCol = derivative[0].length - 1;
    const state = findSymbol(scope, derivative[2]);
    if (word.startColumn === dCol || word.startColumn === dtCol) {
      const head = `\`d${derivative[2]}/dt\` — the time derivative of ${state ? `state \`${state.name}\`` : `\`${derivative[2]}\` (not a declared state)`}`;
      const unit = state?.unit ? ` Its unit is ${state.unit} per time.` : '';
      return [head + '.' + unit, ...(state ? symbolHover(state, scope, context) : [])];
    }
  }

  if (word.text === 'refractory' && /\(\s*unless\s+$/.test(before)) return [KEYWORD_DOCS.unless];
  const statement = statementAt(scope, word.line);
  if (SECTION_KEYWORD_SET.has(word.text) && statement?.isHeader && statement.startLine === word.line && before.trim() === '') {
    return [`**${word.text}** — ${SECTION_DOCS[word.text as SectionKeyword]}`];
  }

  const symbol = findSymbol(scope, word.text);
  if (symbol) return symbolHover(symbol, scope, context);
  const builtin = builtinSymbolDoc(word.text);
  if (builtin) return [codeBlock(word.text), `**built-in** · unit \`${builtin.unit}\``, builtin.summary];
  if (KEYWORD_DOCS[word.text] && !['cell', 'channel', 'synapse'].includes(word.text)) return [`**${word.text}** — ${KEYWORD_DOCS[word.text]}`];
  if (SECTION_KEYWORD_SET.has(word.text)) return [`**${word.text}** — ${SECTION_DOCS[word.text as SectionKeyword]}`];
  const fn = functionDoc(word.text);
  if (fn) return functionHover(fn);
  const unit = describeUnitAtom(word.text) ?? (lookupUnitAtom(word.text) ? `${word.text} — a unit` : undefined);
  if (unit) return [`**unit** ${unit}`];
  return undefined;
}

export function functionHover(f: FunctionDoc): string[] {
  return [codeBlock(f.signature), f.summary, `*Units:* ${f.units}`];
}

function symbolHover(sym: ModelSymbol, scope: ModelScope, context: LanguageContext): string[] {
  const facts = [`**${KIND_LABEL[sym.kind]}**`];
  if (sym.unit) facts.push(`unit \`${sym.unit}\``);
  if (sym.kind === 'param' && sym.valueText) facts.push(`default \`${sym.valueText}\``);
  if (sym.kind === 'state' && sym.valueText) facts.push(sym.valueText === 'steady' ? 'starts at its steady state' : `initial value \`${sym.valueText}\``);
  const out = [codeBlock(declarationLine(sym)), facts.join(' · ')];
  if (sym.description) out.push(sym.description);
  const modelKind = scope.header?.kind;
  if (sym.kind === 'input' && (modelKind === 'channel' || modelKind === 'synapse')) {
    const side = modelKind === 'channel' ? 'the host cell' : sym.name.endsWith('_pre') ? 'the pre-synaptic cell' : 'the post-synaptic cell';
    const bound = sym.name.replace(/_(pre|post)$/, '');
    const host = hostVariableFor(context.catalog, sym.name);
    out.push(`Binds to \`${bound}\` of ${side}${host ? ` (a state of ${cellList(host.cells)})` : ''}.`);
  }
  return out;
}

function declarationLine(sym: ModelSymbol): string {
  if (sym.kind === 'input') return `${sym.name} : ${sym.unit ?? '?'}`;
  const value = sym.valueText ?? '…';
  const shown = value.length > MAX_CODE ? `${value.slice(0, MAX_CODE - 1)}…` : value;
  return `${sym.name} = ${shown}`;
}

function modelHover(scope: ModelScope, context: LanguageContext): string[] {
  const header = scope.header!;
  const out = [`**model ${header.name}**${header.kind ? ` — a ${header.kind}` : ''}`];
  const summary = scope.doc.split('\n')[0]?.trim();
  if (summary) out.push(summary);
  const builtIn = context.catalog.find((m) => m.name === header.name && m.origin !== 'project');
  if (builtIn) out.push(`${header.name} is also a built-in ${builtIn.kind} (${builtIn.origin}); a project model cannot take a built-in model's name.`);
  return out;
}

function codeBlock(code: string): string {
  return '```spikeflow\n' + code + '\n```';
}
