import type { LibrarySource } from '../types';

/** ngclearn's adaptive exponential integrate-and-fire cell (Brette & Gerstner 2005). */
export const AdExCell: LibrarySource = {
  origin: 'ngclearn',
  source: String.raw`## Adaptive exponential integrate-and-fire cell (ngclearn AdExCell).
##   tau_m dv/dt = -(v - v_rest) + v_sharpness exp((v - intrinsic_mem_thr)/v_sharpness) - R w + R j
##   tau_w dw/dt = -w + a (v - v_rest)
##   spike when v > thr; then v <- v_reset, w <- w + b
## Reference: Brette, R. & Gerstner, W. (2005). Adaptive exponential integrate-and-fire model as
## an effective description of neuronal activity. J. Neurophysiol. 94, 3637-3642;
## ngclearn.components.neurons.spiking.AdExCell.
## Units: v in mV, j and w in nA (R w is a voltage), resist_m in Mohm, a in uS, b in nA, ms.
## ngclearn gives a, b and w0 as plain numbers (w0 "0 mV"); with R = 1 Mohm the numbers are the
## same in these units.
## Follows: ngclearn's code: the reset goes to v_reset (-75 mV; a parameter of the code that the
## docs do not list; the docs describe v0 as "initial condition / reset"), w is incremented by b
## after its own update, and the spike test is v > thr (5 mV) on the updated v.
## integration_type is the population's "integrator" (ngclearn default: euler).
model AdExCell : cell

params
  tau_m             = 15 ms     # membrane time constant
  resist_m          = 1 Mohm    # membrane resistance
  tau_w             = 400 ms    # recovery variable time constant
  v_sharpness       = 2 mV      # slope factor of the exponential term
  intrinsic_mem_thr = -55 mV    # intrinsic membrane threshold (V_T)
  thr               = 5 mV      # spike detection threshold
  v_rest            = -72 mV    # resting potential
  v_reset           = -75 mV    # reset potential after a spike (ngclearn code)
  a                 = 0.1 uS    # adaptation coupling
  b                 = 0.75 nA   # adaptation increment per spike
  v0                = -70 mV    # initial membrane potential
  w0                = 0 nA      # initial recovery variable

inputs
  j : nA                        # summed input current

states
  v = v0                        # membrane potential
  w = w0                        # recovery (adaptation) current

equations
  dv/dt = (-(v - v_rest) + v_sharpness*exp((v - intrinsic_mem_thr)/v_sharpness) - resist_m*w + resist_m*j) / tau_m
  dw/dt = (-w + a*(v - v_rest)) / tau_w

spike v > thr

reset
  v = v_reset
  w += b
`,
};
