/**
 * Trajectories: RK4 against the exact solution of a linear system, and the reset map of
 * Izhikevich (2003) and AdEx (the jump starts at the threshold and lands on the reset values).
 */
import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../library';
import { compileModel } from '../model/compile';
import { PlaneModel } from './phasePlaneModel';
import { integrateTrajectory } from './phasePlaneTrajectory';

const LINEAR = String.raw`model DampedRotation : cell
params
  damping = 0.1 /ms   # decay rate
  omega = 1 /ms       # angular frequency
states
  x : 1 = 1
  y : 1 = 0
equations
  dx/dt = -damping * x - omega * y
  dy/dt = omega * x - damping * y
`;

describe('a linear system', () => {
  const compiled = compileModel(LINEAR);
  const model = new PlaneModel(compiled.ir!, 'x', 'y');

  it('follows the exact solution e^(−γt)·R(ωt)·(x0, y0) to RK4 accuracy', () => {
    const [gamma, omega, x0, y0] = [0.1, 1, 1.5, -0.5];
    const traj = integrateTrajectory(model.bind({}), x0, y0, { durationMs: 20, dtMs: 0.01 });
    expect(traj.end).toBe('duration');
    expect(traj.endMs).toBeCloseTo(20, 9);
    expect(traj.resets).toEqual([]);
    expect(traj.points.length / 2).toBe(2001);
    for (let i = 0; i < traj.points.length / 2; i++) {
      const t = traj.timesMs[i];
      const decay = Math.exp(-gamma * t);
      const x = decay * (x0 * Math.cos(omega * t) - y0 * Math.sin(omega * t));
      const y = decay * (x0 * Math.sin(omega * t) + y0 * Math.cos(omega * t));
      // RK4's global error is O(dt⁴·t): ~1e-9 here.
      expect(Math.abs(traj.points[2 * i] - x)).toBeLessThan(1e-9);
      expect(Math.abs(traj.points[2 * i + 1] - y)).toBeLessThan(1e-9);
    }
  });

  it('halving dt shrinks the error 16-fold (fourth order)', () => {
    const err = (dtMs: number) => {
      const traj = integrateTrajectory(model.bind({}), 1, 0, { durationMs: 10, dtMs });
      const t = traj.endMs;
      const n = traj.points.length;
      return Math.hypot(traj.points[n - 2] - Math.exp(-0.1 * t) * Math.cos(t), traj.points[n - 1] - Math.exp(-0.1 * t) * Math.sin(t));
    };
    const ratio = err(0.2) / err(0.1);
    expect(ratio).toBeGreaterThan(14);
    expect(ratio).toBeLessThan(18);
  });

  it('records fewer points with minMove and stops when it leaves the escape box', () => {
    const sparse = integrateTrajectory(model.bind({}), 1, 0, { durationMs: 20, dtMs: 0.01, minMove: { x: 0.05, y: 0.05 } });
    expect(sparse.points.length / 2).toBeLessThan(400);
    const escaped = integrateTrajectory(model.bind({ params: { damping: -0.5 } }), 1, 0, {
      durationMs: 100,
      dtMs: 0.01,
      escapeBox: { xMin: -5, xMax: 5, yMin: -5, yMax: 5 },
    });
    expect(escaped.end).toBe('escaped');
    expect(escaped.endMs).toBeLessThan(100);
  });
});

describe('the reset map', () => {
  it('Izhikevich (2003): each spike jumps from v = 30 mV to (c, u + d)', () => {
    const model = new PlaneModel(builtinRegistry().ir('Izhikevich2003')!, 'v', 'u');
    const traj = integrateTrajectory(model.bind({ inputs: { I: 10 }, states: {} }), -65, -13, { durationMs: 200, dtMs: 0.1 });
    expect(model.resetMovesPlane).toBe(true);
    expect(traj.spikes).toBeGreaterThanOrEqual(4);
    expect(traj.resets).toHaveLength(traj.spikes);
    for (const r of traj.resets) {
      // The crossing step is refined to dt/64: the jump starts just past the threshold.
      expect(r.fromX).toBeGreaterThanOrEqual(30);
      expect(r.fromX).toBeLessThan(34);
      expect(r.toX).toBe(-65);
      expect(r.toY).toBeCloseTo(r.fromY + 8, 12);
    }
    // Pieces between resets are separated by a NaN pair.
    let separators = 0;
    for (let i = 0; i < traj.points.length; i += 2) if (Number.isNaN(traj.points[i])) separators++;
    expect(separators).toBe(traj.resets.length);
  });

  it('AdEx: the exponential upswing does not overflow; the jump lands on (Vr, w + b)', () => {
    const model = new PlaneModel(builtinRegistry().ir('AdEx')!, 'V', 'w');
    expect([model.x.unit, model.y.unit]).toEqual(['mV', 'pA']);
    // Bound values are canonical: I = 1 nA (1000 pA on the axis's scale).
    const traj = integrateTrajectory(model.bind({ inputs: { I: 1 } }), -70.6, 0, { durationMs: 300, dtMs: 0.1 });
    expect(traj.end).toBe('duration');
    expect(traj.resets.length).toBeGreaterThan(2);
    for (const r of traj.resets) {
      expect(r.fromX).toBeGreaterThanOrEqual(20);
      expect(r.fromX).toBeLessThan(20 + (20 + 70.6));
      expect(r.toX).toBeCloseTo(-70.6, 12);
      expect(r.toY).toBeCloseTo(r.fromY + 80.5, 9);
    }
  });

  it('FitzHugh–Nagumo without spike_reset: spikes are counted but nothing jumps', () => {
    const model = new PlaneModel(builtinRegistry().ir('FitzhughNagumoCell')!, 'v', 'w');
    const traj = integrateTrajectory(model.bind({ inputs: { j: 0.5 } }), 0, 0, { durationMs: 200, dtMs: 0.1 });
    expect(traj.spikes).toBeGreaterThan(0);
    expect(traj.resets).toEqual([]);
  });

  it('held states stay held through a reset', () => {
    const source = String.raw`model ThreeState : cell
params
  tau = 10 ms
inputs
  I : mV/ms
states
  v = -65 mV
  u : mV/ms = 0 mV/ms
  theta = -50 mV
equations
  dv/dt = -(v + 65 mV) / tau - u + I
  du/dt = -u / tau
  dtheta/dt = (-50 mV - theta) / tau
spike v >= theta
reset
  v = -65 mV
  u += 1 mV/ms
  theta += 5 mV
`;
    const model = new PlaneModel(compileModel(source).ir!, 'v', 'u');
    const system = model.bind({ inputs: { I: 3 }, states: { theta: -50 } });
    const traj = integrateTrajectory(system, -65, 0, { durationMs: 100, dtMs: 0.1 });
    expect(traj.resets.length).toBeGreaterThan(1);
    // With theta held at −50 mV every jump starts at the same threshold.
    for (const r of traj.resets) expect(r.fromX).toBeLessThan(-49);
    expect(system.valueOf('theta')).toBe(-50);
  });
});

describe('the system after a trajectory', () => {
  it('is back at t = 0 with no spike, so the plane drawn next is the same', () => {
    const model = new PlaneModel(builtinRegistry().ir('Izhikevich2003')!, 'v', 'u');
    const system = model.bind({ inputs: { I: 10 } });
    integrateTrajectory(system, -65, -13, { durationMs: 50, dtMs: 0.1 });
    expect(system.valueOf('t')).toBe(0);
    expect(system.valueOf('lastspike')).toBe(-1e7);
  });
});
