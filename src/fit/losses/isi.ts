/**
 * Inter-spike-interval distribution term: the 1-Wasserstein (earth mover's) distance between the
 * empirical ISI distributions of the model and of the target, in ms.
 *
 * In one dimension W₁ is the L¹ distance between quantile functions,
 *   W₁(F, G) = ∫_0^1 |F⁻¹(u) − G⁻¹(u)| du.
 * For m sorted model ISIs a_(i) and n sorted target ISIs b_(j), both quantile functions are step
 * functions (a_(i) on ((i−1)/m, i/m]), so the integral is a sum over the merged breakpoints
 * {i/m} ∪ {j/n}: W₁ = Σ_segments |a_(i) − b_(j)| · length. Segments are tracked in units of
 * 1/(m·n), so the merge is exact integer arithmetic.
 *
 * Gradient: ∂W₁/∂a_(i) = Σ_{segments of i} sgn(a_(i) − b_(j)) · length (sgn 0 = 0 at ties). The
 * sort is a fixed permutation wherever the ISIs are distinct, so this routes back to the unsorted
 * ISIs, and ISI_i = t_{i+1} − t_i gives ∂/∂t_{i+1} += g_i, ∂/∂t_i −= g_i.
 *
 * Fewer than two spikes means no ISI. Such a train is scored like a silent first-spike latency:
 * as censored, one interval "at least T", i.e. a point mass at T = steps·dt. So a silent model
 * against a regular target costs mean_j |T − b_j| (with no gradient: nothing to move — pair this
 * term with rate or spike-count to get spikes first), a firing model against a target with < 2
 * spikes is pulled towards sparser firing, and two trains without ISIs cost 0.
 */
import type { CaseObservation, LossValue } from '../observation.ts';
import { spikesInWindow } from '../targets.ts';
import { addRow, checkObservation, durationMs, sign0 } from './common.ts';

/** Intervals between consecutive times. */
export function intervals(times: ArrayLike<number>): Float64Array {
  const out = new Float64Array(Math.max(0, times.length - 1));
  for (let i = 0; i < out.length; i++) out[i] = times[i + 1] - times[i];
  return out;
}

/**
 * W₁ between the empirical distributions of `a` and `b` (any order, both non-empty), and its
 * gradient with respect to each a_i (in a's original order).
 */
export function wasserstein1(a: ArrayLike<number>, b: ArrayLike<number>): { value: number; gradA: Float64Array } {
  const m = a.length;
  const n = b.length;
  if (m === 0 || n === 0) throw new RangeError('wasserstein1: both samples must be non-empty');
  const order = Array.from({ length: m }, (_, i) => i).sort((x, y) => a[x] - a[y]);
  const bs = Float64Array.from(b).sort();
  const gradA = new Float64Array(m);
  const total = m * n;
  let value = 0;
  let at = 0; // position in [0, m·n], in units of 1/(m·n)
  let i = 0;
  let j = 0;
  while (i < m && j < n) {
    const endA = (i + 1) * n;
    const endB = (j + 1) * m;
    const end = Math.min(endA, endB);
    const length = (end - at) / total;
    const diff = a[order[i]] - bs[j];
    value += Math.abs(diff) * length;
    gradA[order[i]] += sign0(diff) * length;
    at = end;
    if (endA === end) i++;
    if (endB === end) j++;
  }
  return { value, gradA };
}

export function isiDistribution(obs: CaseObservation, targetSpikeTimesMs: Float64Array): LossValue {
  checkObservation(obs);
  const T = durationMs(obs);
  const censored = Float64Array.of(T);
  const modelIsi = intervals(obs.spikeTimesMs);
  let targetIsi = intervals(spikesInWindow(targetSpikeTimesMs, T));
  if (targetIsi.length === 0) targetIsi = censored;
  const grad = new Float64Array(obs.paramCount);
  if (modelIsi.length === 0) {
    if (targetIsi === censored) return { value: 0, grad };
    return { value: wasserstein1(censored, targetIsi).value, grad };
  }
  const { value, gradA } = wasserstein1(modelIsi, targetIsi);
  for (let i = 0; i < modelIsi.length; i++) {
    addRow(grad, obs.spikeTimeGrad, i + 1, gradA[i]);
    addRow(grad, obs.spikeTimeGrad, i, -gradA[i]);
  }
  return { value, grad };
}
