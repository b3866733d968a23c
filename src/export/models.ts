/**
 * Model lookup for the export: the built-in library plus the project's own models (as the engine
 * resolves them), with problems reported as ExportErrors that name the JSON path.
 */
import { builtinRegistry, declaredModelName, ModelRegistry } from '../library';
import type { ModelIR } from '../model/ir';
import type { Project } from '../project/schema';
import { ExportError } from './errors';

export function exportRegistry(project: Project): ModelRegistry {
  const registry = new ModelRegistry(builtinRegistry());
  for (const [name, source] of Object.entries(project.models)) {
    const path = `$.models.${name}`;
    if (registry.has(name)) throw new ExportError(`${path}: a model named '${name}' already exists in the library`, path);
    if (declaredModelName(source) !== name) throw new ExportError(`${path}: the source must declare 'model ${name}'`, path);
    registry.register(source, 'project', name);
  }
  return registry;
}

export function modelIR(registry: ModelRegistry, name: string, path: string, kind: 'cell' | 'channel' | 'synapse'): ModelIR {
  const result = registry.compile(name);
  if (!result) throw new ExportError(`${path}: unknown ${kind} model '${name}'`, path);
  if (!result.ir) {
    const first = result.diagnostics.find((d) => d.severity === 'error');
    throw new ExportError(`${path}: model '${name}' has errors (first: ${name}:${first?.line}:${first?.col}: ${first?.message})`, path);
  }
  if (result.ir.kind !== kind) throw new ExportError(`${path}: '${name}' is a ${result.ir.kind}, not a ${kind}`, path);
  return result.ir;
}
