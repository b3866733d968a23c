/**
 * Lesson 1: the membrane as an RC circuit. A LIF cell (Lapicque's model) kept below threshold
 * (-52 mV) by small current steps, so only the passive membrane shows: tau_m dv/dt = (v_rest − v) + R j.
 */
import { singleCell } from './build';
import type { Lesson } from './types';

/** The passive-cell protocol: a current step from 20 to 120 ms, watched until 200 ms. */
export const MEMBRANE_STEP = { startMs: 20, stopMs: 120, durationMs: 200 } as const;

function passive(name: string, description: string, amplitude: string, params: Record<string, string> = {}) {
  return singleCell({
    name,
    description,
    model: 'LIF',
    params,
    amplitude,
    ...MEMBRANE_STEP,
    dtMs: 0.01,
    record: ['v'],
    intervalMs: 0.05,
  });
}

export const MEMBRANE_LESSON: Lesson = {
  id: 'membrane',
  title: '1. The membrane as an RC circuit',
  summary: 'A passive cell, a current step, and the time constant tau_m = R C.',
  steps: [
    {
      id: 'equation',
      title: 'The membrane equation',
      text:
        'A patch of membrane is a capacitor C (the lipid bilayer) in parallel with a resistor R (the leak channels), so injected current first charges the capacitor and then leaks out. ' +
        'Written for the voltage, this is tau_m dv/dt = (v_rest − v) + R j, the equation of the LIF cell without its threshold. ' +
        'Here a 10 nA step flows from 20 to 120 ms into a cell with R = 1 MΩ, tau_m = 10 ms and v_rest = -65 mV. Run it and watch v rise smoothly and relax back after the step: no spike, because it stays below the threshold of -52 mV.',
      project: passive('Lesson 1: a passive membrane', 'A LIF cell kept below threshold: a 10 nA step from 20 to 120 ms charges the membrane towards -55 mV.', '10 nA'),
      select: { population: 'cell' },
      tab: 'plots',
      run: true,
    },
    {
      id: 'steady-state',
      title: 'The steady state: v = v_rest + R I',
      text:
        'When the current has flowed long enough, dv/dt = 0 and the equation gives v = v_rest + R I. ' +
        'With I = 10 nA and R = 1 MΩ, R I = 10 mV (nA × MΩ = mV), so v settles at -65 + 10 = -55 mV. ' +
        'Read the plateau off the trace at 100 ms: it is within a hundredth of a millivolt of -55 mV.',
      project: passive('Lesson 1: steady state', 'A 10 nA step into R = 1 Mohm: the plateau is v_rest + R I = -55 mV.', '10 nA'),
      select: { population: 'cell' },
      tab: 'plots',
      run: true,
    },
    {
      id: 'time-constant',
      title: 'The time constant tau_m = R C',
      text:
        'The approach to the plateau is exponential: v(t) = v_rest + R I (1 − e^(−t/tau_m)), with tau_m = R C. ' +
        'After one time constant (10 ms after the step begins, at 30 ms) v has covered 63% of the way, about -58.7 mV; after 5 tau_m (50 ms) it is within 1% of the plateau. ' +
        'With R = 1 MΩ and tau_m = 10 ms, the capacitance is C = tau_m / R = 10 nF. When the step ends, v decays back to -65 mV with the same time constant.',
      project: passive('Lesson 1: the time constant', 'The charging curve of a 10 ms membrane: 63% of the way after one time constant.', '10 nA'),
      select: { population: 'cell' },
      tab: 'plots',
      run: true,
    },
    {
      id: 'slow-membrane',
      title: 'A slower membrane: tau_m = 30 ms',
      text:
        'Now tau_m is 30 ms instead of 10 ms (a larger capacitance, 30 nF at the same 1 MΩ). ' +
        'The plateau does not move, -55 mV, because it depends only on R I; but the charging is three times slower, so after 100 ms of current the cell is still 3.6% (0.4 mV) short of it. ' +
        'Try the tau_m slider in the inspector and run again: the time constant sets how fast a cell follows its input, not where it ends up.',
      project: passive('Lesson 1: a slower membrane', 'tau_m = 30 ms: the same plateau (-55 mV), reached three times more slowly.', '10 nA', { tau_m: '30 ms' }),
      select: { population: 'cell' },
      tab: 'plots',
      run: true,
    },
    {
      id: 'resistance',
      title: 'A larger resistance: R = 1.2 MΩ',
      text:
        'With R = 1.2 MΩ the same 10 nA produces R I = 12 mV, so the plateau rises to -53 mV, just 1 mV below threshold. ' +
        'In this model tau_m is a parameter of its own, so raising R at a fixed tau_m = 10 ms means a smaller capacitance (C = tau_m / R ≈ 8.3 nF) and the same speed. ' +
        'Raise R a little more (above 1.3 MΩ) and the plateau would cross -52 mV: that is the next lesson.',
      project: passive('Lesson 1: a larger resistance', 'R = 1.2 Mohm: the plateau rises to v_rest + R I = -53 mV, just below threshold.', '10 nA', { R: '1.2 Mohm' }),
      select: { population: 'cell' },
      tab: 'plots',
      run: true,
    },
  ],
};
