/**
 * Diagnostics of a model source as the code panel shows them: the Problems list (sorted by
 * position) and Monaco markers (the same ranges, Monaco's severities).
 */

/** One diagnostic from the checker (1-based lines and columns, end exclusive). */
export interface ModelDiagnostic {
  readonly line: number;
  readonly col: number;
  readonly endLine: number;
  readonly endCol: number;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/** Monaco's marker data, without importing Monaco (this module is tested in Node). */
export interface MarkerLike {
  readonly severity: number;
  readonly message: string;
  readonly startLineNumber: number;
  readonly startColumn: number;
  readonly endLineNumber: number;
  readonly endColumn: number;
  readonly source: string;
}

/** Monaco's MarkerSeverity values for errors and warnings. */
export interface SeverityCodes {
  readonly Error: number;
  readonly Warning: number;
}

/** The checker's diagnostics plus the panel's own (the header check), by position; same position: errors first. */
export function sortProblems(diagnostics: readonly ModelDiagnostic[]): ModelDiagnostic[] {
  return [...diagnostics].sort((a, b) => a.line - b.line || a.col - b.col || (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
}

/** A range Monaco draws: at least one character, never ending before it starts. */
export function markerFor(d: ModelDiagnostic, codes: SeverityCodes): MarkerLike {
  const line = Math.max(1, Math.floor(d.line));
  const col = Math.max(1, Math.floor(d.col));
  let endLine = Math.max(line, Math.floor(d.endLine));
  let endCol = Math.floor(d.endCol);
  if (endLine === line && !(endCol > col)) {
    endLine = line;
    endCol = col + 1;
  }
  return {
    severity: d.severity === 'error' ? codes.Error : codes.Warning,
    message: d.message,
    startLineNumber: line,
    startColumn: col,
    endLineNumber: endLine,
    endColumn: endCol,
    source: 'spikeflow',
  };
}

export interface ProblemCounts {
  readonly errors: number;
  readonly warnings: number;
}

export function countProblems(problems: readonly ModelDiagnostic[]): ProblemCounts {
  let errors = 0;
  for (const p of problems) if (p.severity === 'error') errors++;
  return { errors, warnings: problems.length - errors };
}

/** "2 errors, 1 warning", or "No problems". */
export function describeCounts({ errors, warnings }: ProblemCounts): string {
  const parts: string[] = [];
  if (errors > 0) parts.push(`${errors} error${errors === 1 ? '' : 's'}`);
  if (warnings > 0) parts.push(`${warnings} warning${warnings === 1 ? '' : 's'}`);
  return parts.length > 0 ? parts.join(', ') : 'No problems';
}
