/** Spike sources: cells without a membrane that emit spikes to drive networks. */
import type { LibrarySource } from '../types';

export const PoissonSource: LibrarySource = {
  origin: 'classic',
  source: String.raw`## Poisson spike source: in each step of length dt it spikes with probability
## (rate + rate_mod) dt, independently of every other step and neuron.
##   spike when rand() < (rate + rate_mod) dt
## rate_mod is an input: a rate stimulus (step, sine, expression) adds to the constant rate and
## makes the process inhomogeneous. A negative total rate gives no spikes; a rate near 1/dt
## saturates at one spike per step (the Bernoulli approximation of a Poisson process, good for
## rate dt << 1). rand() is a fresh uniform draw in [0, 1) per neuron and step.
## Follows: Brian2's PoissonGroup (threshold rand() < rates*dt); NEST's poisson_generator.
model PoissonSource : cell

params
  rate = 10 Hz   # mean firing rate

inputs
  rate_mod : Hz  # rate added to 'rate' (stimuli)

spike rand() < (rate + rate_mod) * dt
`,
};

export const RegularSource: LibrarySource = {
  origin: 'classic',
  source: String.raw`## Regular (periodic) spike source: spikes at phase, phase + 1/rate, phase + 2/rate, ...
##   dnext/dt = 0;   spike when t >= next;   then next <- next + 1/rate
## Each spike is stamped with the start of the step that contains its scheduled time (the 1e-6 ms
## tolerance absorbs rounding of t). At most one spike per step: with 1/rate < dt the source
## falls behind its schedule.
## The same train as Brian2's SpikeGeneratorGroup or NEST's spike_generator given the times
## phase + k / rate (k = 0, 1, 2, ...).
model RegularSource : cell

params
  rate  = 10 Hz   # firing rate
  phase = 0 ms    # time of the first spike

states
  next : ms = phase   # time of the next spike

equations
  dnext/dt = 0

spike t >= next - 1e-6 ms

reset
  next += 1 / rate
`,
};

export const sourceCells = [PoissonSource, RegularSource] as const;
