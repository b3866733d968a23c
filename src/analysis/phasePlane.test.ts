/**
 * Fixed points and stability against values derived by hand, and nullclines against the curves
 * they must be. FitzHugh–Nagumo is ngclearn's FitzhughNagumoCell (src/library/cells): τm v̇ = v −
 * v³/γ − w + R·j, τw ẇ = v + α − β·w, defaults τm = 1 ms, τw = 12.5 ms, α = 0.7, β = 0.8, γ = 3,
 * R = 1. Izhikevich (2003): v̇ = 0.04v² + 5v + 140 − u + I, u̇ = a(bv − u), a = 0.02, b = 0.2.
 */
import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../library';
import { computePhasePlane, viewIsValid } from './phasePlane';
import { PlaneModel, planeStates } from './phasePlaneModel';
import { phaseSetup, planeValues } from './phasePlaneSetup';
import { integrateTrajectory } from './phasePlaneTrajectory';
import { autoView } from './phasePlaneView';
import { linearise } from './phase/stability';

const ir = (name: string) => {
  const model = builtinRegistry().ir(name);
  if (!model) throw new Error(`${name} does not compile`);
  return model;
};

/** The one real root of v³ + p v + q = 0 for p > 0 (Cardano). */
function cardano(p: number, q: number): number {
  const s = Math.sqrt((q * q) / 4 + (p * p * p) / 27);
  return Math.cbrt(-q / 2 + s) + Math.cbrt(-q / 2 - s);
}

describe('FitzHugh–Nagumo (ngclearn defaults)', () => {
  const [tauM, tauW, alpha, beta, gamma, R] = [1, 12.5, 0.7, 0.8, 3, 1];
  const model = new PlaneModel(ir('FitzhughNagumoCell'), 'v', 'w');
  const view = { xMin: -2.5, xMax: 2.5, yMin: -1, yMax: 3 };

  /**
   * With w = (v + α)/β on the w-nullcline, the v-nullcline gives v − v³/γ − (v + α)/β + R j = 0,
   * i.e. (γ = 3) v³ + 3(1/β − 1) v + 3(α/β − R j) = 0, one real root since 1/β > 1.
   */
  const analytic = (j: number) => {
    const v = cardano(3 * (1 / beta - 1), 3 * (alpha / beta - R * j));
    const w = (v + alpha) / beta;
    const J = [(1 - (3 * v * v) / gamma) / tauM, -1 / tauM, 1 / tauW, -beta / tauW];
    return { v, w, J };
  };

  it.each([
    [0, 'stable focus'],
    [0.5, 'unstable focus'],
    [2, 'stable node'],
  ] as const)('j = %s: one fixed point, %s, at the analytic place with the analytic Jacobian', (j, kind) => {
    const a = analytic(j);
    const result = computePhasePlane(model.bind({ inputs: { j } }), view);
    expect(result.fixedPoints).toHaveLength(1);
    const p = result.fixedPoints[0];
    expect(p.x).toBeCloseTo(a.v, 10);
    expect(p.y).toBeCloseTo(a.w, 10);
    p.jacobian.forEach((x, i) => expect(x).toBeCloseTo(a.J[i], 10));
    // Stability from the hand-derived trace and determinant.
    const trace = a.J[0] + a.J[3];
    const det = a.J[0] * a.J[3] - a.J[1] * a.J[2];
    expect(det).toBeGreaterThan(0);
    const focus = trace * trace < 4 * det;
    expect(kind).toBe(`${trace < 0 ? 'stable' : 'unstable'} ${focus ? 'focus' : 'node'}`);
    expect(p.stability).toBe(kind);
    const [l1, l2] = p.eigenvalues;
    expect(l1.re + l2.re).toBeCloseTo(trace, 12);
    expect(l1.re * l2.re - l1.im * l2.im).toBeCloseTo(det, 12);
  });

  it('the v-nullcline is the cubic w = v − v³/γ + R j and the w-nullcline the line w = (v + α)/β', () => {
    const j = 0.5;
    const result = computePhasePlane(model.bind({ inputs: { j } }), view);
    const h = (view.xMax - view.xMin) / 149;
    expect(result.xNullcline.length).toBeGreaterThan(100);
    for (let i = 0; i < result.xNullcline.length; i += 2) {
      const v = result.xNullcline[i];
      const w = result.xNullcline[i + 1];
      // Linear interpolation along a cell edge: off by O(h²·curvature) at most.
      expect(Math.abs(w - (v - v ** 3 / gamma + R * j))).toBeLessThan(4 * h * h * 2.5 + 1e-9);
    }
    expect(result.yNullcline.length).toBeGreaterThan(100);
    // ẇ is linear, so interpolating along an edge finds its zero exactly.
    for (let i = 0; i < result.yNullcline.length; i += 2) expect(result.yNullcline[i + 1]).toBeCloseTo((result.yNullcline[i] + alpha) / beta, 10);
  });

  it('moving the input moves the v-nullcline up by R·Δj and leaves the w-nullcline alone', () => {
    const a = computePhasePlane(model.bind({ inputs: { j: 0 } }), view);
    const b = computePhasePlane(model.bind({ inputs: { j: 0.3 } }), view);
    expect(b.yNullcline).toEqual(a.yNullcline);
    const at = (segments: Float64Array, v: number) => {
      // w where the nullcline passes closest to this v on its middle branch (|v| < 1).
      let best = Infinity;
      let w = NaN;
      for (let i = 0; i < segments.length; i += 2) {
        if (Math.abs(segments[i] - v) < best) {
          best = Math.abs(segments[i] - v);
          w = segments[i + 1];
        }
      }
      return w;
    };
    expect(at(b.xNullcline, 0) - at(a.xNullcline, 0)).toBeCloseTo(0.3, 2);
  });
});

describe('Izhikevich (2003), regular spiking', () => {
  const [a, b] = [0.02, 0.2];
  const model = new PlaneModel(ir('Izhikevich2003'), 'v', 'u');
  const view = { xMin: -90, xMax: 35, yMin: -25, yMax: 10 };

  /** 0.04v² + (5 − b)v + 140 + I = 0 with u = bv; J = [[0.08v + 5, −1], [ab, −a]]. */
  const roots = (I: number) => {
    const disc = (5 - b) ** 2 - 4 * 0.04 * (140 + I);
    const s = Math.sqrt(disc);
    return [(-(5 - b) - s) / 0.08, (-(5 - b) + s) / 0.08];
  };

  it.each([0, 3])('I = %s mV/ms: a stable node and a saddle at the analytic places', (I) => {
    const [v1, v2] = roots(I);
    const result = computePhasePlane(model.bind({ inputs: { I } }), view);
    expect(result.fixedPoints).toHaveLength(2);
    const [p1, p2] = result.fixedPoints;
    expect(p1.x).toBeCloseTo(v1, 9);
    expect(p1.y).toBeCloseTo(b * v1, 9);
    expect(p2.x).toBeCloseTo(v2, 9);
    expect(p2.y).toBeCloseTo(b * v2, 9);
    for (const [p, v] of [
      [p1, v1],
      [p2, v2],
    ] as const) {
      const J = [0.08 * v + 5, -1, a * b, -a];
      p.jacobian.forEach((x, i) => expect(x).toBeCloseTo(J[i], 10));
    }
    // det = −a(0.08v + 5 − b) = ∓a·√disc: positive at the lower root, negative at the upper one.
    const lower = linearise([0.08 * v1 + 5, -1, a * b, -a]);
    expect(lower.det).toBeGreaterThan(0);
    expect(lower.trace).toBeLessThan(0);
    expect(lower.trace ** 2).toBeGreaterThan(4 * lower.det);
    expect(p1.stability).toBe('stable node');
    expect(p2.stability).toBe('saddle');
  });

  it('above the saddle-node current (I > (5 − b)²/0.16 − 140 = 4) there is no fixed point', () => {
    expect(computePhasePlane(model.bind({ inputs: { I: 4.5 } }), view).fixedPoints).toEqual([]);
  });

  it('the u-nullcline is the line u = bv and the v-nullcline the parabola u = 0.04v² + 5v + 140 + I', () => {
    const I = 2;
    const result = computePhasePlane(model.bind({ inputs: { I } }), view);
    for (let i = 0; i < result.yNullcline.length; i += 2) expect(result.yNullcline[i + 1]).toBeCloseTo(b * result.yNullcline[i], 9);
    const hv = (view.xMax - view.xMin) / 149;
    for (let i = 0; i < result.xNullcline.length; i += 2) {
      const v = result.xNullcline[i];
      const u = result.xNullcline[i + 1];
      // u̇ and v̇ are exact along vertical edges (linear in u); along horizontal ones, O(h²).
      expect(Math.abs(u - (0.04 * v * v + 5 * v + 140 + I))).toBeLessThan(0.04 * hv * hv + 1e-9);
    }
  });
});

describe('units on the axes', () => {
  it('Izhikevich (2007) in mV and pA: fixed points and Jacobian in the declared units', () => {
    // C v̇ = k(v − vr)(v − vt) − u + I, u̇ = a(b(v − vr) − u); RS defaults; I = 0.
    const [C, k, vr, vt, a, b] = [100, 0.7, -60, -40, 0.03, -2];
    const model = new PlaneModel(ir('Izhikevich2007'), 'v', 'u');
    expect([model.x.unit, model.y.unit]).toEqual(['mV', 'pA']);
    const result = computePhasePlane(model.bind({}), { xMin: -80, xMax: 0, yMin: -80, yMax: 40 });
    const vs = [vr, vt + b / k];
    expect(result.fixedPoints.map((p) => p.x)).toEqual([expect.closeTo(vs[0], 9), expect.closeTo(vs[1], 9)]);
    result.fixedPoints.forEach((p, i) => {
      const v = vs[i];
      expect(p.y).toBeCloseTo(b * (v - vr), 9);
      const J = [(k * (2 * v - vr - vt)) / C, -1 / C, a * b, -a];
      p.jacobian.forEach((x, m) => expect(x).toBeCloseTo(J[m], 12));
    });
  });
});

describe('every built-in cell with two or more states', () => {
  const registry = builtinRegistry();
  const cells = registry.names().filter((n) => registry.ir(n)?.kind === 'cell');
  const models = cells.filter((n) => planeStates(registry.ir(n)!).length >= 2);

  it('ngclearn cells whose second state only a reset or clamp changes (dthr/dt = 0) have no plane', () => {
    for (const name of ['IFCell', 'LIFCell', 'SLIFCell', 'QuadLIFCell', 'WTASCell']) expect(models).not.toContain(name);
    for (const name of ['FitzhughNagumoCell', 'Izhikevich2003', 'Izhikevich2007', 'AdEx', 'RAFCell', 'HodgkinHuxley1952']) expect(models).toContain(name);
  });

  it.each(models)('%s: a plane from its initial values, a finite view, a trajectory', (name) => {
    const doc = { format: 'spikeflow-project' as const, version: 1 as const, simulation: { dtMs: 0.1, durationMs: 100 }, populations: [{ id: 'p', model: name, size: 1 }] };
    const setup = phaseSetup(doc, 'p');
    if ('problem' in setup) throw new Error(setup.problem);
    const usable = setup.states.filter((s) => s.hasEquation);
    const [x, y] = [usable[0], usable[usable.length - 1]];
    const model = new PlaneModel(setup.ir, x.name, y.name);
    expect(model.generated).toBe(true);
    const system = model.bind(planeValues(setup, {}, {}));
    const view = autoView(system, x.initial, y.initial, setup.dtMs);
    expect(viewIsValid(view)).toBe(true);
    const result = computePhasePlane(system, view);
    expect(result.field.x.length).toBe(625);
    const traj = integrateTrajectory(system, (view.xMin + view.xMax) / 2, (view.yMin + view.yMax) / 2, { durationMs: 50, dtMs: setup.dtMs });
    expect(traj.points.length).toBeGreaterThan(2);
  });
});

describe('time per update', () => {
  it('150×150 nullcline grid, 25×25 field and fixed points well inside a slider frame (logged)', () => {
    const cases = [
      ['Izhikevich2003', 'v', 'u', { xMin: -90, xMax: 35, yMin: -25, yMax: 10 }],
      ['HodgkinHuxley1952', 'v', 'n', { xMin: -90, xMax: 50, yMin: 0, yMax: 1 }],
    ] as const;
    for (const [name, x, y, view] of cases) {
      const model = new PlaneModel(ir(name), x, y);
      const times: number[] = [];
      for (let k = 0; k < 15; k++) {
        const t0 = performance.now();
        computePhasePlane(model.bind({ params: { a: 0.02 + k * 1e-4 } }), view);
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      const median = times[7];
      console.log(`${name}: median ${median.toFixed(2)} ms per update (node)`);
      expect(median).toBeGreaterThan(0);
    }
  });
});
