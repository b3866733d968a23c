/**
 * The phase plane of a bound plane system over a view: both nullclines (marching squares on a
 * fine grid), the vector field on a coarse grid, and the fixed points with their stability. Pure
 * and synchronous; one call per slider move (see phasePlane.test.ts for its time budget).
 */
import type { PlaneSystem } from './phasePlaneModel';
import { findFixedPoints, type FixedPoint } from './phasePlaneFixedPoints';
import { zeroContour, type Grid } from './phase/marchingSquares';

/** A box in the axes' declared units. */
export interface PlaneView {
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
}

export interface PhasePlaneOptions {
  /** Nodes per side of the nullcline grid (default 150). */
  readonly nullclineGrid?: number;
  /** Arrows per side of the vector field (default 25). */
  readonly arrows?: number;
}

export interface VectorField {
  readonly nx: number;
  readonly ny: number;
  /** Arrow i at (x[i], y[i]) with rates (dx[i], dy[i]), declared units per ms. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly dx: Float64Array;
  readonly dy: Float64Array;
}

export interface PhasePlaneResult {
  readonly view: PlaneView;
  /** ẋ = 0 and ẏ = 0 as segments [xa, ya, xb, yb, ...]. */
  readonly xNullcline: Float64Array;
  readonly yNullcline: Float64Array;
  readonly field: VectorField;
  readonly fixedPoints: readonly FixedPoint[];
}

export function viewIsValid(v: PlaneView): boolean {
  return [v.xMin, v.xMax, v.yMin, v.yMax].every(Number.isFinite) && v.xMax > v.xMin && v.yMax > v.yMin;
}

export function computePhasePlane(system: PlaneSystem, view: PlaneView, options: PhasePlaneOptions = {}): PhasePlaneResult {
  if (!viewIsValid(view)) throw new RangeError('the view needs finite bounds with min < max on both axes');
  const n = Math.max(3, Math.round(options.nullclineGrid ?? 150));
  const grid: Grid = { x0: view.xMin, x1: view.xMax, y0: view.yMin, y1: view.yMax, nx: n, ny: n };
  const fx = new Float64Array(n * n);
  const fy = new Float64Array(n * n);
  const r = new Float64Array(2);
  for (let j = 0; j < n; j++) {
    const y = view.yMin + ((view.yMax - view.yMin) * j) / (n - 1);
    for (let i = 0; i < n; i++) {
      const x = view.xMin + ((view.xMax - view.xMin) * i) / (n - 1);
      system.rates(x, y, r);
      fx[j * n + i] = r[0];
      fy[j * n + i] = r[1];
    }
  }
  // A sign change across a pole is no zero: the rate at the segment's middle would be huge.
  const notAPole = (which: 0 | 1) => (xa: number, ya: number, xb: number, yb: number, corner: number) => {
    system.rates((xa + xb) / 2, (ya + yb) / 2, r);
    return Math.abs(r[which]) <= 2 * corner;
  };
  const xNullcline = zeroContour(fx, grid, notAPole(0));
  const yNullcline = zeroContour(fy, grid, notAPole(1));
  const fixedPoints = findFixedPoints(system, grid, fx, fy);
  return { view, xNullcline, yNullcline, field: vectorField(system, view, Math.max(2, Math.round(options.arrows ?? 25))), fixedPoints };
}

/** Arrows at the centres of an m×m tiling of the view (so none sits on the border). */
export function vectorField(system: PlaneSystem, view: PlaneView, m: number): VectorField {
  const x = new Float64Array(m * m);
  const y = new Float64Array(m * m);
  const dx = new Float64Array(m * m);
  const dy = new Float64Array(m * m);
  const r = new Float64Array(2);
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < m; i++) {
      const k = j * m + i;
      x[k] = view.xMin + ((view.xMax - view.xMin) * (i + 0.5)) / m;
      y[k] = view.yMin + ((view.yMax - view.yMin) * (j + 0.5)) / m;
      system.rates(x[k], y[k], r);
      dx[k] = r[0];
      dy[k] = r[1];
    }
  }
  return { nx: m, ny: m, x, y, dx, dy };
}
