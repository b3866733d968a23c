/**
 * The network part of the project document: projections (pre → post through a synapse model, with a
 * connectivity rule, weights and delays), recordings of connections, and population rate monitors.
 */
import { z } from 'zod';
import { ConnectionDistribution, e, finite, identifier, intMin, nonNegative, positive } from './valueSchema';

const NeuronIndex = intMin(0);

/**
 * A per-connection value (a weight, a delay, a synapse parameter): a number in the declared unit, a
 * quantity string, a distribution drawn per connection from the seed, or one number per connection
 * (in the order the connectivity rule creates them; explicit lists: the list's order).
 */
export const ConnectionValue = z.union(
  [finite(), z.string(e('a quantity string')), z.array(finite(), e('an array of numbers (one per connection)')), ConnectionDistribution],
  e("a number, a quantity string such as \"0.5 nS\", an array (one per connection) or a distribution {dist: 'uniform' | 'normal' | 'lognormal', ...}"),
);
export type ConnectionValue = z.output<typeof ConnectionValue>;

const allowSelf = z.boolean(e('true or false')).default(false);

export const Connectivity = z.discriminatedUnion(
  'rule',
  [
    /** Every pre neuron to every post neuron (Jaxley's fully_connect). */
    z.strictObject({ rule: z.literal('all_to_all'), allowSelf }, e("{rule: 'all_to_all'}")),
    /** Pre neuron i to post neuron i; both populations must have the same size. */
    z.strictObject({ rule: z.literal('one_to_one') }, e("{rule: 'one_to_one'}")),
    /** Each pair independently with probability p. */
    z.strictObject(
      { rule: z.literal('fixed_probability'), p: z.number(e('a probability in [0, 1]')).gte(0, e('a probability in [0, 1]')).lte(1, e('a probability in [0, 1]')), allowSelf },
      e("{rule: 'fixed_probability', p}"),
    ),
    /** Every post neuron receives exactly k connections from distinct pre neurons. */
    z.strictObject({ rule: z.literal('fixed_in_degree'), k: intMin(0), allowSelf }, e("{rule: 'fixed_in_degree', k}")),
    /** Every pre neuron makes exactly k connections to distinct post neurons. */
    z.strictObject({ rule: z.literal('fixed_out_degree'), k: intMin(0), allowSelf }, e("{rule: 'fixed_out_degree', k}")),
    /** The connections as two lists of equal length: pre[i] → post[i]. */
    z.strictObject({ rule: z.literal('explicit'), pre: z.array(NeuronIndex, e('an array of pre neuron indices')), post: z.array(NeuronIndex, e('an array of post neuron indices')) }, e("{rule: 'explicit', pre, post}")),
  ],
  e("a connectivity rule {rule: 'all_to_all' | 'one_to_one' | 'fixed_probability' | 'fixed_in_degree' | 'fixed_out_degree' | 'explicit', ...}"),
);
export type Connectivity = z.output<typeof Connectivity>;

export const Projection = z.strictObject(
  {
    id: identifier('a projection id'),
    /** Pre-synaptic population id. */
    pre: z.string(e('a population id')),
    /** Post-synaptic population id. */
    post: z.string(e('a population id')),
    /** Name of a synapse model (library or `models`). */
    synapse: z.string(e('a synapse model name')).min(1, e('a synapse model name')),
    connectivity: Connectivity,
    /** Sets the synapse's parameter `w`. */
    weight: ConnectionValue.optional(),
    /** Transmission delay, ms; rounded to whole steps (see docs/project-format.md). Default 0. */
    delayMs: ConnectionValue.optional(),
    /** Any synapse parameter, per connection. */
    params: z.record(identifier('a parameter name'), ConnectionValue, e('an object of name: value')).optional(),
    /** Initial values of the synapse's states. */
    init: z.record(identifier('a state name'), ConnectionValue, e('an object of name: value')).optional(),
    /** The post cell input that receives the synapse current (default: its first input). */
    input: identifier('an input name').optional(),
    label: z.string(e('a text')).optional(),
  },
  e('a projection object {id, pre, post, synapse, connectivity, weight?, delayMs?, ...}'),
);
export type Projection = z.output<typeof Projection>;

/** Recording of synaptic states and weights, per connection. */
export const ConnectionRecording = z.strictObject(
  {
    projection: z.string(e('a projection id')),
    variables: z.array(identifier('a synapse variable name'), e('an array of variable names')).min(1, e('a non-empty array of variable names')),
    /** Connection indices (in creation order), or 'all'. */
    connections: z.union([z.array(NeuronIndex, e('an array of connection indices')), z.literal('all')], e("an array of connection indices or 'all'")).default([0]),
    intervalMs: positive('an interval in ms > 0').optional(),
  },
  e('a connection recording {projection, variables, connections?, intervalMs?}'),
);
export type ConnectionRecording = z.output<typeof ConnectionRecording>;

/** Population firing rate, binned and optionally smoothed with a Gaussian window. */
export const RateMonitor = z.strictObject(
  {
    population: z.string(e('a population id')),
    binMs: positive('a bin width in ms > 0').default(1),
    /** Standard deviation of the Gaussian smoothing window, ms (0: none). */
    smoothMs: nonNegative('a width in ms >= 0').default(0),
  },
  e('a rate monitor {population, binMs?, smoothMs?}'),
);
export type RateMonitor = z.output<typeof RateMonitor>;


