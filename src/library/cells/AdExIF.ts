import type { LibrarySource } from '../types';

export const AdExIF: LibrarySource = {
  origin: 'brainpy',
  source: String.raw`## Adaptive exponential integrate-and-fire neuron, with BrainPy's names and defaults
## (brainpy.neurons.AdExIF / brainpy.dyn.AdExIFRef).
##   tau dV/dt = -(V - V_rest) + delta_T exp((V - V_T)/delta_T) - R w + R I   (held while refractory)
##   tau_w dw/dt = a (V - V_rest) - w
##   spike when V >= V_th;  then V <- V_reset, w <- w + b
## Brette & Gerstner (2005) J. Neurophysiol. 94, 3637-3642; Fourcaud-Trocme et al. (2003)
## J. Neurosci. 23, 11628-11640.
## Units: BrainPy has none; with V in mV and t in ms its numbers are kept as they are, reading
## R in Mohm, I and w in nA, a in uS (nA/mV) and b in nA.
## Follows: BrainPy's code where it differs from its docs or needs a choice.
## - Refractoriness: BrainPy keeps V at its previous value while t - t_last_spike <= tau_ref and
##   lets w evolve; so V is held here and w is not. BrainPy tests the spike only on the held V
##   (which sits at V_reset); here the spike test is off while refractory, the same unless
##   V_reset >= V_th. Its "<=" holds V for round(tau_ref/dt) steps after the spike step, one step
##   more than a Brian2-style period of tau_ref, hence "refractory tau_ref + dt" below.
## - lastspike is BrainPy's t_last_spike (docs -1e7; the code fills -1e8; both mean "never").
## - Initial V: BrainPy's docs and code (ZeroInit) start V at 0 mV, which is above V_th, so a
##   BrainPy neuron fires in its first step. Here V starts at V_rest; set the initial value of V
##   to 0 mV to reproduce BrainPy. w starts at 0 as in BrainPy.
## - V_th = -30 mV as in the docs and in the code of brainpy.dyn.AdExIFRef (one revision of
##   BrainPy's AdExIFLTC code defaults to -55 mV instead).
## - BrainPy's surrogate spike function (spike_fun) only matters for gradients.
model AdExIF : cell

params
  V_rest  = -65 mV     # resting potential
  V_reset = -68 mV     # reset potential after a spike
  V_th    = -30 mV     # spike threshold (spike and reset)
  V_T     = -59.9 mV   # threshold potential of the exponential term
  delta_T = 3.48 mV    # spike slope factor
  a       = 1 uS       # sensitivity of w to subthreshold V
  b       = 1 nA       # increment of w at each spike
  R       = 1 Mohm     # membrane resistance
  tau     = 10 ms      # membrane time constant (R C)
  tau_w   = 30 ms      # adaptation time constant
  tau_ref = 0 ms       # refractory period

inputs
  I : nA               # external and synaptic input current

states
  V = V_rest           # membrane potential
  w : nA = 0 nA        # adaptation current

equations
  dV/dt = (-(V - V_rest) + delta_T * exp((V - V_T) / delta_T) - R * w + R * I) / tau   (unless refractory)
  dw/dt = (a * (V - V_rest) - w) / tau_w

spike V >= V_th

reset
  V = V_reset
  w += b

refractory tau_ref + dt
`,
};
