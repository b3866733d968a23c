import { describe, expect, it } from 'vitest';
import { gridX, gridY, zeroContour, type Grid } from './marchingSquares';

const sample = (g: Grid, f: (x: number, y: number) => number) => {
  const v = new Float64Array(g.nx * g.ny);
  for (let j = 0; j < g.ny; j++) for (let i = 0; i < g.nx; i++) v[j * g.nx + i] = f(gridX(g, i), gridY(g, j));
  return v;
};

describe('zeroContour', () => {
  it('a circle: every end point near radius 1, and the segments close around it', () => {
    const g: Grid = { x0: -2, x1: 2, y0: -2, y1: 2, nx: 81, ny: 81 };
    const seg = zeroContour(sample(g, (x, y) => x * x + y * y - 1), g);
    expect(seg.length % 4).toBe(0);
    let length = 0;
    for (let i = 0; i < seg.length; i += 4) {
      for (const k of [0, 2]) expect(Math.abs(Math.hypot(seg[i + k], seg[i + k + 1]) - 1)).toBeLessThan(2e-3);
      length += Math.hypot(seg[i + 2] - seg[i], seg[i + 3] - seg[i + 1]);
    }
    expect(length).toBeCloseTo(2 * Math.PI, 2);
  });

  it('a line is found exactly (linear interpolation of a linear function)', () => {
    const g: Grid = { x0: 0, x1: 1, y0: 0, y1: 1, nx: 11, ny: 11 };
    const seg = zeroContour(sample(g, (x, y) => y - 0.3 * x - 0.25), g);
    for (let i = 0; i < seg.length; i += 2) expect(seg[i + 1]).toBeCloseTo(0.3 * seg[i] + 0.25, 12);
  });

  it('saddle cells are split by the centre value; non-finite cells are skipped', () => {
    const g: Grid = { x0: -1, x1: 1, y0: -1, y1: 1, nx: 2, ny: 2 };
    // a (−1,−1) and c (1,1) positive, b and d negative, centre value (mean) positive: b and d are cut off.
    const seg = zeroContour(Float64Array.from([1, -0.5, -0.5, 1]), g);
    expect(seg.length).toBe(8);
    const nan = zeroContour(Float64Array.from([1, NaN, -1, -1]), g);
    expect(nan.length).toBe(0);
  });

  it('keep() can drop a segment (a pole is no zero)', () => {
    // An even node count: no node sits on the pole itself.
    const g: Grid = { x0: -1, x1: 1, y0: -1, y1: 1, nx: 20, ny: 20 };
    const f = (x: number) => 1 / x;
    const all = zeroContour(sample(g, (x) => f(x)), g);
    expect(all.length).toBeGreaterThan(0); // the sign change across x = 0
    const kept = zeroContour(sample(g, (x) => f(x)), g, (xa, _ya, xb, _yb, corner) => Math.abs(f((xa + xb) / 2)) <= 2 * corner);
    expect(kept.length).toBe(0);
  });
});
