import type { LibrarySource } from '../types';

export const ExpConductance: LibrarySource = {
  origin: 'classic',
  source: String.raw`## Conductance-based exponential synapse: each presynaptic spike adds w to a conductance that
## decays with time constant tau and drives the post cell towards the reversal potential E.
##   dg/dt = -g / tau;   on a presynaptic spike g <- g + w;   i = g (E - v)
## Brette et al. (2007), J. Comput. Neurosci. 23:349 (the COBA benchmark: excitatory E = 0 mV,
## tau = 5 ms; inhibitory E = -80 mV, tau = 10 ms); NEURON's ExpSyn.
model ExpConductance : synapse

params
  w   = 1 nS    # weight: conductance increment per spike
  tau = 5 ms    # decay time constant
  E   = 0 mV    # reversal potential

inputs
  v : mV        # membrane potential of the post-synaptic cell

states
  g : nS = 0 nS   # synaptic conductance

equations
  dg/dt = -g / tau

on_pre
  g += w

current
  i = g * (E - v)   # into the post-synaptic cell
`,
};
