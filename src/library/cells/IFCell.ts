import type { LibrarySource } from '../types';

/** ngclearn's integrate-and-fire cell: no leak, optional lower clamp at v_rest. */
export const IFCell: LibrarySource = {
  origin: 'ngclearn',
  source: String.raw`## Integrate-and-fire cell (ngclearn IFCell).
##   tau_m dv/dt = R j            (input masked for refract_time after a spike)
##   spike when v > thr; then v <- v_reset; if lower_clamp_voltage, v is never below v_rest
## Reference: ngclearn.components.neurons.spiking.IFCell (Ororbia et al., ngc-learn).
## Units: v in mV, j in nA, resist_m in Mohm (R j in mV), times in ms.
## Follows: ngclearn's code. ngclearn's docstring shows a leak term (v_rest - v) that its code
## does not have; we follow the code (pure integration). refract_time is ngclearn's "relative"
## refractory period: only the input is masked (v is not held and the spike test is not
## suppressed), counted with ngclearn's own counter rfr (rfr >= refract_time lets input in; rfr
## grows by dt each step and is set to 0 by a spike). The clamp is applied after integration and
## to the reset value, which is what ngclearn's clamp after its reset amounts to.
## tau_m has no default in ngclearn (a required argument); 10 ms is our choice.
## Not supported: surrogate_type (spike surrogate gradients, gradient path only); integration_type
## is the population's "integrator" (ngclearn default: euler).
model IFCell : cell

params
  tau_m               = 10 ms     # membrane time constant (ngclearn: required; our default)
  resist_m            = 1 Mohm    # membrane resistance
  thr                 = -52 mV    # spike threshold
  v_rest              = -65 mV    # resting potential (initial value and lower clamp)
  v_reset             = -60 mV    # reset potential after a spike
  refract_time        = 0 ms      # relative refractory period (input masked)
  lower_clamp_voltage = 1         # 1: v is never below v_rest; 0: no clamp (ngclearn: True)

inputs
  j : nA                          # summed input current

states
  v = v_rest                      # membrane potential
  rfr : ms = refract_time         # time since the last spike (ngclearn's refractory counter)

equations
  dv/dt = (rfr + 1e-6 ms >= refract_time ? resist_m*j : 0 mV) / tau_m
  drfr/dt = 0

clamp
  rfr = rfr + dt
  v = lower_clamp_voltage != 0 ? max(v, v_rest) : v

spike v > thr

reset
  v = lower_clamp_voltage != 0 ? max(v_reset, v_rest) : v_reset
  rfr = 0 ms
`,
};
