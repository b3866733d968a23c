/**
 * What the graph asks of the model catalog: is a cell a spike source, which input does a stimulus
 * drive and in which unit. The catalog may be empty (the worker has not described the library yet);
 * every helper then answers permissively, and the worker's validation has the last word.
 */
import type { ModelInfo } from '../../library/catalog';

export type Catalog = ReadonlyMap<string, ModelInfo>;

const RATE_UNITS = new Set(['Hz', 'kHz', '1/s', '1/ms']);

/**
 * A spike source takes no synaptic input. `ModelInfo.isSource` marks sources without any input
 * (RegularSource); PoissonSource has one input, `rate_mod` in Hz, that rate stimuli drive, and is
 * still a source: a cell whose every input is a rate counts as one too.
 */
export function isSpikeSource(info: ModelInfo | undefined): boolean {
  if (!info || info.kind !== 'cell') return false;
  return info.isSource || (info.spikes && info.inputs.length > 0 && info.inputs.every((i) => RATE_UNITS.has(i.unit.trim())));
}

/** The input a stimulus or synapse adds to: the named one, else the cell's first. */
export function inputOf(info: ModelInfo | undefined, name?: string): ModelInfo['inputs'][number] | undefined {
  if (!info) return undefined;
  return (name !== undefined ? info.inputs.find((i) => i.name === name) : undefined) ?? info.inputs[0];
}

/** The unit bare numbers of a stimulus on `input` of `model` are in ('' when unknown). */
export function inputUnit(catalog: Catalog, model: string | undefined, input?: string): string {
  return model === undefined ? '' : (inputOf(catalog.get(model), input)?.unit ?? '');
}

export function paramUnit(info: ModelInfo | undefined, name: string): string {
  return info?.params.find((p) => p.name === name)?.unit ?? '';
}
