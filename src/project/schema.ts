/**
 * The project document, format v1 (see docs/project-format.md): zod schemas and the types inferred
 * from them. Every object is strict, so a misspelt key is an error rather than silently ignored;
 * only `layout` (editor data, never read by the engine) accepts anything.
 *
 * Error texts given to zod here are "expectation phrases" (`expected ...`); validate.ts appends
 * what was found. Checks that need the whole document (unknown populations, array lengths, ...)
 * live in validate.ts.
 */
import { z } from 'zod';
import { FitSettings } from './fitSchema';
import { ConnectionRecording, Projection, RateMonitor } from './networkSchema';
import {
  Amount,
  e,
  finite,
  identifier,
  intMin,
  nonNegative,
  ParamValue,
  positive,
  quoted,
} from './valueSchema';

export { Amount, Distribution, IDENTIFIER_RE, LognormalDist, NormalDist, ParamValue, QuantityString, quantityProblem, UniformDist } from './valueSchema';

export const PROJECT_FORMAT = 'spikeflow-project';
export const PROJECT_VERSION = 1;

/** A recorded variable: `v`, a definition `i_total`, or a channel variable `Na.m`. */
export const VARIABLE_RE = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)?$/;

const ParamMap = z.record(identifier('a parameter or state name'), ParamValue, e('an object of name: value'));
/** Initial values of a population: its own states, or summed synapse states as `projection.state`. */
const InitMap = z.record(
  z.string(e('a state name')).regex(VARIABLE_RE, e("a state name such as 'v' or 'ee.g'")),
  ParamValue,
  e('an object of name: value'),
);

// ---------------------------------------------------------------------------------------------
// Simulation

export const BACKENDS = ['cpu', 'webgpu', 'auto'] as const;
export const PRECISIONS = ['f32', 'f64'] as const;

export const SimulationSettings = z.strictObject(
  {
    /** Time step, ms. */
    dtMs: positive('a time step in ms > 0').default(0.1),
    /** Simulated time, ms. */
    durationMs: positive('a duration in ms > 0'),
    /** Seed of every random draw (distributions, noise). */
    seed: z.int(e('an integer seed')).default(1),
    backend: z.enum(BACKENDS, e(`one of ${quoted(BACKENDS)}`)).default('cpu'),
    precision: z.enum(PRECISIONS, e(`one of ${quoted(PRECISIONS)}`)).default('f32'),
  },
  e('an object {dtMs, durationMs, seed, backend, precision}'),
);
export type SimulationSettings = z.output<typeof SimulationSettings>;

// ---------------------------------------------------------------------------------------------
// Populations

/** The integrators Spikeflow implements. */
export const CANONICAL_INTEGRATORS = ['euler', 'midpoint', 'heun', 'rk4', 'exponential_euler', 'exact'] as const;
export type CanonicalIntegrator = (typeof CANONICAL_INTEGRATORS)[number];

/**
 * Every accepted `integrator` name and the integrator it means. Besides Spikeflow's own names this
 * holds ngclearn's `integration_type` names (`rk1`, `rk2`, `rk2_heun`; `euler`, `midpoint`, `heun`
 * and `rk4` are shared). ngclearn's `rk2_ralston`/`ralston` is not one of our integrators, so it is refused.
 */
export const INTEGRATOR_ALIASES = {
  euler: 'euler',
  rk1: 'euler',
  midpoint: 'midpoint',
  rk2: 'midpoint',
  heun: 'heun',
  rk2_heun: 'heun',
  rk4: 'rk4',
  exponential_euler: 'exponential_euler',
  exact: 'exact',
} as const satisfies Record<string, CanonicalIntegrator>;

export const INTEGRATOR_NAMES = Object.keys(INTEGRATOR_ALIASES) as (keyof typeof INTEGRATOR_ALIASES)[];

export const IntegratorName = z.enum(
  INTEGRATOR_NAMES as [keyof typeof INTEGRATOR_ALIASES, ...(keyof typeof INTEGRATOR_ALIASES)[]],
  e(`an integrator: one of ${quoted(INTEGRATOR_NAMES)}`),
);
export type IntegratorName = z.output<typeof IntegratorName>;

/** Maps any accepted integrator name (including ngclearn's) to the integrator Spikeflow runs. */
export function canonicalIntegrator(name: IntegratorName): CanonicalIntegrator;
export function canonicalIntegrator(name: string): CanonicalIntegrator | undefined;
export function canonicalIntegrator(name: string): CanonicalIntegrator | undefined {
  return Object.prototype.hasOwnProperty.call(INTEGRATOR_ALIASES, name)
    ? INTEGRATOR_ALIASES[name as IntegratorName]
    : undefined;
}

export const ChannelInsert = z.strictObject(
  {
    /** Name of a channel model (library or `models`). */
    model: z.string(e('a channel model name')).min(1, e('a channel model name')),
    params: ParamMap.optional(),
    init: ParamMap.optional(),
  },
  e('a channel object {model, params?, init?}'),
);
export type ChannelInsert = z.output<typeof ChannelInsert>;

export const Population = z.strictObject(
  {
    id: identifier('a population id'),
    /** Name of a cell model (library or `models`). */
    model: z.string(e('a cell model name')).min(1, e('a cell model name')),
    size: intMin(1),
    params: ParamMap.optional(),
    init: InitMap.optional(),
    channels: z.array(ChannelInsert, e('an array of channels')).optional(),
    integrator: IntegratorName.default('euler'),
    update: z.enum(['simultaneous', 'sequential'], e("'simultaneous' or 'sequential'")).default('simultaneous'),
    /** At most one spike per step in the whole population (ngclearn-style winner-take-all). */
    oneSpike: z.boolean(e('true or false')).default(false),
    label: z.string(e('a text')).optional(),
  },
  e('a population object {id, model, size, ...}'),
);
export type Population = z.output<typeof Population>;

// ---------------------------------------------------------------------------------------------
// Stimuli

const NeuronList = z.array(intMin(0), e('an array of neuron indices'));
const Neurons = z.union([NeuronList, z.literal('all')], e("an array of neuron indices or 'all'"));

const stimulusBase = {
  id: identifier('a stimulus id'),
  /** Population id. */
  target: z.string(e('a population id')),
  /** The cell input the stimulus adds to; default: the cell's first input. */
  input: identifier('an input name').optional(),
  neurons: Neurons.default('all'),
  startMs: nonNegative('a time in ms >= 0').default(0),
  /** Absent: until the end of the simulation. */
  stopMs: nonNegative('a time in ms >= 0').optional(),
};

const stimulus = <K extends string, T extends z.core.$ZodLooseShape>(type: K, shape: T) =>
  z.strictObject({ type: z.literal(type), ...stimulusBase, ...shape }, e(`a stimulus object {type: '${type}', ...}`));

export const StepStimulus = stimulus('step', { amplitude: Amount });
export const RampStimulus = stimulus('ramp', { from: Amount, to: Amount });
export const PulsesStimulus = stimulus('pulses', {
  amplitude: Amount,
  widthMs: positive('a pulse width in ms > 0'),
  periodMs: positive('a period in ms > 0'),
  count: intMin(1).optional(),
});
export const SineStimulus = stimulus('sine', {
  amplitude: Amount,
  frequencyHz: nonNegative('a frequency in Hz >= 0'),
  offset: Amount.default(0),
  phaseDeg: finite('a phase in degrees').default(0),
});
export const NoiseStimulus = stimulus('noise', { mean: Amount.default(0), std: Amount });
export const ExpressionStimulus = stimulus('expression', {
  expression: z.string(e('an expression of t')).min(1, e('an expression of t')),
});
export const SampledStimulus = stimulus('sampled', {
  values: z.array(finite(), e('an array of numbers')).min(1, e('a non-empty array of numbers')).optional(),
  csv: z.string(e('CSV text')).optional(),
  column: z.string(e('a CSV column name')).optional(),
  sampleIntervalMs: positive('a sample interval in ms > 0').optional(),
  interpolation: z.enum(['linear', 'step'], e("'linear' or 'step'")).default('linear'),
});

export const STIMULUS_TYPES = ['step', 'ramp', 'pulses', 'sine', 'noise', 'expression', 'sampled'] as const;

export const Stimulus = z.discriminatedUnion(
  'type',
  [StepStimulus, RampStimulus, PulsesStimulus, SineStimulus, NoiseStimulus, ExpressionStimulus, SampledStimulus],
  e('a stimulus object'),
);
export type Stimulus = z.output<typeof Stimulus>;
export type StimulusType = Stimulus['type'];
export type StepStimulus = z.output<typeof StepStimulus>;
export type RampStimulus = z.output<typeof RampStimulus>;
export type PulsesStimulus = z.output<typeof PulsesStimulus>;
export type SineStimulus = z.output<typeof SineStimulus>;
export type NoiseStimulus = z.output<typeof NoiseStimulus>;
export type ExpressionStimulus = z.output<typeof ExpressionStimulus>;
export type SampledStimulus = z.output<typeof SampledStimulus>;

// ---------------------------------------------------------------------------------------------
// Recordings and spikes

export const Recording = z.strictObject(
  {
    /** Names the recorder node in the editor (optional; the engine ignores it). */
    id: identifier('a recording id').optional(),
    population: z.string(e('a population id')),
    variables: z
      .array(
        z.string(e('a variable name')).regex(VARIABLE_RE, e("a variable name such as 'v' or 'Na.m'")),
        e('an array of variable names'),
      )
      .min(1, e('a non-empty array of variable names')),
    neurons: Neurons.default([0]),
    /** Sampling interval, ms; default every step. */
    intervalMs: positive('an interval in ms > 0').optional(),
  },
  e('a recording object {population, variables, neurons?, intervalMs?}'),
);
export type Recording = z.output<typeof Recording>;

export const SpikeRecording = z.strictObject(
  {
    populations: z.union(
      [z.array(z.string(e('a population id')), e('an array of population ids')), z.literal('all')],
      e("an array of population ids or 'all'"),
    ),
  },
  e('an object {populations}'),
);
export type SpikeRecording = z.output<typeof SpikeRecording>;

// ---------------------------------------------------------------------------------------------
// The document

export const Project = z.strictObject(
  {
    format: z.literal(PROJECT_FORMAT, e(`'${PROJECT_FORMAT}'`)),
    version: z.literal(PROJECT_VERSION, e(`version ${PROJECT_VERSION}`)),
    name: z.string(e('a text')).optional(),
    description: z.string(e('a text')).optional(),
    simulation: SimulationSettings,
    models: z
      .record(identifier('a model name'), z.string(e('model source text')), e('an object of name: source'))
      .default({}),
    populations: z.array(Population, e('an array of populations')),
    /** Connections between populations through synapse models. */
    projections: z.array(Projection, e('an array of projections')).default([]),
    stimuli: z.array(Stimulus, e('an array of stimuli')).default([]),
    recordings: z.array(Recording, e('an array of recordings')).default([]),
    /** Recordings of synaptic states and weights. */
    connectionRecordings: z.array(ConnectionRecording, e('an array of connection recordings')).default([]),
    /** Population firing-rate monitors. */
    rates: z.array(RateMonitor, e('an array of rate monitors')).default([]),
    spikes: SpikeRecording.default({ populations: 'all' }),
    /** Parameter fitting: trained parameters, target data, loss and optimiser (src/fit). */
    fit: FitSettings.optional(),
    /** Editor data (node positions, ...). Never read by the engine. */
    layout: z.record(z.string(), z.unknown(), e('an object')).optional(),
  },
  e('a JSON object'),
);
/** A validated project with every default filled in. */
export type Project = z.output<typeof Project>;
/** A project as written in a file (defaults may be missing). */
export type ProjectInput = z.input<typeof Project>;

/** Aliases for code that prefers the `...Schema` spelling. */
export const ProjectSchema = Project;
export const PopulationSchema = Population;
export const StimulusSchema = Stimulus;
export const RecordingSchema = Recording;
export { ConnectionRecording, Connectivity, ConnectionValue, Projection, RateMonitor } from './networkSchema';
