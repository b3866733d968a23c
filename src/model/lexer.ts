/** Turns model source text into tokens with positions. Newlines are tokens: statements are lines. */
import type { DiagnosticList, Span } from './diagnostics';

export type TokenType = 'ident' | 'number' | 'op' | 'newline' | 'eof';

export interface Token extends Span {
  readonly type: TokenType;
  readonly text: string;
  /** For numbers: the parsed value. */
  readonly value?: number;
  /** Trailing `# comment` text on this token's line (set on newline tokens). */
  readonly comment?: string;
  /** True when whitespace precedes the token (units bind to numbers only across plain spaces). */
  readonly spaced: boolean;
}

const OPERATORS = ['**', '+=', '-=', '<=', '>=', '==', '!=', '+', '-', '*', '/', '^', '(', ')', ',', '<', '>', '=', '?', ':'];

export interface LexResult {
  tokens: Token[];
  /** Text of `##` doc-comment lines, in order. */
  doc: string[];
}

export function lex(source: string, diags: DiagnosticList): LexResult {
  const tokens: Token[] = [];
  const doc: string[] = [];
  const lines = source.split(/\r?\n/);
  lines.forEach((lineText, lineIndex) => {
    const line = lineIndex + 1;
    let i = 0;
    let comment: string | undefined;
    let spaced = true;
    const startCount = tokens.length;
    while (i < lineText.length) {
      const ch = lineText[i];
      if (ch === ' ' || ch === '\t') {
        i++;
        spaced = true;
        continue;
      }
      if (ch === '#') {
        const rest = lineText.slice(i);
        if (rest.startsWith('##') && tokens.length === startCount) doc.push(rest.replace(/^##\s?/, ''));
        else comment = rest.replace(/^#+\s?/, '').trim();
        break;
      }
      const col = i + 1;
      const numMatch = /^(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(lineText.slice(i));
      if (numMatch) {
        const text = numMatch[0];
        tokens.push({ type: 'number', text, value: Number(text), line, col, length: text.length, spaced });
        i += text.length;
        spaced = false;
        continue;
      }
      const identMatch = /^[A-Za-z_µ][A-Za-z0-9_µ]*/.exec(lineText.slice(i));
      if (identMatch) {
        const text = identMatch[0];
        // Names start with a letter (docs/model-language.md); `_x`, `__proto__` are reported, then read on.
        if (text.startsWith('_')) diags.error('syntax', { line, col, length: text.length }, `a name must start with a letter: '${text}'`);
        tokens.push({ type: 'ident', text, line, col, length: text.length, spaced });
        i += text.length;
        spaced = false;
        continue;
      }
      const op = OPERATORS.find((o) => lineText.startsWith(o, i));
      if (op) {
        tokens.push({ type: 'op', text: op, line, col, length: op.length, spaced });
        i += op.length;
        spaced = false;
        continue;
      }
      diags.error('syntax', { line, col, length: 1 }, `unexpected character '${ch}'`);
      i++;
    }
    tokens.push({ type: 'newline', text: '\n', line, col: lineText.length + 1, length: 1, comment, spaced });
  });
  const last = lines.length;
  tokens.push({ type: 'eof', text: '', line: last, col: (lines[last - 1]?.length ?? 0) + 1, length: 1, spaced: true });
  return { tokens, doc };
}
