import { describe, expect, it } from 'vitest';
import type { Project, ProjectInput } from '../project/schema';
import { parseProject } from '../project/validate';
import { collect, compileProject, type Chunk, type Simulation } from '.';
import { planLiveEdit } from './liveEdit';

/** A small network with every kind of live-editable value: cell and channel parameters, a summed
 * synapse (ExpCurrent: `ee.I`, `ee.tau` live in exc), a plastic one (STDP), and stimuli. */
function network(): ProjectInput {
  return {
    format: 'spikeflow-project',
    version: 1,
    name: 'live edits',
    simulation: { dtMs: 0.025, durationMs: 40, seed: 3, precision: 'f64' },
    populations: [
      { id: 'src', model: 'PoissonSource', size: 20, params: { rate: '80 Hz' } },
      { id: 'exc', model: 'LIF', size: 10, params: { tau_m: '10 ms' } },
      { id: 'cell', model: 'Compartment', size: 2, channels: [{ model: 'Na' }, { model: 'K' }, { model: 'Leak' }], integrator: 'exponential_euler' },
    ],
    projections: [
      { id: 'ee', pre: 'src', post: 'exc', synapse: 'ExpCurrent', connectivity: { rule: 'fixed_probability', p: 0.5 }, weight: '0.5 nA', params: { tau: '5 ms' } },
      { id: 'pl', pre: 'src', post: 'exc', synapse: 'STDP', connectivity: { rule: 'all_to_all' }, weight: { dist: 'uniform', low: '0 nS', high: '1 nS' } },
    ],
    stimuli: [
      { type: 'step', id: 'hold', target: 'exc', amplitude: '14 nA', startMs: 5 },
      { type: 'step', id: 'drive', target: 'cell', input: 'i', amplitude: '2 uA/cm2', startMs: 10, stopMs: 35 },
    ],
    recordings: [
      { population: 'exc', variables: ['v', 'ee.I'], neurons: 'all' },
      { population: 'cell', variables: ['v'], neurons: 'all' },
    ],
    connectionRecordings: [{ projection: 'pl', variables: ['w'], connections: [0, 1, 2] }],
  };
}

function parse(doc: ProjectInput): Project {
  const parsed = parseProject(doc);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return parsed.project;
}

function runFromZero(sim: Simulation) {
  sim.reset();
  const chunks: Chunk[] = [];
  sim.run({ onChunk: (c) => void chunks.push(c) });
  const r = collect(sim, chunks);
  return { recordings: r.recordings.map((x) => Array.from(x.values)), spikes: Array.from(r.spikes.tMs), neurons: Array.from(r.spikes.neuron) };
}

/** Builds the network, edits it with `change`, and plans the edit on the running simulation. */
function edit(change: (doc: ProjectInput) => void) {
  const doc = network();
  const before = parse(doc);
  const sim = compileProject(before);
  const edited = structuredClone(doc);
  change(edited);
  const after = parse(edited);
  return { sim, before, after, plan: planLiveEdit(sim, before, after) };
}

type Doc = ProjectInput & Required<Pick<ProjectInput, 'projections' | 'stimuli' | 'recordings'>>;
const d = (doc: ProjectInput) => doc as Doc;

describe('planLiveEdit: values change live, and the result is the edited document', () => {
  const cases: [string, (doc: ProjectInput) => void, string[]][] = [
    ['a population parameter becomes a distribution', (doc) => void (doc.populations[1].params = { tau_m: { dist: 'uniform', low: '8 ms', high: '14 ms' } }), ['exc.tau_m']],
    ['a population parameter is added', (doc) => void (doc.populations[1].params = { tau_m: '10 ms', thr: '-58 mV' }), ['exc.thr']],
    ['a removed population parameter goes back to the default', (doc) => void delete doc.populations[0].params, ['src.rate']],
    ['a channel parameter', (doc) => void (doc.populations[2].channels![0].params = { gNa: '0.03 S/cm2' }), ['cell.Na.gNa']],
    ['a weight (scalar, summed synapse)', (doc) => void (d(doc).projections[0].weight = '1.5 nA'), ['ee.weight']],
    ['a summed synapse parameter (two copies: projection and post population)', (doc) => void (d(doc).projections[0].params = { tau: '2 ms' }), ['ee.tau']],
    ['a plastic weight, per connection, set to one value', (doc) => void (d(doc).projections[1].weight = '0.2 nS'), ['pl.weight']],
    ['a plastic synapse parameter', (doc) => void (d(doc).projections[1].params = { wmax: '0.6 nS' }), ['pl.wmax']],
    ['a stimulus amplitude and start', (doc) => Object.assign(d(doc).stimuli[0], { amplitude: '20 nA', startMs: 2 }), ['hold.amplitude', 'hold.startMs']],
    ['a stimulus that now targets some neurons (a per-neuron input array appears)', (doc) => void (d(doc).stimuli[1].neurons = [1]), ['drive.neurons']],
    [
      'a step stimulus that becomes noise',
      (doc) => void (d(doc).stimuli[0] = { type: 'noise', id: 'hold', target: 'exc', mean: '14 nA', std: '6 nA', startMs: 5 }),
      ['hold.type', 'hold.amplitude', 'hold.mean', 'hold.std'],
    ],
  ];
  for (const [what, change, applied] of cases) {
    it(what, () => {
      const { sim, after, plan } = edit(change);
      const unedited = runFromZero(sim);
      expect(plan.live).toBe(true);
      if (!plan.live) return;
      expect([...plan.applied].sort()).toEqual([...applied].sort());
      plan.apply();
      const got = runFromZero(sim);
      // Exactly what a simulation built from the edited document computes, and not what it did before.
      expect(got).toEqual(runFromZero(compileProject(after)));
      expect(got).not.toEqual(unedited);
    });
  }

  it('changes both copies of a summed synapse parameter', () => {
    const { sim, plan } = edit((doc) => void (d(doc).projections[0].params = { tau: '2 ms' }));
    expect(plan.live).toBe(true);
    if (plan.live) plan.apply();
    const exc = sim.populations[1];
    expect(exc.paramValue(exc.flat.params.findIndex((p) => p.name === 'ee.tau'), 0)).toBe(2);
    const ee = sim.projections[0];
    expect(ee.setup.scalarParams[ee.setup.ir.params.findIndex((p) => p.name === 'tau')]).toBe(2);
  });

  it('ignores editor data: name, description, layout, labels, recording ids', () => {
    const { plan } = edit((doc) => {
      doc.name = 'renamed';
      doc.description = 'words';
      doc.layout = { nodes: { exc: { x: 1, y: 2 } } };
      doc.populations[0].label = 'inputs';
      d(doc).projections[0].label = 'feed-forward';
      d(doc).recordings[0].id = 'scope';
    });
    expect(plan).toMatchObject({ live: true, applied: [] });
  });
});

describe('planLiveEdit: structural changes need a restart', () => {
  const cases: [(doc: Doc) => void, string][] = [
    [(doc) => void (doc.populations[1].size = 11), 'changing the size of exc needs a restart'],
    [(doc) => void (doc.populations[1].model = 'AdEx'), 'changing the model of exc needs a restart'],
    [(doc) => void (doc.populations[1].integrator = 'rk4'), 'changing the integrator of exc needs a restart'],
    [(doc) => void (doc.populations[1].init = { v: '-60 mV' }), 'changing the initial values of exc needs a restart'],
    [(doc) => void doc.populations[2].channels!.pop(), 'changing the channels of cell needs a restart'],
    [(doc) => void doc.populations.push({ id: 'inh', model: 'LIF', size: 2 }), 'adding population inh needs a restart'],
    [(doc) => void (doc.simulation.dtMs = 0.05), 'changing the time step needs a restart'],
    [(doc) => void (doc.simulation.seed = 4), 'changing the random seed needs a restart'],
    [(doc) => void (doc.simulation.durationMs = 80), 'changing the duration needs a restart'],
    [(doc) => void (doc.models = { Extra: 'model Extra : cell\nstates\n  v = 0 mV\n' }), 'adding model Extra needs a restart'],
    [(doc) => void (doc.projections[0].connectivity = { rule: 'fixed_probability', p: 0.4 }), 'changing the connectivity of ee needs a restart'],
    [(doc) => void (doc.projections[0].delayMs = 1), 'changing the delays of ee needs a restart'],
    [(doc) => void (doc.projections[0].synapse = 'AlphaCurrent'), 'changing the synapse model of ee needs a restart'],
    [(doc) => void doc.projections.pop(), 'removing projection pl needs a restart'],
    [(doc) => void doc.stimuli.pop(), 'removing stimulus drive needs a restart'],
    [(doc) => void (doc.stimuli[0].target = 'src'), 'moving stimulus hold to another population needs a restart'],
    [(doc) => void (doc.recordings[0].neurons = [0]), 'changing the recordings needs a restart'],
    [(doc) => void (doc.spikes = { populations: ['exc'] }), 'changing which spikes are recorded needs a restart'],
    [(doc) => void (doc.projections[0].weight = { dist: 'normal', mean: '0.5 nA', std: '0.1 nA' }), 'giving ee.weight a different value per connection needs a restart'],
  ];
  for (const [change, reason] of cases) {
    it(reason, () => {
      const { plan } = edit((doc) => change(doc as Doc));
      expect(plan).toEqual({ live: false, reason });
    });
  }
});

describe('planLiveEdit: invalid values', () => {
  it('answers with the engine message naming the JSON path', () => {
    const { plan } = edit((doc) => void (doc.populations[1].params = { tau_m: '10 ms', nope: 1 }));
    expect(plan.live).toBe(false);
    if (!plan.live) expect(plan.reason).toMatch(/^\$\.populations\[1\]\.params\.nope: 'nope' is not a parameter of this model; its parameters are: tau_m, R/);
    const wrongUnit = edit((doc) => void (doc.populations[1].params = { tau_m: '10 mV' }));
    expect(!wrongUnit.plan.live && wrongUnit.plan.reason).toMatch(/\$\.populations\[1\]\.params\.tau_m: "10 mV" is .*, but this value is in ms/);
    const unknownSynapseParam = edit((doc) => void (d(doc).projections[0].params = { tau: '5 ms', gain: 2 }));
    expect(!unknownSynapseParam.plan.live && unknownSynapseParam.plan.reason).toMatch(/\$\.projections\[0\]\.params\.gain: 'gain' is not a parameter of ExpCurrent/);
  });

  it('changes nothing when any part of the edit fails (computed first, applied after)', () => {
    const { sim, plan } = edit((doc) => {
      // Planned in this order: the parameters are fine, the stimulus (last) is not.
      doc.populations[1].params = { tau_m: '12 ms' };
      d(doc).projections[0].weight = '2 nA';
      Object.assign(d(doc).stimuli[0], { amplitude: '30 mV' });
    });
    expect(plan.live).toBe(false);
    if (!plan.live) expect(plan.reason).toMatch(/^\$\.stimuli\[0\]\.amplitude: "30 mV" is .*, but this value is in nA/);
    const exc = sim.populations[1];
    expect(exc.paramValue(exc.flat.params.findIndex((p) => p.name === 'tau_m'), 0)).toBe(10);
    expect(runFromZero(sim)).toEqual(runFromZero(compileProject(parse(network()))));
  });
});

describe('Simulation.replaceStimulus', () => {
  it('replaces a stimulus by id between chunks, and refuses one it does not have', () => {
    const sim = compileProject(parse(network()));
    sim.run({ durationMs: 20 });
    sim.replaceStimulus({ type: 'step', id: 'hold', target: 'exc', neurons: 'all', startMs: 0, amplitude: 0 });
    const v = () => sim.getState('exc', 'v');
    sim.run({ durationMs: 20 });
    // Without the hold current the membranes relax toward rest (-65 mV), well below threshold.
    expect(Math.max(...v())).toBeLessThan(-55);
    expect(() => sim.replaceStimulus({ type: 'step', id: 'other', target: 'exc', neurons: 'all', startMs: 0, amplitude: 1 })).toThrow(/has no stimulus 'other'/);
  });
});
