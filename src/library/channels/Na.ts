import type { LibrarySource } from '../types';

export const Na: LibrarySource = {
  origin: 'jaxley',
  source: String.raw`## Fast sodium channel of Pospischil et al. (2008), as in Jaxley's Na channel.
##   i = gNa m^3 h (v - eNa)
##   dm/dt = alpha_m (1 - m) - beta_m m,   dh/dt = alpha_h (1 - h) - beta_h h
##   alpha_m = 0.32 efun(-(v - vt - 13)/4) / 0.25,  beta_m = 0.28 efun((v - vt - 40)/5) / 0.2
##   alpha_h = 0.128 exp(-(v - vt - 17)/18),        beta_h = 4 / (1 + exp(-(v - vt - 40)/5))
##   efun(x) = x / (exp(x) - 1); rates in 1/ms, v and vt in mV.
## Pospischil, M. et al. (2008) Biol. Cybern. 99, 427-441. Jaxley: jaxley.channels.Na.
## Gates start at their steady state for the initial v (Jaxley's init_state).
## Follows: Jaxley's code for vt. There vt is one global parameter shared by Na and K (not
## prefixed); here each channel has its own (Na.vt, K.vt), both -60 mV: set both to change it.
## Jaxley solves the gates by exponential Euler and v implicitly; here the population's
## integrator is used for every state (exponential_euler matches Jaxley's gate update).
model Na : channel

params
  gNa = 0.05 S/cm2   # maximal sodium conductance density
  eNa = 50 mV        # sodium reversal potential
  vt  = -60 mV       # voltage offset of the gating functions (threshold adjustment)

inputs
  v : mV   # membrane potential of the host cell

states
  m = steady   # activation gate
  h = steady   # inactivation gate

definitions
  xm = -(v - vt - 13 mV) / (4 mV)
  alpha_m = 0.32 /ms * (xm / (exp(xm) - 1)) / 0.25    # activation rate
  xb = (v - vt - 40 mV) / (5 mV)
  beta_m = 0.28 /ms * (xb / (exp(xb) - 1)) / 0.2      # deactivation rate
  alpha_h = 0.128 /ms * exp(-(v - vt - 17 mV) / (18 mV))   # de-inactivation rate
  beta_h = 4 /ms / (exp(-(v - vt - 40 mV) / (5 mV)) + 1)   # inactivation rate

equations
  dm/dt = alpha_m * (1 - m) - beta_m * m
  dh/dt = alpha_h * (1 - h) - beta_h * h

current
  i = gNa * m^3 * h * (v - eNa)
`,
};
