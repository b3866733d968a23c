import type { LibrarySource } from '../types';

export const DoubleExpCurrent: LibrarySource = {
  origin: 'classic',
  source: String.raw`## Current-based bi-exponential (double-exponential) synapse with rise and decay time constants,
## normalised so that a single spike's current peaks at exactly w.
##   dA/dt = -A / tau_rise;   dB/dt = -B / tau_decay;   I = B - A;   i = I
##   on a presynaptic spike:  A <- A + f w,  B <- B + f w
##   t_peak = tau_rise tau_decay / (tau_decay - tau_rise) * log(tau_decay / tau_rise)
##   f = 1 / (exp(-t_peak / tau_decay) - exp(-t_peak / tau_rise))
## A spike at t = 0 gives I(t) = f w (exp(-t/tau_decay) - exp(-t/tau_rise)), maximal at t_peak,
## where it equals w. For the defaults (1 ms, 5 ms) t_peak = 2.012 ms and f = 1.869.
## Requires tau_rise < tau_decay (equal values divide by zero).
## Follows: NEURON's Exp2Syn (the same A, B, tp and factor), as a current instead of a conductance.
model DoubleExpCurrent : synapse

params
  w         = 0.1 nA   # weight: peak current of a single spike
  tau_rise  = 1 ms     # rise time constant
  tau_decay = 5 ms     # decay time constant (must exceed tau_rise)

states
  A : nA = 0 nA   # rising component
  B : nA = 0 nA   # decaying component

definitions
  t_peak = tau_rise * tau_decay / (tau_decay - tau_rise) * log(tau_decay / tau_rise)   # time of the peak after a spike
  f      = 1 / (exp(-t_peak / tau_decay) - exp(-t_peak / tau_rise))                     # peak normalisation factor
  I      = B - A                                                                         # synaptic current

equations
  dA/dt = -A / tau_rise
  dB/dt = -B / tau_decay

on_pre
  A += f * w
  B += f * w

current
  i = I   # into the post-synaptic cell
`,
};
