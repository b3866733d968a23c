/**
 * Van Rossum distance (van Rossum 2001, Neural Comput. 13:751) between the model's spike train
 * and a target train. Each train is filtered with a causal exponential kernel,
 * f(t) = Σ_i e^{−(t − t_i)/τ} H(t − t_i), and
 *
 *   D² = (1/τ) ∫_0^∞ (f(t) − g(t))² dt
 *      = ½ [ Σ_{i,j} e^{−|t_i − t_j|/τ} + Σ_{i,j} e^{−|s_i − s_j|/τ} ] − Σ_{i,j} e^{−|t_i − s_j|/τ}
 *
 * (closed form: (1/τ)∫ e^{−(t−a)/τ} e^{−(t−b)/τ} over t > max(a, b) is ½ e^{−|a−b|/τ}). The
 * integral runs to ∞, past the window, so late spikes are not truncated. D² is dimensionless:
 * identical trains give 0, one unmatched spike gives ½, one spike shifted by δ gives 1 − e^{−|δ|/τ}.
 * The loss is D² (smooth in the spike times, unlike D).
 *
 * Gradient, through the model's spike times only (the target is data):
 *
 *   ∂D²/∂t_a = −(1/τ) Σ_{j≠a} sgn(t_a − t_j) e^{−|t_a − t_j|/τ} + (1/τ) Σ_j sgn(t_a − s_j) e^{−|t_a − s_j|/τ}
 *
 * then ∂D²/∂θ_k = Σ_a ∂D²/∂t_a · ∂t_a/∂θ_k. At an exact coincidence the kink's symmetric
 * subgradient (sgn 0 = 0) is used. Adding or removing spikes is invisible to this gradient; pair
 * the term with spike-count or rate so the count is pulled towards the target's.
 * Cost is O((N + M)²) pair terms, fine for the hundreds of spikes of a single-neuron fit.
 */
import type { CaseObservation, LossValue } from '../observation.ts';
import { spikesInWindow } from '../targets.ts';
import { addRow, checkObservation, durationMs, sign0 } from './common.ts';

export interface VanRossumOptions {
  /** Kernel time constant τ in ms (> 0). */
  readonly tauMs: number;
}

/** Σ_{i,j} e^{−|a_i − b_j|/τ} over all pairs. */
function pairSum(a: ArrayLike<number>, b: ArrayLike<number>, tauMs: number): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) sum += Math.exp(-Math.abs(a[i] - b[j]) / tauMs);
  }
  return sum;
}

/** D² between two spike trains (ms), by the closed form above; `bSelf`: Σ over b's own pairs, when known. */
export function vanRossumDistanceSq(a: ArrayLike<number>, b: ArrayLike<number>, tauMs: number, bSelf = pairSum(b, b, tauMs)): number {
  checkTau(tauMs);
  return 0.5 * (pairSum(a, a, tauMs) + bSelf) - pairSum(a, b, tauMs);
}

// The target's own pair sum is the same at every evaluation of a fit (thousands of them): kept per
// target array, window and τ.
const targetSelf = new WeakMap<Float64Array, Map<string, number>>();

function targetSelfSum(targetSpikeTimesMs: Float64Array, windowMs: number, target: ArrayLike<number>, tauMs: number): number {
  let byKey = targetSelf.get(targetSpikeTimesMs);
  if (!byKey) targetSelf.set(targetSpikeTimesMs, (byKey = new Map()));
  const key = `${windowMs}:${tauMs}`;
  let sum = byKey.get(key);
  if (sum === undefined) byKey.set(key, (sum = pairSum(target, target, tauMs)));
  return sum;
}

function checkTau(tauMs: number): void {
  if (!(tauMs > 0) || !Number.isFinite(tauMs)) {
    throw new RangeError(`van-rossum: tauMs must be a finite number > 0 (got ${tauMs})`);
  }
}

/**
 * D² between the observation's spikes and the target spikes inside the window [0, T].
 */
export function vanRossum(obs: CaseObservation, targetSpikeTimesMs: Float64Array, options: VanRossumOptions): LossValue {
  checkObservation(obs);
  const { tauMs } = options;
  checkTau(tauMs);
  const model = obs.spikeTimesMs;
  const T = durationMs(obs);
  const target = spikesInWindow(targetSpikeTimesMs, T);
  const grad = new Float64Array(obs.paramCount);
  const value = vanRossumDistanceSq(model, target, tauMs, targetSelfSum(targetSpikeTimesMs, T, target, tauMs));
  // Without sensitivities (a CMA-ES generation) the O(N·(N + M)) gradient loop has nothing to add to.
  if (obs.paramCount === 0) return { value, grad };
  for (let a = 0; a < model.length; a++) {
    let dDdt = 0;
    for (let j = 0; j < model.length; j++) {
      if (j === a) continue;
      const d = model[a] - model[j];
      dDdt -= sign0(d) * Math.exp(-Math.abs(d) / tauMs);
    }
    for (let j = 0; j < target.length; j++) {
      const d = model[a] - target[j];
      dDdt += sign0(d) * Math.exp(-Math.abs(d) / tauMs);
    }
    addRow(grad, obs.spikeTimeGrad, a, dDdt / tauMs);
  }
  return { value, grad };
}
