import { describe, expect, it } from 'vitest';
import { baseBinSteps, binFactor, binnedRate, gaussianSmooth } from './rates';

describe('rates', () => {
  it('base bins are about 1 ms and a whole number of steps', () => {
    expect(baseBinSteps(0.1)).toBe(10);
    expect(baseBinSteps(0.025)).toBe(40);
    expect(baseBinSteps(2)).toBe(1);
    expect(binFactor(5, 10, 0.1)).toBe(5);
    expect(binFactor(0.2, 10, 0.1)).toBe(1);
  });

  it('bins counts into Hz per neuron', () => {
    const r = binnedRate({ counts: [2, 0, 4, 0], length: 4, firstBin: 0, stepsPerBin: 10, startStep: 0, endStep: 40, dtMs: 0.1, size: 2 }, 2);
    expect(r.binMs).toBeCloseTo(2, 12);
    expect(Array.from(r.timesMs)).toEqual([1, 3]);
    // 2 spikes / 2 neurons / 2 ms = 500 Hz; 4 / 2 / 2 ms = 1000 Hz
    expect(r.rateHz[0]).toBeCloseTo(500, 9);
    expect(r.rateHz[1]).toBeCloseTo(1000, 9);
  });

  it('starts where the held counts start (after memory trimming)', () => {
    const r = binnedRate({ counts: [1, 1], length: 2, firstBin: 10, stepsPerBin: 1, startStep: 0, endStep: 12, dtMs: 1, size: 1 }, 1);
    expect(Array.from(r.timesMs)).toEqual([10.5, 11.5]);
    expect(Array.from(r.rateHz)).toEqual([1000, 1000]);
  });

  it('is empty before any step', () => {
    const r = binnedRate({ counts: [], length: 0, firstBin: 0, stepsPerBin: 1, startStep: 0, endStep: 0, dtMs: 1, size: 1 }, 5);
    expect(r.timesMs.length).toBe(0);
  });

  it('gaussianSmooth keeps constants and is symmetric', () => {
    expect(Array.from(gaussianSmooth([3, 3, 3, 3, 3], 2))).toEqual([3, 3, 3, 3, 3].map(() => expect.closeTo(3, 12)));
    const s = gaussianSmooth([0, 0, 0, 1, 0, 0, 0], 1);
    expect(s[2]).toBeCloseTo(s[4], 12);
    expect(s[3]).toBeLessThan(1);
    expect(Array.from(gaussianSmooth([1, 2], 0))).toEqual([1, 2]);
  });
});
