import type { LibrarySource } from '../types';

export const Compartment: LibrarySource = {
  origin: 'jaxley',
  source: String.raw`## A single isopotential compartment (Jaxley's Compartment) that channels are inserted into.
##   capacitance dv/dt = i,   i = i_stimulus + i_synaptic - sum of the channels' currents
## Every quantity is per unit membrane area (uF/cm2, uA/cm2), as in Jaxley, so the
## compartment's size does not enter. Insert Leak, HH, Na, K, Fire or Izhikevich through the
## population's "channels"; the engine subtracts their (outward-positive) current densities
## from i and adds stimuli, which are given in uA/cm2.
## Jaxley: jaxley.Compartment, compartment_params capacitance = 1 uF/cm2 and initial v = -70 mV.
## Jaxley's length, radius and axial_resistivity only matter for cables of several
## compartments and are left out. Jaxley solves v by implicit Euler; here the population's
## integrator is used (exponential_euler is exact for v when the gates are held fixed).
model Compartment : cell

params
  capacitance = 1 uF/cm2   # membrane capacitance per unit area

inputs
  i : uA/cm2   # summed membrane current density (stimuli + synapses - inserted channels)

states
  v = -70 mV   # membrane potential

equations
  dv/dt = i / capacitance
`,
};
