/**
 * The spikes a fitted neuron receives through projections, as fixed events for the differentiable
 * cell. The pre-synaptic populations must not depend on the fitted one (no path back from it), so
 * their spike trains do not change with θ: the engine simulates the project once, exactly as a run
 * does, and every spike that reaches the neuron becomes (arrival step, the connection's parameters).
 * What θ changes is what those arrivals do — the synapse's parameters (a weight), and everything
 * downstream of them in the neuron — which the cell differentiates exactly.
 *
 * Arrival step = spike step + the connection's delay in steps; the arrival runs `on_pre` at the end of
 * that step, after the neuron's own update (the engine's order: an effect is seen from the next step).
 */
import { EngineError } from '../engine/errors';
import type { ProjectionSetup } from '../engine/projection';
import type { Simulation } from '../engine/simulation';
import { onPreProblem } from './onPreTangent';

export interface IncomingProjection {
  readonly setup: ProjectionSetup;
  /** Arrival steps, ascending. */
  readonly steps: Int32Array;
  /** The arriving connection's synapse parameter values, [event * width + j]. */
  readonly rows: Float64Array;
  readonly width: number;
}

/** The projections into `population`, refused with the reason when the gradient cannot follow them. */
export function incomingProjections(sim: Simulation, population: string, where: string): ProjectionSetup[] {
  const setups = sim.projections.map((p) => p.setup);
  const incoming = setups.filter((s) => s.post.id === population);
  if (incoming.length === 0) return [];
  // Populations reachable from the fitted one: their spikes would depend on θ.
  const downstream = new Set<string>([population]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of setups) {
      if (downstream.has(s.pre.id) && !downstream.has(s.post.id)) {
        downstream.add(s.post.id);
        grew = true;
      }
    }
  }
  for (const s of incoming) {
    const at = `${where}: projection '${s.id}' into '${population}'`;
    if (downstream.has(s.pre.id)) {
      throw new EngineError('unsupported', `${at} comes from '${s.pre.id}', whose spikes depend on '${population}' (a loop): one cell's gradient cannot follow it — the network gradient (DifferentiableNetwork, which a fit uses for loops) does`);
    }
    const problem = onPreProblem(s.ir, s.plan);
    if (problem) throw new EngineError('unsupported', `${at}: ${problem}; gradients cannot follow it`);
  }
  return incoming;
}

/**
 * Runs the simulation for `steps` (it must be freshly compiled) and returns, per incoming projection,
 * the events reaching `neuron`.
 */
export function collectArrivals(sim: Simulation, incoming: readonly ProjectionSetup[], neuron: number, steps: number): IncomingProjection[] {
  if (incoming.length === 0) return [];
  const popIndex = new Map(sim.populations.map((p, k) => [p.id, k]));
  // Per projection: for each pre neuron, the connections from it to the fitted neuron.
  const targets = incoming.map((s) => {
    const byPre = new Map<number, number[]>();
    const { pre, post } = s.connections;
    for (let c = 0; c < post.length; c++) {
      if (post[c] !== neuron) continue;
      const list = byPre.get(pre[c]);
      if (list) list.push(c);
      else byPre.set(pre[c], [c]);
    }
    return byPre;
  });
  const events = incoming.map(() => [] as { step: number; connection: number }[]);
  sim.run({
    steps,
    onChunk: (chunk) => {
      const { steps: at, populations, neurons } = chunk.spikes;
      for (let i = 0; i < at.length; i++) {
        incoming.forEach((s, q) => {
          if (populations[i] !== popIndex.get(s.pre.id)) return;
          for (const c of targets[q].get(neurons[i]) ?? []) {
            const delay = typeof s.delaySteps === 'number' ? s.delaySteps : s.delaySteps[c];
            if (at[i] + delay < steps) events[q].push({ step: at[i] + delay, connection: c });
          }
        });
      }
    },
  });
  return incoming.map((s, q) => {
    // Stable: arrivals of one step keep the order in which their spikes were produced.
    const list = events[q].sort((a, b) => a.step - b.step);
    const width = s.ir.params.length;
    const rows = new Float64Array(list.length * width);
    list.forEach(({ connection }, e) => {
      for (let j = 0; j < width; j++) {
        const perConnection = s.connectionParams[j];
        rows[e * width + j] = perConnection ? perConnection[connection] : s.scalarParams[j];
      }
    });
    return { setup: s, steps: Int32Array.from(list, (x) => x.step), rows, width };
  });
}
