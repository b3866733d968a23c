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
 * Every sum is formed in O(N + M) from the ascending trains (sidedSums).
 */
import type { CaseObservation, LossValue } from '../observation.ts';
import { spikesInWindow } from '../targets.ts';
import { addRow, checkObservation, durationMs } from './common.ts';

export interface VanRossumOptions {
  /** Kernel time constant τ in ms (> 0). */
  readonly tauMs: number;
}

/** x itself when ascending, else its values in ascending order and where each came from. */
function ascending(x: ArrayLike<number>): { sorted: ArrayLike<number>; from: Int32Array | undefined } {
  let inOrder = true;
  for (let i = 1; i < x.length && inOrder; i++) inOrder = x[i - 1] <= x[i];
  if (inOrder) return { sorted: x, from: undefined };
  const from = Int32Array.from({ length: x.length }, (_, i) => i).sort((i, j) => x[i] - x[j]);
  return { sorted: Float64Array.from(from, (i) => x[i]), from };
}

/**
 * For each a_i (a and b ascending): Σ e^{−|a_i − b_j|/τ} over the b_j below a_i and over those above
 * it, and how many b_j equal it. One sweep each way, carrying the decayed sum of the spikes passed
 * (Σ_{b_j ≤ t} e^{−(t − b_j)/τ} moves from t to t' by a factor e^{−(t' − t)/τ}), so O(N + M)
 * exponentials instead of N·M; the pair sums of a generation of 10,000 AdEx candidates (30,000
 * trains against their targets) took 0.28 s by pairs.
 */
function sidedSums(a: ArrayLike<number>, b: ArrayLike<number>, tauMs: number): { below: Float64Array; above: Float64Array; equal: Int32Array } {
  const N = a.length;
  const M = b.length;
  const below = new Float64Array(N);
  const above = new Float64Array(N);
  const equal = new Int32Array(N);
  let sum = 0;
  let at = -Infinity;
  for (let i = 0, j = 0; i < N; i++) {
    for (; j < M && b[j] < a[i]; j++) {
      sum = sum * Math.exp(-(b[j] - at) / tauMs) + 1;
      at = b[j];
    }
    below[i] = sum * Math.exp(-(a[i] - at) / tauMs);
    let k = j;
    while (k < M && b[k] === a[i]) k++;
    equal[i] = k - j;
  }
  sum = 0;
  at = Infinity;
  for (let i = N - 1, j = M - 1; i >= 0; i--) {
    for (; j >= 0 && b[j] > a[i]; j--) {
      sum = sum * Math.exp(-(at - b[j]) / tauMs) + 1;
      at = b[j];
    }
    above[i] = sum * Math.exp(-(at - a[i]) / tauMs);
  }
  return { below, above, equal };
}

/**
 * Σ_{i,j} e^{−|a_i − b_j|/τ} over all pairs (a and b ascending): sidedSums' sweeps, summed as they
 * go without its arrays (with them, or with arrays kept between calls, 100-spike trains took 5×
 * longer).
 */
function pairSum(a: ArrayLike<number>, b: ArrayLike<number>, tauMs: number): number {
  const N = a.length;
  const M = b.length;
  let total = 0;
  let sum = 0;
  let at = -Infinity;
  for (let i = 0, j = 0; i < N; i++) {
    for (; j < M && b[j] < a[i]; j++) {
      sum = sum * Math.exp(-(b[j] - at) / tauMs) + 1;
      at = b[j];
    }
    total += sum * Math.exp(-(a[i] - at) / tauMs);
    for (let k = j; k < M && b[k] === a[i]; k++) total += 1;
  }
  sum = 0;
  at = Infinity;
  for (let i = N - 1, j = M - 1; i >= 0; i--) {
    for (; j >= 0 && b[j] > a[i]; j--) {
      sum = sum * Math.exp(-(at - b[j]) / tauMs) + 1;
      at = b[j];
    }
    total += sum * Math.exp(-(at - a[i]) / tauMs);
  }
  return total;
}

/** D² between two spike trains (ms), by the closed form above; `bSelf`: Σ over b's own pairs, when known. */
export function vanRossumDistanceSq(a: ArrayLike<number>, b: ArrayLike<number>, tauMs: number, bSelf?: number): number {
  checkTau(tauMs);
  const A = ascending(a).sorted;
  const B = ascending(b).sorted;
  return 0.5 * (pairSum(A, A, tauMs) + (bSelf ?? pairSum(B, B, tauMs))) - pairSum(A, B, tauMs);
}

// The target's own pair sum is the same at every evaluation of a fit (thousands of them): kept per
// target array (by its buffer: the targets arrive as fresh subarrays of the case's times), window
// and τ.
const targetSelf = new WeakMap<ArrayBufferLike, Map<string, number>>();

function targetSelfSum(targetSpikeTimesMs: Float64Array, windowMs: number, target: ArrayLike<number>, tauMs: number): number {
  let byKey = targetSelf.get(targetSpikeTimesMs.buffer);
  if (!byKey) targetSelf.set(targetSpikeTimesMs.buffer, (byKey = new Map()));
  const key = `${targetSpikeTimesMs.byteOffset}:${targetSpikeTimesMs.length}:${windowMs}:${tauMs}`;
  let sum = byKey.get(key);
  if (sum === undefined) {
    const sorted = ascending(target).sorted;
    byKey.set(key, (sum = pairSum(sorted, sorted, tauMs)));
  }
  return sum;
}

/** Σ_{i,j} e^{−|s_i − s_j|/τ} over a train's own pairs (a target's, which the GPU's spike losses take from here). */
export function trainSelfSum(times: ArrayLike<number>, tauMs: number): number {
  checkTau(tauMs);
  const sorted = ascending(times).sorted;
  return pairSum(sorted, sorted, tauMs);
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
  const T = durationMs(obs);
  const target = spikesInWindow(targetSpikeTimesMs, T);
  const grad = new Float64Array(obs.paramCount);
  const value = vanRossumDistanceSq(obs.spikeTimesMs, target, tauMs, targetSelfSum(targetSpikeTimesMs, T, target, tauMs));
  // Without sensitivities (a CMA-ES generation) there is no gradient to form.
  if (obs.paramCount === 0) return { value, grad };
  const { sorted: model, from } = ascending(obs.spikeTimesMs);
  const targetSorted = ascending(target).sorted;
  const self = sidedSums(model, model, tauMs);
  const cross = sidedSums(model, targetSorted, tauMs);
  for (let a = 0; a < model.length; a++) {
    // −Σ_{j≠a} sgn(t_a − t_j) e^{…} + Σ_j sgn(t_a − s_j) e^{…}: spikes below count +, above −, ties 0.
    const dDdt = -(self.below[a] - self.above[a]) + (cross.below[a] - cross.above[a]);
    addRow(grad, obs.spikeTimeGrad, from ? from[a] : a, dDdt / tauMs);
  }
  return { value, grad };
}
