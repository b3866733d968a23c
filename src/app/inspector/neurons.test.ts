import { describe, expect, it } from 'vitest';
import { formatNeurons, neuronsOutOfRange, parseNeurons } from './neurons';

describe('parseNeurons', () => {
  it("accepts 'all', lists and ranges", () => {
    expect(parseNeurons('all', 20)).toEqual({ ok: true, value: 'all' });
    expect(parseNeurons(' ALL ', 20)).toEqual({ ok: true, value: 'all' });
    expect(parseNeurons('0, 5, 10', 20)).toEqual({ ok: true, value: [0, 5, 10] });
    expect(parseNeurons('0-3 7', 20)).toEqual({ ok: true, value: [0, 1, 2, 3, 7] });
    expect(parseNeurons('2..4', undefined)).toEqual({ ok: true, value: [2, 3, 4] });
  });
  it('drops repeats and keeps the order typed', () => {
    expect(parseNeurons('5, 1, 5, 0-1', 10)).toEqual({ ok: true, value: [5, 1, 0] });
  });
  it('explains bad input', () => {
    expect(parseNeurons('', 10).ok).toBe(false);
    expect(parseNeurons('a, 1', 10)).toEqual({ ok: false, error: "'a' is not a neuron index (0, 1, 2, ...) or a range such as 0-9" });
    expect(parseNeurons('-1', 10).ok).toBe(false);
    expect(parseNeurons('1.5', 10).ok).toBe(false);
    expect(parseNeurons('5-2', 10)).toEqual({ ok: false, error: 'the range 5-2 runs backwards' });
    expect(parseNeurons('3, 25', 20)).toEqual({ ok: false, error: 'neuron 25 does not exist: the population has 20 (0 to 19)' });
    expect(parseNeurons('0-100000000', undefined).ok).toBe(false);
  });
});

describe('formatNeurons', () => {
  it('writes runs of three or more as ranges', () => {
    expect(formatNeurons([0, 5, 10, 15], [0])).toBe('0, 5, 10, 15');
    expect(formatNeurons([0, 1, 2, 3, 9, 10], [0])).toBe('0-3, 9, 10');
    expect(formatNeurons(undefined, 'all')).toBe('all');
    expect(formatNeurons(undefined, [0])).toBe('0');
  });
  it('round-trips through parseNeurons', () => {
    const list = [0, 1, 2, 7, 8, 9, 10, 15];
    expect(parseNeurons(formatNeurons(list, 'all'), 20)).toEqual({ ok: true, value: list });
  });
  it('finds indices out of range', () => {
    expect(neuronsOutOfRange([0, 5, 30], 10)).toEqual([30]);
    expect(neuronsOutOfRange('all', 1)).toEqual([]);
  });
});
