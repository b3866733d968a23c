/** Small text helpers over source lines, in the 1-based line/column convention of types.ts. */

/** A name or unit as the lexer reads one (`µ` included, as in `µm`). */
export const WORD = /[A-Za-z_µ][A-Za-z0-9_µ]*/g;

export interface WordAt {
  readonly text: string;
  readonly line: number;
  /** Column of the first character. */
  readonly startColumn: number;
  /** Column after the last character. */
  readonly endColumn: number;
}

/**
 * The word under a cursor column: the one containing the character after the cursor, or the one
 * that ends right at the cursor (hovering or invoking at the end of a name counts, as in Monaco).
 * Words inside a comment, and digits inside a number (`10` in `10ms`), are not words.
 */
export function wordAt(lines: readonly string[], line: number, column: number): WordAt | undefined {
  const text = lines[line - 1];
  if (text === undefined) return undefined;
  const commentAt = text.indexOf('#');
  const index = column - 1;
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    const end = start + m[0].length;
    if (commentAt >= 0 && start >= commentAt) break;
    if (start <= index && index <= end) {
      // `1e5`: the `e5` is part of the number, not a word.
      if (start > 0 && /[0-9.]/.test(text[start - 1]) && /^[eE][0-9]*$/.test(m[0])) return undefined;
      return { text: m[0], line, startColumn: start + 1, endColumn: end + 1 };
    }
  }
  return undefined;
}

/** Whether a column lies inside (or at the start of) a `#` comment on its line. */
export function inComment(lines: readonly string[], line: number, column: number): boolean {
  const text = lines[line - 1] ?? '';
  const at = text.indexOf('#');
  return at >= 0 && column - 1 > at;
}

/** The first non-blank character's index on a line, or the line's length for a blank line. */
export function indentOf(text: string): number {
  const m = /^\s*/.exec(text);
  return m ? m[0].length : 0;
}
