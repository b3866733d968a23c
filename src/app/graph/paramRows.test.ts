import { describe, expect, it } from 'vitest';
import { COLLAPSED_ROWS, paramRows, visibleRows } from './paramRows';
import { libraryCatalog } from './testCatalog';

const catalog = libraryCatalog();

describe('parameter rows', () => {
  it('collapse long lists to the first rows plus every row that is set', () => {
    const rows = paramRows({ id: 'a', model: 'AdExCell', size: 1, params: { w0: '1 nA' } }, catalog.get('AdExCell'));
    expect(rows.length).toBe(12);
    const { shown, hidden } = visibleRows(rows, false);
    expect(shown.map((r) => r.name)).toEqual([...rows.slice(0, COLLAPSED_ROWS).map((r) => r.name), 'w0']);
    expect(hidden).toBe(12 - COLLAPSED_ROWS - 1);
    expect(visibleRows(rows, true)).toEqual({ shown: rows, hidden: 0 });
  });

  it('do not hide a single row behind "+1 more"', () => {
    const rows = paramRows({ id: 'a', model: 'LIFCell', size: 1 }, catalog.get('LIFCell')).slice(0, COLLAPSED_ROWS + 1);
    expect(visibleRows(rows, false).hidden).toBe(0);
  });

  it('show the default with its unit, and a dimensionless one bare', () => {
    const rows = paramRows({ id: 'a', model: 'LIFCell', size: 1 }, catalog.get('LIFCell'));
    expect(rows.find((r) => r.name === 'tau_m')).toMatchObject({ text: '10 ms', set: false });
    expect(rows.find((r) => r.name === 'conduct_leak')?.text).toBe('1');
  });
});
