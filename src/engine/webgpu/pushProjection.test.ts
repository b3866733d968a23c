/**
 * Which projections push their spikes on the GPU, and their fixed-point increments (pushProjection.ts):
 * host-side, no GPU needed. gpuPush.test.ts runs them.
 */
import { describe, expect, it } from 'vitest';
import { compileProject } from '../build';
import type { Simulation } from '../simulation';
import { project } from './backendComparison';
import { planPush } from './pushProjection';
import { synapseProgram } from './synapseProgram';

const network = (projections: Record<string, unknown>[], extra: Record<string, unknown> = {}): Simulation =>
  compileProject(
    project({
      simulation: { dtMs: 0.1, durationMs: 10, seed: 3, precision: 'f32' },
      populations: [
        { id: 'src', model: 'LIF', size: 40 },
        { id: 'dst', model: 'LIF', size: 30 },
      ],
      projections,
      ...extra,
    }),
  );

/** LIF cells `src` into `dst`, of the given sizes, through `projection`. */
const twoPopulations = (src: number, dst: number, projection: Record<string, unknown>): Simulation =>
  compileProject(
    project({
      simulation: { dtMs: 0.1, durationMs: 10, seed: 3, precision: 'f32' },
      populations: [
        { id: 'src', model: 'LIF', size: src },
        { id: 'dst', model: 'LIF', size: dst },
      ],
      projections: [projection],
    }),
  );

const plan = (sim: Simulation, k: number, recorded = false) => {
  const program = synapseProgram(sim.projections[k]);
  if (typeof program === 'string') throw new Error(program);
  return planPush(sim.projections[k], program, recorded);
};

describe('pushed projections', () => {
  it('push additions of constants with one delay: each increment on a grid of 2^−s, for each post cell s as large as keeps a step into it within 2³¹', () => {
    const sim = network([{ id: 'kick', pre: 'src', post: 'dst', synapse: 'DeltaSynapse', connectivity: { rule: 'fixed_probability', p: 0.5 }, weight: { dist: 'uniform', low: '-2 mV', high: '3 mV' }, delayMs: 1 }]);
    const pushed = plan(sim, 0)!;
    expect(pushed).toBeDefined();
    const { setup } = sim.projections[0];
    const { outgoing, connections } = setup;
    const [target] = pushed.targets;
    expect(target.state).toBe(setup.post.flat.states.findIndex((s) => s.name === 'v'));
    const i32 = new Int32Array(pushed.table.buffer);
    const count = connections.pre.length;
    const reach = new Float64Array(30);
    const largest = new Float64Array(30);
    for (let c = 0; c < count; c++) largest[connections.post[c]] = Math.max(largest[connections.post[c]], Math.abs(setup.connectionParams[0]![c]));
    for (let q = 0; q < count; q++) {
      const c = outgoing.ids[q];
      const w = setup.connectionParams[0]![c];
      // Connection q (by pre) goes to its post neuron, with its weight on the grid (within 10⁻⁶ of the largest weight into that neuron).
      expect(pushed.table[41 + q]).toBe(connections.post[c]);
      expect(Math.abs(i32[target.row + q] * target.units[connections.post[c]] - w)).toBeLessThanOrEqual(1e-6 * largest[connections.post[c]]);
      reach[connections.post[c]] += Math.abs(i32[target.row + q]);
    }
    expect(Array.from(pushed.table.subarray(0, 41))).toEqual(Array.from(outgoing.indptr));
    // Each cell's scale: its own inputs all at once within 2³¹, and twice that beyond; the units are in the table.
    reach.forEach((most, j) => {
      expect(most).toBeLessThanOrEqual(2 ** 31 - 1);
      expect(2 * most).toBeGreaterThan(2 ** 31 - 1);
      expect(new Float32Array(pushed.table.buffer)[target.unitsAt + j]).toBe(target.units[j]);
    });
    expect(new Set(target.units).size).toBeGreaterThan(1);
  });

  it('push weights drawn from zero (uniform 0–500 mV, as the Izhikevich network’s 0–0.5 mV), each within 10⁻⁶ of the largest weight into its post neuron', () => {
    // 40 inputs of up to 500 mV set a grid of 2^−17 mV, which rounds weights drawn below 4 mV by more than 10⁻⁶ of themselves.
    const sim = network([{ id: 'ee', pre: 'src', post: 'dst', synapse: 'DeltaSynapse', connectivity: { rule: 'all_to_all' }, weight: { dist: 'uniform', low: '0 mV', high: '500 mV' }, delayMs: 1.5 }]);
    const pushed = plan(sim, 0)!;
    expect(pushed).toBeDefined();
    const { connections, outgoing, connectionParams } = sim.projections[0].setup;
    const weights = connectionParams[0]!;
    const i32 = new Int32Array(pushed.table.buffer);
    const [target] = pushed.targets;
    let worstOfOwn = 0;
    for (let q = 0; q < connections.pre.length; q++) {
      const w = weights[outgoing.ids[q]];
      const unit = target.units[connections.post[outgoing.ids[q]]];
      const rounding = Math.abs(i32[target.row + q] * unit - w);
      expect(rounding).toBeLessThanOrEqual(0.5 * unit);
      worstOfOwn = Math.max(worstOfOwn, rounding / w);
    }
    // Of some weight's own value the rounding is more than 10⁻⁶: the old rule, which pulled this.
    expect(worstOfOwn).toBeGreaterThan(1e-6);
  });

  it('push delays per connection: the connections grouped by pre and then delay, each group with its delay', () => {
    const sim = network([{ id: 'delays', pre: 'src', post: 'dst', synapse: 'DeltaSynapse', connectivity: { rule: 'fixed_probability', p: 0.5 }, weight: { dist: 'uniform', low: '1 mV', high: '2 mV' }, delayMs: { dist: 'uniform', low: 0, high: 4 } }]);
    const pushed = plan(sim, 0)!;
    const { setup } = sim.projections[0];
    const { connections } = setup;
    const delaySteps = setup.delaySteps as Int32Array;
    const D = pushed.delays.length;
    expect(D).toBeGreaterThan(30);
    expect(pushed.delays).toEqual([...new Set(delaySteps)].sort((a, b) => a - b));
    const count = connections.pre.length;
    const groups = 40 * D;
    expect(pushed.table[groups]).toBe(count);
    const i32 = new Int32Array(pushed.table.buffer);
    // Every connection once: group p · D + k holds pre p's connections with delay k, each with its post and weight.
    const seen = new Map<string, number>();
    for (let g = 0; g < groups; g++) {
      for (let q = pushed.table[g]; q < pushed.table[g + 1]; q++) {
        const key = `${Math.floor(g / D)}:${pushed.delays[g % D]}:${pushed.table[groups + 1 + q]}:${(i32[pushed.targets[0].row + q] * pushed.targets[0].units[pushed.table[groups + 1 + q]]).toFixed(5)}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }
    }
    const want = new Map<string, number>();
    for (let c = 0; c < count; c++) {
      const key = `${connections.pre[c]}:${delaySteps[c]}:${connections.post[c]}:${setup.connectionParams[0]![c].toFixed(5)}`;
      want.set(key, (want.get(key) ?? 0) + 1);
    }
    expect(seen).toEqual(want);
  });

  it('push more than 64 distinct delays where the pre neurons × delays are fewer than the connections (the pull reads one flag per connection)', () => {
    const wide = (dst: number) => twoPopulations(10, dst, { id: 'far', pre: 'src', post: 'dst', synapse: 'DeltaSynapse', connectivity: { rule: 'all_to_all' }, weight: '1 mV', delayMs: { dist: 'uniform', low: 0, high: 10 } });
    // 10 pre neurons × 101 delays: 1,010 flags a step, against 2,000 connections; and against 1,000.
    const pushed = plan(wide(200), 0)!;
    expect(pushed.delays.length).toBe(101);
    expect(plan(wide(100), 0)).toBeUndefined();
  });

  it('pull what pushing would change: too many distinct delays, per-connection or plastic states, reading the cells, recorded connections, increments the grid would round', () => {
    const sim = network(
      [
        { id: 'delays', pre: 'src', post: 'dst', synapse: 'DeltaSynapse', connectivity: { rule: 'all_to_all' }, weight: '1 mV', delayMs: { dist: 'uniform', low: 0, high: 10 } },
        { id: 'stdp', pre: 'src', post: 'dst', synapse: 'STDP', connectivity: { rule: 'all_to_all' } },
        { id: 'jump', pre: 'src', post: 'dst', synapse: 'Jump', connectivity: { rule: 'all_to_all' } },
        { id: 'plain', pre: 'src', post: 'dst', synapse: 'DeltaSynapse', connectivity: { rule: 'all_to_all' }, weight: '1 mV' },
      ],
      { models: { Jump: 'model Jump : synapse\nparams\n  w = 0.1\n  E = 0 mV\ninputs\n  v : mV\non_pre\n  v += w * (E - v)\n' } },
    );
    expect([0, 1, 2].map((k) => plan(sim, k))).toEqual([undefined, undefined, undefined]);
    expect(plan(sim, 3)).toBeDefined();
    expect(plan(sim, 3, true)).toBeUndefined();
    // One cell with 5,000 inputs of 1 mV sets its grid at 2^−18 mV, which rounds a 1/3 mV input into it by 1.3 × 10⁻⁶ mV.
    const fanIn = (small: number) => twoPopulations(5000, 1, { id: 'sizes', pre: 'src', post: 'dst', synapse: 'DeltaSynapse', connectivity: { rule: 'all_to_all' }, weight: Array.from({ length: 5000 }, (_, i) => (i === 0 ? small : 1)) });
    expect(plan(fanIn(1 / 3), 0)).toBeUndefined();
    expect(plan(fanIn(0.25), 0)).toBeDefined();
  });
});
