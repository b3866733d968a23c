import { describe, expect, it } from 'vitest';
import { POINTS_PER_COLUMN, thinPixels, visiblePieces } from './polyline';

const count = (pieces: number[][]) => pieces.reduce((n, p) => n + p.length / 2, 0);

describe('visiblePieces', () => {
  it('cuts to the window, keeping one point beyond each edge', () => {
    const xs = [0, 1, 2, 3, 4, 5, 6];
    const ys = [0, 10, 20, 30, 40, 50, 60];
    expect(visiblePieces(xs, ys, { min: 2.5, max: 4.5 }, 100, false)).toEqual([[2, 20, 3, 30, 4, 40, 5, 50]]);
    expect(visiblePieces(xs, ys, { min: 2, max: 4 }, 100, false)).toEqual([[1, 10, 2, 20, 3, 30, 4, 40]]);
  });
  it('breaks at gaps, or spans them', () => {
    const xs = [0, 1, 2, 3, 4];
    const ys = [1, 2, null, 4, 5];
    expect(visiblePieces(xs, ys, { min: 0, max: 4 }, 100, false)).toEqual([
      [0, 1, 1, 2],
      [3, 4, 4, 5],
    ]);
    expect(visiblePieces(xs, ys, { min: 0, max: 4 }, 100, true)).toEqual([[0, 1, 1, 2, 3, 4, 4, 5]]);
  });
  it('bounds a million samples to a few per pixel column and keeps every column extreme', () => {
    const n = 1_000_000;
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      xs[i] = i / 100;
      ys[i] = Math.sin(i / 50) + (i === 123_457 ? 5 : 0);
    }
    const columns = 800;
    const pieces = visiblePieces(xs, ys, { min: 0, max: xs[n - 1] }, columns, true);
    expect(count(pieces)).toBeLessThanOrEqual(POINTS_PER_COLUMN * columns + 2);
    expect(count(pieces)).toBeGreaterThan(columns);
    const kept = pieces[0].filter((_, i) => i % 2 === 1);
    expect(Math.max(...kept)).toBeCloseTo(Math.sin(123_457 / 50) + 5, 12);
    expect(Math.min(...kept)).toBeCloseTo(-1, 3);
    // A zoomed window over the same data: its 101 samples and the one before it (the last one is on the edge).
    const zoom = visiblePieces(xs, ys, { min: 100, max: 101 }, columns, true);
    expect(count(zoom)).toBe(102);
    expect([zoom[0][0], zoom[0][zoom[0].length - 2]]).toEqual([99.99, 101]);
  });
  it('takes unsorted x (a sweep run high to low) as it is', () => {
    expect(visiblePieces([3, 2, 1], [1, 2, 3], { min: 0, max: 5 }, 10, false)).toEqual([[3, 1, 2, 2, 1, 3]]);
  });
});

describe('thinPixels', () => {
  it('drops points closer than the spacing and keeps the last', () => {
    expect(thinPixels([0, 0, 0.1, 0, 0.2, 0, 1, 0, 1.1, 0], 0.75)).toEqual([0, 0, 1, 0, 1.1, 0]);
  });
  it('widens the spacing until the point budget is met', () => {
    const spiral: number[] = [];
    for (let i = 0; i < 200_000; i++) spiral.push(100 + Math.cos(i / 100) * 80, 100 + Math.sin(i / 100) * 80);
    const out = thinPixels(spiral, 0.75, 5_000);
    expect(out.length / 2).toBeLessThanOrEqual(5_000);
    expect(out.slice(-2)).toEqual(spiral.slice(-2));
  });
});
