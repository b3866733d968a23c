import { describe, expect, it } from 'vitest';
import { countProblems, describeCounts, markerFor, sortProblems, type ModelDiagnostic } from './problems';

const codes = { Error: 8, Warning: 4 };
const d = (line: number, col: number, severity: 'error' | 'warning', endLine = line, endCol = col + 3): ModelDiagnostic => ({ line, col, endLine, endCol, severity, message: `${severity} at ${line}:${col}` });

describe('problems', () => {
  it('sorts by position, errors first at one position', () => {
    const sorted = sortProblems([d(9, 1, 'warning'), d(3, 5, 'warning'), d(3, 5, 'error'), d(3, 2, 'error')]);
    expect(sorted.map((p) => `${p.line}:${p.col}:${p.severity}`)).toEqual(['3:2:error', '3:5:error', '3:5:warning', '9:1:warning']);
  });

  it('makes Monaco markers with the same 1-based range and the severity codes given', () => {
    expect(markerFor(d(12, 11, 'error', 12, 18), codes)).toEqual({
      severity: 8,
      message: 'error at 12:11',
      startLineNumber: 12,
      startColumn: 11,
      endLineNumber: 12,
      endColumn: 18,
      source: 'spikeflow',
    });
    expect(markerFor(d(4, 3, 'warning', 6, 1), codes)).toMatchObject({ severity: 4, startLineNumber: 4, endLineNumber: 6, endColumn: 1 });
  });

  it('widens an empty or backwards range to one character, so it can be seen', () => {
    expect(markerFor(d(2, 5, 'error', 2, 5), codes)).toMatchObject({ startColumn: 5, endLineNumber: 2, endColumn: 6 });
    expect(markerFor(d(2, 5, 'error', 1, 1), codes)).toMatchObject({ startLineNumber: 2, startColumn: 5, endLineNumber: 2, endColumn: 6 });
    expect(markerFor(d(0, 0, 'error', 0, 0), codes)).toMatchObject({ startLineNumber: 1, startColumn: 1, endColumn: 2 });
  });

  it('counts and says how many', () => {
    const counts = countProblems([d(1, 1, 'error'), d(2, 1, 'warning'), d(3, 1, 'error')]);
    expect(counts).toEqual({ errors: 2, warnings: 1 });
    expect(describeCounts(counts)).toBe('2 errors, 1 warning');
    expect(describeCounts({ errors: 0, warnings: 0 })).toBe('No problems');
    expect(describeCounts({ errors: 1, warnings: 0 })).toBe('1 error');
  });
});
