import type { LibrarySource } from '../types';

export const HH: LibrarySource = {
  origin: 'jaxley',
  source: String.raw`## Hodgkin-Huxley sodium, potassium and leak currents in one channel (Jaxley's HH).
##   i = gNa m^3 h (v - eNa) + gK n^4 (v - eK) + gLeak (v - eLeak)
##   dx/dt = alpha_x (1 - x) - beta_x x   for x = m, h, n   (rates in 1/ms, v in mV)
##   alpha_m = 0.1 vtrap(-(v + 40), 10),   beta_m = 4 exp(-(v + 65)/18)
##   alpha_h = 0.07 exp(-(v + 65)/20),      beta_h = 1 / (exp(-(v + 35)/10) + 1)
##   alpha_n = 0.01 vtrap(-(v + 55), 10),  beta_n = 0.125 exp(-(v + 65)/80)
##   vtrap(x, y) = x / (exp(x/y) - 1)
## Hodgkin, A. L. & Huxley, A. F. (1952) J. Physiol. 117, 500-544, in the modern sign convention
## (Sterratt, Graham, Gillies & Willshaw 2011, Principles of Computational Modelling in
## Neuroscience). Jaxley: jaxley.channels.HH; parameters HH_gNa ... HH_eLeak, here HH.gNa ....
## Gates start at their steady state for the initial v (Jaxley's init_state; its
## channel_states default 0.2 is what you get without init_states()). Note that Jaxley's
## eLeak is -54.3 mV (HodgkinHuxley1952 uses -54.387 mV) and that a Compartment starts at
## -70 mV, below this channel's resting potential of about -65 mV.
## Jaxley solves the gates by exponential Euler and v implicitly; here the population's
## integrator is used for every state (exponential_euler matches Jaxley's gate update).
model HH : channel

params
  gNa   = 0.12 S/cm2     # maximal sodium conductance density
  gK    = 0.036 S/cm2    # maximal potassium conductance density
  gLeak = 0.0003 S/cm2   # leak conductance density
  eNa   = 50 mV          # sodium reversal potential
  eK    = -77 mV         # potassium reversal potential
  eLeak = -54.3 mV       # leak reversal potential

inputs
  v : mV   # membrane potential of the host cell

states
  m = steady   # sodium activation gate
  h = steady   # sodium inactivation gate
  n = steady   # potassium activation gate

definitions
  xm = -(v + 40 mV)
  alpha_m = 0.1 /mV/ms * xm / (exp(xm / (10 mV)) - 1)   # m opening rate
  beta_m = 4 /ms * exp(-(v + 65 mV) / (18 mV))           # m closing rate
  alpha_h = 0.07 /ms * exp(-(v + 65 mV) / (20 mV))       # h opening rate
  beta_h = 1 /ms / (exp(-(v + 35 mV) / (10 mV)) + 1)     # h closing rate
  xn = -(v + 55 mV)
  alpha_n = 0.01 /mV/ms * xn / (exp(xn / (10 mV)) - 1)  # n opening rate
  beta_n = 0.125 /ms * exp(-(v + 65 mV) / (80 mV))       # n closing rate

equations
  dm/dt = alpha_m * (1 - m) - beta_m * m
  dh/dt = alpha_h * (1 - h) - beta_h * h
  dn/dt = alpha_n * (1 - n) - beta_n * n

current
  i = gNa * m^3 * h * (v - eNa) + gK * n^4 * (v - eK) + gLeak * (v - eLeak)
`,
};
