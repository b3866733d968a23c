/**
 * What a check of a tab's text found, as the panel keeps it: the checker's diagnostics plus the
 * panel's own header rule (a saved model keeps its name), sorted for the Problems list.
 */
import type { ModelInfo } from '../../library/catalog';
import { headerProblem } from './modelNames';
import { sortProblems, type ModelDiagnostic } from './problems';

export interface TabCheck {
  /** The text these results are for. */
  readonly text: string;
  readonly problems: readonly ModelDiagnostic[];
  /** The model, when it compiles. */
  readonly info?: ModelInfo;
  /** The checker itself failed (its worker crashed): nothing is known about the text. */
  readonly failure?: string;
}

/** The checker's answer (diagnostics carry a `code`; `name` is a name clash). */
export interface CheckAnswer {
  readonly diagnostics: readonly (ModelDiagnostic & { readonly code?: string })[];
  readonly info?: ModelInfo;
}

export function checkResult(name: string, text: string, answer: CheckAnswer): TabCheck {
  const header = headerProblem(text, name);
  // A header naming another model: our message says what to do; a name clash the checker finds
  // for that other name would only repeat the position.
  const diagnostics: ModelDiagnostic[] = header
    ? [...answer.diagnostics.filter((d) => d.code !== 'name'), { ...header, severity: 'error' }]
    : [...answer.diagnostics];
  // The info describes the model under its header's name: only meaningful when that is the tab's.
  return { text, problems: sortProblems(diagnostics.map(plain)), info: header ? undefined : answer.info };
}

export function failedCheck(text: string, error: unknown): TabCheck {
  return { text, problems: [], failure: error instanceof Error ? error.message : String(error) };
}

function plain(d: ModelDiagnostic): ModelDiagnostic {
  return { line: d.line, col: d.col, endLine: d.endLine, endCol: d.endCol, severity: d.severity, message: d.message };
}
