import type { LibrarySource } from '../types';

export const K: LibrarySource = {
  origin: 'jaxley',
  source: String.raw`## Delayed-rectifier potassium channel of Pospischil et al. (2008), as in Jaxley's K channel.
##   i = gK n^4 (v - eK)
##   dn/dt = alpha_n (1 - n) - beta_n n
##   alpha_n = 0.032 efun(-(v - vt - 15)/5) / 0.2,   beta_n = 0.5 exp(-(v - vt - 10)/40)
##   efun(x) = x / (exp(x) - 1); rates in 1/ms, v and vt in mV.
## Pospischil, M. et al. (2008) Biol. Cybern. 99, 427-441. Jaxley: jaxley.channels.K.
## The gate starts at its steady state for the initial v (Jaxley's init_state).
## Follows: Jaxley's code for vt. There vt is one global parameter shared by Na and K (not
## prefixed); here each channel has its own (Na.vt, K.vt), both -60 mV: set both to change it.
model K : channel

params
  gK = 0.005 S/cm2   # maximal potassium conductance density
  eK = -90 mV        # potassium reversal potential
  vt = -60 mV        # voltage offset of the gating functions (threshold adjustment)

inputs
  v : mV   # membrane potential of the host cell

states
  n = steady   # activation gate

definitions
  xn = -(v - vt - 15 mV) / (5 mV)
  alpha_n = 0.032 /ms * (xn / (exp(xn) - 1)) / 0.2     # activation rate
  beta_n = 0.5 /ms * exp(-(v - vt - 10 mV) / (40 mV))   # deactivation rate

equations
  dn/dt = alpha_n * (1 - n) - beta_n * n

current
  i = gK * n^4 * (v - eK)
`,
};
