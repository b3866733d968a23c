/**
 * The project's own models next to the library, as the workers see them: a registry that takes
 * every project model it can and leaves out the ones it cannot (a name the library already has, a
 * key that is not the declared name). Unlike engine/build.ts's projectRegistry, which refuses a
 * whole project for one such model, this never throws: the palette and the code panel must keep
 * working while a model is being written.
 */
import { builtinRegistry, declaredModelName, ModelRegistry } from '../library';
import { catalogOf, type ModelInfo } from '../library/catalog';

export const builtinName = (name: string): string => `a built-in model is called '${name}'; give yours another name (duplicate it to edit it)`;
export const projectName = (name: string): string => `the project already has a model called '${name}'`;

/** Why a project model cannot be registered under `name`; undefined when it can. */
export function registrationProblem(registry: ModelRegistry, name: string, source: string): string | undefined {
  if (builtinRegistry().has(name)) return builtinName(name);
  if (registry.has(name)) return projectName(name);
  const declared = declaredModelName(source);
  if (declared !== name) return `the source declares ${declared ? `model '${declared}'` : "no 'model NAME : KIND' header"}, but is stored as '${name}'`;
  return undefined;
}

/** Library + every project model that can be registered (whether it compiles or not). */
export function lenientProjectRegistry(models: Readonly<Record<string, string>>): ModelRegistry {
  const registry = new ModelRegistry(builtinRegistry());
  for (const [name, source] of Object.entries(models)) {
    if (registrationProblem(registry, name, source)) continue;
    registry.register(source, 'project', name);
  }
  return registry;
}

/** The catalog for a project: the library, then the project's models that compile (origin `project`). */
export function projectCatalog(models: Readonly<Record<string, string>>): ModelInfo[] {
  return catalogOf(lenientProjectRegistry(models));
}
