/**
 * Lesson 4: a spiking network. The default example (examples/default.json): 40 excitatory and
 * 10 inhibitory LIF cells, E→I and I→E exponential current synapses (p = 0.5, 1 ms delay), a 14 nA
 * step plus 20 nA noise into the excitatory cells. The steps change only the I→E weight.
 */
import defaultExample from '../../examples/default.json';
import type { ProjectInput } from '../project/schema';
import type { Lesson } from './types';

/** The default example as the editor loads it (validated in lessons.test.ts). */
const BASE = defaultExample as unknown as ProjectInput;

/** The default network with the inhibitory weight (I→E) and optionally the timing changed. */
export function eiNetwork(name: string, description: string, inhibitoryWeight: string, durationMs?: number): ProjectInput {
  const doc = structuredClone(BASE);
  doc.name = name;
  doc.description = description;
  doc.projections = (doc.projections ?? []).map((p) => (p.id === 'inh_exc' ? { ...p, weight: inhibitoryWeight } : p));
  if (durationMs !== undefined) {
    doc.simulation = { ...doc.simulation, durationMs };
    // The drive stays on until 50 ms before the end, as in the example.
    doc.stimuli = (doc.stimuli ?? []).map((s) => (s.id === 'drive' && s.type === 'step' ? { ...s, stopMs: durationMs - 50 } : s));
  }
  return doc;
}

export const NETWORK_LESSON: Lesson = {
  id: 'network',
  title: '4. A spiking network: excitation and inhibition',
  summary: 'An E/I network of LIF cells: what inhibition does, changed live during a run.',
  steps: [
    {
      id: 'ei',
      title: 'Excitation and inhibition',
      text:
        'Now 40 excitatory and 10 inhibitory LIF cells are wired together: each excitatory spike injects a +6 nA exponentially decaying current into about half of the inhibitory cells, and each inhibitory spike a -8 nA current into about half of the excitatory cells, both after 1 ms. ' +
        'The excitatory cells get a 14 nA step from 50 to 450 ms (just above their 13 nA rheobase at 1 MΩ) plus noise. ' +
        'In the raster, excitatory spikes recruit the inhibitory cells, which feed back and hold the excitatory rate down.',
      project: eiNetwork('Lesson 4: an E/I network', 'The default E/I network: 40 excitatory and 10 inhibitory LIF cells, I→E weight -8 nA.', '-8 nA'),
      select: { population: 'exc' },
      tab: 'plots',
      run: true,
    },
    {
      id: 'no-inhibition',
      title: 'Without inhibition',
      text:
        'The same network with the inhibitory weight set to 0 nA: the inhibitory cells still fire, but their spikes no longer reach the excitatory cells. ' +
        'Nothing holds the excitatory population back, so it fires at the rate its input alone allows, clearly more spikes than with inhibition. ' +
        'Compare the population rate plot with the previous step.',
      project: eiNetwork('Lesson 4: no inhibition', 'The E/I network with the I→E weight at 0 nA: the excitatory cells fire freely.', '0 nA'),
      select: { projection: 'inh_exc' },
      tab: 'plots',
      run: true,
    },
    {
      id: 'strong-inhibition',
      title: 'Strong inhibition',
      text:
        'Now the inhibitory weight is -24 nA, three times the default. ' +
        'Each burst of excitatory spikes now recruits inhibition strong enough to silence many excitatory cells for several milliseconds, so their rate drops well below the default network\'s. ' +
        'Inhibition acts as a brake that grows with the activity it is brought on by: negative feedback.',
      project: eiNetwork('Lesson 4: strong inhibition', 'The E/I network with the I→E weight at -24 nA: inhibition holds the excitatory rate down.', '-24 nA'),
      select: { projection: 'inh_exc' },
      tab: 'plots',
      run: true,
    },
    {
      id: 'live',
      title: 'Change the inhibition live',
      text:
        'This run lasts 5 s (drive from 50 to 4950 ms) and the I→E projection is selected in the inspector. ' +
        'While it runs, drag its weight slider from -8 nA towards 0 nA and back to -24 nA: the change takes effect at once, without restarting, and the raster and the population rate follow within milliseconds of simulated time. ' +
        'Undo (Ctrl+Z) returns to the weight you started from.',
      project: eiNetwork('Lesson 4: inhibition, live', 'The E/I network for 5 s, to change the I→E weight while it runs.', '-8 nA', 5000),
      select: { projection: 'inh_exc' },
      tab: 'plots',
      run: true,
    },
  ],
};
