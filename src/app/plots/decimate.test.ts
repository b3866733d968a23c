import { describe, expect, it } from 'vitest';
import { alignParts, decimateMinMax, lowerBound, MinMaxColumns, nearestDefined, upperBound } from './decimate';

function ramp(n: number, f: (i: number) => number) {
  const times = new Float64Array(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    times[i] = i * 0.1;
    values[i] = f(i);
  }
  return { times, values };
}

describe('lowerBound / upperBound', () => {
  it('find the insertion points in a sorted array', () => {
    const a = [1, 2, 2, 3];
    expect(lowerBound(a, 2)).toBe(1);
    expect(upperBound(a, 2)).toBe(3);
    expect(lowerBound(a, 0)).toBe(0);
    expect(lowerBound(a, 9)).toBe(4);
    expect(lowerBound(a, 3, 2)).toBe(2);
  });
});

describe('decimateMinMax', () => {
  it('keeps every column minimum and maximum of a noisy trace', () => {
    const { times, values } = ramp(100_000, (i) => Math.sin(i / 500) + (i % 7 === 0 ? 0.5 : 0) - (i % 13 === 0 ? 0.5 : 0));
    const cols = 200;
    const out = decimateMinMax(times, values, 0, 9999.9, cols);
    expect(out.times.length).toBeLessThanOrEqual(cols * 4 + 2);
    // For each column the extremes of the full data appear in the output.
    const scale = cols / 9999.9;
    for (let c = 0; c < cols; c++) {
      let lo = Infinity;
      let hi = -Infinity;
      let dlo = Infinity;
      let dhi = -Infinity;
      for (let i = 0; i < times.length; i++) {
        if (Math.min(cols - 1, Math.floor(times[i] * scale)) !== c) continue;
        lo = Math.min(lo, values[i]);
        hi = Math.max(hi, values[i]);
      }
      for (let i = 0; i < out.times.length; i++) {
        if (Math.min(cols - 1, Math.floor(out.times[i] * scale)) !== c) continue;
        dlo = Math.min(dlo, out.values[i]);
        dhi = Math.max(dhi, out.values[i]);
      }
      expect(dlo).toBe(lo);
      expect(dhi).toBe(hi);
    }
    // Global extremes and the end points survive; times stay ascending.
    expect(Math.max(...out.values)).toBe(Math.max(...values));
    expect(Math.min(...out.values)).toBe(Math.min(...values));
    expect(out.times[0]).toBe(0);
    expect(out.times[out.times.length - 1]).toBeCloseTo(9999.9, 9);
    for (let i = 1; i < out.times.length; i++) expect(out.times[i]).toBeGreaterThan(out.times[i - 1]);
  });

  it('passes sparse data through unchanged', () => {
    const { times, values } = ramp(50, (i) => i * i);
    const out = decimateMinMax(times, values, 0, 4.9, 1000);
    expect(Array.from(out.values)).toEqual(Array.from(values));
  });

  it('keeps one sample either side of the range and nothing further out', () => {
    const { times, values } = ramp(1000, (i) => i);
    const out = decimateMinMax(times, values, 20, 30, 10);
    expect(out.times[0]).toBeCloseTo(19.9, 9);
    expect(out.times[out.times.length - 1]).toBeCloseTo(30.1, 9);
    expect(out.times.filter((t) => t < 20).length).toBe(1);
    expect(out.times.filter((t) => t > 30).length).toBe(1);
    expect(out.values.length).toBeLessThanOrEqual(10 * 4 + 2);
  });

  it('handles empty input, an empty range and a zero-width range', () => {
    expect(decimateMinMax([], [], 0, 10, 100).times.length).toBe(0);
    const { times, values } = ramp(100, (i) => i);
    const out = decimateMinMax(times, values, 50, 60, 10);
    expect(out.times.length).toBe(1); // only the last sample before the range
    const point = decimateMinMax(times, values, 5, 5, 10);
    expect(point.values).toContain(50);
  });

  it('ignores NaN unless a column has nothing else', () => {
    const times = [0, 1, 2, 3];
    const values = [NaN, 5, -1, NaN];
    const out = decimateMinMax(times, values, 0, 3, 1);
    expect(Array.from(out.values).filter((v) => !Number.isNaN(v)).sort()).toEqual([-1, 5]);
  });
});

describe('MinMaxColumns (incremental)', () => {
  it('gives the same result folding chunks in as all at once', () => {
    const n = 20_000;
    const t = new Float64Array(n);
    const a = new Float64Array(n);
    const b = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      t[i] = i;
      a[i] = Math.sin(i / 37) * (i % 11);
      b[i] = Math.cos(i / 91) + (i % 5);
    }
    const whole = new MinMaxColumns(0, 30_000, 300, 2);
    whole.add(t, [a, b], n);
    const parts = new MinMaxColumns(0, 30_000, 300, 2);
    for (let end = 1000; end <= n; end += 1000) parts.add(t, [a, b], end);
    expect(Array.from(parts.indices())).toEqual(Array.from(whole.indices()));
  });

  it('works with absolute indices of a buffer that dropped its oldest rows', () => {
    const t = [10, 11, 12, 13];
    const v = [1, 2, 3, 4];
    const mm = new MinMaxColumns(0, 100, 1, 1);
    mm.add(t, [v], 4, 500);
    expect(Array.from(mm.indices())).toEqual([500, 503]);
    expect(mm.lowestIndex).toBe(500);
  });

  it('bounds the output by the columns, however many samples', () => {
    const n = 200_000;
    const t = Float64Array.from({ length: n }, (_, i) => i);
    const v = Float64Array.from({ length: n }, (_, i) => (i * 7919) % 1000);
    const mm = new MinMaxColumns(0, n, 100, 1);
    mm.add(t, [v], n);
    expect(mm.indices().length).toBeLessThanOrEqual(100 * 4 + 2);
  });
});

describe('alignParts', () => {
  it('passes one part through', () => {
    const x = new Float64Array([1, 2]);
    const y = new Float64Array([3, 4]);
    const [ax, ay] = alignParts([{ x, ys: [y] }]);
    expect(ax).toBe(x);
    expect(ay).toBe(y);
  });

  it('merges parts on the union of their times with nulls', () => {
    const out = alignParts([
      { x: [0, 2, 4], ys: [[10, 12, 14]] },
      { x: [1, 2, 5], ys: [[21, 22, 25], [31, 32, 35]] },
    ]);
    expect(Array.from(out[0])).toEqual([0, 1, 2, 4, 5]);
    expect(Array.from(out[1])).toEqual([10, null, 12, 14, null]);
    expect(Array.from(out[2])).toEqual([null, 21, 22, null, 25]);
    expect(Array.from(out[3])).toEqual([null, 31, 32, null, 35]);
  });
});

describe('nearestDefined', () => {
  it('finds the closest defined value within reach', () => {
    expect(nearestDefined([1, null, null, 4], 1)).toBe(0);
    expect(nearestDefined([null, null, 3], 0)).toBe(2);
    expect(nearestDefined([null, null, null], 1)).toBe(1);
    expect(nearestDefined([5], 0)).toBe(0);
  });
});
