import type { LibrarySource } from '../types';

export const ExpCurrent: LibrarySource = {
  origin: 'classic',
  source: String.raw`## Current-based exponential synapse: each presynaptic spike adds w to a current that decays
## with time constant tau.
##   dI/dt = -I / tau;   on a presynaptic spike I <- I + w;   i = I
## Brette et al. (2007), J. Comput. Neurosci. 23:349 (the CUBA benchmark uses this synapse);
## Brian2 "dI/dt = -I/tau" with "on_pre='I_post += w'". A negative w is inhibitory.
model ExpCurrent : synapse

params
  w   = 0.1 nA   # weight: current increment per spike
  tau = 5 ms     # decay time constant

states
  I : nA = 0 nA   # synaptic current

equations
  dI/dt = -I / tau

on_pre
  I += w

current
  i = I   # into the post-synaptic cell
`,
};
