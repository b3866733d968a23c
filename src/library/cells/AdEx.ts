import type { LibrarySource } from '../types';

export const AdEx: LibrarySource = {
  origin: 'classic',
  source: String.raw`## Adaptive exponential integrate-and-fire neuron (Brette & Gerstner 2005).
##   C dV/dt = -gL (V - EL) + gL DeltaT exp((V - VT)/DeltaT) - w + I
##   tauw dw/dt = a (V - EL) - w
##   spike when V >= Vpeak;  then V <- Vr, w <- w + b
## Brette, R. & Gerstner, W. (2005) Adaptive exponential integrate-and-fire model as an effective
## description of neuronal activity. J. Neurophysiol. 94, 3637-3642. Defaults: the paper's
## regular-spiking values (C = 281 pF, gL = 30 nS, EL = -70.6 mV, VT = -50.4 mV, DeltaT = 2 mV,
## tauw = 144 ms, a = 4 nS, b = 0.0805 nA, Vr = EL). V starts at EL, w at 0.
## Vpeak = 20 mV is where the paper stops the upswing; V diverges near there, so the exact value
## hardly changes spike times (Brian2's example uses VT + 5 DeltaT). For the firing patterns of
## Naud et al. (2008) change the parameters.
model AdEx : cell

params
  C      = 281 pF      # membrane capacitance
  gL     = 30 nS       # leak conductance
  EL     = -70.6 mV    # leak reversal potential
  VT     = -50.4 mV    # threshold slope point (rheobase threshold)
  DeltaT = 2 mV        # slope factor
  tauw   = 144 ms      # adaptation time constant
  a      = 4 nS        # subthreshold adaptation
  b      = 80.5 pA     # spike-triggered adaptation
  Vr     = -70.6 mV    # reset potential
  Vpeak  = 20 mV       # spike cutoff

inputs
  I : pA               # injected and synaptic current

states
  V = EL               # membrane potential
  w : pA = 0 pA        # adaptation current

equations
  dV/dt = (-gL * (V - EL) + gL * DeltaT * exp((V - VT) / DeltaT) - w + I) / C
  dw/dt = (a * (V - EL) - w) / tauw

spike V >= Vpeak

reset
  V = Vr
  w += b
`,
};
