import { describe, expect, it } from 'vitest';
import { LIF } from '../library/cells/LIF';
import { STDP } from '../library/synapses/STDP';
import type { Project, ProjectInput } from '../project/schema';
import { parseProject } from '../project/validate';
import { collect, compileProject, type Chunk, type Simulation } from '.';
import { hotSwap, hotSwapWithReport, RECORDING_CHANGED } from './hotSwap';
import { planUpdate } from './updatePlan';

/** A leaky cell with its time constant written into the equation (not a parameter), and a follower u. */
const leaky = (tauMs: number, extra = '') => `model Leaky : cell
params
  v_rest = -65 mV
  R = 1 Mohm
inputs
  j : nA
states
  v = v_rest
  u : mV = v_rest
${extra}
equations
  dv/dt = ((v_rest - v) + R*j) / (${tauMs} ms)
  du/dt = (v - u) / (5 ms)
`;

function parse(doc: ProjectInput): Project {
  const parsed = parseProject(doc);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return parsed.project;
}

function leakyProject(source: string, record = ['v', 'u']): ProjectInput {
  return {
    format: 'spikeflow-project',
    version: 1,
    simulation: { dtMs: 0.1, durationMs: 100, seed: 2, precision: 'f64' },
    models: { Leaky: source },
    populations: [{ id: 'exc', model: 'Leaky', size: 3, integrator: 'exponential_euler', params: { v_rest: [-70, -65, -60] } }],
    stimuli: [{ type: 'step', id: 'drive', target: 'exc', amplitude: '10 nA' }],
    recordings: [{ population: 'exc', variables: record, neurons: 'all' }],
  };
}

/** Runs `steps` more steps and returns recorder 0's values (time-major) and the spikes. */
function advance(sim: Simulation, steps: number) {
  const chunks: Chunk[] = [];
  sim.run({ steps, chunkSteps: 37, onChunk: (c) => void chunks.push(c) });
  const r = collect(sim, chunks);
  return {
    recordings: r.recordings.map((x) => Array.from(x.values)),
    times: Array.from(r.recordings[0]?.timesMs ?? []),
    spikes: Array.from(r.spikes.tMs),
    neurons: Array.from(r.spikes.neuron),
    rates: r.rates.map((x) => Array.from(x.rateHz)),
  };
}

describe('hotSwap: a changed model continues the run', () => {
  it('follows the new equation from the swap on, like a fresh new-model simulation given the states at the swap', () => {
    const swapStep = 100;
    const old = compileProject(parse(leakyProject(leaky(10))));
    advance(old, swapStep);
    const vAtSwap = old.getState('exc', 'v');
    const uAtSwap = old.getState('exc', 'u');
    const next = parse(leakyProject(leaky(30)));
    const swapped = hotSwap(old, next);
    expect(swapped.step).toBe(swapStep);
    expect(swapped.tMs).toBeCloseTo(10, 12);
    // Surviving states keep their values.
    expect(Array.from(swapped.getState('exc', 'v'))).toEqual(Array.from(vAtSwap));
    expect(Array.from(swapped.getState('exc', 'u'))).toEqual(Array.from(uAtSwap));
    // The old simulation is untouched.
    expect(old.step).toBe(swapStep);
    const got = advance(swapped, 600);
    expect(got.times[0]).toBeCloseTo(10, 9);

    // Reference: a fresh simulation of the new model, states copied in by hand, run from t = 0
    // (the drive is constant, so the time origin does not matter).
    const reference = compileProject(next);
    reference.setState('exc', 'v', vAtSwap);
    reference.setState('exc', 'u', uAtSwap);
    expect(got.recordings[0]).toEqual(advance(reference, 600).recordings[0]);

    // And the new equation, exactly (exponential Euler is exact for it): v relaxes to v_rest + R·j with τ = 30 ms.
    const vInf = [-60, -55, -50];
    for (let i = 0; i < 3; i++) {
      const at30 = got.recordings[0][300 * 6 + i];
      expect(at30).toBeCloseTo(vInf[i] + (vAtSwap[i] - vInf[i]) * Math.exp(-1), 9);
    }
    // The old model (τ = 10 ms) would be almost at its rest by then (3 τ instead of 1 τ).
    const control = advance(old, 600).recordings[0];
    expect(Math.abs(control[300 * 6] - vInf[0])).toBeLessThan(0.2);
    expect(Math.abs(got.recordings[0][300 * 6] - vInf[0])).toBeGreaterThan(1);
  });

  it('drops removed states and gives added ones their initial values now (steady states at the current v)', () => {
    const old = compileProject(parse(leakyProject(leaky(10), ['v'])));
    advance(old, 250);
    const v = old.getState('exc', 'v');
    // u is gone; w is a gate at its steady state; z starts from an expression of a parameter.
    const changed = `model Leaky : cell
params
  v_rest = -65 mV
  R = 1 Mohm
inputs
  j : nA
states
  v = v_rest
  z : mV = v_rest - 1 mV
  w = steady
definitions
  winf = 1 / (1 + exp(-(v + 55 mV) / (4 mV)))
equations
  dv/dt = ((v_rest - v) + R*j) / (10 ms) - z * w / (100 ms)
  dz/dt = 0 mV/ms
  dw/dt = (winf - w) / (3 ms)
`;
    const { simulation, report } = hotSwapWithReport(old, parse(leakyProject(changed, ['v'])));
    expect(report.fresh).toEqual(['exc.z', 'exc.w']);
    expect(Array.from(simulation.getState('exc', 'v'))).toEqual(Array.from(v));
    expect(Array.from(simulation.getState('exc', 'z'))).toEqual([-71, -66, -61]);
    const w = simulation.getState('exc', 'w');
    v.forEach((vi, i) => expect(w[i]).toBeCloseTo(1 / (1 + Math.exp(-(vi + 55) / 4)), 12));
    expect(() => simulation.getState('exc', 'u')).toThrow(/no state 'u'/);
  });

  it('refuses a change of the recorded variables (their unit here), leaving nothing changed', () => {
    const old = compileProject(parse(leakyProject(leaky(10), ['v'])));
    advance(old, 10);
    const inVolts = leaky(10).replace('  v = v_rest', '  v : V = v_rest');
    expect(() => hotSwap(old, parse(leakyProject(inVolts, ['v'])))).toThrow(RECORDING_CHANGED);
    expect(old.step).toBe(10);
  });

  it('carries everything of a network: spikes in transit, learnt weights, traces, Poisson draws, rate bins', () => {
    // Project copies of LIF and STDP; the swap changes only comments, so the dynamics are the same
    // and the continued run must equal a run that was never interrupted, bit for bit.
    const myLif = LIF.source.replace('model LIF : cell', 'model MyLIF : cell');
    const mySTDP = STDP.source.replace('model STDP : synapse', 'model MySTDP : synapse');
    const network = (lif: string, stdp: string): ProjectInput => ({
      format: 'spikeflow-project',
      version: 1,
      simulation: { dtMs: 0.1, durationMs: 120, seed: 11 },
      models: { MyLIF: lif, MySTDP: stdp },
      populations: [
        { id: 'src', model: 'PoissonSource', size: 30, params: { rate: '60 Hz' } },
        { id: 'exc', model: 'MyLIF', size: 8, params: { t_ref: '2 ms' } },
      ],
      projections: [
        { id: 'ee', pre: 'src', post: 'exc', synapse: 'ExpCurrent', connectivity: { rule: 'fixed_probability', p: 0.4 }, weight: '3 nA', delayMs: 2 },
        {
          id: 'pl',
          pre: 'src',
          post: 'exc',
          synapse: 'MySTDP',
          connectivity: { rule: 'all_to_all' },
          weight: { dist: 'uniform', low: '0 nS', high: '1 nS' },
          delayMs: { dist: 'uniform', low: 0.5, high: 3 },
        },
      ],
      stimuli: [{ type: 'noise', id: 'jitter', target: 'exc', mean: '6 nA', std: '4 nA' }],
      recordings: [{ population: 'exc', variables: ['v', 'ee.I'], neurons: 'all' }],
      connectionRecordings: [{ projection: 'pl', variables: ['w', 'apre', 'apost'], connections: [0, 7, 31, 100] }],
      rates: [{ population: 'exc', binMs: 5 }],
    });
    const before = parse(network(myLif, mySTDP));
    const control = compileProject(before);
    const whole = advance(control, 1200);
    expect(whole.spikes.length).toBeGreaterThan(20);

    const sim = compileProject(before);
    const first = advance(sim, 437);
    const after = parse(network(`${myLif}\n# edited\n`, `# a comment\n${mySTDP}`));
    const plan = planUpdate(sim, before, after);
    expect(plan).toMatchObject({ live: true, applied: ['model MyLIF reloaded', 'model MySTDP reloaded'], report: { fresh: [], lostSpikes: [] } });
    if (!plan.live) return;
    const swapped = plan.apply();
    expect(swapped).not.toBe(sim);
    const rest = advance(swapped, 763);
    const joined = (a: number[], b: number[]) => [...a, ...b];
    whole.recordings.forEach((r, k) => expect(joined(first.recordings[k], rest.recordings[k])).toEqual(r));
    expect(joined(first.spikes, rest.spikes)).toEqual(whole.spikes);
    expect(joined(first.neurons, rest.neurons)).toEqual(whole.neurons);
    expect(joined(first.rates[0], rest.rates[0])).toEqual(whole.rates[0]);
  });
});

describe('hotSwap: a changed synapse model', () => {
  it('keeps learnt weights and surviving traces (taken at the swap), and starts new states afresh', () => {
    const stdp = (edit: (s: string) => string) => edit(STDP.source.replace('model STDP : synapse', 'model Plastic : synapse'));
    const doc = (source: string): ProjectInput => ({
      format: 'spikeflow-project',
      version: 1,
      simulation: { dtMs: 0.1, durationMs: 100, seed: 4, precision: 'f64' },
      models: { Plastic: source },
      populations: [
        { id: 'src', model: 'PoissonSource', size: 10, params: { rate: '80 Hz' } },
        { id: 'exc', model: 'LIF', size: 4 },
      ],
      projections: [{ id: 'pl', pre: 'src', post: 'exc', synapse: 'Plastic', connectivity: { rule: 'all_to_all' }, weight: '0.5 nS' }],
      stimuli: [{ type: 'step', id: 'hold', target: 'exc', amplitude: '15 nA' }],
      recordings: [{ population: 'exc', variables: ['v'], neurons: [0] }],
    });
    const old = compileProject(parse(doc(stdp((s) => s))));
    advance(old, 500);
    const n = old.step;
    const pl = old.projections[0];
    const w = Array.from(pl.setup.connectionParams[pl.setup.ir.params.findIndex((p) => p.name === 'w')]!);
    expect(new Set(w).size).toBeGreaterThan(1);
    const apre = pl.setup.layout.connectionStates.indexOf('apre');
    const apreNow = Array.from({ length: pl.size }, (_, c) => pl.read(c, n, old.dtMs, apre));
    // The new model counts presynaptic spikes in a new event-driven state and has a slower apost.
    const changed = stdp((s) =>
      s
        .replace('\n  apost : 1 = 0    # postsynaptic trace', '\n  apost : 1 = 0\n  count : 1 = 0')
        .replace('\n  dapost/dt = -apost / taupost', '\n  dapost/dt = -apost / (2 * taupost)\n  dcount/dt = 0 / ms')
        .replace('\n  apre += Apre', '\n  apre += Apre\n  count += 1'),
    );
    const { simulation, report } = hotSwapWithReport(old, parse(doc(changed)));
    expect(report).toEqual({ fresh: ['pl.count'], lostSpikes: [] });
    const np = simulation.projections[0];
    expect(Array.from(np.setup.connectionParams[np.setup.ir.params.findIndex((p) => p.name === 'w')]!)).toEqual(w);
    const at = (name: string) => Array.from({ length: np.size }, (_, c) => np.read(c, n, simulation.dtMs, np.setup.layout.connectionStates.indexOf(name)));
    expect(at('apre')).toEqual(apreNow);
    expect(at('count').every((x) => x === 0)).toBe(true);
    advance(simulation, 300);
    // 30 ms at 80 Hz: every connection saw a few spikes since the swap.
    const counts = at('count');
    expect(Math.max(...counts)).toBeGreaterThan(0);
    expect(counts.every((x) => Number.isInteger(x))).toBe(true);
  });
});

describe('planUpdate: model changes in a running simulation', () => {
  const start = (source = leaky(10)) => {
    const before = parse(leakyProject(source, ['v']));
    const sim = compileProject(before);
    advance(sim, 100);
    return { before, sim };
  };
  const edited = (before: Project, change: (doc: ProjectInput) => void): Project => {
    const doc = structuredClone(before) as ProjectInput;
    change(doc);
    return parse(doc);
  };

  it('a model in use with errors is refused with its first error, and the old simulation runs on untouched', () => {
    const { before, sim } = start();
    const control = start().sim;
    const broken = leaky(10).replace('(v_rest - v) + R*j', '(v_rest - v) + j');
    const plan = planUpdate(sim, before, edited(before, (d) => void (d.models = { Leaky: broken })));
    expect(plan.live).toBe(false);
    expect(!plan.live && plan.reason).toMatch(/^model Leaky has errors: 12:\d+ unit mismatch/);
    expect(advance(sim, 200)).toEqual(advance(control, 200));
  });

  it('models nothing uses (added, or with errors) change nothing; value edits made with them still apply', () => {
    const { before, sim } = start();
    const after = edited(before, (d) => {
      d.models = { ...d.models, Spare: 'model Spare : cell\nparams\n  oops = 1 parsec\n' };
      d.populations[0].params = { v_rest: [-70, -65, -60], R: '2 Mohm' };
    });
    const plan = planUpdate(sim, before, after);
    expect(plan).toMatchObject({ live: true, applied: ['exc.R'] });
    if (plan.live) expect(plan.apply()).toBe(sim);
  });

  it('a reload comes with the value edits made at the same time, and takes them from the new document', () => {
    const { before, sim } = start();
    const after = edited(before, (d) => {
      d.models = { Leaky: leaky(20) };
      d.stimuli![0] = { ...d.stimuli![0], amplitude: '0 nA' } as never;
    });
    const plan = planUpdate(sim, before, after);
    expect(plan).toMatchObject({ live: true, applied: ['model Leaky reloaded', 'drive.amplitude'] });
    if (!plan.live) return;
    const swapped = plan.apply();
    const v0 = swapped.getState('exc', 'v');
    advance(swapped, 200);
    // No drive: each neuron decays towards its own v_rest with τ = 20 ms (exponential Euler: exact here).
    const v = swapped.getState('exc', 'v');
    [-70, -65, -60].forEach((rest, i) => expect(v[i]).toBeCloseTo(rest + (v0[i] - rest) * Math.exp(-1), 9));
  });

  it('structural edits still need a restart, and so do a removed model in use and a vanished recorded variable', () => {
    const { before, sim } = start();
    const resized = edited(before, (d) => {
      d.models = { Leaky: leaky(20) };
      d.populations[0].size = 4;
      d.populations[0].params = {};
    });
    expect(planUpdate(sim, before, resized)).toEqual({ live: false, reason: 'changing the size of exc needs a restart' });
    expect(planUpdate(sim, before, edited(before, (d) => void (d.models = {})))).toEqual({ live: false, reason: 'model Leaky is used by the project but was removed' });
    const onlyU = start(leaky(10)).before;
    const recordsU = edited(onlyU, (d) => void (d.recordings![0].variables = ['u']));
    const simU = compileProject(recordsU);
    const withoutU = leaky(10).replace('  u : mV = v_rest\n', '').replace('  du/dt = (v - u) / (5 ms)\n', '');
    const plan = planUpdate(simU, recordsU, edited(recordsU, (d) => void (d.models = { Leaky: withoutU })));
    expect(!plan.live && plan.reason).toMatch(/\$\.recordings\[0\]\.variables\[0\]: 'exc' has no variable 'u'/);
  });
});
