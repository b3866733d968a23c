/**
 * Project-document issues: the one error shape every check in `src/project` produces, plus the
 * helpers that make the messages readable (JSON paths, value descriptions, "did you mean").
 */

/** One problem in a project document. `path` is a JSON path such as `$.populations[0].params.tau_m`. */
export interface ProjectIssue {
  path: string;
  /** What was expected and what was found, for people. */
  message: string;
  /** 1-based line in the source text, when the document came from text. */
  line?: number;
  /** 1-based column in the source text, when the document came from text. */
  column?: number;
}

export type PathSegment = string | number;

/** An issue before its path is formatted: the path as segments (so it can be located in the text). */
export interface RawIssue {
  path: PathSegment[];
  message: string;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `['populations', 0, 'params', 'tau_m']` → `$.populations[0].params.tau_m`; odd keys are quoted. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '$';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (IDENTIFIER.test(seg)) out += `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/**
 * `file.json:12:5: $.populations[0].size: expected an integer >= 1, got -3`. Without a file name
 * or position those parts are left out; an issue about the whole document omits the `$` path.
 */
export function formatIssue(issue: ProjectIssue, fileName?: string): string {
  let where = fileName ?? '';
  if (issue.line !== undefined) {
    where += `${where ? ':' : ''}${issue.line}`;
    if (issue.column !== undefined) where += `:${issue.column}`;
  }
  const parts: string[] = [];
  if (where) parts.push(where);
  if (issue.path && issue.path !== '$') parts.push(issue.path);
  parts.push(issue.message);
  return parts.join(': ');
}

/** A short description of a JSON value for "got ..." in messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const s = value.length > 40 ? `${value.slice(0, 37)}...` : value;
    return JSON.stringify(s);
  }
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

/** `message, got <value>` — the usual shape of an "expected ..." message. */
export function withGot(message: string, input: unknown): string {
  return `${message}, got ${describeValue(input)}`;
}

/** A JSON object (not null, not an array). */
export function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Edit distance (insert, delete, substitute, each cost 1). */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/**
 * The candidate closest to `name`, if it is close enough to be a plausible typo: a case-insensitive
 * match wins, then the only candidate that starts with `name` (3+ characters); otherwise the smallest edit
 * distance (Levenshtein, with a swap of two neighbouring letters counting as one edit), at most max(1, ⌊len/3⌋) (ties: first candidate).
 */
export function didYouMean(name: string, candidates: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const exactCase = candidates.find((c) => c !== name && c.toLowerCase() === lower);
  if (exactCase) return exactCase;
  if (lower.length >= 3) {
    const prefixed = candidates.filter((c) => c.toLowerCase().startsWith(lower));
    if (prefixed.length === 1) return prefixed[0];
  }
  const limit = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDist = Infinity;
  for (const c of candidates) {
    if (c === name) continue;
    const d = typoDistance(lower, c.toLowerCase());
    if (d < bestDist) {
      bestDist = d;
      best = c;
    }
  }
  return bestDist <= limit ? best : undefined;
}

/** ` (did you mean 'x'?)` or the empty string. */
export function suggestion(name: string, candidates: readonly string[]): string {
  const s = didYouMean(name, candidates);
  return s === undefined ? '' : ` (did you mean '${s}'?)`;
}

/** `'a', 'b', 'c'` — for "expected one of ..." lists. */
export function quoteList(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? `'${v}'` : String(v))).join(', ');
}

/** Levenshtein distance in which swapping two adjacent characters also costs 1 (optimal string alignment). */
export function typoDistance(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) d.push([i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
