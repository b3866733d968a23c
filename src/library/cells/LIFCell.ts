import type { LibrarySource } from '../types';

/** ngclearn's leaky integrate-and-fire cell with homeostatic threshold and relative refractoriness. */
export const LIFCell: LibrarySource = {
  origin: 'ngclearn',
  source: String.raw`## Leaky integrate-and-fire cell (ngclearn LIFCell).
##   tau_m dv/dt = conduct_leak (v_rest - v) + R j     (input masked for refract_time after a spike)
##   spike when v > thr + thr_theta; then v <- v_reset, thr_theta <- thr_theta + theta_plus
##   thr_theta decays by exp(-dt/tau_theta) every step (homeostatic adaptive threshold)
## Reference: ngclearn.components.neurons.spiking.LIFCell (Ororbia et al., ngc-learn);
## Gerstner et al. (2014), Neuronal Dynamics, ch. 1.
## Units: v in mV, j in nA, resist_m in Mohm (R j in mV), times in ms.
## Follows: ngclearn's current code. Older ngclearn releases scaled the input by R tau_m/dt
## (_modify_current); the current code multiplies it by resist_m only, as here. refract_time is a
## "relative" refractory period: only the input is masked, the leak continues and the spike test
## is not suppressed; the mask uses ngclearn's counter rfr (input passes when rfr >= refract_time, compared with 1 ns of slack against rounding in the summed steps;
## rfr grows by dt each step and is set to 0 by a spike). thr_theta decays by exactly
## exp(-dt/tau_theta) per step, as in ngclearn, but before the spike test (ngclearn tests against
## the value before the decay): a relative difference of dt/tau_theta (1e-8 at the defaults).
## v_min (ngclearn default None = no clamp) is a very low value by default; the clamp is applied
## after integration and to the reset value, as ngclearn's clamp after its reset amounts to.
## tau_m has no default in ngclearn (a required argument); 10 ms is our choice.
## one_spike (at most one spike per step in the layer) is the population option "oneSpike": true
## in the project file, not a parameter. tau_theta = 0 (ngclearn's switch that turns adaptation
## off) is not supported: set theta_plus = 0 instead.
## Not supported: surrogate_type (surrogate gradients); max_one_spike. integration_type is the
## population's "integrator" (ngclearn default: euler).
model LIFCell : cell

params
  tau_m        = 10 ms      # membrane time constant (ngclearn: required; our default)
  resist_m     = 1 Mohm     # membrane resistance
  thr          = -52 mV     # base spike threshold
  v_rest       = -65 mV     # resting (reversal) potential, initial value
  v_reset      = -60 mV     # reset potential after a spike
  conduct_leak = 1          # leak conductance / decay factor g_L (0 gives pure integrate-and-fire)
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
  dv/dt = (conduct_leak*(v_rest - v) + (rfr + 1e-6 ms >= refract_time ? resist_m*j : 0 mV)) / tau_m
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
