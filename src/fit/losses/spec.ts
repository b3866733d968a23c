/**
 * Loss specifications: the JSON-serialisable description of a fitting objective (sent to the fit
 * worker and stored in projects), and `evaluateLoss`, which turns specs + one simulated case +
 * that case's target data into a value and gradient.
 *
 * How target data feeds each term (spike terms only see target spikes inside the simulated window
 * [0, T], T = steps·dt, since the model cannot be compared outside it):
 *   trace-mse   target.trace, resampled linearly to the simulation grid
 *   spike-count target spike count
 *   rate        target spike count / T, in Hz
 *   first-spike first target spike (or "none": censored at T)
 *   van-rossum  target spike times
 *   isi         target inter-spike intervals
 */
import type { CaseObservation, LossValue } from '../observation.ts';
import { checkSpikeTimes, spikesInWindow, type CaseTarget } from '../targets.ts';
import { checkObservation, durationMs } from './common.ts';
import { firstSpikeLatency } from './firstSpike.ts';
import { isiDistribution } from './isi.ts';
import { rate, rateHz, spikeCount } from './spikeCount.ts';
import { traceMse } from './traceMse.ts';
import { vanRossum } from './vanRossum.ts';
import { weightedSum } from './weightedSum.ts';

export type LossSpec =
  | { readonly kind: 'trace-mse'; readonly weight: number; readonly startMs?: number; readonly stopMs?: number }
  | { readonly kind: 'spike-count'; readonly weight: number }
  | { readonly kind: 'rate'; readonly weight: number }
  | { readonly kind: 'first-spike'; readonly weight: number }
  | { readonly kind: 'van-rossum'; readonly weight: number; readonly tauMs: number }
  | { readonly kind: 'isi'; readonly weight: number };

export type LossKind = LossSpec['kind'];

export const LOSS_KINDS: readonly LossKind[] = ['trace-mse', 'spike-count', 'rate', 'first-spike', 'van-rossum', 'isi'];

/** Which part of a `CaseTarget` each kind needs. */
export const LOSS_NEEDS: Readonly<Record<LossKind, 'trace' | 'spikeTimesMs'>> = {
  'trace-mse': 'trace',
  'spike-count': 'spikeTimesMs',
  rate: 'spikeTimesMs',
  'first-spike': 'spikeTimesMs',
  'van-rossum': 'spikeTimesMs',
  isi: 'spikeTimesMs',
};

/** Throws a RangeError naming the problem if `spec` is not a valid LossSpec (e.g. from JSON). */
export function checkLossSpec(spec: LossSpec): void {
  const kind = (spec as { kind?: unknown }).kind;
  if (!LOSS_KINDS.includes(kind as LossKind)) throw new RangeError(`unknown loss kind '${String(kind)}'`);
  if (typeof spec.weight !== 'number' || !Number.isFinite(spec.weight) || spec.weight < 0) {
    throw new RangeError(`loss term '${spec.kind}': weight must be a finite number ≥ 0 (got ${String(spec.weight)})`);
  }
  if (spec.kind === 'van-rossum' && (typeof spec.tauMs !== 'number' || !(spec.tauMs > 0) || !Number.isFinite(spec.tauMs))) {
    throw new RangeError(`loss term 'van-rossum': tauMs must be a finite number > 0 (got ${String(spec.tauMs)})`);
  }
  if (spec.kind === 'trace-mse') {
    const { startMs, stopMs } = spec;
    for (const [name, v] of [['startMs', startMs], ['stopMs', stopMs]] as const) {
      if (v !== undefined && (typeof v !== 'number' || Number.isNaN(v))) {
        throw new RangeError(`loss term 'trace-mse': ${name} must be a number (got ${String(v)})`);
      }
    }
    if (startMs !== undefined && stopMs !== undefined && !(startMs <= stopMs)) {
      throw new RangeError(`loss term 'trace-mse': startMs ${startMs} is after stopMs ${stopMs}`);
    }
  }
}

function missing(spec: LossSpec, index: number): Error {
  const need = LOSS_NEEDS[spec.kind] === 'trace' ? 'a target trace (target.trace)' : 'target spike times (target.spikeTimesMs)';
  return new Error(`loss term ${index + 1} ('${spec.kind}') needs ${need}, but this case's target has none`);
}

/** One term, unweighted. */
export function evaluateTerm(spec: LossSpec, index: number, obs: CaseObservation, target: CaseTarget): LossValue {
  if (spec.kind === 'trace-mse') {
    if (target.trace === undefined) throw missing(spec, index);
    return traceMse(obs, target.trace, { startMs: spec.startMs, stopMs: spec.stopMs });
  }
  if (target.spikeTimesMs === undefined) throw missing(spec, index);
  checkSpikeTimes(target.spikeTimesMs);
  const T = durationMs(obs);
  const spikes = spikesInWindow(target.spikeTimesMs, T);
  switch (spec.kind) {
    case 'spike-count':
      return spikeCount(obs, spikes.length);
    case 'rate':
      return rate(obs, rateHz(spikes.length, T));
    case 'first-spike':
      return firstSpikeLatency(obs, spikes.length > 0 ? spikes[0] : null);
    case 'van-rossum':
      return vanRossum(obs, spikes, { tauMs: spec.tauMs });
    case 'isi':
      return isiDistribution(obs, spikes);
  }
}

export interface TermValue {
  readonly kind: LossKind;
  readonly weight: number;
  /** The unweighted term value (for display). */
  readonly value: number;
}

export interface EvaluatedLoss extends LossValue {
  readonly terms: readonly TermValue[];
}

/** L = Σ weight_i · term_i(obs, target), with its gradient and the per-term values. */
export function evaluateLoss(specs: readonly LossSpec[], obs: CaseObservation, target: CaseTarget): EvaluatedLoss {
  if (specs.length === 0) throw new Error('evaluateLoss: no loss terms given');
  checkObservation(obs);
  const evaluated = specs.map((spec, i) => {
    checkLossSpec(spec);
    return { weight: spec.weight, loss: evaluateTerm(spec, i, obs, target) };
  });
  const total = weightedSum(evaluated, obs.paramCount);
  return {
    value: total.value,
    grad: total.grad,
    terms: evaluated.map(({ weight, loss }, i) => ({ kind: specs[i].kind, weight, value: loss.value })),
  };
}
