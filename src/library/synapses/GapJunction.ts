import type { LibrarySource } from '../types';

export const GapJunction: LibrarySource = {
  origin: 'classic',
  source: String.raw`## Electrical synapse (gap junction): an ohmic coupling conductance w between the membrane
## potentials of the two cells. It ignores spikes.
##   i = w (v_pre - v)   (into the post-synaptic cell)
## One projection carries the current in one direction only (into its post cell). A symmetric
## junction between cells A and B is two projections, A -> B and B -> A, with the same w (the
## pair then conserves charge: A loses what B gains).
## Follows: Brian2's examples/synapses/gapjunctions.py (Igap_post = w (v_pre - v_post), summed
## per post cell), whose single Synapses object connects both directions.
model GapJunction : synapse

params
  w = 1 nS   # coupling conductance

inputs
  v     : mV   # membrane potential of the post-synaptic cell
  v_pre : mV   # membrane potential of the pre-synaptic cell

current
  i = w * (v_pre - v)   # into the post-synaptic cell
`,
};
