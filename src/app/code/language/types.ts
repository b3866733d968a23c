/**
 * Types shared by the language services, and the position convention they all use.
 *
 * POSITIONS: lines and columns are 1-based, exactly as Monaco's `Position` (lineNumber, column) and
 * as the compiler's diagnostics. A column is a cursor position: column c sits before the
 * character at string index c − 1 of its line. Ranges are Monaco-style: the end column is the
 * position after the last character, so a range covers [startColumn, endColumn).
 */
import type { ModelInfo } from '../../../library/catalog';

/** What the services may know beyond the source itself, provided by the app on each request. */
export interface LanguageContext {
  /** Every model the editor knows (built-in and project): offered where a source refers to others (a channel's host variables). */
  readonly catalog: readonly ModelInfo[];
}

export interface SourceRange {
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export const EMPTY_CONTEXT: LanguageContext = { catalog: [] };
