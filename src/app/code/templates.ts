/**
 * Starting points for a new model: one complete, commented, valid model per kind. Each compiles
 * without a single diagnostic (templates.test.ts), so a user starts from something that runs and
 * changes it step by step, seeing at once which edit broke what.
 */
export type ModelKind = 'cell' | 'channel' | 'synapse';

export interface ModelTemplate {
  readonly kind: ModelKind;
  readonly title: string;
  /** One line for the New menu. */
  readonly description: string;
  /** The suggested name (made unique before use). */
  readonly suggestedName: string;
}

export const MODEL_TEMPLATES: readonly ModelTemplate[] = [
  { kind: 'cell', title: 'Cell', description: 'A neuron: leaky integrate-and-fire, with spike, reset and refractoriness', suggestedName: 'MyCell' },
  { kind: 'channel', title: 'Channel', description: 'An ion channel to insert into a Compartment: one voltage-gated gate', suggestedName: 'MyChannel' },
  { kind: 'synapse', title: 'Synapse', description: 'A connection: conductance-based exponential synapse', suggestedName: 'MySynapse' },
];

/** The template's source with its header naming `name`. */
export function templateSource(kind: ModelKind, name: string): string {
  return TEMPLATES[kind].replace('__NAME__', name);
}

const CELL = String.raw`## A leaky integrate-and-fire neuron: start here, make it your own.
##   tau_m dv/dt = (v_rest - v) + R j
## Lines starting with ## document the model; the first is its
## summary in the palette. A # comment after a declaration is that
## symbol's description in the inspector.
model __NAME__ : cell

# Parameters: name = default value and unit (sliders in the inspector).
params
  tau_m   = 10 ms    # membrane time constant
  R       = 1 Mohm   # membrane resistance
  v_rest  = -65 mV   # resting potential
  v_reset = -60 mV   # potential after a spike
  thr     = -52 mV   # spike threshold
  t_ref   = 2 ms     # absolute refractory period

# Inputs: what the cell receives each step. The first is the membrane
# current: stimuli and synapses add to it, inserted channels subtract
# their outward currents from it.
inputs
  j : nA             # summed external and synaptic current

# States: integrated variables with their initial values.
states
  v = v_rest         # membrane potential (unit from v_rest: mV)

# One equation per state; units are checked (dv/dt must be mV/time).
equations
  dv/dt = ((v_rest - v) + R*j) / tau_m   (unless refractory)

# Tested after every step; reset runs for the neurons that spiked.
spike v >= thr

reset
  v = v_reset

# States marked (unless refractory) are held this long after a spike.
refractory t_ref
`;

const CHANNEL = String.raw`## A voltage-gated channel with one activation gate (a template).
##   i = g_max m (v - E_rev),   dm/dt = (m_inf(v) - m) / tau_m
## Insert it into a Compartment: drag it from the palette onto the
## cell. Like the library's Jaxley channels it works in densities
## (S/cm2; its current in uA/cm2).
model __NAME__ : channel

params
  g_max  = 0.005 S/cm2  # maximal conductance density
  E_rev  = -90 mV       # reversal potential (potassium-like)
  v_half = -40 mV       # half-activation potential of the gate
  k      = 8 mV         # slope of the activation curve
  tau_m  = 5 ms         # time constant of the gate

# A channel's inputs are its host cell's symbols, bound by name.
inputs
  v : mV                # membrane potential of the host cell

# 'steady' starts the gate at its fixed point for the initial v
# (its equation must be linear in the gate).
states
  m = steady            # activation gate, between 0 and 1

# Definitions are recomputed where used, and can be recorded.
definitions
  m_inf = 1 / (1 + exp(-(v - v_half) / k))  # steady activation

equations
  dm/dt = (m_inf - m) / tau_m

# Outward positive: the cell subtracts it from its membrane input.
current
  i = g_max * m * (v - E_rev)
`;

const SYNAPSE = String.raw`## A conductance-based exponential synapse (a template).
##   dg/dt = -g / tau;   on a presynaptic spike g <- g + w
##   i = g (E - v)
## Pick it in the palette, then connect two populations: every
## connection gets its own g.
model __NAME__ : synapse

params
  w   = 1 nS    # weight: conductance added per presynaptic spike
  tau = 5 ms    # decay time constant
  E   = 0 mV    # reversal potential (0 mV excites, -80 mV inhibits)

# Inputs bind to the post-synaptic cell's symbols by name
# (v_pre would be the pre-synaptic cell's v).
inputs
  v : mV        # membrane potential of the post-synaptic cell

# A state changed by on_pre declares its unit.
states
  g : nS = 0 nS # synaptic conductance

equations
  dg/dt = -g / tau

# Runs when a spike of the pre-synaptic neuron arrives (after the
# connection's delay). The projection's weight sets w.
on_pre
  g += w

# The current into the post-synaptic cell (positive depolarises).
current
  i = g * (E - v)
`;

const TEMPLATES: Record<ModelKind, string> = { cell: CELL, channel: CHANNEL, synapse: SYNAPSE };
