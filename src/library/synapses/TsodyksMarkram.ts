import type { LibrarySource } from '../types';

export const TsodyksMarkram: LibrarySource = {
  origin: 'classic',
  source: String.raw`## Tsodyks-Markram short-term plasticity (depression and facilitation) on an exponential
## current synapse.
##   between spikes:  du/dt = -u / tau_facil,   dx/dt = (1 - x) / tau_rec,   dI/dt = -I / tau
##   on a presynaptic spike, in this order:
##     u <- u + U (1 - u)     (facilitation: u is increased first, and the new u is used)
##     I <- I + w u x         (release of the fraction u of the available resources x)
##     x <- x - u x           (depletion)
##   i = I
## With tau_facil = 0 there is no facilitation: u is U at every spike (the conditionals below
## stand for u relaxing infinitely fast, and avoid the division by zero). u starts at 0 and x at 1,
## so the first spike releases U and evokes a current step w U.
## Tsodyks, Pawelzik & Markram (1998), Neural Comput. 10:821; Markram, Wang & Tsodyks (1998),
## PNAS 95:5323 (u_{n+1} = U + u_n (1 - U) exp(-Delta/tau_facil)).
## Follows: NEST's tsodyks2_synapse (the same recursion for u and x, and NEST's tsodyks_synapse
## defaults U = 0.5, tau_rec = 800 ms, tau_fac = 0 ms, tau_psc = 3 ms). Brian2's documented STP
## example writes the equivalent form in which u relaxes to U and is incremented after its use
## (u starting at U): both release the same u x at every spike. The three-state
## form of Tsodyks et al. (x recovering from an inactive state z after the active state decays with
## tau) is reduced to x recovering directly, the usual approximation for tau << tau_rec. u and x
## change only at spikes and relax linearly in between, so they can be advanced exactly per event.
model TsodyksMarkram : synapse

params
  w         = 1 nA     # absolute synaptic efficacy: current if all resources were released (u x = 1)
  U         = 0.5      # utilisation increment (release probability of a rested synapse)
  tau_rec   = 800 ms   # recovery time constant of the resources (depression)
  tau_facil = 0 ms     # facilitation time constant (0: no facilitation)
  tau       = 3 ms     # decay time constant of the post-synaptic current

states
  u : 1 = 0      # utilisation of the resources at the last spike
  x : 1 = 1      # fraction of resources available
  I : nA = 0 nA  # synaptic current

equations
  du/dt = tau_facil > 0 ms ? -u / tau_facil : 0 / ms
  dx/dt = (1 - x) / tau_rec
  dI/dt = -I / tau

on_pre
  u = tau_facil > 0 ms ? u + U * (1 - u) : U
  I += w * u * x
  x -= u * x

current
  i = I   # into the post-synaptic cell
`,
};
