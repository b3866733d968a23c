/**
 * Which parts of a project a network gradient simulates, and how.
 *
 * θ acts on the fitted population (its parameters and initial values) and on the post populations of
 * trained synapse parameters; whatever lies downstream of those along projections has spikes that
 * move with θ. Of the populations that can reach the fitted one (its ancestors, itself included):
 *   - differentiable: downstream of θ (and the fitted population itself) — stepped with tangents,
 *     their spikes carrying surrogate derivatives through the synapses, loops included;
 *   - fixed: not downstream of θ — their spikes do not depend on it, so the engine simulates the
 *     project once and they are replayed as they happened (as the single-cell gradient treats inputs).
 * Populations that cannot reach the fitted one play no part.
 */
import { EngineError } from '../engine/errors';
import type { PopulationRuntime } from '../engine/population';
import type { ProjectionSetup } from '../engine/projection';
import type { Simulation } from '../engine/simulation';
import type { Project } from '../project/schema';
import { onPreProblem } from './onPreTangent';

export interface NetworkPlan {
  /** Stepped with tangents, in the engine's order. */
  readonly differentiable: readonly PopulationRuntime[];
  /** Replayed from one engine run. */
  readonly fixed: readonly PopulationRuntime[];
  /** Projections into differentiable populations from either kind, in the engine's order. */
  readonly projections: readonly ProjectionSetup[];
}

const SYNAPSE_PROJECTION = /^syn:([A-Za-z_][A-Za-z0-9_]*)\./;

export function planNetwork(sim: Simulation, fitted: string, params: readonly string[], where: string): NetworkPlan {
  const setups = sim.projections.map((p) => p.setup);
  const ancestors = new Set<string>([fitted]);
  const downstream = new Set<string>();
  if (params.some((name) => !SYNAPSE_PROJECTION.test(name))) downstream.add(fitted);
  for (const name of params) {
    const id = SYNAPSE_PROJECTION.exec(name)?.[1];
    const setup = setups.find((s) => s.id === id);
    if (setup) downstream.add(setup.post.id);
  }
  grow(ancestors, setups, (s) => s.post.id, (s) => s.pre.id);
  grow(downstream, setups, (s) => s.pre.id, (s) => s.post.id);
  const differentiable = sim.populations.filter((p) => p.id === fitted || (ancestors.has(p.id) && downstream.has(p.id)));
  const inDifferentiable = new Set(differentiable.map((p) => p.id));
  const fixed = sim.populations.filter((p) => ancestors.has(p.id) && !inDifferentiable.has(p.id));
  const projections = setups.filter((s) => inDifferentiable.has(s.post.id) && ancestors.has(s.pre.id));
  for (const p of differentiable) {
    if (p.setup.oneSpike) throw new EngineError('unsupported', `${where}: population '${p.id}' lets one neuron spike per step, which the network gradient does not model`);
  }
  for (const s of projections) {
    const problem = onPreProblem(s.ir, s.plan);
    if (problem) throw new EngineError('unsupported', `${where}: projection '${s.id}' ('${s.pre.id}' → '${s.post.id}'): ${problem}; gradients cannot follow it`);
  }
  return { differentiable, fixed, projections };
}

/** Adds to `set` everything reachable from it: `to(s)` joins when `from(s)` is in. */
function grow(set: Set<string>, setups: readonly ProjectionSetup[], from: (s: ProjectionSetup) => string, to: (s: ProjectionSetup) => string): void {
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of setups) {
      if (set.has(from(s)) && !set.has(to(s))) {
        set.add(to(s));
        grew = true;
      }
    }
  }
}

/**
 * Whether a fit of `population` needs the network gradient: the population feeds back into itself,
 * or a trained synapse parameter belongs to a projection into another population.
 */
export function fitNeedsNetwork(project: Project, population: string, params: readonly string[]): boolean {
  const edges = project.projections.map((p) => ({ pre: p.pre, post: p.post }));
  for (const name of params) {
    const id = SYNAPSE_PROJECTION.exec(name)?.[1];
    const projection = project.projections.find((p) => p.id === id);
    if (projection && projection.post !== population) return true;
  }
  const reached = new Set<string>([population]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const e of edges) {
      if (reached.has(e.pre) && e.post === population) return true;
      if (reached.has(e.pre) && !reached.has(e.post)) {
        reached.add(e.post);
        grew = true;
      }
    }
  }
  return false;
}

/** Spikes of the fixed populations, per population: neurons of step n at neurons[start[n] .. start[n + 1]). */
export interface ReplayedSpikes {
  readonly start: Int32Array;
  readonly neurons: Int32Array;
}

/** Runs the (freshly compiled) simulation for `steps` and keeps the fixed populations' spikes. */
export function replayFixed(sim: Simulation, fixed: readonly PopulationRuntime[], steps: number): Map<string, ReplayedSpikes> {
  const result = new Map<string, ReplayedSpikes>();
  if (fixed.length === 0) return result;
  const index = new Map(sim.populations.map((p, k) => [k, p.id]));
  const wanted = new Set(fixed.map((p) => p.id));
  const lists = new Map(fixed.map((p) => [p.id, { steps: [] as number[], neurons: [] as number[] }]));
  sim.run({
    steps,
    onChunk: (chunk) => {
      const { steps: at, populations, neurons } = chunk.spikes;
      for (let i = 0; i < at.length; i++) {
        const id = index.get(populations[i])!;
        if (!wanted.has(id)) continue;
        const list = lists.get(id)!;
        list.steps.push(at[i]);
        list.neurons.push(neurons[i]);
      }
    },
  });
  for (const [id, list] of lists) {
    const start = new Int32Array(steps + 1);
    for (const n of list.steps) start[n + 1]++;
    for (let n = 0; n < steps; n++) start[n + 1] += start[n];
    // Chunks come in step order and a step's spikes in the engine's order: already sorted.
    result.set(id, { start, neurons: Int32Array.from(list.neurons) });
  }
  return result;
}
