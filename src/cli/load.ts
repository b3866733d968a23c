/** Reading a project file and compiling it, with every problem turned into an InputError. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compileProject, EngineError, type CompileOptions, type Simulation } from '../engine';
import type { ModelProblem } from '../engine';
import { formatIssue } from '../project/errors';
import type { Project } from '../project/schema';
import { parseProjectText, positionAt, scanJson } from '../project/validate';
import { InputError } from './io';

/** Reads a text file named on the command line (relative to cwd); a missing file is an InputError. */
export function readInputFile(cwd: string, file: string, what: string): string {
  const path = resolve(cwd, file);
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${file}: no such ${what} file`);
    if (code === 'EISDIR') throw new InputError(`${file}: is a directory, not a ${what} file`);
    throw new InputError(`${file}: cannot read the ${what} file (${(e as Error).message})`);
  }
}

export interface LoadedProject {
  readonly project: Project;
  /** The file name as given on the command line (used in messages). */
  readonly file: string;
  readonly text: string;
}

/** Reads and validates a project file; errors print as `file.json:line:col: $.path: message`. */
export function loadProject(cwd: string, file: string): LoadedProject {
  const text = readInputFile(cwd, file, 'project');
  const parsed = parseProjectText(text, file);
  if (!parsed.ok) {
    const [first, ...rest] = parsed.errors.map((issue) => formatIssue(issue, file));
    throw new InputError(first, rest);
  }
  return { project: parsed.project, file, text };
}

/** `file:line:col` of a JSON path (or of its nearest enclosing value) in the project text. */
export function locatePath(loaded: LoadedProject, path: string | undefined): string {
  const scan = scanJson(loaded.text);
  if (!path || !scan.ok) return loaded.file;
  for (let p: string | undefined = path; p; p = parentPath(p)) {
    const offset = scan.offsets.get(p);
    if (offset !== undefined) {
      const at = positionAt(loaded.text, offset);
      return `${loaded.file}:${at.line}:${at.column}`;
    }
  }
  return loaded.file;
}

function parentPath(path: string): string | undefined {
  const m = /(\.[A-Za-z_$][A-Za-z0-9_$]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\])$/.exec(path);
  return m ? path.slice(0, m.index) : undefined;
}

/** `Model:line:col: message` (warnings marked as such). */
export function formatModelProblem(p: ModelProblem): string {
  return `${p.model}:${p.line}:${p.col}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`;
}

/** Compiles a validated project; engine errors (unknown models, bad values, model errors) become InputErrors. */
export function compileOrExplain(loaded: LoadedProject, options: CompileOptions = {}): Simulation {
  try {
    return compileProject(loaded.project, options);
  } catch (e) {
    if (e instanceof EngineError) throw new InputError(`${locatePath(loaded, e.path)}: ${e.message}`, e.modelProblems.map(formatModelProblem));
    throw e;
  }
}
