/**
 * Small projects the network-gradient tests share (test support, not used by the app).
 */
import { parseProject } from '../project/validate';
import type { Project } from '../project/schema';

/** A validated float64 project (dt 0.1 ms, 120 ms unless `json` says otherwise). */
export function testProject(json: Record<string, unknown>): Project {
  const parsed = parseProject({ format: 'spikeflow-project', version: 1, name: 'network gradient', simulation: { dtMs: 0.1, durationMs: 120, seed: 3, precision: 'f64' }, ...json });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.project;
}

/**
 * a → b (exponential current) → c (delta synapse, held below threshold): θ = the weight a → b moves
 * b's spikes, and c sees them only through its synapse.
 */
export function chainProject(simulation?: Record<string, unknown>): Project {
  return testProject({
    ...(simulation ? { simulation } : {}),
    populations: [
      { id: 'a', model: 'LIF', size: 1 },
      { id: 'b', model: 'LIF', size: 1 },
      { id: 'c', model: 'LIF', size: 1, params: { tau_m: '20 ms' } },
    ],
    projections: [
      { id: 'ab', pre: 'a', post: 'b', synapse: 'ExpCurrent', connectivity: { rule: 'all_to_all' }, weight: '4 nA', delayMs: 1 },
      { id: 'bc', pre: 'b', post: 'c', synapse: 'DeltaSynapse', connectivity: { rule: 'all_to_all' }, weight: '0.5 mV', delayMs: 1.5 },
    ],
    stimuli: [
      { id: 'drive', type: 'step', target: 'a', amplitude: '20 nA' },
      { id: 'bias', type: 'step', target: 'b', amplitude: '12 nA' },
    ],
  });
}
