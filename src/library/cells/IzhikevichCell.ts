import type { LibrarySource } from '../types';

/** ngclearn's Izhikevich cell (2003), with ngclearn's names for a, b, c, d. */
export const IzhikevichCell: LibrarySource = {
  origin: 'ngclearn',
  source: String.raw`## Izhikevich cell (ngclearn IzhikevichCell).
##   tau_m dv/dt = 0.04 v^2 + 5 v + 140 - w + R j     (v in mV)
##   tau_w dw/dt = coupling_factor v - w
##   spike when v > v_thr; then v <- v_reset, w <- w + w_reset
## Izhikevich's a = 1/tau_w, b = coupling_factor, c = v_reset, d = w_reset. Defaults: regular
## spiking. Other classes (ngclearn docs): intrinsically bursting v_reset = -55, w_reset = 4;
## chattering v_reset = -50, w_reset = 2; fast spiking tau_w = 10; low-threshold spiking
## tau_w = 10, coupling_factor = 0.25, w_reset = 2; resonator tau_w = 10, coupling_factor = 0.26.
## Reference: Izhikevich, E. M. (2003). Simple model of spiking neurons. IEEE Trans. Neural
## Netw. 14, 1569-1572; ngclearn.components.neurons.spiking.IzhikevichCell.
## Units: v and w in mV, j in nA, resist_m in Mohm, times in ms.
## Follows: the usual order (integrate, then test the updated v, then reset in the same step),
## not ngclearn's: ngclearn tests v > v_thr on the value at the start of the step, so it keeps
## the supra-threshold value for one step, stamps the spike one step later, and resets w to
## (old w) + w_reset without that step's integration. Both integrate v and w simultaneously
## (w from the old v); Izhikevich's own code updates v first and w from the new v, which is
## the population option "update": "sequential" (states are declared v, then w).
## integration_type is the population's "integrator" (ngclearn default: euler).
model IzhikevichCell : cell

params
  tau_m           = 1 ms     # membrane time constant
  resist_m        = 1 Mohm   # membrane resistance
  v_thr           = 30 mV    # spike threshold (peak)
  v_reset         = -65 mV   # reset potential (c)
  tau_w           = 50 ms    # recovery time constant (1/a)
  w_reset         = 8 mV     # recovery increment per spike (d)
  coupling_factor = 0.2      # sensitivity of recovery to v (b)
  v0              = -65 mV   # initial membrane potential
  w0              = -14 mV   # initial recovery variable

inputs
  j : nA                     # summed input current

states
  v = v0                     # membrane potential
  w = w0                     # recovery variable

equations
  dv/dt = (0.04*v^2/(1 mV) + 5*v + 140 mV - w + resist_m*j) / tau_m
  dw/dt = (coupling_factor*v - w) / tau_w

spike v > v_thr

reset
  v = v_reset
  w += w_reset
`,
};
