import type { LibrarySource } from '../types';

/** ngclearn's winner-take-all spiking cell: a soft-max over the population against adaptive thresholds. */
export const WTASCell: LibrarySource = {
  origin: 'ngclearn',
  source: String.raw`## Winner-take-all spiking cell (ngclearn WTASCell).
##   v = R j every step (0 while the input is masked after a spike)
##   spike when softmax(v)_i = exp(v_i) / sum_k exp(v_k) > thr_i   (over the whole population)
##   thr <- max(thr + (s - 1) thr_gain, 0.025) every step (s = 1 if the cell spiked)
## Reference: ngclearn.components.neurons.spiking.WTASCell (Ororbia et al., ngc-learn).
## Units: v in mV (the soft-max uses v/mV as ngclearn uses the raw numbers), j in nA,
## resist_m in Mohm; thr is a probability (dimensionless).
## Follows: ngclearn's code, which sets v = R j directly each step; its docstring shows
## tau_m dv/dt = R j, but tau_m is never used, so there is no tau_m parameter here. The update
## (in the clamp section, before the spike test) and the mask use ngclearn's refractory counter
## rfr (set to dt by a spike, +dt each step; input passes when rfr >= refract_time).
## refract_time defaults to 0 ms as in the code (the docstring says 1 ms); thr_base = 0.4 and
## thr_gain = 0.002 are the code's defaults.
## Not expressible: ngclearn moves every cell's threshold by (number of spikes in the layer - 1)
## thr_gain, a population sum outside the spike condition. Here each cell uses its own spike
## (exact for a single cell; in a layer, a cell that does not spike lowers its threshold by
## thr_gain and a winner keeps it). thr_jitter (random initial thresholds) is not a parameter:
## give per-neuron initial values of thr in the population's "init" (an array or a
## distribution such as {"dist": "uniform", "low": 0.35, "high": 0.45}).
model WTASCell : cell

params
  resist_m     = 1 Mohm     # membrane resistance
  thr_base     = 0.4        # initial (base) threshold on the soft-max probability
  thr_gain     = 0.002      # threshold change per step (see above)
  refract_time = 0 ms       # relative refractory period (input masked)

inputs
  j : nA                    # summed input current

states
  v : mV = 0 mV             # membrane potential (set from the input each step)
  thr : 1 = thr_base        # adaptive threshold
  thr_old : 1 = thr_base    # threshold at the start of the step (the one the spike test uses)
  rfr : ms = refract_time   # time since the last spike (ngclearn's refractory counter)

equations
  dv/dt = 0 mV/ms
  dthr/dt = 0/ms
  dthr_old/dt = 0/ms
  drfr/dt = 0

clamp
  v = rfr + 1e-6 ms >= refract_time ? resist_m*j : 0 mV
  rfr = rfr + dt
  thr_old = thr
  thr = max(thr - thr_gain, 0.025)

spike exp(v/(1 mV)) / pop_sum(exp(v/(1 mV))) > thr_old

reset
  thr = max(thr_old, 0.025)
  rfr = dt
`,
};
