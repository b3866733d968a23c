import type { LibrarySource } from '../types';

export const HodgkinHuxley1952: LibrarySource = {
  origin: 'classic',
  source: String.raw`## Hodgkin-Huxley model of the squid giant axon (1952), in the modern convention
## (membrane potential v, rest at -65 mV, depolarisation positive, outward current positive).
##   C dv/dt = I - gNa m^3 h (v - ENa) - gK n^4 (v - EK) - gL (v - EL)
##   dx/dt = alpha_x (1 - x) - beta_x x   for x = m, h, n   (rates in 1/ms, v in mV)
##   alpha_m = 0.1 (v + 40) / (1 - exp(-(v + 40)/10)),   beta_m = 4 exp(-(v + 65)/18)
##   alpha_h = 0.07 exp(-(v + 65)/20),                   beta_h = 1 / (1 + exp(-(v + 35)/10))
##   alpha_n = 0.01 (v + 55) / (1 - exp(-(v + 55)/10)),  beta_n = 0.125 exp(-(v + 65)/80)
## Hodgkin, A. L. & Huxley, A. F. (1952) A quantitative description of membrane current and its
## application to conduction and excitation in nerve. J. Physiol. 117, 500-544 (6.3 degC).
## EL = -54.387 mV makes -65 mV the exact resting potential; the gates start at steady state.
## A spike is counted when v rises above 0 mV; the 2 ms refractory period only keeps one
## action potential from being counted twice: nothing is held and nothing is reset.
model HodgkinHuxley1952 : cell

params
  C   = 1 uF/cm2       # membrane capacitance per unit area
  gNa = 120 mS/cm2     # maximal sodium conductance density
  gK  = 36 mS/cm2      # maximal potassium conductance density
  gL  = 0.3 mS/cm2     # leak conductance density
  ENa = 50 mV          # sodium reversal potential
  EK  = -77 mV         # potassium reversal potential
  EL  = -54.387 mV     # leak reversal potential
  t_count = 2 ms       # dead time of the spike counter

inputs
  I : uA/cm2           # injected current density

states
  v = -65 mV           # membrane potential
  m = steady           # sodium activation gate
  h = steady           # sodium inactivation gate
  n = steady           # potassium activation gate

definitions
  alpha_m = 0.1 /mV/ms * (v + 40 mV) / (1 - exp(-(v + 40 mV) / (10 mV)))
  beta_m = 4 /ms * exp(-(v + 65 mV) / (18 mV))
  alpha_h = 0.07 /ms * exp(-(v + 65 mV) / (20 mV))
  beta_h = 1 /ms / (1 + exp(-(v + 35 mV) / (10 mV)))
  alpha_n = 0.01 /mV/ms * (v + 55 mV) / (1 - exp(-(v + 55 mV) / (10 mV)))
  beta_n = 0.125 /ms * exp(-(v + 65 mV) / (80 mV))
  INa = gNa * m^3 * h * (v - ENa)   # sodium current density
  IK = gK * n^4 * (v - EK)          # potassium current density
  IL = gL * (v - EL)                # leak current density

equations
  dv/dt = (I - INa - IK - IL) / C
  dm/dt = alpha_m * (1 - m) - beta_m * m
  dh/dt = alpha_h * (1 - h) - beta_h * h
  dn/dt = alpha_n * (1 - n) - beta_n * n

spike v > 0 mV

refractory t_count
`,
};
