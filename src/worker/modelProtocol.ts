/**
 * The messages between the page (modelClient.ts) and the model worker (modelWorker.ts), which
 * compiles model sources for the code panel's live diagnostics. Types only: the page imports this
 * without pulling in the compiler.
 *
 * Every request carries an id; the worker answers each, in the order received, with `checked` (or
 * `failed` when the checker itself broke — a bug, never a problem in the source).
 */
import type { ModelInfo } from '../library/catalog';

export type { ModelInfo };

/**
 * One problem in a model source. Lines and columns are 1-based (as src/model/diagnostics.ts gives
 * them); `endCol` is exclusive — the column just after the offending text — which is what Monaco's
 * marker `endColumn` expects. Diagnostics never span lines, so `endLine === line`.
 */
export interface ModelDiagnostic {
  readonly line: number;
  readonly col: number;
  readonly endLine: number;
  readonly endCol: number;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** What kind of problem: the language's codes (`syntax`, `unit-mismatch`, ...) and `name` (a name clash). */
  readonly code: string;
}

export interface ModelCheckResult {
  /** Sorted by line, then column. */
  readonly diagnostics: readonly ModelDiagnostic[];
  /** What the editor knows about the model, when its source compiles (warnings allowed; origin `project`). */
  readonly info?: ModelInfo;
  /** The name in the source's `model NAME : KIND` header, when it has one. */
  readonly name?: string;
}

export interface ModelCheckRequest {
  readonly type: 'check';
  readonly id: number;
  readonly source: string;
  /**
   * The project's other models (name → source); the one being checked should be left out, or its
   * saved version counts as another model of the same name.
   */
  readonly projectModels: Readonly<Record<string, string>>;
}

export type ModelWorkerRequest = ModelCheckRequest;

export type ModelWorkerResponse =
  | { readonly type: 'checked'; readonly id: number; readonly result: ModelCheckResult }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };
