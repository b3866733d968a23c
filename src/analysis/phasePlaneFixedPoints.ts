/**
 * Fixed points of a plane system: Newton's method with the symbolic Jacobian, started from every
 * grid cell that both nullclines cross (where ẋ and ẏ both change sign), then merged. Each is
 * classified by the eigenvalues of the Jacobian there (phase/stability.ts).
 */
import type { PlaneSystem } from './phasePlaneModel';
import type { Grid } from './phase/marchingSquares';
import { linearise, type Linearisation } from './phase/stability';

export interface FixedPoint extends Linearisation {
  /** In the axes' declared units. */
  readonly x: number;
  readonly y: number;
  /** The Jacobian there, [∂ẋ/∂x, ∂ẋ/∂y, ∂ẏ/∂x, ∂ẏ/∂y], declared units per ms. */
  readonly jacobian: readonly [number, number, number, number];
}

const MAX_NEWTON_STARTS = 400;

export interface NewtonResult {
  readonly x: number;
  readonly y: number;
  readonly converged: boolean;
}

/**
 * Newton's method on (ẋ, ẏ) = 0 from (x, y). Converged when the step is below `tol` of the view's
 * size (sx, sy) and the rates are small relative to their typical size across the view.
 */
export function newton(system: PlaneSystem, x: number, y: number, sx: number, sy: number, maxIterations = 40): NewtonResult {
  const f = new Float64Array(2);
  const J = new Float64Array(4);
  for (let k = 0; k < maxIterations; k++) {
    system.rates(x, y, f);
    system.jacobian(x, y, J);
    const det = J[0] * J[3] - J[1] * J[2];
    if (!Number.isFinite(det) || det === 0 || !Number.isFinite(f[0]) || !Number.isFinite(f[1])) return { x, y, converged: false };
    let stepX = (J[3] * f[0] - J[1] * f[1]) / det;
    let stepY = (J[0] * f[1] - J[2] * f[0]) / det;
    // Damped: never jump more than a view across in one step (keeps Newton near its seed).
    const size = Math.max(Math.abs(stepX) / sx, Math.abs(stepY) / sy);
    if (size > 0.5) {
      stepX *= 0.5 / size;
      stepY *= 0.5 / size;
    }
    x -= stepX;
    y -= stepY;
    if (Math.abs(stepX) <= 1e-12 * sx + 1e-15 * Math.abs(x) && Math.abs(stepY) <= 1e-12 * sy + 1e-15 * Math.abs(y)) return { x, y, converged: true };
  }
  system.rates(x, y, f);
  // Slow (quadratic-free) convergence at a tangency: accept a point that is still a zero to ~1e-9.
  const J2 = new Float64Array(4);
  system.jacobian(x, y, J2);
  const typicalX = Math.max(Math.abs(J2[0]) * sx, Math.abs(J2[1]) * sy, 1e-300);
  const typicalY = Math.max(Math.abs(J2[2]) * sx, Math.abs(J2[3]) * sy, 1e-300);
  return { x, y, converged: Math.abs(f[0]) <= 1e-9 * typicalX && Math.abs(f[1]) <= 1e-9 * typicalY };
}

/**
 * The fixed points inside the grid's box, from the sampled rates (fx, fy row-major on `grid`).
 * Sorted by x, then y.
 */
export function findFixedPoints(system: PlaneSystem, grid: Grid, fx: Float64Array, fy: Float64Array): FixedPoint[] {
  const { nx, ny } = grid;
  const sx = grid.x1 - grid.x0;
  const sy = grid.y1 - grid.y0;
  const dx = sx / (nx - 1);
  const dy = sy / (ny - 1);
  const found: { x: number; y: number }[] = [];
  const changes = (v: Float64Array, k: number) => {
    const a = v[k];
    const b = v[k + 1];
    const c = v[k + nx + 1];
    const d = v[k + nx];
    const lo = Math.min(a, b, c, d);
    const hi = Math.max(a, b, c, d);
    return lo <= 0 && hi >= 0;
  };
  let starts = 0;
  for (let j = 0; j < ny - 1; j++) {
    for (let i = 0; i < nx - 1; i++) {
      const k = j * nx + i;
      if (!changes(fx, k) || !changes(fy, k)) continue;
      // Nullclines that lie on each other (a line of fixed points) touch thousands of cells: a
      // bounded search keeps the update fast and still finds the isolated points of a sane model.
      if (++starts > MAX_NEWTON_STARTS) break;
      const seedX = grid.x0 + (i + 0.5) * dx;
      const seedY = grid.y0 + (j + 0.5) * dy;
      const r = newton(system, seedX, seedY, sx, sy);
      if (!r.converged) continue;
      // Inside the box, give or take half a cell (a point on the border still counts).
      if (r.x < grid.x0 - dx / 2 || r.x > grid.x1 + dx / 2 || r.y < grid.y0 - dy / 2 || r.y > grid.y1 + dy / 2) continue;
      if (found.some((p) => Math.abs(p.x - r.x) <= dx && Math.abs(p.y - r.y) <= dy)) continue;
      found.push({ x: r.x, y: r.y });
    }
  }
  found.sort((a, b) => a.x - b.x || a.y - b.y);
  const J = new Float64Array(4);
  return found.map(({ x, y }) => {
    system.jacobian(x, y, J);
    const jacobian: [number, number, number, number] = [J[0], J[1], J[2], J[3]];
    return { x, y, jacobian, ...linearise(jacobian) };
  });
}
