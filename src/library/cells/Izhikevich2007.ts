import type { LibrarySource } from '../types';

export const Izhikevich2007: LibrarySource = {
  origin: 'classic',
  source: String.raw`## Izhikevich's simple model in its nine-parameter form (2007).
##   C dv/dt = k (v - vr)(v - vt) - u + I
##   du/dt = a (b (v - vr) - u)
##   spike when v >= vpeak;  then v <- c, u <- u + d
## Izhikevich, E. M. (2007) Dynamical Systems in Neuroscience, MIT Press, ch. 8 (eq. 8.5-8.6).
## Defaults: the regular-spiking (RS) neocortical pyramidal neuron of section 8.2.1
## (C = 100 pF, k = 0.7 nS/mV, vr = -60 mV, vt = -40 mV, vpeak = 35 mV, a = 0.03/ms,
## b = -2 nS, c = -50 mV, d = 100 pA); v starts at vr and u at 0, as in the book's code.
## The book's code steps v and then u from the new v; the default step here is simultaneous.
## Use "update": "sequential" with euler to reproduce that order (state order v, u).
model Izhikevich2007 : cell

params
  C     = 100 pF      # membrane capacitance
  k     = 0.7 nS/mV   # gain of the quadratic I-V relation
  vr    = -60 mV      # resting membrane potential
  vt    = -40 mV      # instantaneous threshold potential
  vpeak = 35 mV       # spike cutoff
  a     = 0.03 /ms    # recovery time constant (rate)
  b     = -2 nS       # sensitivity of u to v
  c     = -50 mV      # voltage reset
  d     = 100 pA      # after-spike increment of u

inputs
  I : pA              # injected and synaptic current

states
  v = vr              # membrane potential
  u : pA = 0 pA       # recovery current

equations
  dv/dt = (k * (v - vr) * (v - vt) - u + I) / C
  du/dt = a * (b * (v - vr) - u)

spike v >= vpeak

reset
  v = c
  u += d
`,
};
