import type { LibrarySource } from '../types';

export const Leak: LibrarySource = {
  origin: 'jaxley',
  source: String.raw`## Passive leak channel (Jaxley's Leak, from its Pospischil et al. 2008 channel set).
##   i = gLeak (v - eLeak)            outward-positive current density
## Insert it into a Compartment; with Fire it makes a leaky integrate-and-fire cell
## (time constant capacitance / gLeak = 10 ms with the defaults).
## Pospischil, M. et al. (2008) Minimal Hodgkin-Huxley type models for different classes
## of cortical and thalamic neurons. Biol. Cybern. 99, 427-441. Jaxley: jaxley.channels.Leak.
## Jaxley names these Leak_gLeak and Leak_eLeak; here they are Leak.gLeak and Leak.eLeak.
model Leak : channel

params
  gLeak = 0.0001 S/cm2   # leak conductance density
  eLeak = -70 mV         # leak reversal potential

inputs
  v : mV   # membrane potential of the host cell

current
  i = gLeak * (v - eLeak)
`,
};
