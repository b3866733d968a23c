/** Message builders for the plots' unit tests (a run's layout and its streamed chunks). */
import type { ChunkMessage, LoadedMessage, PopulationInfo, SeriesInfo } from '../../worker/protocol';

export function series(population: string, neuron: number, variable: string, unit: string): SeriesInfo {
  return { key: `${population}[${neuron}].${variable}`, population, neuron, variable, unit };
}

export function loaded(patch: Partial<LoadedMessage> = {}): LoadedMessage {
  const populations: PopulationInfo[] = [
    { id: 'exc', model: 'LIF', size: 4, recordSpikes: true },
    { id: 'inh', model: 'LIF', size: 2, recordSpikes: true },
  ];
  return {
    type: 'loaded',
    series: [[series('exc', 0, 'v', 'mV'), series('exc', 0, 'j', 'nA')], [series('inh', 1, 'v', 'mV')]],
    populations,
    dtMs: 0.5,
    durationMs: 100,
    precision: 'f32',
    ...patch,
  };
}

export interface ChunkSpec {
  readonly firstStep: number;
  readonly stepCount: number;
  readonly dtMs?: number;
  /** Per recorder: values per step as a function of (step, series index); one sample per step. */
  readonly traces?: readonly ((step: number, s: number) => number)[];
  readonly seriesCounts?: readonly number[];
  /** [step, population, neuron] */
  readonly spikes?: readonly (readonly [number, number, number])[];
  readonly f64?: boolean;
}

/** A chunk with one sample per step in each recorder (as the worker sends at intervalMs = dt). */
export function chunk(spec: ChunkSpec): ChunkMessage {
  const dtMs = spec.dtMs ?? 0.5;
  const recordings = (spec.traces ?? []).map((f, recorder) => {
    const k = spec.seriesCounts?.[recorder] ?? 1;
    const timesMs = new Float64Array(spec.stepCount);
    const values = spec.f64 ? new Float64Array(spec.stepCount * k) : new Float32Array(spec.stepCount * k);
    for (let i = 0; i < spec.stepCount; i++) {
      const step = spec.firstStep + i;
      timesMs[i] = step * dtMs;
      for (let s = 0; s < k; s++) values[i * k + s] = f(step, s);
    }
    return { recorder, timesMs, values };
  });
  const spikes = spec.spikes ?? [];
  return {
    type: 'chunk',
    runId: 1,
    firstStep: spec.firstStep,
    stepCount: spec.stepCount,
    dtMs,
    recordings,
    spikes: {
      steps: Int32Array.from(spikes, (s) => s[0]),
      populations: Int32Array.from(spikes, (s) => s[1]),
      neurons: Int32Array.from(spikes, (s) => s[2]),
    },
    rates: [],
  };
}
