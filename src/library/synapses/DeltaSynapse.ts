import type { LibrarySource } from '../types';

export const DeltaSynapse: LibrarySource = {
  origin: 'classic',
  source: String.raw`## Delta (voltage-jump) synapse: each presynaptic spike moves the post-synaptic membrane
## potential instantly by w; no current, no synaptic state.
##   on a presynaptic spike:  v_post <- v_post + w
## Brunel (2000), J. Comput. Neurosci. 8:183 (the post-synaptic potential of an instantaneous
## synapse); Brian2's "on_pre='v_post += w'". A negative w is inhibitory. The jump is applied when
## the spike arrives (after the projection's delay), after the step's integration, so it is not
## held back by the post cell's refractory period unless the engine chooses to.
model DeltaSynapse : synapse

params
  w = 0.5 mV   # weight: jump of the post-synaptic membrane potential per spike

inputs
  v : mV       # membrane potential of the post-synaptic cell

on_pre
  v += w
`,
};
