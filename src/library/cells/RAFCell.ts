import type { LibrarySource } from '../types';

/** ngclearn's resonate-and-fire cell (Izhikevich 2001), w updated before v as in ngclearn. */
export const RAFCell: LibrarySource = {
  origin: 'ngclearn',
  source: String.raw`## Resonate-and-fire cell (ngclearn RAFCell).
##   tau_w dw/dt = dampen_factor w - omega v + R j
##   tau_v dv/dt = omega w + dampen_factor v
##   spike when v > thr; then v <- v_reset, w <- w_reset
## Reference: Izhikevich, E. M. (2001). Resonate-and-fire neurons. Neural Networks 14, 883-894;
## ngclearn.components.neurons.spiking.RAFCell.
## Units: v and w in mV, j in nA, resist_v in Mohm, times in ms; omega and dampen_factor are
## dimensionless multipliers (ngclearn calls omega an angular frequency; with tau_v = 1 ms,
## omega = 10 means 10 rad/ms).
## Follows: ngclearn's code. ngclearn integrates w first and then v using the new w; use the
## population option "update": "sequential" (w is declared first) to get exactly that, as the
## Brian2 reference fixture does; the default simultaneous update uses the old w.
## Defaults follow the code: v_reset = 0 mV and v0 = 0 mV (ngclearn's docstring says 1 mV for
## both, which would reset the cell onto its threshold).
## integration_type is the population's "integrator" (ngclearn default: euler).
model RAFCell : cell

params
  tau_v         = 1 ms      # membrane/voltage time constant
  tau_w         = 1 ms      # angular driver time constant
  thr           = 1 mV      # spike threshold
  omega         = 10        # angular frequency (dimensionless multiplier)
  dampen_factor = -1        # oscillation dampening factor (b in Izhikevich 2001)
  v_reset       = 0 mV      # reset value of v (ngclearn docs: 1 mV; code: 0)
  w_reset       = 0 mV      # reset value of w
  v0            = 0 mV      # initial v (ngclearn docs: 1 mV; code: 0)
  w0            = 0 mV      # initial w
  resist_v      = 1 Mohm    # membrane resistance

inputs
  j : nA                    # summed input current

states
  w = w0                    # angular driver
  v = v0                    # membrane potential

equations
  dw/dt = (dampen_factor*w - omega*v + resist_v*j) / tau_w
  dv/dt = (omega*w + dampen_factor*v) / tau_v

spike v > thr

reset
  v = v_reset
  w = w_reset
`,
};
