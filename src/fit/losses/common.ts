/**
 * Shared plumbing for the loss terms: shape checks on a `CaseObservation` and the few gradient
 * accumulations every term repeats. Gradient layout is the observation's: `[n * P + k]`.
 */
import type { CaseObservation, LossValue } from '../observation.ts';

/** Throws a RangeError when the observation's arrays disagree with its declared sizes. */
export function checkObservation(obs: CaseObservation): void {
  const P = obs.paramCount;
  const spikes = obs.spikeTimesMs.length;
  const problems: string[] = [];
  if (!(obs.dtMs > 0) || !Number.isFinite(obs.dtMs)) problems.push(`dtMs = ${obs.dtMs} is not > 0`);
  if (!Number.isInteger(obs.steps) || obs.steps < 0) problems.push(`steps = ${obs.steps} is not a count`);
  if (!Number.isInteger(P) || P < 0) problems.push(`paramCount = ${P} is not a count`);
  if (obs.trace.length !== obs.steps) problems.push(`trace has ${obs.trace.length} samples, not steps = ${obs.steps}`);
  if (obs.traceGrad.length !== obs.steps * P) problems.push(`traceGrad has ${obs.traceGrad.length} entries, not steps·P`);
  if (obs.spikeTimeGrad.length !== spikes * P) problems.push(`spikeTimeGrad has ${obs.spikeTimeGrad.length} entries, not spikes·P`);
  if (obs.spikeSignalGrad.length !== obs.steps * P) problems.push(`spikeSignalGrad has ${obs.spikeSignalGrad.length} entries, not steps·P`);
  if (problems.length > 0) throw new RangeError(`malformed CaseObservation: ${problems.join('; ')}`);
}

/** The window the observation covers, T = steps·dt (ms); sample n sits at n·dt. */
export function durationMs(obs: CaseObservation): number {
  return obs.steps * obs.dtMs;
}

/** grad[k] += scale · src[row·P + k] for every k. */
export function addRow(grad: Float64Array, src: Float64Array, row: number, scale: number): void {
  const P = grad.length;
  const base = row * P;
  for (let k = 0; k < P; k++) grad[k] += scale * src[base + k];
}

/**
 * The number of spikes, Σ_n s[n] (what the surrogate gradient differentiates): a neuron spikes at
 * most once a step, so it is the number of spike times.
 */
export function spikeCountOf(obs: CaseObservation): number {
  return obs.spikeTimesMs.length;
}

/** Σ_n ∂s[n]/∂θ_k: the surrogate derivative of the spike count. */
export function countGrad(obs: CaseObservation): Float64Array {
  const P = obs.paramCount;
  const grad = new Float64Array(P);
  // Without sensitivities (a CMA-ES generation) there is nothing to add, and a call per step cost
  // 1 s in 30,000 evaluations of AdEx.
  if (P === 0) return grad;
  for (let n = 0; n < obs.steps; n++) addRow(grad, obs.spikeSignalGrad, n, 1);
  return grad;
}

export function lossValue(value: number, grad: Float64Array): LossValue {
  return { value, grad };
}

/** sign with sign(0) = 0: the symmetric subgradient of |x| at its kink. */
export function sign0(x: number): number {
  return x > 0 ? 1 : x < 0 ? -1 : 0;
}
