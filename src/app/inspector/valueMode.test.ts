import { describe, expect, it } from 'vitest';
import {
  arrayLengthProblem,
  arrayStats,
  centralValue,
  differsFromDefault,
  distProblem,
  fitArrayLength,
  formatArray,
  parseArrayText,
  setDistField,
  switchDistKind,
  switchMode,
  valueModeOf,
  valueSummary,
  type DistDoc,
} from './valueMode';

describe('valueModeOf', () => {
  it('tells the three forms apart', () => {
    expect(valueModeOf(undefined)).toBe('value');
    expect(valueModeOf(-65)).toBe('value');
    expect(valueModeOf('12 ms')).toBe('value');
    expect(valueModeOf([1, 2, 3])).toBe('array');
    expect(valueModeOf({ dist: 'uniform', low: '8 ms', high: '20 ms' })).toBe('distribution');
  });
});

describe('centralValue', () => {
  it('finds a representative number in the declared unit', () => {
    expect(centralValue('0.01 s', 'ms')).toBe(10);
    expect(centralValue([10, 20, 30], 'ms')).toBe(20);
    expect(centralValue({ dist: 'uniform', low: '8 ms', high: '20 ms' }, 'ms')).toBe(14);
    expect(centralValue({ dist: 'normal', mean: '1 Mohm', std: '0.1 Mohm' }, 'Mohm')).toBe(1);
    expect(centralValue({ dist: 'lognormal', median: '0.5 nS', sigma: 0.4 }, 'nS')).toBe(0.5);
    expect(centralValue(undefined, 'ms')).toBeUndefined();
  });
});

describe('switchMode', () => {
  const ctx = { unitText: 'ms', defaultValue: 10, count: 3 };
  it('value → distribution centres a normal distribution on the value', () => {
    expect(switchMode('20 ms', 'distribution', ctx)).toEqual({ dist: 'normal', mean: '20 ms', std: '2 ms' });
    expect(switchMode(undefined, 'distribution', ctx)).toEqual({ dist: 'normal', mean: '10 ms', std: '1 ms' });
  });
  it('value → per neuron repeats the value for every neuron', () => {
    expect(switchMode('0.02 s', 'array', ctx)).toEqual([20, 20, 20]);
  });
  it('back to a value takes the centre', () => {
    expect(switchMode({ dist: 'uniform', low: '8 ms', high: '20 ms' }, 'value', ctx)).toBe('14 ms');
    expect(switchMode([1, 2, 3], 'value', ctx)).toBe('2 ms');
  });
  it('refuses per-element arrays when the count is unknown', () => {
    expect(() => switchMode(5, 'array', { ...ctx, count: undefined })).toThrow();
  });
  it('around 0 the spread is one unit', () => {
    expect(switchMode(0, 'distribution', { unitText: 'mV', defaultValue: 0, count: 1 })).toEqual({ dist: 'normal', mean: '0 mV', std: '1 mV' });
  });
});

describe('distributions', () => {
  it('switches kind around the same centre and keeps clipping bounds where both have them', () => {
    const normal: DistDoc = { dist: 'normal', mean: '10 ms', std: '1 ms', min: '5 ms' };
    expect(switchDistKind(normal, 'uniform', 'ms', 0)).toEqual({ dist: 'uniform', low: '9 ms', high: '11 ms' });
    expect(switchDistKind(normal, 'lognormal', 'ms', 0)).toEqual({ dist: 'lognormal', median: '10 ms', sigma: 0.1, min: '5 ms' });
    expect(switchDistKind(normal, 'normal', 'ms', 0)).toBe(normal);
  });
  it('sets and removes fields', () => {
    const d: DistDoc = { dist: 'normal', mean: '10 ms', std: '1 ms' };
    const clipped = setDistField(d, 'max', '15 ms');
    expect(clipped).toEqual({ dist: 'normal', mean: '10 ms', std: '1 ms', max: '15 ms' });
    expect(setDistField(clipped, 'max', undefined)).toEqual(d);
  });
  it('reports what the engine would refuse', () => {
    expect(distProblem({ dist: 'uniform', low: '20 ms', high: '8 ms' }, 'ms')).toMatch(/low/);
    expect(distProblem({ dist: 'normal', mean: 1, std: -1 }, 'ms')).toMatch(/std/);
    expect(distProblem({ dist: 'normal', mean: '5 mV', std: 1 }, 'ms')).toMatch(/mean/);
    expect(distProblem({ dist: 'lognormal', median: 0, sigma: 0.2 }, 'nS')).toMatch(/median/);
    expect(distProblem({ dist: 'normal', mean: 1, std: 1, min: 3, max: 2 }, 'ms')).toMatch(/min/);
    expect(distProblem({ dist: 'uniform', low: '8 ms', high: '0.02 s' }, 'ms')).toBeUndefined();
  });
});

describe('per-element arrays', () => {
  it('parses JSON arrays and pasted columns', () => {
    expect(parseArrayText('[1, 2.5, -3]')).toEqual({ ok: true, values: [1, 2.5, -3] });
    expect(parseArrayText('1\n2\n3')).toEqual({ ok: true, values: [1, 2, 3] });
    expect(parseArrayText('1, 2; 3 4e-1')).toEqual({ ok: true, values: [1, 2, 3, 0.4] });
  });
  it('explains bad input', () => {
    expect(parseArrayText('[1, "a"]')).toEqual({ ok: false, error: 'element 1 ("a") is not a number' });
    expect(parseArrayText('[1, 2').ok).toBe(false);
    expect(parseArrayText('{"a": 1}').ok).toBe(false);
    expect(parseArrayText('').ok).toBe(false);
    expect(parseArrayText('1, x').ok).toBe(false);
  });
  it('fits an array to a length', () => {
    expect(fitArrayLength([1, 2], 4)).toEqual([1, 2, 2, 2]);
    expect(fitArrayLength([1, 2, 3], 2)).toEqual([1, 2]);
    expect(fitArrayLength([], 2)).toEqual([0, 0]);
  });
  it('formats, summarises and checks the length', () => {
    expect(formatArray([1, 0.1 + 0.2])).toBe('[1, 0.3]');
    expect(arrayStats([1, 2, 6])).toEqual({ min: 1, mean: 3, max: 6 });
    expect(arrayLengthProblem([1, 2], 3, 'per neuron')).toBe('expected 3 values (one per neuron), got 2');
    expect(arrayLengthProblem([1, 2], undefined, 'per connection')).toBeUndefined();
  });
});

describe('differsFromDefault', () => {
  it('compares in the declared unit', () => {
    expect(differsFromDefault(undefined, 10, 'ms')).toBe(false);
    expect(differsFromDefault('0.01 s', 10, 'ms')).toBe(false);
    expect(differsFromDefault('12 ms', 10, 'ms')).toBe(true);
    expect(differsFromDefault([10, 10], 10, 'ms')).toBe(true);
    expect(differsFromDefault('5 mV', 10, 'ms')).toBe(true);
    expect(differsFromDefault(0.3, undefined, '1')).toBe(true);
  });
});

describe('valueSummary', () => {
  it('describes distributions and arrays in a few words', () => {
    expect(valueSummary({ dist: 'uniform', low: '8 ms', high: '0.02 s' }, 'ms')).toBe('uniform 8 – 20 ms');
    expect(valueSummary({ dist: 'normal', mean: 1, std: 0.1 }, 'Mohm')).toBe('normal 1 ± 0.1 Mohm');
    expect(valueSummary({ dist: 'lognormal', median: '0.5 nS', sigma: 0.4 }, 'nS')).toBe('log-normal, median 0.5 nS');
    expect(valueSummary([1, 2, 3], 'ms')).toBe('3 values');
    expect(valueSummary('3 ms', 'ms')).toBe('');
  });
});
