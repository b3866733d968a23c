/** A small project for store tests (the default example's shape), independent of examples/. */
import type { ProjectDoc } from './document';

export const DEFAULT_PROJECT_FOR_TESTS: ProjectDoc = {
  format: 'spikeflow-project',
  version: 1,
  name: 'test',
  simulation: { dtMs: 0.1, durationMs: 100, seed: 1 },
  populations: [{ id: 'exc', model: 'LIF', size: 20 }],
  stimuli: [{ type: 'step', id: 'drive', target: 'exc', amplitude: '14 nA', startMs: 10 }],
  recordings: [{ population: 'exc', variables: ['v'], neurons: [0, 1] }],
  layout: { exc: { x: 0, y: 0 } },
};
