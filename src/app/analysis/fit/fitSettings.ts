/**
 * What the fit panel says about a fit setup: names of losses, optimisers and surrogates for
 * people, the optimiser's label on a loss curve, and why a fit cannot start yet.
 */
import type { ModelInfo } from '../../../library/catalog';
import { LOSS_KINDS, OPTIMIZER_KINDS, SURROGATE_NAMES } from '../../../project/fitSchema';
import type { ProjectDoc } from '../../store/document';
import { boundsProblem, trainableInfo, type FitOptimizerDoc, type LossTermDoc } from './fitDoc';

export type LossKind = (typeof LOSS_KINDS)[number];
export type OptimizerKind = (typeof OPTIMIZER_KINDS)[number];
export type SurrogateKind = (typeof SURROGATE_NAMES)[number];

export const LOSS_LABELS: Readonly<Record<LossKind, { label: string; hint: string; needs: 'trace' | 'spikes' }>> = {
  'trace-mse': { label: 'trace MSE', hint: 'mean squared difference of the observed state and the target trace (optionally in a time window)', needs: 'trace' },
  'spike-count': { label: 'spike count', hint: 'squared difference of the number of spikes', needs: 'spikes' },
  rate: { label: 'firing rate', hint: 'squared difference of the mean firing rate', needs: 'spikes' },
  'first-spike': { label: 'first-spike latency', hint: 'squared difference of the time of the first spike', needs: 'spikes' },
  'van-rossum': { label: 'van Rossum distance', hint: 'distance of the spike trains, each filtered with an exponential of time constant τ', needs: 'spikes' },
  isi: { label: 'ISI distribution', hint: 'difference of the inter-spike-interval distributions', needs: 'spikes' },
};

export const OPTIMIZER_LABELS: Readonly<Record<OptimizerKind, string>> = { adam: 'Adam', sgd: 'SGD', cmaes: 'CMA-ES', lm: 'Levenberg–Marquardt' };

export const SURROGATE_LABELS: Readonly<Record<SurrogateKind, string>> = {
  fast_sigmoid: 'fast sigmoid (SuperSpike)',
  sigmoid: 'sigmoid',
  triangle: 'triangle',
  straight_through: 'straight-through (ngclearn)',
  triangular: 'triangular (ngclearn: ± constant)',
  arctan: 'arctan (ngclearn)',
  secant_lif: 'secant LIF (ngclearn, Samadi 2017)',
};

/** Defaults of the schema, for fields the document leaves out. */
export const OPTIMIZER_DEFAULTS = { kind: 'adam', learningRate: 0.05, decay: 1, iterations: 200, sigma0: 0.3, seed: 1 } as const;

/** `Adam, lr 0.05` · `CMA-ES, σ₀ 0.3`: how a run is named on the loss plot. */
export function optimizerLabel(optimizer: FitOptimizerDoc | undefined): string {
  const o = { ...OPTIMIZER_DEFAULTS, ...optimizer };
  const name = OPTIMIZER_LABELS[o.kind] ?? o.kind;
  if (o.kind === 'cmaes') return `${name}, σ₀ ${o.sigma0}${o.populationSize !== undefined ? `, λ ${o.populationSize}` : ''}`;
  if (o.kind === 'lm') return name;
  return `${name}, lr ${o.learningRate}${o.decay !== 1 ? ` × ${o.decay}ⁿ` : ''}`;
}

/** Why Start cannot run the project's fit now, for people; undefined when it can. */
export function startProblem(doc: ProjectDoc, catalog: ReadonlyMap<string, ModelInfo>): string | undefined {
  const fit = doc.fit;
  if (!fit) return "Nothing to fit yet: tick 'fit' on a parameter in the inspector, or choose a population above.";
  const pop = doc.populations.find((p) => p.id === fit.population);
  if (!pop) return `The fit's population '${fit.population}' is not in the project.`;
  const params = fit.params ?? [];
  if (params.length === 0) return `No parameter of ${pop.id} is trained: tick 'fit' on a parameter in the inspector.`;
  if (catalog.size > 0) {
    for (const p of params) {
      const info = trainableInfo(pop, p.name, catalog, doc.projections);
      if (!info) return `'${p.name}' is not a parameter of ${pop.id} (${pop.model}).`;
      const bad = boundsProblem(p, info);
      if (bad && !bad.startsWith('the starting value')) return `${p.name}: ${bad}.`;
    }
  }
  const cases = fit.cases ?? [];
  if (cases.length === 0) return 'No target: add a case and load its data, or make a synthetic target.';
  const empty = cases.findIndex((c) => !c.trace && !c.spikeTimesMs);
  if (empty >= 0) return `${cases[empty].label ?? `Case ${empty + 1}`} has no target data: load a CSV or make a synthetic target.`;
  const loss: readonly LossTermDoc[] = fit.loss ?? [{ kind: 'trace-mse', weight: 1 }];
  if (loss.length === 0) return 'No loss term: add one.';
  const kind = fit.optimizer?.kind ?? 'adam';
  if (kind === 'lm') {
    const other = loss.find((t) => t.kind !== 'trace-mse');
    if (other) return `Levenberg–Marquardt fits trace-MSE terms only, and the loss has ${LOSS_LABELS[other.kind].label}: use Adam, SGD or CMA-ES.`;
  }
  for (const term of loss) {
    const needs = LOSS_LABELS[term.kind].needs;
    const missing = cases.findIndex((c) => (needs === 'trace' ? !c.trace : !c.spikeTimesMs));
    if (missing >= 0) return `The ${LOSS_LABELS[term.kind].label} loss needs ${needs === 'trace' ? 'a target trace' : 'target spike times'}, and ${cases[missing].label ?? `case ${missing + 1}`} has none.`;
  }
  return undefined;
}
