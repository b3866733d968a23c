import type { LibrarySource } from '../types';

export const AlphaConductance: LibrarySource = {
  origin: 'classic',
  source: String.raw`## Conductance-based alpha-function synapse, normalised so that a single spike's conductance
## peaks at exactly w, at time tau after the spike.
##   dx/dt = -x / tau;   dg/dt = (x - g) / tau;   on a presynaptic spike x <- x + e w
##   i = g (E - v)
## A spike at t = 0 gives g(t) = w (t/tau) exp(1 - t/tau), maximal (= w) at t = tau; hence the
## increment e w (e = exp(1)) of the auxiliary variable x.
## Rall (1967), J. Neurophysiol. 30:1138; NEST's iaf_cond_alpha uses the same normalisation.
model AlphaConductance : synapse

params
  w   = 1 nS    # weight: peak conductance of a single spike
  tau = 5 ms    # time constant (time to peak)
  E   = 0 mV    # reversal potential

inputs
  v : mV        # membrane potential of the post-synaptic cell

states
  x : nS = 0 nS   # auxiliary (rising) variable
  g : nS = 0 nS   # synaptic conductance

equations
  dx/dt = -x / tau
  dg/dt = (x - g) / tau

on_pre
  x += exp(1) * w

current
  i = g * (E - v)   # into the post-synaptic cell
`,
};
