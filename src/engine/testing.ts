/** Small builders for engine tests and benchmarks: project documents in a few lines. */
import type { ProjectInput } from '../project/schema';

type PopulationInput = ProjectInput['populations'][number];

export function singlePopulationProject(
  population: Partial<PopulationInput> & { model: string },
  options: {
    dtMs?: number;
    durationMs?: number;
    seed?: number;
    precision?: 'f32' | 'f64';
    models?: Record<string, string>;
    stimuli?: ProjectInput['stimuli'];
    record?: string[];
    neurons?: number[] | 'all';
    intervalMs?: number;
  } = {},
): ProjectInput {
  const id = population.id ?? 'pop';
  return {
    format: 'spikeflow-project',
    version: 1,
    name: `${population.model} test`,
    simulation: {
      dtMs: options.dtMs ?? 0.1,
      durationMs: options.durationMs ?? 100,
      seed: options.seed ?? 1,
      backend: 'cpu',
      precision: options.precision ?? 'f64',
    },
    models: options.models ?? {},
    populations: [{ id, size: 1, ...population }],
    stimuli: options.stimuli ?? [],
    recordings: options.record
      ? [{ population: id, variables: options.record, neurons: options.neurons ?? [0], intervalMs: options.intervalMs }]
      : [],
  };
}
