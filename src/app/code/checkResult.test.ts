import { describe, expect, it } from 'vitest';
import { checkResult, failedCheck } from './checkResult';

const text = 'model Other : channel\nparams\n  g = 1 nS\n';

describe('checkResult', () => {
  it('keeps the checker’s diagnostics, sorted, without extra fields', () => {
    const r = checkResult('Other', text, {
      diagnostics: [
        { line: 3, col: 3, endLine: 3, endCol: 4, severity: 'warning', message: "parameter 'g' is never used", code: 'unused' },
        { line: 1, col: 1, endLine: 1, endCol: 6, severity: 'error', message: 'x', code: 'syntax' },
      ],
    });
    expect(r.text).toBe(text);
    expect(r.problems.map((p) => p.line)).toEqual([1, 3]);
    expect(r.problems[0]).not.toHaveProperty('code');
  });

  it('adds an error at the header when it names another model than the tab, replacing a clash there', () => {
    const r = checkResult('MyK', text, {
      diagnostics: [{ line: 1, col: 7, endLine: 1, endCol: 12, severity: 'error', message: "'Other' is taken", code: 'name' }],
      info: { name: 'Other' } as never,
    });
    expect(r.problems).toEqual([
      { line: 1, col: 7, endLine: 1, endCol: 12, severity: 'error', message: expect.stringMatching(/must say 'model MyK'/) },
    ]);
    expect(r.info).toBeUndefined();
  });

  it('a failed check knows nothing', () => {
    expect(failedCheck('t', new Error('crashed'))).toEqual({ text: 't', problems: [], failure: 'crashed' });
  });
});
