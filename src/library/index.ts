/**
 * The built-in model library: every model written in the Spikeflow model language, registered by
 * name. `builtinRegistry()` is shared; project models go into a child registry so that they can
 * never replace a built-in model of the same name.
 */
import { ngclearnCells } from './cells';
import { moreCells } from './cells/more';
import { sourceCells } from './cells/sources';
import { jaxleyChannels } from './channels';
import { ModelRegistry } from './registry';
import { synapseModels } from './synapses';
import type { LibrarySource } from './types';

export const LIBRARY_SOURCES: readonly LibrarySource[] = [
  ...ngclearnCells,
  ...moreCells,
  ...sourceCells,
  ...jaxleyChannels,
  ...synapseModels,
];

let shared: ModelRegistry | undefined;

export function builtinRegistry(): ModelRegistry {
  if (!shared) {
    const registry = new ModelRegistry();
    for (const entry of LIBRARY_SOURCES) registry.register(entry.source, entry.origin);
    shared = registry;
  }
  return shared;
}

export { ModelRegistry, declaredModelName, DuplicateModelError } from './registry';
export type { RegisteredModel } from './registry';
