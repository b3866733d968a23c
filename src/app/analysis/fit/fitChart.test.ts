import { describe, expect, it } from 'vitest';
import { decadeSplits, formatLog, logValue, mergeCurves } from './fitChart';
import { FitSeries } from './fitSeries';

describe('mergeCurves', () => {
  it('puts curves with their own x on the union of x values, null where a curve has no point', () => {
    const merged = mergeCurves([
      { x: [1, 2, 4], ys: [[10, 20, 40], [1, 1, 1]] },
      { x: [2, 3], ys: [[200, 300]] },
    ]);
    expect(merged).toEqual([
      [1, 2, 3, 4],
      [10, 20, null, 40],
      [1, 1, null, 1],
      [null, 200, 300, null],
    ]);
  });

  it('maps values (log axis: non-positive losses are gaps)', () => {
    expect(mergeCurves([{ x: [1, 2, 3], ys: [[0.5, 0, -1]] }], logValue)).toEqual([[1, 2, 3], [0.5, 1e-30, null]]);
    // An exact fit's loss (1e-33, a denormal, 0) is drawn on the axis floor.
    expect([1e-29, 1e-33, 5e-324, 0, Infinity, Number.NaN].map(logValue)).toEqual([1e-29, 1e-30, 1e-30, 1e-30, null, null]);
    expect(formatLog(0.001)).toBe('1e-3');
    expect(formatLog(20000)).toBe('2e4');
    expect(formatLog(0.5)).toBe('0.5');
  });
});

describe('FitSeries', () => {
  it('grows, keeps the best loss so far, and replaces a repeated iteration', () => {
    const s = new FitSeries(2);
    for (let i = 1; i <= 100; i++) s.push(i, 100 / i + (i % 2), [i, -i]);
    s.push(100, 0.5, [7, 7]);
    expect(s.length).toBe(100);
    expect(s.iterations[99]).toBe(100);
    expect(s.losses[99]).toBe(0.5);
    expect(s.values(1)[98]).toBe(-99);
    const best = Array.from(s.bestLosses);
    expect(best.every((b, i) => i === 0 || b <= best[i - 1])).toBe(true);
    expect(best[99]).toBe(0.5);
  });

  it("takes the optimiser's best from iterations it did not report", () => {
    const s = new FitSeries(1);
    s.push(1, 10, [0]);
    s.push(5, 8, [0], 0.2);
    s.push(9, 9, [0], 0.2);
    expect(Array.from(s.bestLosses)).toEqual([10, 0.2, 0.2]);
  });
});

describe('decadeSplits (log loss axis ticks)', () => {
  it('exact powers of ten inside the range, thinned to at most `most`, from the top decade down', () => {
    expect(decadeSplits(0.003, 20, 7)).toEqual([0.01, 0.1, 1, 10]);
    expect(decadeSplits(1e-31, 0.2, 7)).toEqual([1e-31, 1e-26, 1e-21, 1e-16, 1e-11, 1e-6, 0.1]);
    expect(decadeSplits(1e-31, 0.2, 7).length).toBeLessThanOrEqual(7);
    expect(decadeSplits(1e-3, 1e-3, 7)).toEqual([1e-3]);
    expect(decadeSplits(0, 1, 7)).toEqual([]);
    expect(decadeSplits(2, 3, 7)).toEqual([]);
  });
});
