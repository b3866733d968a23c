import type { LibrarySource } from '../types';

export const LIF: LibrarySource = {
  origin: 'classic',
  source: String.raw`## Leaky integrate-and-fire neuron.
##   tau_m dv/dt = (v_rest - v) + R j          (held while refractory)
##   spike when v >= thr;  then v <- v_reset, refractory for t_ref
## Lapicque (1907); Gerstner, Kistler, Naud & Paninski (2014), Neuronal Dynamics, ch. 1.
model LIF : cell

params
  tau_m   = 10 ms      # membrane time constant
  R       = 1 Mohm     # membrane resistance
  v_rest  = -65 mV     # resting potential
  v_reset = -60 mV     # reset potential after a spike
  thr     = -52 mV     # spike threshold
  t_ref   = 5 ms       # absolute refractory period

inputs
  j : nA               # summed external and synaptic current

states
  v = v_rest           # membrane potential

equations
  dv/dt = ((v_rest - v) + R*j) / tau_m   (unless refractory)

spike v >= thr

reset
  v = v_reset

refractory t_ref
`,
};
