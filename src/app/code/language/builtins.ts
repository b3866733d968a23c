/**
 * What the language itself provides, documented for completion and hover: built-in functions,
 * built-in symbols, keywords and section headers. The wording follows docs/model-language.md; the
 * names come from the compiler (builtins.test.ts checks that every function the compiler accepts
 * is documented here and nothing else is).
 */
import { SECTION_KEYWORDS, type SectionKeyword } from '../../../model/ast';

export interface FunctionDoc {
  readonly name: string;
  /** How it is called, e.g. `clip(x, lo, hi)`. */
  readonly signature: string;
  /** What it computes. */
  readonly summary: string;
  /** The unit rule the checker applies. */
  readonly units: string;
  /** Usable in a parameter default (the compiler can evaluate it to a constant). */
  readonly constant: boolean;
  /** Only allowed in a `spike` condition. */
  readonly spikeOnly?: boolean;
}

const fn = (name: string, signature: string, summary: string, units: string, constant: boolean, spikeOnly = false): FunctionDoc => ({
  name,
  signature,
  summary,
  units,
  constant,
  spikeOnly,
});

const DIMENSIONLESS_RULE = 'The argument must be dimensionless; the result is dimensionless.';

export const FUNCTION_DOCS: readonly FunctionDoc[] = [
  fn('exp', 'exp(x)', 'The exponential eˣ.', DIMENSIONLESS_RULE, true),
  fn('log', 'log(x)', 'The natural logarithm ln x.', DIMENSIONLESS_RULE, true),
  fn('sqrt', 'sqrt(x)', 'The square root.', 'The result has the square root of the argument’s unit (sqrt of mV² is mV).', true),
  fn('abs', 'abs(x)', 'The absolute value |x|.', 'The result has the unit of x.', true),
  fn('min', 'min(a, b, …)', 'The smallest of 2 to 8 values.', 'All arguments must have the same unit; the result has that unit.', true),
  fn('max', 'max(a, b, …)', 'The largest of 2 to 8 values.', 'All arguments must have the same unit; the result has that unit.', true),
  fn('tanh', 'tanh(x)', 'The hyperbolic tangent.', DIMENSIONLESS_RULE, false),
  fn('sin', 'sin(x)', 'The sine (x in radians).', DIMENSIONLESS_RULE, false),
  fn('cos', 'cos(x)', 'The cosine (x in radians).', DIMENSIONLESS_RULE, false),
  fn(
    'pow',
    'pow(x, y)',
    'x raised to the power y, the same as x^y.',
    'y must be dimensionless; if x has a unit, y must be a constant and the result has x’s unit to that power.',
    true,
  ),
  fn('clip', 'clip(x, lo, hi)', 'x limited to the interval [lo, hi].', 'x, lo and hi must have the same unit; the result has that unit.', false),
  fn('heaviside', 'heaviside(x)', 'The step function: 1 for x ≥ 0 and 0 otherwise.', 'x may have any unit; the result is dimensionless.', false),
  fn(
    'exprel',
    'exprel(x)',
    '(eˣ − 1)/x, equal to 1 at x = 0 (as in Brian2). Write Hodgkin–Huxley rates with it to avoid 0/0, e.g. `1/ms/exprel(-(v + 40 mV)/(10 mV))`.',
    DIMENSIONLESS_RULE,
    false,
  ),
  fn(
    'rand',
    'rand()',
    'A uniform random number in [0, 1): a fresh draw per neuron and step, the same in every stage of the integrator. Each call site is its own reproducible stream; in an initial value it draws once per neuron.',
    'Takes no arguments; the result is dimensionless.',
    false,
  ),
  fn(
    'randn',
    'randn()',
    'A standard normal random number: a fresh draw per neuron and step, held over the step (write white noise as `sigma*sqrt(2/tau)*randn()/sqrt(dt)`).',
    'Takes no arguments; the result is dimensionless.',
    false,
  ),
  fn(
    'pop_sum',
    'pop_sum(e)',
    'The sum of e over every neuron of the population, evaluated after integration (e.g. a soft-max winner-take-all `exp(v) / pop_sum(exp(v)) >= thr`).',
    'The result has the unit of e. Only allowed in a `spike` condition.',
    false,
    true,
  ),
  fn(
    'pop_max',
    'pop_max(e)',
    'The largest value of e over every neuron of the population, evaluated after integration.',
    'The result has the unit of e. Only allowed in a `spike` condition.',
    false,
    true,
  ),
];

const FUNCTIONS_BY_NAME = new Map(FUNCTION_DOCS.map((f) => [f.name, f]));

export function functionDoc(name: string): FunctionDoc | undefined {
  return FUNCTIONS_BY_NAME.get(name);
}

export interface BuiltinSymbolDoc {
  readonly name: string;
  readonly unit: string;
  readonly summary: string;
}

/** Names every model can use without declaring them (ir.ts BUILTIN_SYMBOLS), with their units. */
export const BUILTIN_SYMBOL_DOCS: readonly BuiltinSymbolDoc[] = [
  { name: 't', unit: 'ms', summary: 'The simulation time.' },
  { name: 'dt', unit: 'ms', summary: 'The integration step.' },
  { name: 'lastspike', unit: 'ms', summary: 'The time of this neuron’s last spike; -1e7 ms before the first (as BrainPy’s t_last_spike).' },
  { name: 'pi', unit: '1', summary: 'π = 3.14159…' },
];

export function builtinSymbolDoc(name: string): BuiltinSymbolDoc | undefined {
  return BUILTIN_SYMBOL_DOCS.find((b) => b.name === name);
}

/** One line per section header: what it holds (docs/model-language.md, "Structure"). */
export const SECTION_DOCS: Readonly<Record<SectionKeyword, string>> = {
  params: 'Parameters: `name = constant   # description`. The default value’s unit is the parameter’s unit.',
  inputs:
    'Inputs: `name : unit   # description`. Values the model receives each step: the summed current of a cell, or (in a channel or synapse) a variable of the host cell such as `v`.',
  states:
    'States: `name = expression`, `name : unit = expression` or `name = steady`. The initial value may use parameters and earlier states.',
  definitions: 'Definitions: `name = expression`, algebraic variables recomputed whenever they are needed (in any order, not circular). They can be recorded.',
  equations:
    'Equations: `dX/dt = expression`, optionally followed by `(unless refractory)`. Every state needs exactly one equation (`dX/dt = 0` for states changed only by reset or events).',
  current: 'Current: `i = expression`, the current a channel contributes to its host membrane (outward positive) or a synapse injects into its post-synaptic cell (inward positive).',
  spike: '`spike CONDITION`: a neuron spikes when the condition holds after integration (not while refractory).',
  reset: 'Reset: `x = e`, `x += e`, `x -= e`, run in order for each neuron that spiked.',
  refractory: '`refractory DURATION`: after a spike, states marked `(unless refractory)` are held and the spike test is suppressed for this long.',
  clamp: 'Clamp: assignments run every step right after integration and before the spike test, e.g. `v = max(v, v_min)`.',
  on_pre: 'On pre: statements run for a connection when a spike of its pre-synaptic neuron arrives (after the delay). Synapses only.',
  on_post: 'On post: statements run for a connection when its post-synaptic neuron spikes (plasticity). Synapses only.',
};

/** One line per other keyword (model header, kinds, initial values, logic). */
export const KEYWORD_DOCS: Readonly<Record<string, string>> = {
  model: '`model NAME : KIND` names the model and says what it is: `cell`, `channel` or `synapse`. It is the first statement of a source.',
  cell: 'A cell: a neuron (or compartment) with its own states, inputs, and optionally a spike condition, reset and refractory period.',
  channel: 'A channel: inserted into a cell; its inputs bind to the cell’s variables (`v`) and its `current` (outward positive) is subtracted from the cell’s input.',
  synapse: 'A synapse: one connection of a projection, with per-connection states, `on_pre`/`on_post` events and a `current` into the post-synaptic cell.',
  steady: '`x = steady` starts the state at the fixed point of its equation, which must be linear in x (a dimensionless gate).',
  unless: '`(unless refractory)` after an equation holds that state while the neuron is refractory.',
  and: 'Logical and of two conditions.',
  or: 'Logical or of two conditions.',
  not: 'Logical negation of a condition.',
};

/** The doc of `refractory` inside `(unless refractory)`, as opposed to the section header. */
export const UNLESS_REFRACTORY_DOC = KEYWORD_DOCS.unless;

export const SECTION_KEYWORD_SET: ReadonlySet<string> = new Set(SECTION_KEYWORDS);

export const MODEL_KINDS = ['cell', 'channel', 'synapse'] as const;
