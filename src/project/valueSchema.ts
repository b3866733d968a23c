/**
 * Building blocks of the project schema: expectation-phrased error texts, scalars, quantity strings
 * and the value forms (number, quantity, per-element array, distribution) shared by populations and
 * projections.
 */
import { z } from 'zod';
import { parseUnitText } from '../model/units';

/** Names of populations, parameters, states, models: letters, digits and `_`, starting with a letter. */
export const IDENTIFIER_RE = /^[A-Za-z][A-Za-z0-9_]*$/;

export const e = (what: string) => ({ error: `expected ${what}` });
export const quoted = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

// ---------------------------------------------------------------------------------------------
// Scalars

export const finite = (what = 'a number') => z.number(e(what));
export const positive = (what = 'a number > 0') => z.number(e(what)).gt(0, e(what));
export const nonNegative = (what = 'a number >= 0') => z.number(e(what)).gte(0, e(what));
export const intMin = (min: number) => z.int(e(`an integer >= ${min}`)).gte(min, e(`an integer >= ${min}`));
export const identifier = (what: string) =>
  z.string(e(what)).regex(IDENTIFIER_RE, e(`${what} (letters, digits and '_', starting with a letter)`));

export const QUANTITY_RE = /^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*?)\s*$/;

/**
 * Why `text` is not a quantity such as `"-65 mV"` or `"0.12 S/cm2"`, or undefined if it is one.
 * A bare number in a string (`"3"`) is a dimensionless quantity.
 */
export function quantityProblem(text: string): string | undefined {
  const m = QUANTITY_RE.exec(text);
  if (!m) return `expected a quantity such as "-65 mV" (a number followed by a unit), got ${JSON.stringify(text)}`;
  if (parseUnitText(m[2]) === undefined) return `unknown unit '${m[2]}' in ${JSON.stringify(text)}`;
  return undefined;
}

/** A quantity string: a number and a unit, e.g. `"-65 mV"`. */
export const QuantityString = z.string(e('a quantity string such as "-65 mV"')).superRefine((s, ctx) => {
  const problem = quantityProblem(s);
  if (problem) ctx.addIssue({ code: 'custom', message: problem, input: s });
});

/** A number (in the declared unit of whatever it sets) or a quantity string with its own unit. */
export const Amount = z.union([finite(), QuantityString], e('a number or a quantity string such as "0.5 nA"'));
export type Amount = z.output<typeof Amount>;

// ---------------------------------------------------------------------------------------------
// Parameter values

export const UniformDist = z.strictObject(
  { dist: z.literal('uniform'), low: Amount, high: Amount },
  e("a distribution object {dist: 'uniform', low, high}"),
);
export const NormalDist = z.strictObject(
  {
    dist: z.literal('normal'),
    mean: Amount,
    std: Amount,
    /** Samples below `min` are set to `min`. */
    min: Amount.optional(),
    /** Samples above `max` are set to `max`. */
    max: Amount.optional(),
  },
  e("a distribution object {dist: 'normal', mean, std}"),
);
/** Log-normal: median · exp(sigma · N(0, 1)), clipped to [min, max] if given; median carries the unit. */
export const LognormalDist = z.strictObject(
  {
    dist: z.literal('lognormal'),
    median: Amount,
    sigma: z.number(e('a shape sigma >= 0')).gte(0, e('a shape sigma >= 0')),
    min: Amount.optional(),
    max: Amount.optional(),
  },
  e("a distribution object {dist: 'lognormal', median, sigma}"),
);
export const Distribution = z.discriminatedUnion('dist', [UniformDist, NormalDist], e('a distribution object'));
/** Distributions for connection values (weights, delays), which also allow log-normal. */
export const ConnectionDistribution = z.discriminatedUnion('dist', [UniformDist, NormalDist, LognormalDist], e('a distribution object'));
export type Distribution = z.output<typeof Distribution>;

/**
 * A parameter or initial value: a number in the declared unit, a quantity string, one number per
 * neuron, or a distribution sampled once per neuron at load time.
 */
export const ParamValue = z.union(
  [finite(), QuantityString, z.array(finite(), e('an array of numbers (one per neuron)')), Distribution],
  e(
    'a number, a quantity string such as "-65 mV", an array of numbers (one per neuron) ' +
      "or a distribution {dist: 'uniform' | 'normal', ...}",
  ),
);
export type ParamValue = z.output<typeof ParamValue>;

