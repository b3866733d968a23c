/**
 * Python literals for the generated script. Numbers are printed from their values (never from text
 * a user typed), and strings are quoted here, so nothing from a project can break out of a literal.
 */

/** A float as Python reads it: the shortest round-trip decimal (JS and Python agree on the digits). */
export function pyNumber(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  const text = String(v);
  if (!/^-?[0-9.e+-]+$/.test(text)) throw new Error(`cannot print number ${text}`);
  return Object.is(v, -0) ? '0' : text;
}

/** A value for display: rounded to 15 significant digits, so 0.05 S/cm2 does not print as 0.05000000000000001. */
export function pyNumberTidy(v: number): string {
  if (!Number.isFinite(v)) return pyNumber(v);
  return pyNumber(Number(v.toPrecision(15)));
}

/** A Python string literal (single quotes, every non-printable or non-ASCII character escaped). */
export function pyString(text: string): string {
  let out = "'";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '\n') out += '\\n';
    else if (code >= 0x20 && code < 0x7f) out += ch;
    else if (code <= 0xff) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code <= 0xffff) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return out + "'";
}

/** A list of numbers, wrapped at about 100 characters per line. */
export function pyList<T = number>(values: ArrayLike<T>, indent = '    ', format: (v: T) => string = pyNumber as unknown as (v: T) => string): string {
  const items = Array.from(values, (v) => format(v));
  if (items.length === 0) return '[]';
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    if (line.length + item.length + 2 > 100 && line !== '') {
      lines.push(line);
      line = '';
    }
    line += (line === '' ? '' : ' ') + item + ',';
  }
  lines.push(line);
  if (lines.length === 1) return `[${lines[0].slice(0, -1)}]`;
  return `[\n${lines.map((l) => indent + '    ' + l).join('\n')}\n${indent}]`;
}

/** Text for a Python comment or docstring line: no line breaks, no triple quotes, ASCII-safe. */
export function pyCommentText(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/"""/g, "'''").replace(/\\/g, '/');
}

const PYTHON_KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else',
  'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise',
  'return', 'try', 'while', 'with', 'yield', 'match', 'case', 'print', 'exec',
]);

export function isPythonKeyword(name: string): boolean {
  return PYTHON_KEYWORDS.has(name);
}
