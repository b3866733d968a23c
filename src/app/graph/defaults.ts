/**
 * What the palette creates: a population, a stimulus or a recorder with sensible, visible defaults.
 *
 * - Population: 10 neurons of a cell model, 100 of a spike source (a source usually stands for a
 *   crowd of input fibres); the id is the model name in lower case ("lif", "poisson"), made unique.
 * - Stimulus: an amplitude that makes the usual cell of that input unit fire (a step of 15 nA
 *   crosses the LIF rheobase of 13 nA; 10 µA/cm² makes a Hodgkin-Huxley axon fire; 10 mV/ms is
 *   Izhikevich's classic drive; 20 Hz for a rate input), switched on over the middle 80 % of the run.
 * - Recorder: the cell's first state (its membrane potential for every library cell), neuron 0.
 */
import type { StimulusType } from '../../project/schema';
import { freshId, type PopulationDoc, type ProjectDoc, type RecordingDoc, type StimulusDoc } from '../store/document';
import { formatNumber } from './format';
import { inputOf, isSpikeSource, type Catalog } from './models';

export const CELL_SIZE = 10;
export const SOURCE_SIZE = 100;

/** The id stem for a population of `model`: "LIFCell" → "lif", "PoissonSource" → "poisson". */
export function populationStem(model: string): string {
  const stem = model.replace(/(Cell|Source)$/, '').replace(/\d+$/, '').toLowerCase();
  return /^[a-z][a-z0-9_]*$/.test(stem) ? stem : 'pop';
}

export function newPopulation(doc: ProjectDoc, catalog: Catalog, model: string): PopulationDoc {
  const source = isSpikeSource(catalog.get(model));
  return { id: freshId(doc, populationStem(model)), model, size: source ? SOURCE_SIZE : CELL_SIZE };
}

/** A drive that makes a typical cell with this input unit fire (see the module comment). */
const AMPLITUDE_BY_UNIT: Readonly<Record<string, number>> = {
  nA: 15,
  pA: 800,
  uA: 0.015,
  'uA/cm2': 10,
  'mA/cm2': 0.01,
  'mV/ms': 10,
  mV: 20,
  Hz: 20,
  '1': 1,
};

/** The default amplitude for an input unit, as a number (in that unit). */
export function defaultAmplitude(unit: string): number {
  return AMPLITUDE_BY_UNIT[unit.trim()] ?? 1;
}

/** A value in `unit`: a quantity string when there is a unit (self-describing in the file), else a number. */
function amount(x: number, unit: string): number | string {
  const u = unit.trim();
  return u === '' || u === '1' ? x : `${formatNumber(x)} ${u}`;
}

export function newStimulus(doc: ProjectDoc, catalog: Catalog, type: StimulusType, target: string): StimulusDoc {
  const model = doc.populations.find((p) => p.id === target)?.model;
  const unit = inputOf(model === undefined ? undefined : catalog.get(model))?.unit ?? '';
  const a = defaultAmplitude(unit);
  const durationMs = doc.simulation.durationMs;
  const startMs = Math.round(durationMs * 0.1);
  const stopMs = Math.round(durationMs * 0.9);
  const base = { id: freshId(doc, type), target };
  switch (type) {
    case 'step':
      return { type, ...base, amplitude: amount(a, unit), startMs, stopMs };
    case 'ramp':
      return { type, ...base, from: amount(0, unit), to: amount(a, unit), startMs, stopMs };
    case 'pulses':
      return { type, ...base, amplitude: amount(a, unit), widthMs: 5, periodMs: 50, startMs, stopMs };
    case 'sine':
      return { type, ...base, amplitude: amount(a, unit), frequencyHz: 10, offset: amount(a, unit), startMs, stopMs };
    case 'noise':
      return { type, ...base, mean: amount(0, unit), std: amount(a, unit) };
    case 'expression': {
      const scale = unit === '' || unit === '1' ? formatNumber(a) : `${formatNumber(a)} ${unit}`;
      return { type, ...base, expression: `${scale} * (1 + sin(2*pi*t/(100 ms))) / 2`, startMs, stopMs };
    }
    case 'sampled':
      return { type, ...base, values: [0, a / 2, a, a / 2, 0].map((x) => Number(formatNumber(x))), sampleIntervalMs: Math.max(1, Math.round(durationMs / 10)), interpolation: 'linear', startMs };
  }
}

/** A recorder of `population`'s first state, or why there is nothing to record. */
export function newRecording(doc: ProjectDoc, catalog: Catalog, population: string): RecordingDoc | { refused: string } {
  const pop = doc.populations.find((p) => p.id === population);
  if (!pop) return { refused: `There is no population '${population}'.` };
  const info = catalog.get(pop.model);
  let variable = 'v';
  if (info) {
    if (info.states.length === 0) return { refused: `${pop.id} (${pop.model}) has no state variables to record; its spikes are recorded anyway (raster).` };
    variable = info.states.find((s) => s.name === 'v')?.name ?? info.states[0].name;
  }
  return { id: freshId(doc, `rec_${pop.id}`), population: pop.id, variables: [variable], neurons: [0] };
}
