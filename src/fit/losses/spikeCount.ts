/**
 * Spike-count and firing-rate terms. The count N = Σ_n s[n] is piecewise constant in θ, so its
 * gradient is the surrogate one, ∂N/∂θ_k ≈ Σ_n ∂s[n]/∂θ_k (spikeSignalGrad): pushing the membrane
 * towards threshold where the surrogate is large raises the count.
 *
 *   spikeCount: L = (N − N*)²,             ∂L/∂θ = 2 (N − N*) Σ_n ∂s[n]/∂θ
 *   rate:       L = (r − r*)², r = N / T   ∂L/∂θ = 2 (r − r*) / T · Σ_n ∂s[n]/∂θ
 *
 * with T = steps·dt the simulated duration; rates are in Hz (T in seconds), so the rate term's
 * unit is Hz².
 */
import type { CaseObservation, LossValue } from '../observation.ts';
import { checkObservation, countGrad, durationMs, spikeCountOf } from './common.ts';

export function spikeCount(obs: CaseObservation, targetCount: number): LossValue {
  checkObservation(obs);
  if (!Number.isFinite(targetCount) || targetCount < 0) {
    throw new RangeError(`spike-count: target count ${targetCount} is not a finite number ≥ 0`);
  }
  const diff = spikeCountOf(obs) - targetCount;
  const grad = countGrad(obs);
  for (let k = 0; k < grad.length; k++) grad[k] *= 2 * diff;
  return { value: diff * diff, grad };
}

/** Firing rate in Hz of `count` spikes in `durationMs`. */
export function rateHz(count: number, durationMs: number): number {
  return (count * 1000) / durationMs;
}

export function rate(obs: CaseObservation, targetRateHz: number): LossValue {
  checkObservation(obs);
  if (!Number.isFinite(targetRateHz) || targetRateHz < 0) {
    throw new RangeError(`rate: target rate ${targetRateHz} Hz is not a finite number ≥ 0`);
  }
  const T = durationMs(obs);
  if (!(T > 0)) throw new RangeError('rate: the observation covers no time (steps = 0)');
  const diff = rateHz(spikeCountOf(obs), T) - targetRateHz;
  const grad = countGrad(obs);
  const scale = (2 * diff * 1000) / T; // ∂r/∂N = 1000 / T_ms
  for (let k = 0; k < grad.length; k++) grad[k] *= scale;
  return { value: diff * diff, grad };
}
