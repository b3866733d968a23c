/**
 * The Monarch tokenizer of the model language (syntax highlighting). Monarch runs line by line
 * without knowing the declarations, so it mirrors the lexer and the parser's local rules:
 *  - `##` at the start of a line is documentation, `#` anything else a comment;
 *  - section headers are keywords at the start of a line unless assigned (`reset = …` is a name);
 *  - a unit is a known unit atom right after a number (`10 ms`, `0.12 S/cm2`, `0.02/ms`) or after
 *    `:` in a declaration (`j : nA`); elsewhere the same word is a name;
 *  - `dX/dt` at the start of a line is a derivative; a name followed by `(` is a call.
 * A declared name that is also a unit (a parameter `V`) is still shown as a unit after a number:
 * the one place where the highlighter and the compiler can disagree.
 */
import type { languages } from 'monaco-editor';
import { RESERVED_WORDS, SECTION_KEYWORDS } from '../../../model/ast';
import { BUILTIN_SYMBOL_DOCS, FUNCTION_DOCS, MODEL_KINDS } from './builtins';
import { UNIT_ATOMS } from './unitsCatalog';

export const LANGUAGE_ID = 'spikeflow';

/** Token names (before Monaco's `.spikeflow` postfix); themes match them by prefix (`keyword.section` → `keyword`). */
export const TOKENS = {
  docComment: 'comment.doc',
  comment: 'comment',
  keyword: 'keyword',
  section: 'keyword.section',
  kind: 'keyword.kind',
  modelName: 'type.identifier',
  number: 'number',
  unit: 'type.unit',
  fn: 'predefined.function',
  builtin: 'variable.predefined',
  derivative: 'variable.derivative',
  identifier: 'identifier',
  operator: 'operator',
  delimiter: 'delimiter',
  invalid: 'invalid',
} as const;

const SECTIONS = SECTION_KEYWORDS.join('|');
const IDENT = /[A-Za-z_µ][A-Za-z0-9_µ]*/;
const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/;

export const spikeflowMonarch: languages.IMonarchLanguage = {
  defaultToken: TOKENS.invalid,
  tokenPostfix: `.${LANGUAGE_ID}`,
  brackets: [{ open: '(', close: ')', token: 'delimiter.parenthesis' }],
  reserved: [...RESERVED_WORDS],
  functions: FUNCTION_DOCS.map((f) => f.name),
  builtins: BUILTIN_SYMBOL_DOCS.map((b) => b.name),
  kinds: [...MODEL_KINDS],
  units: UNIT_ATOMS.map((u) => u.atom),

  tokenizer: {
    root: [
      [/^\s*##.*$/, TOKENS.docComment],
      [/#.*$/, TOKENS.comment],
      // model NAME : KIND (each part optional while it is being typed).
      [
        new RegExp(`^(\\s*)(model)(\\s+)(${IDENT.source})(\\s*)(:)(\\s*)(${MODEL_KINDS.join('|')})\\b`),
        ['white', TOKENS.keyword, 'white', TOKENS.modelName, 'white', TOKENS.delimiter, 'white', TOKENS.kind],
      ],
      [new RegExp(`^(\\s*)(model)(\\s+)(${IDENT.source})`), ['white', TOKENS.keyword, 'white', TOKENS.modelName]],
      // A section header: the keyword at the start of a line, unless it is assigned to.
      [new RegExp(`^(\\s*)(${SECTIONS})\\b(?!\\s*(?:[+-]?=(?!=)|:))`), ['white', TOKENS.section]],
      // dX/dt at the start of an equation.
      [new RegExp(`^(\\s*)(d${IDENT.source}\\s*\\/\\s*dt)\\b`), ['white', TOKENS.derivative]],
      [/(\()(\s*)(unless)(\s+)(refractory)(\s*)(\))/, ['@brackets', 'white', TOKENS.keyword, 'white', TOKENS.keyword, 'white', '@brackets']],
      [/[ \t]+/, 'white'],
      [NUMBER, { token: TOKENS.number, next: '@quantity' }],
      // A call: a function name followed by `(`.
      [
        new RegExp(`${IDENT.source}(?=\\s*\\()`),
        { cases: { '@functions': TOKENS.fn, '@reserved': TOKENS.keyword, '@default': TOKENS.identifier } },
      ],
      [IDENT, { cases: { '@reserved': TOKENS.keyword, '@builtins': TOKENS.builtin, '@default': TOKENS.identifier } }],
      [/[()]/, '@brackets'],
      // `:` in `j : nA` and `g : nS = 0 nS` is followed by a unit (in `c ? a : b` by a name, which pops).
      [/:/, { token: TOKENS.delimiter, next: '@quantity' }],
      [/,/, TOKENS.delimiter],
      [/\*\*|[+-]=|[<>=!]=|[+\-*/^<>=?]/, TOKENS.operator],
    ],

    /** After a number or `:`: unit atoms joined by `*`, `/` and integer powers; anything else pops. */
    quantity: [
      // A quantity never continues on the next line (Monarch keeps states across lines).
      [/^/, { token: '', next: '@pop' }],
      [/[ \t]+/, 'white'],
      [
        new RegExp(`${IDENT.source}(?!\\s*\\((?!\\s*unless))`),
        { cases: { '@units': TOKENS.unit, '@default': { token: '@rematch', next: '@pop' } } },
      ],
      [/\^-?\d+/, TOKENS.unit],
      [/[*/]/, TOKENS.operator],
      [/./, { token: '@rematch', next: '@pop' }],
    ],
  },
};
