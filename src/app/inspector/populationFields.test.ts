import { describe, expect, it } from 'vitest';
import type { ModelInfo } from '../../library/catalog';
import type { PopulationDoc, ProjectDoc } from '../store/document';
import { arraysNotMatching, hasUpdateOrder, insertableChannels, integratorOptions, modelGroups, renameProblem, takesChannels, unknownParams, updateOrderProblem } from './populationFields';

const v = (name: string) => ({ name, unit: 'mV', description: '' });
const model = (name: string, kind: ModelInfo['kind'], extra: Partial<ModelInfo> = {}): ModelInfo => ({
  name,
  kind,
  origin: 'test',
  summary: '',
  doc: '',
  params: [],
  inputs: [],
  states: [],
  isSource: false,
  spikes: true,
  ...extra,
});

const doc: ProjectDoc = {
  format: 'spikeflow-project',
  version: 1,
  simulation: { durationMs: 100 },
  populations: [
    { id: 'exc', model: 'LIF', size: 3 },
    { id: 'inh', model: 'LIF', size: 3 },
  ],
  projections: [{ id: 'ei', pre: 'exc', post: 'inh', synapse: 'ExpCurrent', connectivity: { rule: 'all_to_all' } }],
  stimuli: [{ type: 'step', id: 'drive', target: 'exc', amplitude: 1 }],
  recordings: [{ population: 'exc', variables: ['v'] }],
};

describe('renameProblem', () => {
  it('accepts a free identifier and the current id', () => {
    expect(renameProblem(doc, 'exc', 'pyramidal')).toBeUndefined();
    expect(renameProblem(doc, 'exc', 'exc')).toBeUndefined();
  });
  it('refuses bad and taken ids', () => {
    expect(renameProblem(doc, 'exc', '')).toBe('enter an id');
    expect(renameProblem(doc, 'exc', '2exc')).toMatch(/starting with a letter/);
    expect(renameProblem(doc, 'exc', 'a-b')).toMatch(/letters, digits/);
    for (const taken of ['inh', 'ei', 'drive', 'rec1']) expect(renameProblem(doc, 'exc', taken)).toBe(`'${taken}' is already used`);
  });
});

describe('integrators and update order', () => {
  it('offers the six integrators and an alias in use', () => {
    expect(integratorOptions(undefined)).toEqual(['euler', 'midpoint', 'heun', 'rk4', 'exponential_euler', 'exact']);
    expect(integratorOptions('rk2')).toContain('rk2');
  });
  it('offers update order for models with two or more states', () => {
    const pop: PopulationDoc = { id: 'a', model: 'X', size: 1 };
    expect(hasUpdateOrder(model('X', 'cell', { states: [v('v'), v('u')] }), pop)).toBe(true);
    expect(hasUpdateOrder(model('X', 'cell', { states: [v('v')] }), pop)).toBe(false);
    expect(hasUpdateOrder(undefined, { ...pop, update: 'sequential' })).toBe(true);
    expect(updateOrderProblem({ ...pop, update: 'sequential', integrator: 'rk4' })).toMatch(/rk4/);
    expect(updateOrderProblem({ ...pop, update: 'sequential' })).toBeUndefined();
  });
});

describe('channels', () => {
  const compartment = model('Compartment', 'cell', { states: [v('v')], inputs: [{ name: 'i', unit: 'uA/cm2', description: '' }] });
  const na = model('Na', 'channel', { inputs: [v('v')] });
  const needsCa = model('CaChan', 'channel', { inputs: [v('ca')] });
  const models = [compartment, na, needsCa, model('K', 'channel', { inputs: [v('v')] }), model('ExpCurrent', 'synapse')];
  it('offers channels whose inputs the cell provides, once each', () => {
    const pop: PopulationDoc = { id: 'soma', model: 'Compartment', size: 1, channels: [{ model: 'Na' }] };
    expect(insertableChannels(compartment, pop, models).map((m) => m.name)).toEqual(['K']);
    expect(insertableChannels(undefined, pop, models)).toEqual([]);
    expect(insertableChannels({ ...compartment, isSource: true }, pop, models)).toEqual([]);
  });
  it('offers channels only to cells whose membrane input is a current density', () => {
    expect(takesChannels(compartment)).toBe(true);
    expect(takesChannels(model('LIF', 'cell', { states: [v('v')], inputs: [{ name: 'j', unit: 'nA', description: '' }] }))).toBe(false);
    expect(takesChannels(model('Src', 'cell'))).toBe(false);
    expect(insertableChannels(model('LIF', 'cell', { states: [v('v')], inputs: [{ name: 'j', unit: 'nA', description: '' }] }), { id: 'a', model: 'LIF', size: 1 }, models)).toEqual([]);
  });
  it('groups models by origin', () => {
    expect(modelGroups(models, 'channel')).toEqual([{ origin: 'test', models: [needsCa, models[3], na] }]);
  });
});

describe('array and parameter checks', () => {
  it('finds per-neuron arrays of the wrong length', () => {
    const pop: PopulationDoc = { id: 'a', model: 'X', size: 3, params: { tau: [1, 2, 3], R: 1 }, init: { v: [1, 2] }, channels: [{ model: 'Na', params: { g: [1] } }] };
    expect(arraysNotMatching(pop, 3)).toEqual(['initial value v (2)', 'parameter Na.g (1)']);
  });
  it('finds parameters the model does not have', () => {
    expect(unknownParams({ tau_m: 1, bogus: 2 }, model('LIF', 'cell', { params: [{ name: 'tau_m', unit: 'ms', defaultValue: 10, description: '', min: 0, max: 50 }] }))).toEqual(['bogus']);
  });
});
