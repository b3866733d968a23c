import type { LibrarySource } from '../types';

/** ngclearn's FitzHugh-Nagumo cell (dimensionless two-variable model). */
export const FitzhughNagumoCell: LibrarySource = {
  origin: 'ngclearn',
  source: String.raw`## FitzHugh-Nagumo cell (ngclearn FitzhughNagumoCell), dimensionless.
##   tau_m dv/dt = v - v^3/gamma - w + R j
##   tau_w dw/dt = v + alpha - beta w
##   spike (a pulse) in every step in which v > v_thr; if spike_reset, v <- v0 and w <- w0
## References: FitzHugh, R. (1961). Impulses and physiological states in theoretical models of
## nerve membrane. Biophys. J. 1, 445-466. Nagumo, J., Arimoto, S. & Yoshizawa, S. (1962).
## An active pulse transmission line simulating nerve axon. Proc. IRE 50, 2061-2070;
## ngclearn.components.neurons.spiking.FitzhughNagumoCell.
## Units: v, w, j and resist_m are dimensionless; tau_m and tau_w in ms.
## Follows: ngclearn's code: the input is multiplied by resist_m, the spike test is on the
## updated v, and without spike_reset there is no reset, so a pulse is emitted in every step
## while v stays above v_thr. Defaults are the code's: tau_m = 1 ms, resist_m = 1, v0 = w0 = 0,
## v_thr = 1.07 (the docs give none). spike_reset is a 0/1 switch (ngclearn: False).
## integration_type is the population's "integrator" (ngclearn default: euler).
model FitzhughNagumoCell : cell

params
  tau_m       = 1 ms      # membrane time constant
  resist_m    = 1         # membrane resistance (input scale)
  tau_w       = 12.5 ms   # recovery time constant
  alpha       = 0.7       # recovery shift a
  beta        = 0.8       # recovery scale b
  gamma       = 3         # divisor of the cubic term
  v0          = 0         # initial (and reset) value of v
  w0          = 0         # initial (and reset) value of w
  v_thr       = 1.07      # spike threshold
  spike_reset = 0         # 1: snap v and w back to v0, w0 after a spike; 0: no reset

inputs
  j : 1                   # summed input (dimensionless)

states
  v : 1 = v0              # membrane potential (dimensionless)
  w : 1 = w0              # recovery variable

equations
  dv/dt = (v - v^3/gamma - w + resist_m*j) / tau_m
  dw/dt = (v + alpha - beta*w) / tau_w

spike v > v_thr

reset
  v = spike_reset != 0 ? v0 : v
  w = spike_reset != 0 ? w0 : w
`,
};
