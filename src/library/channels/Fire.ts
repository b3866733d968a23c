import type { LibrarySource } from '../types';

export const Fire: LibrarySource = {
  origin: 'jaxley',
  source: String.raw`## Threshold-and-reset mechanism (Jaxley's Fire channel). It carries no current: it makes
## its host compartment spike when v >= vth and sets v to vreset. Inserted into a Compartment
## together with Leak it gives a leaky integrate-and-fire neuron.
##   spike when v >= vth;  then v <- vreset
## Jaxley: jaxley.channels.Fire (non_capacitive/spike.py); parameters Fire_vth, Fire_vreset.
## Follows: the documented behaviour, in our step order. Jaxley applies the reset inside its
## state update, before the membrane equation is solved: in the step that starts with v >= vth
## it sets v = vreset (through a Heaviside function, which also gives it a surrogate gradient)
## and the other channels and the stimulus still move v within that same step. Here a step is
## integrate -> threshold -> reset: v is integrated, tested, and reset at the end of the step.
## Both produce the same sequence of voltages except at the threshold crossing: Jaxley records
## the supra-threshold value there and stamps the spike one step later, whereas we record
## vreset and stamp the spike at the start of the step in which v crossed vth. Jaxley's state
## Fire_spikes (a 0/1 flag) is our spike event. No refractory period, as in Jaxley.
model Fire : channel

params
  vth    = -50 mV   # threshold for firing
  vreset = -70 mV   # voltage after a spike

inputs
  v : mV   # membrane potential of the host cell

spike v >= vth

reset
  v = vreset
`,
};
