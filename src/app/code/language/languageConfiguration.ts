/**
 * Editing behaviour of the model language in Monaco: `#` line comments (so Ctrl+/ toggles them),
 * parentheses (matching, auto-closing, surrounding), the word pattern the lexer uses, indentation
 * after a section header, and indentation-based folding (a section folds with its indented body).
 */
import type { languages } from 'monaco-editor';
import { SECTION_KEYWORDS } from '../../../model/ast';

/** Sections whose statements follow on the next lines (spike and refractory take theirs on the header line). */
const BLOCK_SECTIONS = SECTION_KEYWORDS.filter((k) => k !== 'spike' && k !== 'refractory');

/** A header line that opens a block: the keyword alone, perhaps with a comment. */
export const BLOCK_HEADER = new RegExp(`^\\s*(?:${BLOCK_SECTIONS.join('|')})\\s*(?:#.*)?$`);

/** A line that starts a new section (or the model): it belongs at the left margin, not inside the previous block. */
export const SECTION_START = new RegExp(`^\\s*(?:model|${SECTION_KEYWORDS.join('|')})\\b(?!\\s*(?:[+-]?=(?!=)|:))`);

export const spikeflowLanguageConfiguration: languages.LanguageConfiguration = {
  comments: { lineComment: '#' },
  brackets: [['(', ')']],
  autoClosingPairs: [{ open: '(', close: ')' }],
  surroundingPairs: [{ open: '(', close: ')' }],
  autoCloseBefore: ' \t\n)#,+-*/^<>=?:',
  wordPattern: /(\d*\.\d+(?:[eE][-+]?\d+)?)|([A-Za-z_µ][A-Za-z0-9_µ]*)/g,
  indentationRules: {
    increaseIndentPattern: BLOCK_HEADER,
    decreaseIndentPattern: SECTION_START,
  },
  folding: { offSide: true },
};
