import type { LibrarySource } from '../types';

export const Izhikevich2003: LibrarySource = {
  origin: 'classic',
  source: String.raw`## Izhikevich's simple model (2003).
##   dv/dt = 0.04 v^2 + 5 v + 140 - u + I
##   du/dt = a (b v - u)
##   spike when v >= 30 mV;  then v <- c, u <- u + d
## Izhikevich, E. M. (2003) Simple model of spiking neurons. IEEE Trans. Neural Netw. 14,
## 1569-1572. Defaults: regular spiking (a = 0.02, b = 0.2, c = -65, d = 8); v starts at -65 mV
## and u at b v, as in the paper's code.
## Units: v in mV and t in ms. The paper's I and u are dimensionless "currents" added straight
## to dv/dt; here they are written as mV/ms (I = 10 in the paper is 10 mV/ms here), and a, b
## are in 1/ms. Izhikevich's own code updates v (in two half steps of 0.5 ms) and then u from
## the new v; the default step here is simultaneous. Use "update": "sequential" with euler
## to update v before u as his code does (state order v, u).
model Izhikevich2003 : cell

params
  a = 0.02 /ms    # time scale of the recovery variable u
  b = 0.2 /ms     # sensitivity of u to subthreshold fluctuations of v
  c = -65 mV      # after-spike reset value of v
  d = 8 mV/ms     # after-spike increment of u

inputs
  I : mV/ms       # input (the paper's dimensionless current, as a rate of change of v)

states
  v = -65 mV      # membrane potential
  u = b * v       # membrane recovery variable (mV/ms)

equations
  dv/dt = 0.04 /mV/ms * v^2 + 5 /ms * v + 140 mV/ms - u + I
  du/dt = a * (b * v - u)

spike v >= 30 mV

reset
  v = c
  u += d
`,
};
