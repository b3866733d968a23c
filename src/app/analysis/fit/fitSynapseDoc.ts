/**
 * Trainable synapse parameters, named as the fit worker names them: `syn:PROJECTION.PARAM`
 * (`syn:input.w` is the weight of projection `input`). Projection ids are unique, so the name alone
 * says where the value lives: a projection into the fitted population, or — with the network gradient
 * — into another population of the network.
 * A weight lives in the projection's `weight` field unless the document set it in `params.w`; the
 * other parameters live in `params`.
 */
import type { ModelInfo } from '../../../library/catalog';
import type { ProjectionDoc, ValueDoc } from '../../store/document';
import type { Edit } from '../../store/edits';
import { centralValue, type AnyValue } from '../../inspector/valueMode';

type Catalog = ReadonlyMap<string, ModelInfo>;

export const isSynapseName = (name: string): boolean => name.startsWith('syn:');

export const synapseName = (projection: string, param: string): string => `syn:${projection}.${param}`;

function parse(name: string): { projection: string; param: string } | undefined {
  const m = /^syn:([^.]+)\.(.+)$/.exec(name);
  return m ? { projection: m[1], param: m[2] } : undefined;
}

/** The projection a `syn:` name belongs to (`_population`, the fitted one, does not restrict it: a network fit trains weights anywhere in the network). */
function projectionOf(projections: readonly ProjectionDoc[], _population: string, name: string): { proj: ProjectionDoc; param: string } | undefined {
  const parsed = parse(name);
  const proj = parsed && projections.find((p) => p.id === parsed.projection);
  return proj && parsed ? { proj, param: parsed.param } : undefined;
}

/** The document's value of a synapse parameter (undefined: the synapse model's default). */
export function synapseDocValue(projections: readonly ProjectionDoc[], population: string, name: string): AnyValue | undefined {
  const found = projectionOf(projections, population, name);
  if (!found) return undefined;
  const { proj, param } = found;
  const inParams = (proj.params as Record<string, AnyValue> | undefined)?.[param];
  return inParams ?? (param === 'w' ? (proj.weight as AnyValue | undefined) : undefined);
}

export interface SynapseTrainable {
  readonly name: string;
  readonly unit: string;
  readonly value: number | undefined;
  readonly range?: { readonly min: number; readonly max: number };
  readonly description: string;
}

export function synapseTrainableInfo(projections: readonly ProjectionDoc[], population: string, name: string, catalog: Catalog): SynapseTrainable | undefined {
  const found = projectionOf(projections, population, name);
  const model = found && catalog.get(found.proj.synapse);
  const p = model?.params.find((q) => q.name === found!.param);
  if (!found || !p) return undefined;
  const value = centralValue(synapseDocValue(projections, population, name), p.unit) ?? p.defaultValue;
  return { name, unit: p.unit, value, range: { min: p.min, max: p.max }, description: `${p.description} (synapse ${model!.name} of projection '${found.proj.id}' from '${found.proj.pre}')` };
}

/** Every synapse parameter of every projection into `population`. */
export function synapseTrainableNames(projections: readonly ProjectionDoc[], population: string, catalog: Catalog): string[] {
  return projections.filter((p) => p.post === population).flatMap((p) => catalog.get(p.synapse)?.params.map((q) => synapseName(p.id, q.name)) ?? []);
}

/** One edit setting a synapse parameter (declared unit) where the document keeps it. */
export function synapseValueEdit(projections: readonly ProjectionDoc[], population: string, name: string, value: ValueDoc | undefined): Edit {
  const found = projectionOf(projections, population, name);
  if (!found) throw new Error(`no projection for '${name}' (fitting '${population}')`);
  const { proj, param } = found;
  const inParams = (proj.params as Record<string, unknown> | undefined)?.[param] !== undefined;
  if (param === 'w' && !inParams) return { type: 'updateProjection', id: proj.id, patch: { weight: value as ProjectionDoc['weight'] } };
  return { type: 'setProjectionParam', id: proj.id, param, value };
}
