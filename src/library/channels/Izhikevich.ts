import type { LibrarySource } from '../types';

export const Izhikevich: LibrarySource = {
  origin: 'jaxley',
  source: String.raw`## Izhikevich neuron as a channel (Jaxley's Izhikevich, non-capacitive), inserted into a
## Compartment:
##   dv/dt = 0.04 v^2 + 5 v + 140 - u + i_ext / capacitance
##   du/dt = a (b v - u)
##   spike when v >= 30 mV;  then v <- c, u <- u + d
## Izhikevich, E. M. (2003) Simple model of spiking neurons. IEEE Trans. Neural Netw. 14,
## 1569-1572. Jaxley: jaxley.channels.Izhikevich (parameters Izhikevich_a ... _d, state _u).
## Jaxley writes v directly; here the quadratic v dynamics are a current through the host's
## capacitance, i = -C (0.04 v^2 + 5 v + 140 - u), with the parameter C = 1 uF/cm2, so that in
## a Compartment with capacitance = 1 uF/cm2 (the default) dv/dt is exactly Izhikevich's
## right-hand side. Keep C equal to the compartment's capacitance.
## u starts at b * v (Jaxley's init_state; its channel_states default 0 is overwritten).
## Follows: Jaxley's code for the update order only when asked. Jaxley updates u first by
## exponential Euler (with the old v) and then v by forward Euler with the new u, and tests
## v >= 30 mV at the end of the same update. The default here is a simultaneous step (both
## from the old values); a population with "update": "sequential" and the euler or
## exponential_euler integrator updates the channel state u before the host's v and so
## reproduces Jaxley's order. No surrogate gradient (Jaxley has none either).
model Izhikevich : channel

params
  a = 0.02 /ms      # time scale of the recovery variable u
  b = 0.2 /ms       # sensitivity of u to the membrane potential v
  c = -65 mV        # after-spike reset value of v
  d = 8 mV/ms       # after-spike increment of u
  C = 1 uF/cm2      # capacitance the v dynamics are written through (= the compartment's)

inputs
  v : mV   # membrane potential of the host cell

states
  u : mV/ms = b * v   # recovery variable

equations
  du/dt = a * (b * v - u)

current
  i = -C * (0.04 /mV/ms * v^2 + 5 /ms * v + 140 mV/ms - u)

spike v >= 30 mV

reset
  v = c
  u += d
`,
};
