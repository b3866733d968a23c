import { describe, expect, it } from 'vitest';
import type { ModelDiagnostic } from './problems';
import { saveBlocker } from './saveRules';

const err: ModelDiagnostic = { line: 3, col: 1, endLine: 3, endCol: 4, severity: 'error', message: 'bad' };
const warn: ModelDiagnostic = { ...err, severity: 'warning' };

describe('saveBlocker', () => {
  it('says why Save is off: nothing open, built-in, no changes, errors', () => {
    expect(saveBlocker(undefined, undefined, undefined)).toMatch(/Open or create/);
    expect(saveBlocker({ name: 'LIF', builtin: true }, undefined, undefined)).toMatch(/read-only.*Duplicate/);
    expect(saveBlocker({ name: 'A', builtin: false }, 'src', undefined)).toMatch(/No unsaved changes/);
    expect(saveBlocker({ name: 'A', builtin: false, draft: 'new' }, 'src', { text: 'new', problems: [err, err] })).toMatch(/Fix the 2 errors first/);
    expect(saveBlocker({ name: 'A', builtin: false, draft: 'new' }, undefined, { text: 'new', problems: [err] })).toMatch(/Fix the error first/);
  });

  it('allows warnings, and text not checked yet (Save checks it first)', () => {
    expect(saveBlocker({ name: 'A', builtin: false, draft: 'new' }, 'src', { text: 'new', problems: [warn] })).toBeUndefined();
    expect(saveBlocker({ name: 'A', builtin: false, draft: 'newer' }, 'src', { text: 'new', problems: [err] })).toBeUndefined();
    expect(saveBlocker({ name: 'A', builtin: false, draft: 'new' }, undefined, undefined)).toBeUndefined();
  });
});
