/**
 * What a sweep measures in each neuron's spike train over the whole run: mean firing rate, spike
 * count, the coefficient of variation of the inter-spike intervals and the first-spike latency
 * after the stimulus onset. A measure that a train cannot give (CV with fewer than two intervals,
 * latency without a spike) is NaN: shown as "no value", never as 0.
 */

export type SweepMeasure = 'rate' | 'count' | 'cv' | 'latency';

export const MEASURES: Readonly<Record<SweepMeasure, { readonly label: string; readonly unit: string; readonly hint: string }>> = {
  rate: { label: 'mean firing rate', unit: 'Hz', hint: 'spikes per second over the whole run' },
  count: { label: 'spike count', unit: '', hint: 'spikes in the whole run' },
  cv: { label: 'CV of inter-spike intervals', unit: '', hint: 'standard deviation / mean of the intervals (needs 3 spikes)' },
  latency: { label: 'first-spike latency', unit: 'ms', hint: 'time of the first spike after the stimulus onset' },
};

export const MEASURE_IDS = Object.keys(MEASURES) as SweepMeasure[];

export interface TrainTiming {
  readonly durationMs: number;
  /** Latency is measured from here. */
  readonly onsetMs: number;
}

/** One train's measure; `timesMs` in ascending order. */
export function trainMeasure(timesMs: readonly number[], measure: SweepMeasure, timing: TrainTiming): number {
  const n = timesMs.length;
  switch (measure) {
    case 'count':
      return n;
    case 'rate':
      return (1000 * n) / timing.durationMs;
    case 'latency': {
      const first = timesMs.find((t) => t >= timing.onsetMs);
      return first === undefined ? NaN : first - timing.onsetMs;
    }
    case 'cv': {
      if (n < 3) return NaN;
      const isi = timesMs.slice(1).map((t, i) => t - timesMs[i]);
      const mean = isi.reduce((s, x) => s + x, 0) / isi.length;
      // Population standard deviation: the CV of the intervals observed, not an estimate.
      const variance = isi.reduce((s, x) => s + (x - mean) ** 2, 0) / isi.length;
      return mean > 0 ? Math.sqrt(variance) / mean : NaN;
    }
  }
}

export interface SweepSpikes {
  readonly tMs: ArrayLike<number>;
  readonly neuron: ArrayLike<number>;
  readonly population?: readonly string[];
}

/** The measure of each of `n` neurons from a batched run's spikes (only population `population` counts when tagged). */
export function measureTrains(spikes: SweepSpikes, n: number, measure: SweepMeasure, timing: TrainTiming, population?: string): number[] {
  const trains: number[][] = Array.from({ length: n }, () => []);
  for (let k = 0; k < spikes.tMs.length; k++) {
    if (population !== undefined && spikes.population && spikes.population[k] !== population) continue;
    const i = spikes.neuron[k];
    if (i >= 0 && i < n) trains[i].push(spikes.tMs[k]);
  }
  return trains.map((t) => trainMeasure(t.sort((a, b) => a - b), measure, timing));
}
