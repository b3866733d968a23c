/**
 * The edits the inspector dispatches, built from what the user changed. Reading and writing a
 * value go through one "owner" description (a population, one of its channels, a projection) so
 * that a parameter row does not care whose parameter it shows.
 *
 * Coalescing keys name the value (`param:exc.tau_m`), so a slider drag is one undo step while two
 * different sliders moved one after the other are two.
 */
import type { Edit } from '../store/edits';
import type { ChannelDoc, PopulationDoc, ProjectionDoc, ValueDoc } from '../store/document';
import type { ModelInfo } from '../../library/catalog';
import type { AnyValue } from './valueMode';

export type ValueOwner =
  | { readonly kind: 'population'; readonly population: string }
  | { readonly kind: 'channel'; readonly population: string; readonly channel: number; readonly channelModel: string }
  | { readonly kind: 'projection'; readonly projection: string };

type ConnectionValueDoc = NonNullable<ProjectionDoc['weight']>;
type ValueMap = Record<string, unknown> | undefined;

/** The name a value has in coalescing keys and row test ids: `tau_m`, `Na.gNa`. */
export function qualifiedName(owner: ValueOwner, name: string): string {
  return owner.kind === 'channel' ? `${owner.channelModel}.${name}` : name;
}

function ownerId(owner: ValueOwner): string {
  return owner.kind === 'projection' ? owner.projection : owner.population;
}

/** `param:exc.tau_m`, `param:soma.Na.gNa`, `param:ee.tau`. */
export function paramKey(owner: ValueOwner, name: string): string {
  return `param:${ownerId(owner)}.${qualifiedName(owner, name)}`;
}

export function initKey(owner: ValueOwner, state: string): string {
  return `init:${ownerId(owner)}.${qualifiedName(owner, state)}`;
}

/** Sets a parameter; `undefined` goes back to the model's default. */
export function paramEdit(owner: ValueOwner, name: string, value: AnyValue | undefined): Edit {
  switch (owner.kind) {
    case 'population':
      return { type: 'setParam', population: owner.population, param: name, value: value as ValueDoc | undefined };
    case 'channel':
      return { type: 'setParam', population: owner.population, param: name, value: value as ValueDoc | undefined, channel: owner.channel };
    case 'projection':
      // The edit's value type is the population one (no log-normal); projections accept log-normal too.
      return { type: 'setProjectionParam', id: owner.projection, param: name, value: value as ValueDoc | undefined };
  }
}

/** A parameter's value as the document has it (undefined: the model's default). */
export function readParam(owner: ValueOwner, target: PopulationDoc | ProjectionDoc, name: string): AnyValue | undefined {
  if (owner.kind === 'channel') return ((target as PopulationDoc).channels?.[owner.channel]?.params as ValueMap)?.[name] as AnyValue | undefined;
  return (target.params as ValueMap)?.[name] as AnyValue | undefined;
}

/**
 * An initial value as the document has it. A channel's gate can be set in the channel's own
 * `init` or as `Channel.state` in the population's; the channel's wins (the engine applies it last).
 */
export function readInit(owner: ValueOwner, target: PopulationDoc | ProjectionDoc, state: string): AnyValue | undefined {
  if (owner.kind === 'channel') {
    const pop = target as PopulationDoc;
    const own = (pop.channels?.[owner.channel]?.init as ValueMap)?.[state];
    return (own ?? (pop.init as ValueMap)?.[`${owner.channelModel}.${state}`]) as AnyValue | undefined;
  }
  return (target.init as ValueMap)?.[state] as AnyValue | undefined;
}

function withKey<V>(record: Record<string, V> | undefined, key: string, value: V | undefined): Record<string, V> | undefined {
  const next = { ...(record ?? {}) };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return Object.keys(next).length > 0 ? next : undefined;
}

/** Sets an initial value (`undefined`: the model's own initial value). */
export function initEdit(owner: ValueOwner, target: PopulationDoc | ProjectionDoc, state: string, value: AnyValue | undefined): Edit {
  switch (owner.kind) {
    case 'population':
      return { type: 'setInit', population: owner.population, state, value: value as ValueDoc | undefined };
    case 'channel': {
      // One place for the value: the channel's own init; a population-level `Na.m` is folded in.
      const pop = target as PopulationDoc;
      const channels: ChannelDoc[] = [...(pop.channels ?? [])];
      const ch = channels[owner.channel];
      channels[owner.channel] = dropUndefined({ ...ch, init: withKey(ch.init, state, value as ValueDoc | undefined) });
      const init = withKey(pop.init, `${owner.channelModel}.${state}`, undefined);
      return { type: 'updatePopulation', id: owner.population, patch: { channels, init } };
    }
    case 'projection': {
      const proj = target as ProjectionDoc;
      return { type: 'updateProjection', id: owner.projection, patch: { init: withKey(proj.init, state, value as ConnectionValueDoc | undefined) } };
    }
  }
}

function dropUndefined<T extends object>(o: T): T {
  const out = { ...o } as Record<string, unknown>;
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out as T;
}

// ---------------------------------------------------------------------------------------------
// Projections: weight (the synapse's `w`) and delay

/** The weight in effect: `params.w` wins over `weight` (as in the engine). */
export function readWeight(proj: ProjectionDoc): AnyValue | undefined {
  return ((proj.params as ValueMap)?.w ?? proj.weight) as AnyValue | undefined;
}

/** Sets the weight, keeping it in one place (`weight`; a `params.w` is folded in). */
export function weightEdit(proj: ProjectionDoc, value: AnyValue | undefined): Edit {
  return {
    type: 'updateProjection',
    id: proj.id,
    patch: { weight: value as ConnectionValueDoc | undefined, params: withKey(proj.params, 'w', undefined) },
  };
}

export function delayEdit(proj: ProjectionDoc, value: AnyValue | undefined): Edit {
  return { type: 'updateProjection', id: proj.id, patch: { delayMs: value as ConnectionValueDoc | undefined } };
}

// ---------------------------------------------------------------------------------------------
// Changing a model keeps the values the new model also has

function keepKnown<V>(values: Record<string, V> | undefined, known: ReadonlySet<string>, keepDotted: boolean): Record<string, V> | undefined {
  if (!values) return undefined;
  const out: Record<string, V> = {};
  for (const [k, v] of Object.entries(values)) if (known.has(k) || (keepDotted && k.includes('.'))) out[k] = v;
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Switches a population to another cell model: parameters and initial values the new model does
 * not have are dropped (they would be errors); summed synapse states (`ee.g`) and channel values
 * (`Na.m`) stay.
 */
export function changeCellModelEdit(pop: PopulationDoc, model: ModelInfo): Edit {
  const params = keepKnown(pop.params, new Set(model.params.map((p) => p.name)), false);
  const init = keepKnown(pop.init, new Set(model.states.map((s) => s.name)), true);
  const patch: Partial<Omit<PopulationDoc, 'id'>> = { model: model.name, params, init };
  // Sequential update only means something with two or more states.
  if (model.states.length < 2 && pop.update !== undefined) patch.update = undefined;
  if (!model.spikes && pop.oneSpike !== undefined) patch.oneSpike = undefined;
  return { type: 'updatePopulation', id: pop.id, patch };
}

/** Switches a projection's synapse model, keeping the parameters the new one also has. */
export function changeSynapseEdit(proj: ProjectionDoc, model: ModelInfo): Edit {
  const names = new Set(model.params.map((p) => p.name));
  const hasW = names.has('w');
  const patch: Partial<Omit<ProjectionDoc, 'id'>> = {
    synapse: model.name,
    params: keepKnown(proj.params, names, false),
    init: keepKnown(proj.init, new Set(model.states.map((s) => s.name)), false),
  };
  if (!hasW) patch.weight = undefined;
  return { type: 'updateProjection', id: proj.id, patch };
}
