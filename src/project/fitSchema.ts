/**
 * The `fit` section of a project: which parameters of which population are trained (with bounds),
 * the target data of each case, the loss and the optimiser. Stored in the project so a shared
 * project carries its fitting setup and data. Parameter bounds are amounts like parameter values: a
 * plain number is in the parameter's declared unit, a quantity string converts.
 */
import { z } from 'zod';
import { Amount, e, finite, identifier, nonNegative, positive } from './valueSchema';

/** A trained name: `tau_m`, `Na.gNa` (a channel's), `init:v` (an initial value), `syn:input.w` (a synapse's of projection `input`). */
export const FIT_PARAM_NAME = /^((init:)?[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)?|syn:[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*)$/;

export const SURROGATE_NAMES = ['fast_sigmoid', 'sigmoid', 'triangle', 'straight_through', 'triangular', 'arctan', 'secant_lif'] as const;
/** adam, sgd (tfjs); cmaes (gradient-free); lm: Levenberg–Marquardt, for trace-mse losses. */
export const OPTIMIZER_KINDS = ['adam', 'sgd', 'cmaes', 'lm'] as const;
export const LOSS_KINDS = ['trace-mse', 'spike-count', 'rate', 'first-spike', 'van-rossum', 'isi'] as const;

export const FitParam = z.strictObject(
  {
    /**
     * A parameter of the population (`tau_m`, `Na.gNa`), `init:STATE` for an initial value, or
     * `syn:PROJECTION.PARAM` for a parameter of the synapse of a projection into it (`syn:input.w`).
     */
    name: z.string(e('a parameter name')).regex(FIT_PARAM_NAME, e("a parameter name such as 'gNa', 'Na.gNa', 'init:v' or 'syn:input.w'")),
    min: Amount.optional(),
    max: Amount.optional(),
    /** How the optimiser sees it: sigmoid onto [min, max], softplus (positive), or as is. Default: sigmoid with both bounds, else softplus for positive values, else none. */
    transform: z.enum(['sigmoid', 'softplus', 'none'], e("'sigmoid', 'softplus' or 'none'")).optional(),
  },
  e('an object {name, min?, max?, transform?}'),
);
export type FitParam = z.output<typeof FitParam>;

export const FitTrace = z.strictObject(
  {
    timesMs: z.array(finite(), e('an array of times in ms')),
    values: z.array(finite(), e('an array of values')),
    /** Unit of `values`, e.g. "mV". */
    unit: z.string(e('a unit such as "mV"')),
  },
  e('an object {timesMs, values, unit}'),
);

export const FitCase = z.strictObject(
  {
    label: z.string(e('a text')).optional(),
    /** Amplitudes of the project's stimuli in this case, by stimulus id (e.g. several input currents). */
    amplitudes: z.record(identifier('a stimulus id'), Amount, e('an object of stimulus id: amplitude')).default({}),
    trace: FitTrace.optional(),
    spikeTimesMs: z.array(finite(), e('an array of spike times in ms')).optional(),
  },
  e('an object {label?, amplitudes?, trace?, spikeTimesMs?}'),
);
export type FitCase = z.output<typeof FitCase>;

export const LossTerm = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('trace-mse'), weight: nonNegative().default(1), startMs: nonNegative().optional(), stopMs: positive().optional() }),
    z.strictObject({ kind: z.literal('spike-count'), weight: nonNegative().default(1) }),
    z.strictObject({ kind: z.literal('rate'), weight: nonNegative().default(1) }),
    z.strictObject({ kind: z.literal('first-spike'), weight: nonNegative().default(1) }),
    z.strictObject({ kind: z.literal('van-rossum'), weight: nonNegative().default(1), tauMs: positive().default(10) }),
    z.strictObject({ kind: z.literal('isi'), weight: nonNegative().default(1) }),
  ],
  e(`a loss term {kind: ${LOSS_KINDS.map((k) => `'${k}'`).join(' | ')}, weight}`),
);
export type LossTerm = z.output<typeof LossTerm>;

export const FitOptimizer = z.strictObject(
  {
    kind: z.enum(OPTIMIZER_KINDS, e("'adam', 'sgd', 'cmaes' or 'lm'")).default('adam'),
    /** Step size in the optimiser's (transformed) coordinates. */
    learningRate: positive().default(0.05),
    /** Learning rate × decay^iteration (1: constant). */
    decay: positive().max(1, e('a number in (0, 1]')).default(1),
    /** Largest gradient norm (in transformed coordinates); larger gradients are scaled down. */
    clipNorm: positive().optional(),
    iterations: z.int(e('an integer >= 1')).gte(1, e('an integer >= 1')).default(200),
    /** CMA-ES: candidates per generation (default 4 + ⌊3 ln n⌋) and initial step size. */
    populationSize: z.int(e('an integer >= 2')).gte(2, e('an integer >= 2')).optional(),
    sigma0: positive().default(0.3),
    seed: z.int(e('an integer')).default(1),
  },
  e('an object {kind, learningRate, iterations, ...}'),
);

export const FitSettings = z.strictObject(
  {
    population: identifier('a population id'),
    /** The recorded state compared with target traces (default: v). */
    observe: z.string(e('a state name')).optional(),
    /** Which neuron of the population is observed (default 0, the first). */
    neuron: z.int(e('an integer >= 0')).gte(0, e('an integer >= 0')).optional(),
    params: z.array(FitParam, e('an array of trained parameters')).default([]),
    cases: z.array(FitCase, e('an array of fit cases')).default([]),
    loss: z.array(LossTerm, e('an array of loss terms')).default([{ kind: 'trace-mse', weight: 1 }]),
    optimizer: FitOptimizer.default({ kind: 'adam', learningRate: 0.05, decay: 1, iterations: 200, sigma0: 0.3, seed: 1 }),
    surrogate: z
      .strictObject(
        {
          kind: z.enum(SURROGATE_NAMES, e('a surrogate name')).default('fast_sigmoid'),
          /** Steepness (per unit of the spike condition's margin, e.g. 1/mV). */
          slope: positive().optional(),
          /** The reset's dependence on the spike: surrogate ('differentiate'), none ('detach'), or the spike time's ('spike-times'). */
          reset: z.enum(['differentiate', 'detach', 'spike-times'], e("'differentiate', 'detach' or 'spike-times'")).default('detach'),
          /**
           * Network gradients: how the spikes of other neurons move with the parameters — held where
           * they happened ('detach': the exact derivative of the simulation while no spike moves), by
           * their surrogate derivatives ('surrogate'), or by their spike times ('spike-times').
           */
          synapses: z.enum(['detach', 'surrogate', 'spike-times'], e("'detach', 'surrogate' or 'spike-times'")).default('detach'),
        },
        e('an object {kind, slope?, reset, synapses}'),
      )
      .default({ kind: 'fast_sigmoid', reset: 'detach', synapses: 'detach' }),
  },
  e('an object {population, params, cases, loss, optimizer, surrogate}'),
);
export type FitSettings = z.output<typeof FitSettings>;
export type FitSettingsInput = z.input<typeof FitSettings>;
