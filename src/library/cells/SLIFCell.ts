import type { LibrarySource } from '../types';

/** ngclearn's simplified LIF cell (Samadi et al. 2017) with an adaptive threshold. */
export const SLIFCell: LibrarySource = {
  origin: 'ngclearn',
  source: String.raw`## Simplified leaky integrate-and-fire cell (ngclearn SLIFCell), dimensionless.
##   tau_m dv/dt = -v + R j      (v held while refractory)
##   spike when v > v_thr; then v <- 0, v_thr <- v_thr + thr_gain
##   v_thr <- v_thr - thr_leak v_thr every step (adaptive threshold, starts at thr)
## Reference: Samadi, A., Lillicrap, T. P. & Tweed, D. B. (2017). Deep learning with dynamic
## spiking neurons and fixed feedback weights. Neural Comput. 29, 578-602;
## ngclearn.components.neurons.spiking.SLIFCell.
## Units: v, j, thr and resist_m are dimensionless (as in ngclearn and Samadi et al.); ms.
## Follows: ngclearn's code: forward Euler is its only integrator (use "integrator": "euler");
## refractoriness holds v for refract_time (ngclearn masks the whole derivative for the steps
## less than refract_time after the spike, which is what "refractory" does). The threshold leak
## is applied before the spike test (ngclearn tests against the value before the leak; identical
## at the default thr_leak = 0). Defaults are the code's: thr_gain = thr_leak = 0,
## refract_time = 0 ms (the docs say 1 ms). tau_m, resist_m and thr are required arguments in
## ngclearn without defaults: 10 ms, 1 and 0.4 are our choices.
## Not expressible, left out: lateral inhibition across the layer (resist_inh, a random hollow
## weight matrix on the previous step's spikes; build it with a projection instead), the
## layer-wide sparsity threshold rule rho_b (a sum over the layer's spikes), sticky_spikes (spike
## output pinned to 1 during the refractory period), thr_jitter (random initial thresholds: give
## per-neuron initial values of v_thr in the population's "init") and thr_persist (concerns
## ngclearn's reset between trials).
model SLIFCell : cell

params
  tau_m        = 10 ms     # membrane time constant (ngclearn: required; our default)
  resist_m     = 1         # membrane resistance (input scale; ngclearn: required)
  thr          = 0.4       # initial threshold (ngclearn: required; our default)
  thr_gain     = 0         # threshold increment per spike
  thr_leak     = 0         # fraction of the threshold leaked per step
  refract_time = 0 ms      # refractory period (v held)

inputs
  j : 1                    # summed input (dimensionless)

states
  v : 1 = 0                # membrane potential
  v_thr : 1 = thr          # adaptive threshold

equations
  dv/dt = (-v + resist_m*j) / tau_m   (unless refractory)
  dv_thr/dt = 0/ms

clamp
  v_thr = v_thr - thr_leak*v_thr

spike v > v_thr

reset
  v = 0
  v_thr += thr_gain

refractory refract_time
`,
};
