/**
 * First-spike latency: L = (t₁ − t₁*)² in ms², t₁ the model's first spike and t₁* the target's.
 *
 * When both exist, ∂L/∂θ = 2 (t₁ − t₁*) ∂t₁/∂θ through the exact spike-time derivative.
 *
 * A train without a spike in the window (0, T] is "censored": its latency is only known to be
 * ≥ T, and it is scored as T. That makes the value continuous as a first spike slides out of the
 * window, and gives a target without spikes a meaning (push the model's spike late, out of T).
 *
 * A silent model has no spike time to differentiate, so the gradient comes from the surrogate
 * spike signal through a first-order relaxation: if the model spiked at step n (at t_n = n·dt)
 * with a small "probability" s̃_n and stayed silent otherwise, the expected loss would be
 *
 *   L̃ = (T − t₁*)² · (1 − Σ_n s̃_n) + Σ_n s̃_n (t_n − t₁*)²,
 *
 * which equals L at s̃ = 0, and whose gradient is
 *
 *   ∂L̃/∂θ_k = Σ_n [(t_n − t₁*)² − (T − t₁*)²] · ∂s[n]/∂θ_k.
 *
 * The bracket is most negative at t_n = t₁*, so descent raises the surrogate signal (pulls towards
 * spiking) around the target latency, and it is positive where a spike would be worse than
 * silence (earlier than t₁* − (T − t₁*)), which it discourages. If the target is silent too
 * (t₁* = T), the value is 0 and every bracket is ≥ 0: the gradient keeps the model quiet.
 */
import type { CaseObservation, LossValue } from '../observation.ts';
import { addRow, checkObservation, durationMs } from './common.ts';

/**
 * @param targetLatencyMs the target's first spike time in ms, or null when the target has no
 *   spike in the window (treated as censored at T, like a silent model).
 */
export function firstSpikeLatency(obs: CaseObservation, targetLatencyMs: number | null): LossValue {
  checkObservation(obs);
  const T = durationMs(obs);
  if (targetLatencyMs !== null && !Number.isFinite(targetLatencyMs)) {
    throw new RangeError(`first-spike: target latency ${targetLatencyMs} ms is not finite`);
  }
  const goal = targetLatencyMs === null ? T : Math.min(targetLatencyMs, T);
  const grad = new Float64Array(obs.paramCount);
  if (obs.spikeTimesMs.length > 0) {
    const diff = obs.spikeTimesMs[0] - goal;
    addRow(grad, obs.spikeTimeGrad, 0, 2 * diff);
    return { value: diff * diff, grad };
  }
  const silent = (T - goal) * (T - goal);
  for (let n = 0; n < obs.steps; n++) {
    const d = n * obs.dtMs - goal;
    addRow(grad, obs.spikeSignalGrad, n, d * d - silent);
  }
  return { value: silent, grad };
}
