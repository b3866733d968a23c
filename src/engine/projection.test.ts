/** Projections: delays, the spike queue, summed vs per-connection synapses, plasticity, determinism. */
import { describe, expect, it } from 'vitest';
import type { ProjectInput } from '../project/schema';
import { parseProject } from '../project/validate';
import { compileProject, EngineError, runProject } from '.';

/** A cell that spikes on a schedule (post spikes at chosen times) but has a membrane potential. */
const CLOCK = `model Clock : cell
params
  rate = 10 Hz   # spike rate
  phase = 0 ms   # first spike
inputs
  I : nA         # synaptic input (ignored)
states
  next : ms = phase
  v = -65 mV
equations
  dnext/dt = 0 ms/ms
  dv/dt = 0 mV/ms
spike t >= next - 1e-6 ms
reset
  next += 1/rate
`;

type Extra = Partial<ProjectInput> & { projection?: Record<string, unknown> };

/** A regular source (spikes at `phase`, then every 1/rate) onto passive LIF cells through `synapse`. */
function network(synapse: string, extra: Extra = {}): ProjectInput {
  const { projection, ...rest } = extra;
  return {
    format: 'spikeflow-project',
    version: 1,
    simulation: { dtMs: 0.1, durationMs: 60, seed: 1, precision: 'f64' },
    populations: [
      { id: 'src', model: 'RegularSource', size: 2, params: { rate: 25, phase: [5, 7] } },
      { id: 'cell', model: 'LIF', size: 3, params: { thr: 100 }, integrator: 'exponential_euler' },
    ],
    projections: [{ id: 'syn', pre: 'src', post: 'cell', synapse, connectivity: { rule: 'all_to_all' }, ...projection } as never],
    recordings: [{ population: 'cell', variables: ['v'], neurons: 'all' }],
    ...rest,
  };
}

const series = (run: ReturnType<typeof runProject>, recorder: number, column: number): number[] => {
  const width = run.simulation.series[recorder].length;
  return Array.from(run.recordings[recorder].timesMs, (_, i) => run.recordings[recorder].values[i * width + column]);
};

describe('delays and the spike queue', () => {
  it('delivers a spike exactly delay steps later: on_pre at the end of step n + round(delay/dt)', () => {
    const run = runProject(network('ExpCurrent', { projection: { weight: '1 nA', delayMs: 2.04 } }));
    // Source 0 spikes in the step starting at 5.0 ms, source 1 at 7.0 ms; delay round(20.4) = 20 steps.
    const current = runProject(network('ExpCurrent', { projection: { weight: '1 nA', delayMs: 2.04 }, recordings: [{ population: 'cell', variables: ['syn.I'], neurons: [0] }] }));
    const I = series(current, 0, 0);
    const first = I.findIndex((x) => x > 0);
    expect(first).toBe(71); // applied at the end of step 70, seen from the sample at 7.1 ms
    expect(I[first]).toBeCloseTo(1, 12);
    expect(I[91]).toBeGreaterThan(1); // the second source's spike arrives at the end of step 90
    expect(series(run, 0, 0)[70]).toBe(-65);
  });

  it('handles different delays within one projection', () => {
    const run = runProject(
      network('DeltaSynapse', {
        populations: [
          { id: 'src', model: 'RegularSource', size: 1, params: { rate: 1, phase: 5 } },
          { id: 'cell', model: 'LIF', size: 1, params: { thr: 100, tau_m: 1e9 } },
        ],
        projection: { connectivity: { rule: 'explicit', pre: [0, 0, 0], post: [0, 0, 0] }, weight: [1, 2, 4], delayMs: [1, 3, 0.5] },
        recordings: [{ population: 'cell', variables: ['v'], neurons: [0] }],
      }),
    );
    const v = series(run, 0, 0).map((x) => Math.round((x + 65) * 1e6) / 1e6);
    // Spike at step 50; jumps after steps 55 (+4), 60 (+1), 80 (+2), seen one sample later.
    expect(v[55]).toBe(0);
    expect(v[56]).toBe(4);
    expect(v[61]).toBe(5);
    expect(v[81]).toBe(7);
  });
});

describe('how synapses are run', () => {
  it('sums linear synapses per post neuron, and gets the same answer as computing them per connection', () => {
    const common = { weight: '2 nS', params: { tau: 5 } };
    const lumped = runProject(network('ExpConductance', { projection: common }));
    // A per-connection E (one value per connection) makes summing inexact, so the engine runs it per connection.
    const perConnection = runProject(network('ExpConductance', { projection: { ...common, params: { tau: 5, E: [0, 0, 0, 0, 0, 0] } } }));
    expect((lumped.simulation.projections[0].setup.plan.current)).toBe('lumped');
    expect(perConnection.simulation.projections[0].setup.plan.current).toBe('per-connection');
    const a = series(lumped, 0, 1);
    const b = series(perConnection, 0, 1);
    const deflection = Math.max(...a) + 65;
    expect(deflection).toBeGreaterThan(0.05); // the excitatory conductance depolarised the cells
    // Per-connection conductances take an Euler step at the step start; the summed one is integrated
    // with the cell (exponential Euler): the same PSPs to within a few percent, not bit for bit.
    a.forEach((v, i) => expect(Math.abs(v - b[i])).toBeLessThan(0.05 * deflection));
  });

  it('advances event-driven states exactly between events (Tsodyks–Markram depression)', () => {
    const run = runProject(network('TsodyksMarkram', { projection: { weight: '1 nA', params: { U: 0.5, tau_rec: 100, tau: 3 } }, recordings: [{ population: 'cell', variables: ['syn.I'], neurons: [0] }] }));
    expect(run.simulation.projections[0].setup.plan.eventDriven).toEqual(['u', 'x']);
    const I = series(run, 0, 0);
    // Source 0's first spike releases U·x = 0.5 of its resources (1 nA · 0.5) at the end of step 50.
    expect(I[51]).toBeCloseTo(0.5, 12);
  });

  it('changes and records plastic weights (STDP), and reset() restores them', () => {
    const project = network('STDP', {
      projection: { weight: '0.5 nS' },
      populations: [
        { id: 'src', model: 'RegularSource', size: 1, params: { rate: 20, phase: 10 } },
        { id: 'cell', model: 'Clock', size: 1, params: { rate: 20, phase: 15 } },
      ],
      models: { Clock: CLOCK },
      connectionRecordings: [{ projection: 'syn', variables: ['w'], connections: 'all' }],
      simulation: { dtMs: 0.1, durationMs: 200, seed: 1, precision: 'f64' },
    });
    const parsed = parseProject(project);
    if (!parsed.ok) throw new Error('invalid');
    const sim = compileProject(parsed.project);
    let last = 0;
    sim.run({ onChunk: (c) => void (last = c.recordings[1].values.at(-1) ?? last) });
    expect(last).not.toBe(0.5);
    sim.reset();
    let first = NaN;
    sim.run({ steps: 1, onChunk: (c) => void (first = c.recordings[1].values[0]) });
    expect(first).toBe(0.5);
  });
});

describe('projections are checked', () => {
  const error = (project: ProjectInput): EngineError => {
    try {
      runProject(project);
    } catch (e) {
      if (e instanceof EngineError) return e;
      throw e;
    }
    throw new Error('expected an error');
  };

  it('names unknown populations and parameters by JSON path', () => {
    expect(error(network('ExpCurrent', { projection: { post: 'nobody' } })).path).toBe('$.projections[0].post');
    expect(error(network('ExpCurrent', { projection: { params: { taux: 3 } } })).path).toBe('$.projections[0].params.taux');
  });

  it('sets summed synapse states on the post population, and says so when given on the projection', () => {
    const onPopulation = network('ExpCurrent', {
      populations: [
        { id: 'src', model: 'RegularSource', size: 2, params: { rate: 25, phase: [5, 7] } },
        { id: 'cell', model: 'LIF', size: 3, params: { thr: 100 }, init: { 'syn.I': '0.5 nA' } },
      ],
      recordings: [{ population: 'cell', variables: ['syn.I'], neurons: [0] }],
    });
    expect(series(runProject(onPopulation), 0, 0)[0]).toBeCloseTo(0.5, 12);
    const e = error(network('ExpCurrent', { projection: { init: { I: '1 nA' } } }));
    expect(e.path).toBe('$.projections[0].init.I');
    expect(e.message).toContain('"syn.I"');
  });

  it('refuses a synapse that needs a state the cell does not have', () => {
    const e = error(network('GapJunction', { projection: { weight: '1 nS' } }));
    expect(e.message).toContain("pre-synaptic state 'v'");
  });
});

describe('determinism', () => {
  it('same project and seed → same connections and spikes; another seed → different', () => {
    const project = (seed: number): ProjectInput => ({
      format: 'spikeflow-project',
      version: 1,
      simulation: { dtMs: 0.1, durationMs: 200, seed },
      populations: [
        { id: 'in', model: 'PoissonSource', size: 100, params: { rate: 20 } },
        { id: 'exc', model: 'LIF', size: 50 },
      ],
      projections: [{ id: 'ff', pre: 'in', post: 'exc', synapse: 'ExpCurrent', connectivity: { rule: 'fixed_probability', p: 0.2 }, weight: { dist: 'lognormal', median: '2 nA', sigma: 0.5 }, delayMs: { dist: 'uniform', low: 0.5, high: 3 } }],
    });
    const a = runProject(project(1));
    const b = runProject(project(1));
    const c = runProject(project(2));
    expect(Array.from(b.spikes.tMs)).toEqual(Array.from(a.spikes.tMs));
    expect(Array.from(b.spikes.neuron)).toEqual(Array.from(a.spikes.neuron));
    expect(a.spikes.tMs.length).toBeGreaterThan(20);
    expect(Array.from(c.spikes.tMs)).not.toEqual(Array.from(a.spikes.tMs));
    expect(Array.from(a.simulation.projections[0].setup.connections.post)).toEqual(Array.from(b.simulation.projections[0].setup.connections.post));
  });
});

describe('handing the spike queue to another backend', () => {
  it('spikesInTransit and refillQueue rebuild the queue exactly, for one delay and a delay per connection', () => {
    for (const delayMs of [2.5, { dist: 'uniform', low: 0, high: 4 }] as const) {
      const doc = network('ExpCurrent', { projection: { delayMs, weight: '1 nA' } });
      const parsed = parseProject(doc);
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      const whole = compileProject(parsed.project);
      whole.run();
      const handed = compileProject(parsed.project);
      handed.run({ steps: 461 }); // the sources spike at 5, 7, 45, 47 ms: at 46.1 ms some are on their way
      const [projection] = handed.projections;
      const transit = projection.spikesInTransit(461);
      expect(transit.length).toBeGreaterThan(0);
      // What another backend would report: which pre neurons spiked at each step.
      projection.refillQueue(461, (step) => transit.filter(([s]) => s === step).map(([, pre]) => pre).filter((pre, k, all) => all.indexOf(pre) === k).sort((a, b) => a - b));
      expect(projection.spikesInTransit(461)).toEqual(transit);
      handed.run({ steps: 600 - 461 });
      expect(handed.getState('cell', 'v')).toEqual(whole.getState('cell', 'v'));
    }
  });
});
