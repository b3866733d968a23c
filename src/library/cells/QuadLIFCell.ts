import type { LibrarySource } from '../types';

/** ngclearn's quadratic leaky integrate-and-fire cell (LIFCell with a quadratic voltage term). */
export const QuadLIFCell: LibrarySource = {
  origin: 'ngclearn',
  source: String.raw`## Quadratic leaky integrate-and-fire cell (ngclearn QuadLIFCell).
##   tau_m dv/dt = critical_v (v_rest - v)(v - v_scale) + R j   (input masked for refract_time)
##   spike when v > thr + thr_theta; then v <- v_reset, thr_theta <- thr_theta + theta_plus
##   thr_theta decays by exp(-dt/tau_theta) every step (homeostatic adaptive threshold)
## Reference: ngclearn.components.neurons.spiking.QuadLIFCell; quadratic integrate-and-fire:
## Gerstner et al. (2014), Neuronal Dynamics, sec. 5.3.
## Units: v in mV, j in nA, resist_m in Mohm, critical_v in 1/mV (the factor a0), times in ms.
## Follows: ngclearn's code. Its docstring writes a0 (V - V_rest)(V - V_c); its code uses
## (v_rest - v)(v - v_c) a0, the opposite sign, which makes v_rest an unstable and v_scale a stable
## fixed point: once pushed above v_rest the cell climbs towards v_scale (above thr by default) and
## fires repetitively even without input. We follow the code so results match ngclearn. As in
## ngclearn, v_scale is the critical voltage v_c and critical_v the scaling factor a0 (the docs
## swap the descriptions). refract_time is a "relative" refractory period (only the input is
## masked, counted with ngclearn's rfr counter, the spike test is not suppressed). thr_theta decays
## by exactly exp(-dt/tau_theta) per step but before the spike test (ngclearn tests the value
## before the decay; relative difference dt/tau_theta). v_min (ngclearn default None) is a very
## low value by default; it clamps after integration and the reset value.
## tau_m has no default in ngclearn (a required argument); 10 ms is our choice.
## one_spike is the population option "oneSpike": true in the project file, not a parameter.
## Not supported: surrogate_type; tau_theta = 0 as an off switch (set theta_plus = 0 instead).
model QuadLIFCell : cell

params
  tau_m        = 10 ms      # membrane time constant (ngclearn: required; our default)
  resist_m     = 1 Mohm     # membrane resistance
  thr          = -52 mV     # base spike threshold
  v_rest       = -65 mV     # resting potential, initial value
  v_reset      = -60 mV     # reset potential after a spike
  v_scale      = -41.6 mV   # critical voltage v_c of the quadratic term
  critical_v   = 1 /mV      # scaling factor a0 of the quadratic term
  tau_theta    = 1e7 ms     # homeostatic threshold time constant
  theta_plus   = 0.05 mV    # threshold increment per spike
  refract_time = 5 ms       # relative refractory period (input masked)
  v_min        = -1e9 mV    # lower voltage clamp (ngclearn default None: no clamp)

inputs
  j : nA                    # summed input current

states
  v = v_rest                # membrane potential
  thr_theta : mV = 0 mV     # homeostatic threshold shift
  rfr : ms = refract_time   # time since the last spike (ngclearn's refractory counter)

equations
  dv/dt = (critical_v*(v_rest - v)*(v - v_scale) + (rfr + 1e-6 ms >= refract_time ? resist_m*j : 0 mV)) / tau_m
  dthr_theta/dt = 0 mV/ms
  drfr/dt = 0

clamp
  rfr = rfr + dt
  thr_theta = thr_theta * exp(-dt/tau_theta)
  v = max(v, v_min)

spike v > thr + thr_theta

reset
  v = max(v_reset, v_min)
  rfr = 0 ms
  thr_theta += theta_plus
`,
};
