/**
 * Live edits: applies a new version of the project document to a running (or paused, or finished)
 * Simulation, when the difference is only in values that can change between chunks — population
 * and channel parameters, synapse parameters and weights, stimuli. Anything structural needs a
 * rebuild (liveDiff.ts says why).
 *
 * Everything is computed first (values resolved, stimuli compiled, errors found) and only then
 * applied, so a failing edit leaves the simulation exactly as it was. Values are resolved with the
 * same seed streams as at build time, so a simulation edited live and then reset runs exactly like
 * one built from the new document.
 */
import type { Population, Project, Projection, Stimulus } from '../project/schema';
import { EngineError } from './errors';
import { changedKeys, deepEqual, restartReason } from './liveDiff';
import type { PopulationRuntime } from './population';
import type { ProjectionRuntime } from './projection';
import type { Simulation } from './simulation';
import { buildStimulus } from './stimulusBuild';
import { resolveValue, type ParamInput } from './values';

export type LiveEditPlan =
  | {
      readonly live: true;
      /** What changes, e.g. `exc.tau_m`, `exc.Na.gNa`, `ee.weight`, `hold.amplitude`. */
      readonly applied: readonly string[];
      /** Applies every change; call once, between chunks. */
      apply(): void;
    }
  | { readonly live: false; readonly reason: string };

interface Change {
  readonly names: readonly string[];
  readonly apply: () => void;
}

/** Thrown while planning when a value needs a rebuild after all (caught in planLiveEdit). */
class NeedsRestart extends Error {}

/**
 * Plans applying `after` to `sim`, which was built from `before` (and perhaps edited live since).
 * Returns live: false with a reason a user understands when it cannot, including when a new value is
 * invalid (the engine's message, naming the JSON path).
 */
export function planLiveEdit(sim: Simulation, before: Project, after: Project): LiveEditPlan {
  const reason = restartReason(before, after);
  if (reason) return { live: false, reason };
  const seed = after.simulation.seed;
  const changes: Change[] = [];
  try {
    after.populations.forEach((p, k) => changes.push(...populationChanges(sim.populations[k], before.populations[k], p, k, seed)));
    after.projections.forEach((p, k) => changes.push(...projectionChanges(sim.projections[k], before.projections[k], p, k, seed)));
    after.stimuli.forEach((s, k) => {
      const change = stimulusChange(sim, before.stimuli[k], s, k);
      if (change) changes.push(change);
    });
  } catch (e) {
    if (e instanceof NeedsRestart || e instanceof EngineError) return { live: false, reason: e.message };
    throw e;
  }
  return {
    live: true,
    applied: changes.flatMap((c) => c.names),
    apply: () => changes.forEach((c) => c.apply()),
  };
}

function populationChanges(pop: PopulationRuntime, a: Population, b: Population, index: number, seed: number): Change[] {
  const path = `$.populations[${index}]`;
  const out = paramChanges(pop, a.params, b.params, '', `${path}.params`, seed);
  (b.channels ?? []).forEach((c, k) => {
    out.push(...paramChanges(pop, a.channels?.[k].params, c.params, `${c.model}.`, `${path}.channels[${k}].params`, seed));
  });
  return out;
}

/** Changed parameter values of one namespace of a population (the cell's own, or a channel's `Na.`). */
function paramChanges(
  pop: PopulationRuntime,
  a: Record<string, unknown> | undefined,
  b: Record<string, unknown> | undefined,
  prefix: string,
  valuesPath: string,
  seed: number,
): Change[] {
  return changedKeys(a, b).map((name) => {
    const full = prefix + name;
    const at = `${valuesPath}.${name}`;
    const k = pop.flat.params.findIndex((p) => p.name === full);
    if (k < 0) {
      const own = pop.flat.params.filter((p) => p.name.startsWith(prefix) && !p.name.slice(prefix.length).includes('.')).map((p) => p.name.slice(prefix.length));
      throw new EngineError('invalid-value', `${at}: '${name}' is not a parameter of this model; its parameters are: ${own.join(', ')}`, at);
    }
    const param = pop.flat.params[k];
    const given = b?.[name];
    // A removed value goes back to the model's default.
    const value = given === undefined ? param.defaultValue : resolveValue(given as ParamInput, param.unit, pop.size, seed, [pop.id, full], at);
    return { names: [`${pop.id}.${full}`], apply: () => pop.setParam(k, value) };
  });
}

/** The value a projection gives a synapse parameter (`weight` is the parameter `w`), as at build time. */
const valueFor = (p: Projection, name: string): unknown => p.params?.[name] ?? (name === 'w' ? p.weight : undefined);
const isPerConnectionValue = (v: unknown): boolean => Array.isArray(v) || (typeof v === 'object' && v !== null);

function projectionChanges(rt: ProjectionRuntime, a: Projection, b: Projection, index: number, seed: number): Change[] {
  const path = `$.projections[${index}]`;
  const { ir, post, connectionParams } = rt.setup;
  if (b.weight !== undefined && !ir.params.some((p) => p.name === 'w')) {
    throw new EngineError('invalid-value', `${path}.weight: '${ir.name}' has no weight parameter 'w'; set its parameters with "params"`, `${path}.weight`);
  }
  for (const name of Object.keys(b.params ?? {})) {
    if (!ir.params.some((p) => p.name === name)) {
      const at = `${path}.params.${name}`;
      throw new EngineError('invalid-value', `${at}: '${name}' is not a parameter of ${ir.name}; its parameters are: ${ir.params.map((p) => p.name).join(', ')}`, at);
    }
  }
  const out: Change[] = [];
  ir.params.forEach((param, k) => {
    const given = valueFor(b, param.name);
    if (deepEqual(valueFor(a, param.name), given)) return;
    const viaWeight = param.name === 'w' && b.params?.w === undefined && a.params?.w === undefined;
    const label = `${rt.id}.${viaWeight ? 'weight' : param.name}`;
    if (connectionParams[k] === null && isPerConnectionValue(given)) {
      throw new NeedsRestart(`giving ${label} a different value per connection needs a restart`);
    }
    const at = viaWeight ? `${path}.weight` : `${path}.params.${param.name}`;
    const value = given === undefined ? param.defaultValue : resolveValue(given as ParamInput, param.unit, rt.size, seed, [rt.id, param.name], at);
    // A summed (lumped) synapse keeps the parameters of its summed equations in the post population
    // too (`ee.tau`, see flattenSynapses.ts): both copies change together.
    const lumped = post.flat.params.findIndex((p) => p.name === `${rt.id}.${param.name}`);
    out.push({
      names: [label],
      apply: () => {
        rt.setParam(k, value);
        if (lumped >= 0) post.setParam(lumped, value);
      },
    });
  });
  return out;
}

function stimulusChange(sim: Simulation, a: Stimulus, b: Stimulus, index: number): Change | undefined {
  const fields = changedKeys(a, b);
  if (fields.length === 0) return undefined;
  const pop = sim.populations.find((p) => p.id === b.target);
  if (!pop?.hasStimulus(b.id)) throw new NeedsRestart(`changing stimulus ${b.id} needs a restart`);
  const { input, stimulus } = buildStimulus(b, `$.stimuli[${index}]`, pop.flat, pop.size, pop.seed);
  return { names: fields.map((f) => `${b.id}.${f}`), apply: () => pop.replaceStimulus(b.id, input, stimulus) };
}
