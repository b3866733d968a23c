/**
 * A first view of a plane that shows what matters: where the population starts, where it goes
 * from there (a trajectory of a few hundred ms, which finds a rest point or a limit cycle), the
 * spike threshold and reset values when they are constants, the fixed points nearby (of this
 * system and of the `also` systems), and the folds of the x-nullcline.
 * Computed once per choice of population and axes, never per slider move, so the picture stays
 * put while the nullclines move.
 */
import type { Expr } from '../model/ir';
import { dependsOn } from '../model/symbolic';
import { evaluate } from '../model/evaluate';
import { computePhasePlane, type PlaneView } from './phasePlane';
import type { PlaneSystem } from './phasePlaneModel';
import { integrateTrajectory } from './phasePlaneTrajectory';

const PAD = 0.12;

interface Box {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/**
 * `also`: the same plane under other conditions whose fixed points belong in the view too — the
 * cell without its input, so that its resting state stays in sight while the current is moved.
 */
export function autoView(system: PlaneSystem, x0: number, y0: number, dtMs: number, also: readonly PlaneSystem[] = [], durationMs = 300): PlaneView {
  const box: Box = { xMin: x0, xMax: x0, yMin: y0, yMax: y0 };
  const add = (x: number, y: number) => {
    if (Number.isFinite(x)) {
      box.xMin = Math.min(box.xMin, x);
      box.xMax = Math.max(box.xMax, x);
    }
    if (Number.isFinite(y)) {
      box.yMin = Math.min(box.yMin, y);
      box.yMax = Math.max(box.yMax, y);
    }
  };
  const far = (x: number, y: number) => Math.abs(x) > 1e6 * (Math.abs(x0) + 1) || Math.abs(y) > 1e6 * (Math.abs(y0) + 1);
  const traj = integrateTrajectory(system, x0, y0, { durationMs, dtMs });
  for (let i = 0; i < traj.points.length; i += 2) {
    if (!far(traj.points[i], traj.points[i + 1])) add(traj.points[i], traj.points[i + 1]);
  }
  for (const r of traj.resets) add(r.toX, r.toY);
  for (const [axis, value] of thresholdsAndResets(system)) {
    if (axis === 0) add(value, NaN);
    else add(NaN, value);
  }
  widen(box, 'xMin', 'xMax', x0);
  widen(box, 'yMin', 'yMax', y0);
  // Fixed points a little beyond the box belong in the picture too.
  const wider = grow(box, 1);
  for (const s of [system, ...also]) {
    for (const p of computePhasePlane(s, wider, { nullclineGrid: 60, arrows: 2 }).fixedPoints) add(p.x, p.y);
  }
  // The knees of the x-nullcline (where excitability lives: FitzHugh–Nagumo's cubic, the bottom of
  // Izhikevich's parabola and of AdEx's exponential), when they are near.
  for (const [x, y] of folds(system, grow(box, 0.5), 60)) add(x, y);
  return grow(box, PAD);
}

/** A box at least this wide: a trajectory that sits at rest spans nothing. */
function widen(box: Box, lo: 'xMin' | 'yMin', hi: 'xMax' | 'yMax', at: number): void {
  const span = box[hi] - box[lo];
  const minimum = Math.max(Math.abs(at) * 0.5, Math.abs(box[lo]) * 0.2, Math.abs(box[hi]) * 0.2, 1e-3) * (span > 0 ? 0.25 : 1);
  if (span >= minimum) return;
  const mid = (box[hi] + box[lo]) / 2;
  box[lo] = mid - minimum;
  box[hi] = mid + minimum;
}

function grow(box: Box, by: number): PlaneView {
  const dx = (box.xMax - box.xMin) * by;
  const dy = (box.yMax - box.yMin) * by;
  return { xMin: box.xMin - dx, xMax: box.xMax + dx, yMin: box.yMin - dy, yMax: box.yMax + dy };
}

/**
 * Constant levels on the axes from the spike condition (`v >= vpeak`) and the reset (`v = c`),
 * in declared units: [axis (0 x, 1 y), value].
 */
function thresholdsAndResets(system: PlaneSystem): [0 | 1, number][] {
  const { model } = system;
  const ir = model.ir;
  const params = new Map(ir.params.map((p) => [p.name, p.defaultValue]));
  const out: [0 | 1, number][] = [];
  const axisOf = (name: string): 0 | 1 | undefined => (name === model.x.name ? 0 : name === model.y.name ? 1 : undefined);
  const scaleOf = (axis: 0 | 1) => (axis === 0 ? model.x.scale : model.y.scale);
  const stateNames = ir.states.map((s) => s.name);
  const constant = (e: Expr) => !stateNames.some((s) => dependsOn(e, s)) && !dependsOn(e, 't') && !dependsOn(e, 'lastspike');
  const value = (e: Expr): number => {
    try {
      return evaluate(e, (n) => system.valueOf(n) ?? params.get(n) ?? 0);
    } catch {
      return NaN;
    }
  };
  const spike = ir.spike;
  if (spike?.k === 'bin' && ['<', '<=', '>', '>='].includes(spike.op)) {
    const [s, c] = spike.a.k === 'sym' ? [spike.a, spike.b] : [spike.b, spike.a];
    const axis = s.k === 'sym' ? axisOf(s.name) : undefined;
    if (axis !== undefined && constant(c)) out.push([axis, value(c) / scaleOf(axis)]);
  }
  for (const a of ir.reset) {
    const axis = axisOf(a.target);
    if (axis !== undefined && a.op === '=' && constant(a.expr)) out.push([axis, value(a.expr) / scaleOf(axis)]);
  }
  return out.filter(([, v]) => Number.isFinite(v));
}

/**
 * Where the x-nullcline turns back (a local extremum of y along it): ẋ = 0 and ∂ẋ/∂x = 0 at once,
 * since along ẋ = 0, dy/dx = −(∂ẋ/∂x)/(∂ẋ/∂y). Located to a cell of an n×n grid (enough for a view).
 */
function folds(system: PlaneSystem, view: PlaneView, n: number): [number, number][] {
  const f = new Float64Array(n * n);
  const fx = new Float64Array(n * n);
  const r = new Float64Array(2);
  const J = new Float64Array(4);
  const at = (i: number, j: number): [number, number] => [view.xMin + ((view.xMax - view.xMin) * i) / (n - 1), view.yMin + ((view.yMax - view.yMin) * j) / (n - 1)];
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const [x, y] = at(i, j);
      system.rates(x, y, r);
      system.jacobian(x, y, J);
      f[j * n + i] = r[0];
      fx[j * n + i] = J[0];
    }
  }
  const changes = (v: Float64Array, k: number) => {
    const c = [v[k], v[k + 1], v[k + n], v[k + n + 1]];
    return Math.min(...c) < 0 && Math.max(...c) > 0;
  };
  const out: [number, number][] = [];
  for (let j = 0; j < n - 1 && out.length < 8; j++) {
    for (let i = 0; i < n - 1; i++) {
      const k = j * n + i;
      if (changes(f, k) && changes(fx, k)) out.push(at(i + 0.5, j + 0.5));
    }
  }
  return out;
}
