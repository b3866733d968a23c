/**
 * JSON text positions: a small JSON scanner that knows where things are — the line and column of a
 * syntax error (JSON.parse's messages differ between engines and often omit the position) and the
 * offset of every value of a valid document by JSON path, so that schema errors can point into the file.
 */
import { formatPath, type PathSegment } from './errors';

export interface TextPosition {
  /** 0-based offset into the text. */
  offset: number;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
}

export interface JsonSyntaxError {
  message: string;
  path: string;
  position: TextPosition;
}

/** Line and column of an offset. */
export function positionAt(text: string, offset: number): TextPosition {
  const clamped = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < clamped; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) {
      line++;
      lineStart = i + 1;
    } else if (ch === 13) {
      if (text.charCodeAt(i + 1) !== 10) {
        line++;
        lineStart = i + 1;
      }
    }
  }
  return { offset: clamped, line, column: clamped - lineStart + 1 };
}

class ScanError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly path: PathSegment[],
  ) {
    super(message);
  }
}

/**
 * Scans `text` as JSON. Returns the offset of every value by formatted path (for object members:
 * the offset of the member's key, which is where an editor should point), or the first syntax error.
 */
export function scanJson(text: string): { ok: true; offsets: Map<string, number> } | { ok: false; error: JsonSyntaxError } {
  const offsets = new Map<string, number>();
  let i = 0;
  const n = text.length;
  const path: PathSegment[] = [];

  const fail = (message: string, at = i): never => {
    throw new ScanError(message, at, [...path]);
  };
  const describeAt = (at: number): string => {
    if (at >= n) return 'the end of the file';
    const ch = text[at];
    return ch === '\n' || ch === '\r' ? 'the end of the line' : `'${ch}'`;
  };

  const skipWs = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
    if (text.startsWith('//', i) || text.startsWith('/*', i)) fail('comments are not allowed in JSON');
  };

  const scanString = (): string => {
    const start = i;
    if (text[i] === "'") fail('strings must use double quotes (") in JSON');
    i++; // opening quote
    let out = '';
    for (;;) {
      if (i >= n) fail('unterminated string (missing closing ")', start);
      const ch = text[i];
      const code = text.charCodeAt(i);
      if (ch === '"') {
        i++;
        return out;
      }
      if (code < 0x20) fail('line break or control character inside a string (write \\n instead)');
      if (ch === '\\') {
        const esc = text[i + 1];
        if (esc === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('invalid \\u escape (expected 4 hex digits)');
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
          continue;
        }
        const map: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (esc === undefined || !(esc in map)) fail(`invalid escape '\\${esc ?? ''}' in a string`);
        out += map[esc];
        i += 2;
        continue;
      }
      out += ch;
      i++;
    }
  };

  const scanNumber = () => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) fail(`invalid number`);
    const next = text[i + m![0].length];
    if (next !== undefined && /[0-9.eE]/.test(next)) fail('invalid number (no leading zeros, no trailing dot)');
    i += m![0].length;
  };

  const scanValue = (): void => {
    skipWs();
    const key = formatPath(path);
    if (!offsets.has(key)) offsets.set(key, i);
    if (i >= n) fail('unexpected end of the file: expected a value');
    const ch = text[i];
    if (ch === '{') return scanObject();
    if (ch === '[') return scanArray();
    if (ch === '"' || ch === "'") {
      scanString();
      return;
    }
    if (ch === '-' || (ch >= '0' && ch <= '9')) return scanNumber();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    for (const word of ['NaN', 'Infinity', '-Infinity', 'undefined']) {
      if (text.startsWith(word, i)) fail(`${word} is not a JSON value`);
    }
    fail(`expected a value (a number, string, object, array, true, false or null), got ${describeAt(i)}`);
  };

  const scanObject = () => {
    i++; // {
    skipWs();
    if (text[i] === '}') {
      i++;
      return;
    }
    for (;;) {
      skipWs();
      if (text[i] === '}') fail('trailing comma before } is not allowed in JSON');
      if (text[i] !== '"' && text[i] !== "'") fail(`expected a property name in double quotes, got ${describeAt(i)}`);
      const keyAt = i;
      const name = scanString();
      path.push(name);
      offsets.set(formatPath(path), keyAt);
      skipWs();
      if (text[i] !== ':') fail(`expected ':' after property name "${name}", got ${describeAt(i)}`);
      i++;
      scanValue();
      path.pop();
      skipWs();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return;
      }
      fail(`expected ',' or '}' after the value of "${name}", got ${describeAt(i)}`);
    }
  };

  const scanArray = () => {
    i++; // [
    skipWs();
    if (text[i] === ']') {
      i++;
      return;
    }
    for (let index = 0; ; index++) {
      skipWs();
      if (text[i] === ']') fail('trailing comma before ] is not allowed in JSON');
      path.push(index);
      scanValue();
      path.pop();
      skipWs();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        return;
      }
      fail(`expected ',' or ']' after an array element, got ${describeAt(i)}`);
    }
  };

  try {
    if (text.charCodeAt(0) === 0xfeff) i = 1;
    scanValue();
    skipWs();
    if (i < n) fail(`unexpected text after the end of the JSON document: ${describeAt(i)}`);
    return { ok: true, offsets };
  } catch (err) {
    if (!(err instanceof ScanError)) throw err;
    return {
      ok: false,
      error: { message: err.message, path: formatPath(err.path), position: positionAt(text, err.offset) },
    };
  }
}
