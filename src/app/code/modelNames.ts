/**
 * Model names in the code panel: which names a new model may take, and the `model NAME : KIND`
 * header that must agree with the name a project stores the model under (docs/project-format.md).
 */
import { RESERVED_WORDS } from '../../model/ast';
import { IDENTIFIER_RE } from '../../project/schema';

/** Why `name` cannot name a new model, or undefined if it can. `taken`: library, project and open tabs. */
export function modelNameProblem(name: string, taken: ReadonlySet<string>): string | undefined {
  if (name === '') return 'Type a name for the model.';
  if (!IDENTIFIER_RE.test(name)) return `'${name}' is not a valid name: use letters, digits and _, starting with a letter.`;
  if (RESERVED_WORDS.has(name)) return `'${name}' is a word of the model language; pick another name.`;
  if (taken.has(name)) return `A model named '${name}' already exists; pick another name.`;
  return undefined;
}

/** `base`, or `base2`, `base3`, ...: the first name that is free. */
export function freshModelName(base: string, taken: ReadonlySet<string>): string {
  if (modelNameProblem(base, taken) === undefined) return base;
  const stem = base.replace(/\d+$/, '') || 'Model';
  for (let k = 2; ; k++) {
    const candidate = `${stem}${k}`;
    if (modelNameProblem(candidate, taken) === undefined) return candidate;
  }
}

/** The header line: leading space, the keyword, the name (group 2). */
const HEADER_RE = /^([ \t]*model[ \t]+)([A-Za-z_][A-Za-z0-9_]*)/m;

export interface HeaderName {
  readonly name: string;
  /** 1-based position of the name in the source. */
  readonly line: number;
  readonly col: number;
}

/** The name the header declares and where it stands, without compiling. */
export function headerName(source: string): HeaderName | undefined {
  const m = HEADER_RE.exec(source);
  if (!m) return undefined;
  const before = source.slice(0, m.index);
  const line = before.split('\n').length;
  return { name: m[2], line, col: m[1].length + 1 };
}

/**
 * The source with its header renamed to `newName` (Duplicate to edit), and a doc line saying
 * where it came from, so that a copy of a library model stays traceable to it.
 */
export function renameModelHeader(source: string, newName: string, note?: string): string {
  const m = HEADER_RE.exec(source);
  if (!m) throw new Error("the source has no 'model NAME : KIND' header");
  const head = source.slice(0, m.index);
  const rest = source.slice(m.index + m[0].length);
  const noteLine = note ? `## ${note}\n` : '';
  return `${head}${noteLine}${m[1]}${newName}${rest}`;
}

/**
 * A problem with the header for a model stored as `expected`, with the range to mark, or undefined.
 * Renaming a saved model would strand the populations that use it, so the header must keep its name.
 */
export function headerProblem(
  source: string,
  expected: string,
): { line: number; col: number; endLine: number; endCol: number; message: string } | undefined {
  const found = headerName(source);
  if (!found) return undefined; // the compiler reports a missing header itself
  if (found.name === expected) return undefined;
  return {
    line: found.line,
    col: found.col,
    endLine: found.line,
    endCol: found.col + found.name.length,
    message: `this model is '${expected}': its header must say 'model ${expected}' (to rename it, use Duplicate and save the copy)`,
  };
}
