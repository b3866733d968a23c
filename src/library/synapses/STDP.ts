import type { LibrarySource } from '../types';

export const STDP: LibrarySource = {
  origin: 'classic',
  source: String.raw`## Pair-based spike-timing-dependent plasticity (all-to-all pairing through exponential traces)
## on a conductance-based exponential synapse.
##   dg/dt = -g / tau;   dapre/dt = -apre / taupre;   dapost/dt = -apost / taupost;   i = g (E - v)
##   on a presynaptic spike:   g <- g + w;  apre <- apre + Apre;  w <- clip(w + apost wmax, 0, wmax)
##   on a postsynaptic spike:  apost <- apost + Apost;  w <- clip(w + apre wmax, 0, wmax)
## Pre before post (by Delta t > 0) changes w by Apre wmax exp(-Delta t / taupre), post before pre
## by Apost wmax exp(-Delta t / taupost). Apost = -1.05 Apre taupre / taupost, so depression
## slightly outweighs potentiation, which keeps the weights bounded and bimodal.
## Song, Miller & Abbott (2000), Nat. Neurosci. 3:919.
## Follows: Brian2's examples/synapses/STDP.py (the same order of statements; its Apre and Apost
## are in units of gmax, as here; its traces are stored already multiplied by gmax). The synapse
## conducts with the weight before the spike's plasticity update.
model STDP : synapse

params
  w       = 0.5 nS    # weight: conductance increment per spike (plastic, between 0 and wmax)
  wmax    = 1 nS      # maximal weight
  tau     = 5 ms      # decay time constant of the conductance
  E       = 0 mV      # reversal potential
  taupre  = 20 ms     # decay time constant of the presynaptic trace
  taupost = 20 ms     # decay time constant of the postsynaptic trace
  Apre    = 0.01      # potentiation per pairing, as a fraction of wmax
  Apost   = -0.0105   # depression per pairing, as a fraction of wmax (-1.05 Apre taupre/taupost)

inputs
  v : mV   # membrane potential of the post-synaptic cell

states
  g : nS = 0 nS    # synaptic conductance
  apre : 1 = 0     # presynaptic trace
  apost : 1 = 0    # postsynaptic trace

equations
  dg/dt = -g / tau
  dapre/dt = -apre / taupre
  dapost/dt = -apost / taupost

on_pre
  g += w
  apre += Apre
  w = clip(w + apost * wmax, 0 nS, wmax)

on_post
  apost += Apost
  w = clip(w + apre * wmax, 0 nS, wmax)

current
  i = g * (E - v)   # into the post-synaptic cell
`,
};
