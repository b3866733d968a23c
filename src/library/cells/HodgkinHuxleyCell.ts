import type { LibrarySource } from '../types';

/** ngclearn's Hodgkin-Huxley cell (1952 squid axon, voltage shifted so rest is 0 mV). */
export const HodgkinHuxleyCell: LibrarySource = {
  origin: 'ngclearn',
  source: String.raw`## Hodgkin-Huxley cell (ngclearn HodgkinHuxleyCell), rest at 0 mV (Hodgkin & Huxley's convention).
##   tau_v dv/dt = R j - g_Na m^3 h (v - v_Na) - g_K n^4 (v - v_K) - g_L (v - v_L)
##   dx/dt = alpha_x(v) (1 - x) - beta_x(v) x     for x = n, m, h (rates in 1/ms, u = v/mV)
##   alpha_n = 0.01 (10 - u)/(exp((10 - u)/10) - 1)   beta_n = 0.125 exp(-u/80)
##   alpha_m = 0.1 (25 - u)/(exp((25 - u)/10) - 1)    beta_m = 4 exp(-u/18)
##   alpha_h = 0.07 exp(-u/20)                         beta_h = 1/(exp((30 - u)/10) + 1)
##   a pulse in every step in which v > thr; if spike_reset, v <- v_reset and the gates are set
##   to their steady state at v_reset
## References: Hodgkin, A. L. & Huxley, A. F. (1952). A quantitative description of membrane
## current and its application to conduction and excitation in nerve. J. Physiol. 117, 500-544.
## Kistler, W. M., Gerstner, W. & van Hemmen, J. L. (1997). Neural Comput. 9, 1015-1045;
## ngclearn.components.neurons.spiking.HodgkinHuxleyCell.
## Units: v in mV, j in nA, resist_m in Mohm, tau_v in ms; the conductances g_Na, g_K, g_L are
## dimensionless multipliers (ngclearn's "per unit area" values divided by the capacitance
## that tau_v stands for).
## Follows: ngclearn's code and defaults (v_Na = 115, v_K = -35, v_L = 10.6 mV; g_Na = 100,
## g_K = 5, g_L = 0.3; thr = 4 mV; the docs give no values): v starts at 0 mV with the gates at
## steady state, and without spike_reset there is no reset, so a pulse is emitted in every step
## while v > thr. tau_v is required in ngclearn (docs: 1 ms), here 1 ms. spike_reset is a 0/1
## switch (ngclearn: False). With "rk4"/"midpoint", Spikeflow integrates the four equations as
## one coupled system; ngclearn steps v and each gate separately with the others held fixed
## (identical for euler, the ngclearn default).
model HodgkinHuxleyCell : cell

params
  tau_v       = 1 ms      # membrane time constant
  resist_m    = 1 Mohm    # membrane resistance
  v_Na        = 115 mV    # sodium reversal potential
  v_K         = -35 mV    # potassium reversal potential
  v_L         = 10.6 mV   # leak reversal potential
  g_Na        = 100       # sodium conductance (relative)
  g_K         = 5         # potassium conductance (relative)
  g_L         = 0.3       # leak conductance (relative)
  thr         = 4 mV      # spike (pulse) threshold
  spike_reset = 0         # 1: reset v and the gates after a spike; 0: no reset
  v_reset     = 0 mV      # reset potential (with spike_reset)

inputs
  j : nA                  # summed input current

states
  v = 0 mV                # membrane potential (rest 0 mV)
  n = steady              # potassium activation
  m = steady              # sodium activation
  h = steady              # sodium inactivation

definitions
  u = v / (1 mV)
  alpha_n = 0.01*(10 - u)/(exp((10 - u)/10) - 1) / ms
  beta_n = 0.125*exp(-u/80) / ms
  alpha_m = 0.1*(25 - u)/(exp((25 - u)/10) - 1) / ms
  beta_m = 4*exp(-u/18) / ms
  alpha_h = 0.07*exp(-u/20) / ms
  beta_h = 1/(exp((30 - u)/10) + 1) / ms
  ur = v_reset / (1 mV)
  an_r = 0.01*(10 - ur)/(exp((10 - ur)/10) - 1)
  bn_r = 0.125*exp(-ur/80)
  am_r = 0.1*(25 - ur)/(exp((25 - ur)/10) - 1)
  bm_r = 4*exp(-ur/18)
  ah_r = 0.07*exp(-ur/20)
  bh_r = 1/(exp((30 - ur)/10) + 1)

equations
  dv/dt = (resist_m*j - g_Na*m^3*h*(v - v_Na) - g_K*n^4*(v - v_K) - g_L*(v - v_L)) / tau_v
  dn/dt = alpha_n*(1 - n) - beta_n*n
  dm/dt = alpha_m*(1 - m) - beta_m*m
  dh/dt = alpha_h*(1 - h) - beta_h*h

spike v > thr

reset
  v = spike_reset != 0 ? v_reset : v
  n = spike_reset != 0 ? an_r/(an_r + bn_r) : n
  m = spike_reset != 0 ? am_r/(am_r + bm_r) : m
  h = spike_reset != 0 ? ah_r/(ah_r + bh_r) : h
`,
};
