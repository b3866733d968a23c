import type { LibrarySource } from '../types';

export const AlphaCurrent: LibrarySource = {
  origin: 'classic',
  source: String.raw`## Current-based alpha-function synapse, normalised so that a single spike's current peaks at
## exactly w, at time tau after the spike.
##   dx/dt = -x / tau;   dI/dt = (x - I) / tau;   on a presynaptic spike x <- x + e w;   i = I
## A spike at t = 0 gives x = e w exp(-t/tau) and I(t) = w (t/tau) exp(1 - t/tau), whose maximum
## (at t = tau) is w: the increment of x is e w (e = exp(1)), not w.
## Rall (1967), J. Neurophysiol. 30:1138; Gerstner et al. (2014), Neuronal Dynamics, sec. 3.1.
## Written as two linear first-order equations (as Brian2 users and NEST's iaf_psc_alpha do) so
## that it is exact between spikes and summed per post-synaptic neuron.
model AlphaCurrent : synapse

params
  w   = 0.1 nA   # weight: peak current of a single spike
  tau = 5 ms     # time constant (time to peak)

states
  x : nA = 0 nA   # auxiliary (rising) variable
  I : nA = 0 nA   # synaptic current

equations
  dx/dt = -x / tau
  dI/dt = (x - I) / tau

on_pre
  x += exp(1) * w

current
  i = I   # into the post-synaptic cell
`,
};
