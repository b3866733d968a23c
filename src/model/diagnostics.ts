/** Diagnostics: every problem in a model source, with where it is (1-based line and column). */

export type Severity = 'error' | 'warning';

export type DiagnosticCode =
  | 'syntax'
  | 'unknown-identifier'
  | 'unknown-unit'
  | 'unit-mismatch'
  | 'type-mismatch'
  | 'duplicate'
  | 'circular'
  | 'missing-equation'
  | 'misplaced'
  | 'not-constant'
  | 'nonlinear'
  | 'unused';

export interface Diagnostic {
  readonly severity: Severity;
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly line: number;
  readonly col: number;
  /** Length of the offending text on its line, for editor markers (at least 1). */
  readonly length: number;
}

export interface Span {
  readonly line: number;
  readonly col: number;
  readonly length: number;
}

export class DiagnosticList {
  readonly items: Diagnostic[] = [];

  error(code: DiagnosticCode, span: Span, message: string): void {
    this.items.push({ severity: 'error', code, message, line: span.line, col: span.col, length: Math.max(1, span.length) });
  }

  warning(code: DiagnosticCode, span: Span, message: string): void {
    this.items.push({ severity: 'warning', code, message, line: span.line, col: span.col, length: Math.max(1, span.length) });
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }

  sorted(): Diagnostic[] {
    return [...this.items].sort((a, b) => a.line - b.line || a.col - b.col);
  }
}

/** `file:line:col: severity: message`, the format `spikeflow check` prints. */
export function formatDiagnostic(d: Diagnostic, file = '<model>'): string {
  return `${file}:${d.line}:${d.col}: ${d.severity}: ${d.message}`;
}
