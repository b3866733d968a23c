import { describe, expect, it } from 'vitest';
import { formatCsvIssue, parseCsv } from './csv';

function ok(text: string) {
  const r = parseCsv(text);
  if (!r.ok) throw new Error(r.errors.map(formatCsvIssue).join('\n'));
  return r.table;
}
function errors(text: string, options = {}) {
  const r = parseCsv(text, options);
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}

describe('parseCsv', () => {
  it('reads a header and numeric columns', () => {
    const t = ok('t_ms,I_nA\n0,0\n0.5,1.5e-1\n1,-2\n');
    expect(t.columns).toEqual(['t_ms', 'I_nA']);
    expect(t.rowCount).toBe(3);
    expect(Array.from(t.values[0])).toEqual([0, 0.5, 1]);
    expect(Array.from(t.values[1])).toEqual([0, 0.15, -2]);
    expect(t.values[1]).toBeInstanceOf(Float64Array);
  });
  it('accepts ; and tab separators, quotes, CRLF, BOM, blank and comment lines', () => {
    const t = ok('\uFEFF# measured\r\n"t_ms";"v"\r\n\r\n0;"1"\r\n# gap\r\n2;3\r\n');
    expect(t.columns).toEqual(['t_ms', 'v']);
    expect(Array.from(t.values[1])).toEqual([1, 3]);
    expect(ok('t\ta\n0\t1\n').columns).toEqual(['t', 'a']);
  });
  it('reports an empty file, a missing header and missing data', () => {
    expect(errors('')[0].message).toMatch(/empty/);
    expect(errors('0,1\n1,2\n')[0]).toMatchObject({ line: 1, message: expect.stringMatching(/header row/) });
    expect(errors('t_ms,a\n')[0].message).toMatch(/no data rows/);
  });
  it('reports bad header names and too few columns', () => {
    expect(errors('t_ms,a,a\n0,1,2\n')[0]).toMatchObject({ line: 1, column: 8, message: "duplicate column name 'a' (also column 2)" });
    expect(errors('t_ms,,a\n0,1,2\n')[0].message).toBe('column 2 has no name');
    expect(errors('t_ms\n0\n')[0].message).toMatch(/at least 2 columns/);
    expect(parseCsv('t_ms\n0\n', { minColumns: 1 }).ok).toBe(true);
  });
  it('reports non-numbers and wrong field counts with their line and column', () => {
    const e = errors('t_ms,a\n0,1\n1, x\n2,3,4\n3,\n');
    expect(e).toEqual([
      { line: 3, column: 4, message: `expected a number in column 'a', got "x"` },
      { line: 4, message: 'expected 2 values (t_ms, a), got 3' },
      { line: 5, column: 3, message: "expected a number in column 'a', got an empty field" },
    ]);
    expect(formatCsvIssue(e[0])).toBe(`line 3, column 4: expected a number in column 'a', got "x"`);
  });
  it('requires increasing time unless told otherwise', () => {
    expect(errors('t,a\n0,1\n1,1\n1,2\n')[0]).toMatchObject({
      line: 4,
      message: 'time must increase from row to row: 1 ms follows 1 ms (line 3)',
    });
    expect(parseCsv('t,a\n1,1\n0,1\n', { increasingTime: false }).ok).toBe(true);
  });
  it('stops after maxIssues', () => {
    expect(errors('t,a\n' + 'x,y\n'.repeat(50), { maxIssues: 5 })).toHaveLength(5);
  });
});
