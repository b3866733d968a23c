import { describe, expect, it } from 'vitest';
import { describeValue, didYouMean, formatIssue, formatPath, levenshtein, suggestion, typoDistance } from './errors';

describe('formatPath', () => {
  it('writes identifiers with dots, indices in brackets and odd keys quoted', () => {
    expect(formatPath([])).toBe('$');
    expect(formatPath(['populations', 0, 'params', 'tau_m'])).toBe('$.populations[0].params.tau_m');
    expect(formatPath(['models', 'my model'])).toBe('$.models["my model"]');
  });
});

describe('formatIssue', () => {
  it('prefixes file, line and column when known', () => {
    const issue = { path: '$.populations[0].size', message: 'expected an integer >= 1, got -3' };
    expect(formatIssue(issue, 'file.json')).toBe('file.json: $.populations[0].size: expected an integer >= 1, got -3');
    expect(formatIssue({ ...issue, line: 12, column: 5 }, 'file.json')).toBe(
      'file.json:12:5: $.populations[0].size: expected an integer >= 1, got -3',
    );
    expect(formatIssue(issue)).toBe('$.populations[0].size: expected an integer >= 1, got -3');
    expect(formatIssue({ path: '$', message: 'not a project' }, 'a.json')).toBe('a.json: not a project');
  });
});

describe('did you mean', () => {
  it('computes edit distances', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('abc', 'abc')).toBe(0);
    expect(levenshtein('mni', 'min')).toBe(2);
    expect(typoDistance('mni', 'min')).toBe(1);
    expect(typoDistance('kitten', 'sitting')).toBe(3);
  });
  it('prefers a case-insensitive match, then a unique prefix, then a close typo', () => {
    expect(didYouMean('LIFcell', ['LIFCell', 'LIF', 'IzhikevichCell'])).toBe('LIFCell');
    expect(didYouMean('unif', ['uniform', 'normal'])).toBe('uniform');
    expect(didYouMean('tau_n', ['tau_m', 'R'])).toBe('tau_m');
    expect(didYouMean('xyz', ['tau_m', 'R'])).toBeUndefined();
    expect(suggestion('sise', ['id', 'size'])).toBe(" (did you mean 'size'?)");
    expect(suggestion('zzzz', ['id', 'size'])).toBe('');
  });
});

describe('describeValue', () => {
  it('describes JSON values briefly', () => {
    expect(describeValue(undefined)).toBe('nothing');
    expect(describeValue(null)).toBe('null');
    expect(describeValue('x')).toBe('"x"');
    expect(describeValue(-3)).toBe('-3');
    expect(describeValue([])).toBe('an empty array');
    expect(describeValue([1, 2])).toBe('an array of 2');
    expect(describeValue({})).toBe('an object');
  });
});
