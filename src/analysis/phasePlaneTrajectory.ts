/**
 * A trajectory in the plane: classic RK4 on the model's equations from a clicked point, with the
 * spike phases of a step as the engine runs them (integrate → clamp → spike test → reset →
 * refractory), so the reset map shows as a jump from where the threshold was crossed to where the
 * reset puts the state.
 *
 * The step is the simulation's dt, halved (as far as 2⁻⁵⁰·dt) when a step would leave the finite
 * numbers — an exponential upswing (AdEx) or a quadratic one (Izhikevich) runs to infinity in
 * finite time just before the spike — and doubled back after each good step. Around a threshold
 * crossing whose reset moves the state it is halved too (to dt/64, and further while the crossing
 * step moves the state more than the reset does), so the jump starts at the threshold rather than
 * somewhere beyond it. Held states stay held.
 */
import type { PlaneSystem } from './phasePlaneModel';
import type { PlaneView } from './phasePlane';

export interface TrajectoryOptions {
  readonly durationMs: number;
  readonly dtMs: number;
  /** Stop once the state leaves this box (default: no box). */
  readonly escapeBox?: PlaneView;
  /**
   * Record a point only once the state has moved this far since the last one (declared units;
   * default 0: every step). Resets and the last point are always recorded.
   */
  readonly minMove?: { readonly x: number; readonly y: number };
  /** Safety limit on steps (default 1e6). */
  readonly maxSteps?: number;
}

export interface ResetJump {
  readonly tMs: number;
  readonly fromX: number;
  readonly fromY: number;
  readonly toX: number;
  readonly toY: number;
}

export type TrajectoryEnd = 'duration' | 'escaped' | 'non-finite' | 'max-steps';

export interface Trajectory {
  readonly x0: number;
  readonly y0: number;
  /** [x, y, ...]; a pair of NaN separates the pieces between resets. */
  readonly points: Float64Array;
  /** Time of each recorded point (NaN at separators), ms. */
  readonly timesMs: Float64Array;
  readonly resets: readonly ResetJump[];
  /** Spikes (threshold crossings outside refractoriness), whether or not the reset moved the state. */
  readonly spikes: number;
  readonly endMs: number;
  readonly end: TrajectoryEnd;
}

export function integrateTrajectory(system: PlaneSystem, x0: number, y0: number, options: TrajectoryOptions): Trajectory {
  try {
    return integrate(system, x0, y0, options);
  } finally {
    // The plane itself is drawn at t = 0 before any spike: leave the system as it was.
    system.setTime(0);
    system.setLastSpike(-1e7);
  }
}

function integrate(system: PlaneSystem, x0: number, y0: number, options: TrajectoryOptions): Trajectory {
  const { durationMs, dtMs } = options;
  if (!(dtMs > 0) || !(durationMs >= 0)) throw new RangeError('a trajectory needs dtMs > 0 and durationMs >= 0');
  const frozen = system.model.frozenWhenRefractory;
  const maxSteps = options.maxSteps ?? 1e6;
  const minX = options.minMove?.x ?? 0;
  const minY = options.minMove?.y ?? 0;
  const box = options.escapeBox;
  const points: number[] = [x0, y0];
  const times: number[] = [0];
  const resets: ResetJump[] = [];
  let spikes = 0;
  let x = x0;
  let y = y0;
  let t = 0;
  let h = dtMs;
  let refractoryUntil = -Infinity;
  let end: TrajectoryEnd = 'duration';
  let lastX = x0;
  let lastY = y0;
  let steps = 0;
  const k1 = new Float64Array(2);
  const k2 = new Float64Array(2);
  const k3 = new Float64Array(2);
  const k4 = new Float64Array(2);
  const next = new Float64Array(2);
  const after = new Float64Array(2);
  system.setLastSpike(-1e7);

  const stage = (out: Float64Array, sx: number, sy: number, ts: number, hold: boolean) => {
    system.setTime(ts);
    system.rates(sx, sy, out);
    if (hold) {
      if (frozen[0]) out[0] = 0;
      if (frozen[1]) out[1] = 0;
    }
  };
  const record = (px: number, py: number, pt: number) => {
    points.push(px, py);
    times.push(pt);
    lastX = px;
    lastY = py;
  };

  while (t < durationMs - 1e-9 * dtMs) {
    if (++steps > maxSteps) {
      end = 'max-steps';
      break;
    }
    const step = Math.min(h, durationMs - t);
    const refractory = t < refractoryUntil;
    stage(k1, x, y, t, refractory);
    stage(k2, x + (step / 2) * k1[0], y + (step / 2) * k1[1], t + step / 2, refractory);
    stage(k3, x + (step / 2) * k2[0], y + (step / 2) * k2[1], t + step / 2, refractory);
    stage(k4, x + step * k3[0], y + step * k3[1], t + step, refractory);
    next[0] = x + (step / 6) * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]);
    next[1] = y + (step / 6) * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1]);
    system.setTime(t + step);
    system.clamp(next[0], next[1], next);
    if (!Number.isFinite(next[0]) || !Number.isFinite(next[1])) {
      if (step > dtMs * 2 ** -50) {
        h = step / 2;
        continue;
      }
      end = 'non-finite';
      break;
    }
    const spiking = !refractory && system.spiking(next[0], next[1]);
    let moved = false;
    if (spiking) {
      system.reset(next[0], next[1], after);
      moved = after[0] !== next[0] || after[1] !== next[1];
      // Refine the crossing step: to dt/64 at least, and on until the step moves the state no
      // further than the reset does (an exponential upswing can cross far beyond the threshold).
      const overshoot = after[0] !== next[0] && Math.abs(next[0] - x) > Math.abs(after[0] - x);
      const overshootY = after[1] !== next[1] && Math.abs(next[1] - y) > Math.abs(after[1] - y);
      if (moved && step > dtMs * 2 ** -50 && (step > dtMs / 64 || overshoot || overshootY)) {
        h = step / 2;
        continue;
      }
    }
    t += step;
    x = next[0];
    y = next[1];
    if (spiking) {
      spikes++;
      system.setLastSpike(t);
      refractoryUntil = t + system.refractoryMs(x, y);
      if (moved) {
        record(x, y, t);
        resets.push({ tMs: t, fromX: x, fromY: y, toX: after[0], toY: after[1] });
        points.push(NaN, NaN);
        times.push(NaN);
        x = after[0];
        y = after[1];
        record(x, y, t);
      }
      h = dtMs;
    } else {
      h = Math.min(dtMs, h * 2);
    }
    if (!moved && (Math.abs(x - lastX) >= minX || Math.abs(y - lastY) >= minY)) record(x, y, t);
    if (box && (x < box.xMin || x > box.xMax || y < box.yMin || y > box.yMax)) {
      end = 'escaped';
      break;
    }
  }
  if (lastX !== x || lastY !== y) record(x, y, t);
  return { x0, y0, points: Float64Array.from(points), timesMs: Float64Array.from(times), resets, spikes, endMs: t, end };
}
