/**
 * Completion for model sources: what may be typed at a cursor, from where it is — the start of a
 * line (section headers, `dX/dt` for states still without an equation, reset targets), after a
 * number (units), in an expression (the names in scope, built-in symbols and functions), in a
 * header (model kinds). Positions follow types.ts (1-based, Monaco's convention).
 */
import { SECTION_KEYWORDS, type SectionKeyword } from '../../../model/ast';
import { lookupUnitAtom } from '../../../model/units';
import { BUILTIN_SYMBOL_DOCS, FUNCTION_DOCS, KEYWORD_DOCS, MODEL_KINDS, SECTION_DOCS, type FunctionDoc } from './builtins';
import { hostVariableItems } from './hostVariables';
import { scanModel, statementAt, sectionAt, type ModelScope, type ModelSymbol } from './scope';
import { EMPTY_CONTEXT, type LanguageContext, type SourceRange } from './types';
import { COMMON_UNITS, COMPOUND_UNITS, UNIT_ATOMS } from './unitsCatalog';

export type CompletionKind =
  | 'keyword'
  | 'section'
  | 'kind'
  | 'function'
  | 'unit'
  | 'param'
  | 'input'
  | 'state'
  | 'definition'
  | 'current'
  | 'builtin'
  | 'snippet';

export interface CompletionItem {
  readonly label: string;
  readonly kind: CompletionKind;
  /** The text inserted; Monaco snippet syntax (`$1`, `${1:x}`) when `snippet` is set. */
  readonly insertText: string;
  readonly snippet?: boolean;
  /** Filter against this instead of the label (`v` for the label `v : mV`). */
  readonly filterText?: string;
  /** One line shown next to the label (unit, signature). */
  readonly detail?: string;
  /** Markdown. */
  readonly documentation?: string;
  /** Items sort by this, then by label. */
  readonly sortText: string;
  /** Edits applied with the item, beside the inserted text (a section header removes the line's indentation). */
  readonly additionalEdits?: readonly TextEdit[];
}

export interface TextEdit {
  readonly range: SourceRange;
  readonly text: string;
}

export interface Completions {
  readonly items: readonly CompletionItem[];
  /** What the chosen item replaces: the word at the cursor (an empty range at the cursor when there is none). */
  readonly range: SourceRange;
}

export interface CompletionOptions {
  /**
   * The character that triggered completion (register.ts passes Monaco's). A trigger character
   * only opens the list where what follows is certain: a unit atom after `S/` or `uA/`.
   */
  readonly triggerCharacter?: string;
}

const NAME = '[A-Za-z_µ][A-Za-z0-9_µ]*';
const NUMBER = '(?:^|[^A-Za-z0-9_µ.])(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?';
const AFTER_NUMBER = new RegExp(`${NUMBER}\\s*$`);
const AFTER_NUMBER_OP = new RegExp(`${NUMBER}\\s*[*/]\\s*$`);
const UNIT_CHAIN_OP = new RegExp(`${NUMBER}\\s*((?:${NAME}(?:\\^-?\\d+)?\\s*[*/]\\s*)+)$`);
const DECLARED_VALUE = new RegExp(`^\\s*(${NAME})\\s*(?::[^=]*)?=(?!=)`);
const ANNOTATION = new RegExp(`^\\s*${NAME}\\s*:\\s*((?:${NAME}|1)(?:\\^-?\\d+)?\\s*[*/]\\s*)*$`);

/**
 * Completions at a cursor. `context` supplies the catalog; the source may be mid-edit and full of errors.
 */
export function completionsAt(
  source: string,
  line: number,
  column: number,
  context: LanguageContext = EMPTY_CONTEXT,
  options: CompletionOptions = {},
): Completions {
  const scope = scanModel(source);
  const text = scope.lines[line - 1] ?? '';
  const before = text.slice(0, Math.max(0, column - 1));
  const partial = new RegExp(`${NAME}$`).exec(before)?.[0] ?? '';
  const after = /^[A-Za-z0-9_µ]*/.exec(text.slice(before.length))?.[0] ?? '';
  const range: SourceRange = { startLine: line, startColumn: column - partial.length, endLine: line, endColumn: column + after.length };
  const none: Completions = { items: [], range };
  if (before.includes('#')) return none;

  const statement = statementAt(scope, line);
  const prefix = statementPrefix(scope, line, statement?.startLine ?? line, before.slice(0, before.length - partial.length));
  const section = statement?.section ?? sectionAt(scope, line);
  const indent = before.length - partial.length;
  const items = itemsFor({ scope, context, prefix, section, line, indent, textAfter: text.slice(before.length), headerLine: isHeaderLine(prefix) });
  if (!items) return none;
  if (options.triggerCharacter !== undefined && !items.onTrigger) return none;
  return { items: items.list, range };
}

interface Situation {
  readonly scope: ModelScope;
  readonly context: LanguageContext;
  /** The statement's text before the word being typed (earlier lines of a continued statement included, comments left out). */
  readonly prefix: string;
  readonly section?: SectionKeyword;
  readonly line: number;
  /** Characters before the word being typed on this line (all blanks at a line start). */
  readonly indent: number;
  readonly textAfter: string;
  readonly headerLine: boolean;
}

/** The items, and whether a trigger character should open them (see CompletionOptions). */
function itemsFor(s: Situation): { list: CompletionItem[]; onTrigger: boolean } | undefined {
  const { prefix, section } = s;
  if (s.headerLine) {
    return new RegExp(`^\\s*model\\s+${NAME}\\s*:\\s*$`).test(prefix) ? { list: kindItems(), onTrigger: false } : undefined;
  }
  if (prefix.trim() === '') return { list: lineStartItems(s), onTrigger: false };

  const chain = UNIT_CHAIN_OP.exec(prefix);
  if (chain && chain[1].split(/[*/]/).every((w) => w.trim() === '' || lookupUnitAtom(w.trim().replace(/\^-?\d+$/, '')))) {
    // `0.12 S/` → more unit atoms; `10 mV / ` may also go on as an expression (`/ tau`).
    return { list: [...unitItems(false), ...expressionItems(s, '2')], onTrigger: true };
  }
  if (AFTER_NUMBER_OP.test(prefix)) return { list: [...expressionItems(s, '0'), ...unitItems(false, '1')], onTrigger: false };
  if (AFTER_NUMBER.test(prefix)) return { list: unitItems(true), onTrigger: false };
  if ((section === 'inputs' || section === 'states') && ANNOTATION.test(prefix)) return { list: unitItems(false), onTrigger: true };

  if (section === 'equations') {
    if (/\(\s*unless\s+$/.test(prefix)) return { list: [keywordItem('refractory', KEYWORD_DOCS.unless)], onTrigger: false };
    // `(` after a complete value and a space (`/ tau_m   (`): not a call, not a sub-expression.
    if (/[A-Za-z0-9_µ)]\s+\(\s*$/.test(prefix)) {
      const close = /^\s*\)/.test(s.textAfter) ? '' : ')';
      const unless: CompletionItem = {
        label: 'unless refractory',
        kind: 'keyword',
        insertText: `unless refractory${close}`,
        detail: 'hold this state while refractory',
        documentation: KEYWORD_DOCS.unless,
        sortText: '0',
      };
      return { list: [unless, ...expressionItems(s, '1')], onTrigger: false };
    }
  }

  const declared = DECLARED_VALUE.exec(prefix);
  if (section === 'params') return declared ? { list: constantItems(), onTrigger: false } : undefined;
  if (section && ['inputs', 'states', 'definitions', 'current'].includes(section) && !declared) return undefined;
  if (section === 'states' && declared && /=\s*$/.test(prefix)) {
    return { list: [keywordItem('steady', KEYWORD_DOCS.steady, '0'), ...expressionItems(s, '1', declared[1])], onTrigger: false };
  }
  if (!section) return undefined;
  return { list: expressionItems(s, '0', declared?.[1]), onTrigger: false };
}

function statementPrefix(scope: ModelScope, line: number, startLine: number, beforeWord: string): string {
  const earlier: string[] = [];
  for (let l = startLine; l < line; l++) earlier.push((scope.lines[l - 1] ?? '').replace(/#.*$/, ''));
  return [...earlier, beforeWord].join(' ');
}

function isHeaderLine(prefix: string): boolean {
  return /^\s*model\b/.test(prefix);
}

// ---- line starts -------------------------------------------------------------------------------

function lineStartItems(s: Situation): CompletionItem[] {
  const { scope, section } = s;
  const kind = scope.header?.kind;
  const out: CompletionItem[] = [];
  // Headers belong at the left margin; accepting one (unlike typing it) triggers no auto-outdent.
  const outdent: readonly TextEdit[] | undefined =
    s.indent > 0 ? [{ range: { startLine: s.line, startColumn: 1, endLine: s.line, endColumn: s.indent + 1 }, text: '' }] : undefined;
  if (!scope.header) {
    out.push({
      label: 'model',
      kind: 'snippet',
      insertText: 'model ${1:Name} : ${2|cell,channel,synapse|}',
      snippet: true,
      detail: 'model NAME : KIND',
      documentation: KEYWORD_DOCS.model,
      sortText: '0',
      additionalEdits: outdent,
    });
  }
  if (section) out.push(...statementStarts(s, section));
  const used = new Set(scope.sections.filter((h) => h.line !== s.line).map((h) => h.keyword));
  for (const keyword of SECTION_KEYWORDS) {
    if (used.has(keyword) || !sectionFits(keyword, kind)) continue;
    const takesExpression = keyword === 'spike' || keyword === 'refractory';
    out.push({
      label: keyword,
      kind: 'section',
      insertText: takesExpression ? `${keyword} ` : keyword,
      detail: 'section',
      documentation: SECTION_DOCS[keyword],
      sortText: `5${String(SECTION_KEYWORDS.indexOf(keyword)).padStart(2, '0')}`,
      additionalEdits: outdent,
    });
  }
  return out;
}

/** Sections the checker accepts for a model kind (any, while the kind is not written yet). */
function sectionFits(keyword: SectionKeyword, kind: string | undefined): boolean {
  switch (keyword) {
    case 'spike':
    case 'reset':
      return kind !== 'synapse';
    case 'refractory':
      return kind === undefined || kind === 'cell';
    case 'current':
      return kind !== 'cell';
    case 'on_pre':
    case 'on_post':
      return kind === undefined || kind === 'synapse';
    default:
      return true;
  }
}

function statementStarts(s: Situation, section: SectionKeyword): CompletionItem[] {
  const { scope } = s;
  const kind = scope.header?.kind;
  switch (section) {
    case 'equations': {
      const done = new Set(scope.equations.filter((e) => e.line !== s.line).map((e) => e.state));
      return states(scope)
        .filter((st) => !done.has(st.name))
        .map((st) => ({
          label: `d${st.name}/dt`,
          kind: 'snippet' as const,
          insertText: `d${st.name}/dt = $0`,
          snippet: true,
          filterText: `d${st.name}`,
          detail: `equation of ${st.name}${st.unit ? ` (${st.unit}/time)` : ''}`,
          documentation: st.description || undefined,
          sortText: '1',
        }));
    }
    case 'reset':
    case 'clamp':
    case 'on_pre':
    case 'on_post': {
      const onEvent = section === 'on_pre' || section === 'on_post';
      return uniqueSymbols(scope)
        .filter(
          (sym) =>
            sym.kind === 'state' ||
            (sym.kind === 'input' && ((kind === 'channel' && section !== 'clamp') || (kind === 'synapse' && onEvent))) ||
            (sym.kind === 'param' && kind === 'synapse' && onEvent),
        )
        .map((sym) => symbolItem(sym, '1'));
    }
    case 'current':
      if (kind === 'cell' || scope.symbols.some((sym) => sym.kind === 'current' && sym.line !== s.line)) return [];
      return [
        {
          label: 'i',
          kind: 'snippet',
          insertText: 'i = $0',
          snippet: true,
          detail: kind === 'synapse' ? 'current into the post-synaptic cell' : 'outward current into the host membrane',
          documentation: SECTION_DOCS.current,
          sortText: '1',
        },
      ];
    case 'inputs':
      if (kind !== 'channel' && kind !== 'synapse') return [];
      return hostVariableItems(s.context.catalog, kind, new Set(scope.symbols.filter((x) => x.line !== s.line).map((x) => x.name)));
    default:
      return [];
  }
}

// ---- expressions -------------------------------------------------------------------------------

/**
 * Names usable in an expression of this section: every declared symbol (in a state's initial
 * value only parameters, definitions and earlier states), built-in symbols, functions (reductions
 * only in spike conditions) and the logic words.
 */
function expressionItems(s: Situation, rank: string, own?: string): CompletionItem[] {
  const { scope, section } = s;
  // A definition using itself is circular; a reset `v = v + 1` or an equation may use its own name.
  const circular = section === 'definitions' || section === 'current' ? own : undefined;
  let symbols = uniqueSymbols(scope).filter((sym) => sym.name !== circular);
  if (section === 'states' && own) {
    const ownIndex = states(scope).findIndex((st) => st.name === own);
    const earlier = new Set(states(scope).slice(0, Math.max(0, ownIndex)).filter((st) => st.valueText !== 'steady').map((st) => st.name));
    symbols = symbols.filter((sym) => sym.kind === 'param' || sym.kind === 'definition' || earlier.has(sym.name));
  }
  const out = symbols.map((sym) => symbolItem(sym, `${rank}0`));
  for (const b of BUILTIN_SYMBOL_DOCS) {
    out.push({ label: b.name, kind: 'builtin', insertText: b.name, detail: `built-in · ${b.unit}`, documentation: b.summary, sortText: `${rank}1` });
  }
  for (const f of FUNCTION_DOCS) if (!f.spikeOnly || section === 'spike') out.push(functionItem(f, `${rank}2`));
  for (const word of ['and', 'or', 'not']) out.push(keywordItem(word, KEYWORD_DOCS[word], `${rank}3`));
  return out;
}

/** A parameter default is a constant: functions the compiler can evaluate, and units. */
function constantItems(): CompletionItem[] {
  return [...FUNCTION_DOCS.filter((f) => f.constant).map((f) => functionItem(f, '0')), ...unitItems(false, '1')];
}

function symbolItem(sym: ModelSymbol, sortText: string): CompletionItem {
  const unit = sym.unit ? ` · ${sym.unit}` : '';
  const value = sym.kind === 'param' && sym.valueText ? ` = ${sym.valueText}` : '';
  return {
    label: sym.name,
    kind: sym.kind,
    insertText: sym.name,
    detail: `${sym.kind}${unit}${value}`,
    documentation: sym.description || undefined,
    sortText,
  };
}

function functionItem(f: FunctionDoc, sortText: string): CompletionItem {
  const noArgs = f.signature.endsWith('()');
  return {
    label: f.name,
    kind: 'function',
    insertText: noArgs ? `${f.name}()` : `${f.name}($0)`,
    snippet: !noArgs,
    detail: f.signature,
    documentation: `${f.summary}\n\n${f.units}`,
    sortText,
  };
}

function keywordItem(word: string, doc: string | undefined, sortText = '0'): CompletionItem {
  return { label: word, kind: 'keyword', insertText: word, detail: 'keyword', documentation: doc, sortText };
}

function kindItems(): CompletionItem[] {
  return MODEL_KINDS.map((k, i) => ({ label: k, kind: 'kind' as const, insertText: k, detail: 'model kind', documentation: KEYWORD_DOCS[k], sortText: String(i) }));
}

/** Unit atoms, the common ones first; compounds (`S/cm2`) too when a whole unit is being started. */
function unitItems(withCompounds: boolean, rank = '0'): CompletionItem[] {
  const common = new Map(COMMON_UNITS.map((u, i) => [u, i]));
  const out: CompletionItem[] = UNIT_ATOMS.filter((u) => !u.atom.includes('µ')).map((u) => ({
    label: u.atom,
    kind: 'unit' as const,
    insertText: u.atom,
    detail: `${u.name}, ${u.quantity}`,
    sortText: common.has(u.atom) ? `${rank}0${String(common.get(u.atom)).padStart(2, '0')}` : `${rank}2`,
  }));
  if (withCompounds) {
    for (const c of COMPOUND_UNITS) out.push({ label: c.text, kind: 'unit', insertText: c.text, detail: c.meaning, sortText: `${rank}1` });
  }
  return out;
}

function states(scope: ModelScope): ModelSymbol[] {
  return uniqueSymbols(scope).filter((sym) => sym.kind === 'state');
}

/** Each name once (its first declaration, the one the compiler keeps). */
function uniqueSymbols(scope: ModelScope): ModelSymbol[] {
  const seen = new Set<string>();
  return scope.symbols.filter((sym) => (seen.has(sym.name) ? false : (seen.add(sym.name), true)));
}
