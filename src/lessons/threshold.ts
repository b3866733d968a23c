/**
 * Lesson 2: threshold, reset and refractoriness. The same LIF cell as lesson 1 (R = 1 MΩ,
 * tau_m = 10 ms, v_rest = -65 mV, thr = -52 mV, v_reset = -60 mV, t_ref = 5 ms), now driven above
 * its rheobase (thr − v_rest) / R = 13 nA.
 */
import type { ProjectInput } from '../project/schema';
import { FORMAT, singleCell } from './build';
import type { Lesson } from './types';

function lif(name: string, description: string, amplitude: string, durationMs = 200) {
  return singleCell({ name, description, model: 'LIF', amplitude, startMs: 20, stopMs: durationMs - 20, durationMs, dtMs: 0.01, record: ['v'], intervalMs: 0.05 });
}

/** Two cells side by side: one just below the rheobase, one just above. */
const rheobase: ProjectInput = {
  ...FORMAT,
  name: 'Lesson 2: the rheobase',
  description: 'Two identical LIF cells: 12.5 nA (below the 13 nA rheobase) never fires; 14 nA (above it) fires regularly.',
  simulation: { dtMs: 0.01, durationMs: 200, seed: 1 },
  populations: [
    { id: 'below', label: '12.5 nA', model: 'LIF', size: 1, integrator: 'euler' },
    { id: 'above', label: '14 nA', model: 'LIF', size: 1, integrator: 'euler' },
  ],
  stimuli: [
    { type: 'step', id: 'i_below', target: 'below', input: 'j', amplitude: '12.5 nA', startMs: 20, stopMs: 180 },
    { type: 'step', id: 'i_above', target: 'above', input: 'j', amplitude: '14 nA', startMs: 20, stopMs: 180 },
  ],
  recordings: [
    { id: 'rec_below', population: 'below', variables: ['v'], neurons: [0], intervalMs: 0.05 },
    { id: 'rec_above', population: 'above', variables: ['v'], neurons: [0], intervalMs: 0.05 },
  ],
  layout: {
    'stimulus:i_below': { x: 0, y: 40 },
    'stimulus:i_above': { x: 0, y: 260 },
    below: { x: 320, y: 40 },
    above: { x: 320, y: 260 },
    'recording:rec_below': { x: 640, y: 40 },
    'recording:rec_above': { x: 640, y: 260 },
  },
};

export const THRESHOLD_LESSON: Lesson = {
  id: 'threshold',
  title: '2. Threshold, reset and refractoriness',
  summary: 'The LIF fires: rheobase, interspike interval and the f–I curve.',
  steps: [
    {
      id: 'fire',
      title: 'Threshold and reset',
      text:
        'With 20 nA the plateau would be v_rest + R I = -45 mV, above the threshold of -52 mV, so v never gets there: when it crosses -52 mV the cell emits a spike and v is reset to -60 mV. ' +
        'The LIF has no action potential shape; the spike is an event, drawn as a tick in the raster. ' +
        'After each reset the membrane charges again along the same exponential, so the spikes come at regular intervals.',
      project: lif('Lesson 2: threshold and reset', 'A LIF cell driven by 20 nA from 20 to 180 ms: it charges, crosses -52 mV, is reset to -60 mV, and repeats.', '20 nA'),
      select: { population: 'cell' },
      tab: 'plots',
      run: true,
    },
    {
      id: 'rheobase',
      title: 'The rheobase',
      text:
        'The rheobase is the smallest constant current that makes the cell fire. For the LIF it follows from the plateau: v_rest + R I must reach thr, so I_rh = (thr − v_rest) / R = 13 mV / 1 MΩ = 13 nA. ' +
        "Here two identical cells get 12.5 nA and 14 nA: the first creeps up to -52.5 mV and stays there, the second fires about every 27 ms (5 ms refractory plus 22 ms of charging). " +
        'Just above the rheobase the interval is long, because the last millivolt before threshold is climbed very slowly.',
      project: rheobase,
      select: { population: 'above' },
      tab: 'plots',
      run: true,
    },
    {
      id: 'refractory',
      title: 'The interspike interval and refractoriness',
      text:
        'After a spike the cell is refractory for t_ref = 5 ms (v is held at -60 mV), then charges from v_reset towards the plateau V = v_rest + R I. ' +
        'The interval is T = t_ref + tau_m ln((V − v_reset) / (V − thr)); at 20 nA, V = -45 mV and T = 5 + 10 ln(15/7) ≈ 12.6 ms, a rate of about 79 Hz. ' +
        'However large the current, the rate can never exceed 1 / t_ref = 200 Hz.',
      project: lif('Lesson 2: interspike interval', '20 nA for 1 s: the LIF fires every ~12.6 ms (t_ref 5 ms + 7.6 ms of charging), about 79 Hz.', '20 nA', 1040),
      select: { population: 'cell' },
      tab: 'plots',
      run: true,
    },
    {
      id: 'fi-curve',
      title: 'The f–I curve',
      text:
        'Plotting the firing rate against the input current gives the f–I curve, the cell\'s input–output function. ' +
        'The f–I tab below sweeps the current for the selected cell: the rate is zero up to the rheobase (13 nA), rises steeply just above it, and bends over towards 1 / t_ref = 200 Hz. ' +
        'Run the sweep, then change t_ref or tau_m in the inspector and compare the curves.',
      project: lif('Lesson 2: the f–I curve', 'One LIF cell (rheobase 13 nA); use the f–I tab to sweep its input current.', '20 nA'),
      select: { population: 'cell' },
      tab: 'fi',
    },
  ],
};
