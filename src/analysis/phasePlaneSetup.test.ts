/** From a project document to a plane: candidates, values (means of distributions), inputs from stimuli. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ProjectInput } from '../project/schema';
import { parseUnitText } from '../model/units';
import { phaseCandidates, phaseSetup, planeValues, stimulusLevel } from './phasePlaneSetup';
import { meanValue } from './phase/meanValue';

const example = (name: string) => JSON.parse(readFileSync(new URL(`../../examples/${name}.json`, import.meta.url), 'utf8')) as ProjectInput;

const project = (populations: ProjectInput['populations'], extra: Partial<ProjectInput> = {}): ProjectInput => ({
  format: 'spikeflow-project',
  version: 1,
  simulation: { dtMs: 0.1, durationMs: 100 },
  populations,
  ...extra,
});

describe('phaseCandidates', () => {
  it('takes cells with two states with equations and says why the others are left out', () => {
    const doc = project(
      [
        { id: 'fhn', model: 'FitzhughNagumoCell', size: 1 },
        { id: 'lif', model: 'LIF', size: 1 },
        { id: 'hh', model: 'HodgkinHuxley1952', size: 1 },
        { id: 'nope', model: 'NoSuchModel', size: 1 },
      ],
      {},
    );
    const { candidates, excluded } = phaseCandidates(doc);
    expect(candidates.map((c) => [c.id, c.states])).toEqual([
      ['fhn', ['v', 'w']],
      ['hh', ['v', 'm', 'h', 'n']],
    ]);
    expect(excluded.map((e) => e.id)).toEqual(['lif', 'nope']);
    expect(excluded[0].reason).toMatch(/fewer than two state variables/);
    expect(excluded[1].reason).toMatch(/not a known model/);
  });

  it("takes the project's own models", () => {
    const source = `model Mine : cell
params
  tau = 10 ms
states
  a : 1 = 1
  b : 1 = 0
equations
  da/dt = -b / tau
  db/dt = a / tau
`;
    const { candidates } = phaseCandidates(project([{ id: 'm', model: 'Mine', size: 1 }], { models: { Mine: source } }));
    expect(candidates.map((c) => c.states)).toEqual([['a', 'b']]);
  });
});

describe('phaseSetup', () => {
  it('the FitzHugh–Nagumo example: input j from its step stimulus, initial values, dt', () => {
    const setup = phaseSetup(example('FitzhughNagumoCell'), 'cell');
    if ('problem' in setup) throw new Error(setup.problem);
    expect(setup.inputs.map((i) => [i.name, i.fromStimuli, i.isCurrent])).toEqual([['j', 0.5, false]]);
    expect(setup.states.map((s) => [s.name, s.initial, s.hasEquation])).toEqual([
      ['v', 0, true],
      ['w', 0, true],
    ]);
    expect(setup.dtMs).toBe(0.1);
  });

  it('Izhikevich (2003): a quantity-string amplitude, u starting at b·v', () => {
    const setup = phaseSetup(example('Izhikevich2003'), 'cell');
    if ('problem' in setup) throw new Error(setup.problem);
    expect(setup.inputs[0].fromStimuli).toBe(10);
    expect(setup.states.find((s) => s.name === 'u')!.initial).toBeCloseTo(-13, 12);
  });

  it('distributions and per-neuron arrays give their mean, and say so', () => {
    const doc = project([
      {
        id: 'iz',
        model: 'Izhikevich2007',
        size: 3,
        params: { a: { dist: 'uniform', low: 0.02, high: 0.04 }, C: [90, 100, 110], k: '0.0007 uS/mV' },
        init: { v: { dist: 'normal', mean: '-0.065 V', std: 2 } },
      },
    ]);
    const setup = phaseSetup(doc, 'iz');
    if ('problem' in setup) throw new Error(setup.problem);
    expect(setup.params.a).toBeCloseTo(0.03, 12);
    expect(setup.params.C).toBeCloseTo(0.1, 12); // 100 pF in nF
    expect(setup.params.k).toBeCloseTo(0.0007, 12); // µS/mV, canonical
    expect(setup.averaged).toEqual(['C', 'a', 'v (initial)']); // in declaration order
    expect(setup.states.find((s) => s.name === 'v')!.initial).toBeCloseTo(-65, 9);
    expect(setup.inputs[0]).toMatchObject({ name: 'I', unit: 'pA', isCurrent: true, fromStimuli: 0 });
    const values = planeValues(setup, { I: 250 }, {});
    expect(values.inputs!.I).toBeCloseTo(0.25, 12); // 250 pA in nA
  });

  it('Hodgkin–Huxley: gates start at their steady state', () => {
    const setup = phaseSetup(project([{ id: 'hh', model: 'HodgkinHuxley1952', size: 1 }]), 'hh');
    if ('problem' in setup) throw new Error(setup.problem);
    const v = setup.states.find((s) => s.name === 'v')!.initial;
    const n = setup.states.find((s) => s.name === 'n')!.initial;
    const an = (0.01 * (v + 55)) / (1 - Math.exp(-(v + 55) / 10));
    const bn = 0.125 * Math.exp(-(v + 65) / 80);
    expect(n).toBeCloseTo(an / (an + bn), 9);
  });

  it('refuses populations without a plane with a reason', () => {
    expect(phaseSetup(project([{ id: 'l', model: 'LIF', size: 1 }]), 'l')).toEqual({ problem: expect.stringMatching(/fewer than two/) });
    expect(phaseSetup(project([]), 'x')).toEqual({ problem: "there is no population 'x'" });
  });
});

describe('stimulusLevel', () => {
  const nA = parseUnitText('nA')!;
  const step = (amplitude: number | string, startMs: number, stopMs?: number) => ({ type: 'step' as const, id: `s${startMs}`, target: 'p', amplitude, startMs, stopMs });

  it('sums the stimuli that are on together and takes the strongest moment', () => {
    expect(stimulusLevel([step(0.5, 0, 100), step('200 pA', 50, 150)], nA)).toBeCloseTo(0.7, 12);
    expect(stimulusLevel([step(0.5, 0, 100), step(0.3, 100, 200)], nA)).toBeCloseTo(0.5, 12);
    expect(stimulusLevel([{ type: 'sine', id: 'w', target: 'p', amplitude: 1, frequencyHz: 10, offset: 0.2 }], nA)).toBeCloseTo(0.2, 12);
    expect(stimulusLevel([], nA)).toBe(0);
  });
});

describe('meanValue', () => {
  const mV = parseUnitText('mV')!;
  it.each([
    [-65, -65, false],
    ['-0.07 V', -70, false],
    [[-60, -70], -65, true],
    [{ dist: 'uniform', low: -70, high: -60 }, -65, true],
    [{ dist: 'normal', mean: '-65 mV', std: 3 }, -65, true],
  ])('%j → %s mV', (value, expected, averaged) => {
    const m = meanValue(value, mV)!;
    expect(m.value).toBeCloseTo(expected, 12);
    expect(m.averaged).toBe(averaged);
  });
  it('refuses a value of another dimension', () => {
    expect(meanValue('3 ms', mV)).toBeUndefined();
  });
});
