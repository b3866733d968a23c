/** Loss terms for parameter fitting: each maps a `CaseObservation` (+ target data) to a value and gradient. */
export { traceMse, type TraceMseOptions } from './traceMse.ts';
export { spikeCount, rate, rateHz } from './spikeCount.ts';
export { firstSpikeLatency } from './firstSpike.ts';
export { vanRossum, vanRossumDistanceSq, type VanRossumOptions } from './vanRossum.ts';
export { isiDistribution, intervals, wasserstein1 } from './isi.ts';
export { weightedSum, type WeightedTerm } from './weightedSum.ts';
export {
  checkLossSpec,
  evaluateLoss,
  evaluateTerm,
  LOSS_KINDS,
  LOSS_NEEDS,
  type EvaluatedLoss,
  type LossKind,
  type LossSpec,
  type TermValue,
} from './spec.ts';
