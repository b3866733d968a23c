import type { LibrarySource } from '../types';

export const SpikeSynapse: LibrarySource = {
  origin: 'jaxley',
  source: String.raw`## Jaxley's SpikeSynapse, for networks of Compartments with the Fire channel: a jump-and-decay
## activity s that drives a voltage-independent current (no reversal potential).
##   ds/dt = -s_decay s;   on a presynaptic spike s <- 1
##   I_jaxley = gS s (uS, read by Jaxley as nA) = gS s * 1 mV;   i = -I_jaxley / area
## Jaxley: jaxley.synapses.SpikeSynapse; parameters SpikeSynapse_gS = 1e-4 (uS) and
## SpikeSynapse_s_decay = 10, state SpikeSynapse_s = 0.
## Follows: Jaxley's code, not its docstring. The docstring writes tau ds/dt = -s and s <- s + 1;
## the code sets s = 1 in the step in which the presynaptic Fire channel spikes (so s never
## exceeds 1) and otherwise takes the Euler step s - s_decay s dt, i.e. s_decay is a rate (1/ms),
## not a time constant. With the euler integrator the decay is Jaxley's update step for step.
## Current: Jaxley treats a synapse as a point process whose compute_current returns nA; here it
## returns gS s (uS times a dimensionless s), so the number is read as nA (= gS s * 1 mV).
## Jaxley divides every synaptic current by the lateral area 2 pi radius length of the
## post-synaptic compartment (convert_point_process_to_distributed, nA -> uA/cm2) and subtracts
## it like a channel current (outward positive; IonotropicSynapse returns g (v - E) the same way).
## Our synapse current is inward, so i = -gS s 1 mV / area, a current density (uA/cm2, the
## Compartment's input). As in Jaxley, a positive gS therefore HYPERPOLARISES the post cell;
## give gS a negative value for an excitatory (depolarising) connection. area defaults to Jaxley's
## default compartment (radius 1 um, length 10 um): 2 pi 1 um 10 um = 62.83 um2, so the peak
## current of a default synapse is 1e-4 nA / 62.83 um2 = 0.159 uA/cm2.
model SpikeSynapse : synapse

params
  gS      = 1e-4 uS                  # maximal conductance (Jaxley reads gS*s as a current in nA)
  s_decay = 10 /ms                   # decay rate of s (Jaxley: s_decay, used as a rate in its code)
  area    = 62.83185307179586 um2    # lateral area of the post compartment (Jaxley default: 2 pi x 1 um x 10 um)

states
  s : 1 = 0   # synaptic activity, set to 1 by a presynaptic spike

equations
  ds/dt = -s_decay * s

on_pre
  s = 1

current
  i = -gS * s * 1 mV / area   # into the post cell: Jaxley's outward gS*s (nA) per unit area, negated
`,
};
