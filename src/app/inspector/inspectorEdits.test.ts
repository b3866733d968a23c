import { describe, expect, it } from 'vitest';
import { parseProject } from '../../project/validate';
import { createProjectStore } from '../store/projectStore';
import type { ProjectDoc } from '../store/document';
import type { Edit } from '../store/edits';
import type { ModelInfo } from '../../library/catalog';
import {
  changeCellModelEdit,
  changeSynapseEdit,
  delayEdit,
  initEdit,
  initKey,
  paramEdit,
  paramKey,
  readInit,
  readParam,
  readWeight,
  weightEdit,
  type ValueOwner,
} from './inspectorEdits';

function project(): ProjectDoc {
  return {
    format: 'spikeflow-project',
    version: 1,
    simulation: { dtMs: 0.1, durationMs: 100 },
    populations: [
      { id: 'exc', model: 'LIF', size: 4, params: { t_ref: '3 ms' }, init: { v: -60 } },
      { id: 'soma', model: 'Compartment', size: 2, channels: [{ model: 'Na', init: { m: 0.05 } }, { model: 'K' }], init: { 'K.n': 0.3 } },
    ],
    projections: [
      { id: 'ee', pre: 'exc', post: 'exc', synapse: 'ExpCurrent', connectivity: { rule: 'all_to_all' }, weight: '0.2 nA', params: { tau: '3 ms' } },
    ],
  };
}

const pop: ValueOwner = { kind: 'population', population: 'exc' };
const na: ValueOwner = { kind: 'channel', population: 'soma', channel: 0, channelModel: 'Na' };
const k: ValueOwner = { kind: 'channel', population: 'soma', channel: 1, channelModel: 'K' };
const ee: ValueOwner = { kind: 'projection', projection: 'ee' };

/** Applies an edit through the store and checks that the result is a valid project. */
function apply(doc: ProjectDoc, edit: Edit): ProjectDoc {
  const store = createProjectStore(doc);
  expect(store.getState().dispatch(edit)).toBe(true);
  const next = store.getState().doc;
  const parsed = parseProject(JSON.parse(JSON.stringify(next)));
  expect(parsed.ok ? [] : parsed.errors).toEqual([]);
  return next;
}

describe('coalescing keys', () => {
  it('names the value, so one slider drag is one undo step', () => {
    expect(paramKey(pop, 'tau_m')).toBe('param:exc.tau_m');
    expect(paramKey(na, 'gNa')).toBe('param:soma.Na.gNa');
    expect(paramKey(ee, 'tau')).toBe('param:ee.tau');
    expect(initKey(pop, 'v')).toBe('init:exc.v');
  });
});

describe('parameters', () => {
  it('reads and writes population, channel and projection parameters', () => {
    const doc = project();
    expect(readParam(pop, doc.populations[0], 't_ref')).toBe('3 ms');
    let next = apply(doc, paramEdit(pop, 'tau_m', '12.5 ms'));
    expect(readParam(pop, next.populations[0], 'tau_m')).toBe('12.5 ms');
    next = apply(next, paramEdit(na, 'gNa', '0.1 S/cm2'));
    expect(readParam(na, next.populations[1], 'gNa')).toBe('0.1 S/cm2');
    expect(next.populations[1].channels![1].params).toBeUndefined();
    next = apply(next, paramEdit(ee, 'tau', { dist: 'uniform', low: '2 ms', high: '4 ms' }));
    expect(readParam(ee, next.projections![0], 'tau')).toEqual({ dist: 'uniform', low: '2 ms', high: '4 ms' });
  });
  it('undefined resets to the default', () => {
    const next = apply(project(), paramEdit(pop, 't_ref', undefined));
    expect(next.populations[0].params).toBeUndefined();
  });
});

describe('initial values', () => {
  it('sets population states', () => {
    const next = apply(project(), initEdit(pop, project().populations[0], 'v', { dist: 'uniform', low: '-65 mV', high: '-55 mV' }));
    expect(readInit(pop, next.populations[0], 'v')).toEqual({ dist: 'uniform', low: '-65 mV', high: '-55 mV' });
  });
  it('reads channel gates from the channel or from the population, and writes them to the channel', () => {
    const doc = project();
    expect(readInit(na, doc.populations[1], 'm')).toBe(0.05);
    expect(readInit(k, doc.populations[1], 'n')).toBe(0.3);
    const next = apply(doc, initEdit(k, doc.populations[1], 'n', 0.4));
    expect(next.populations[1].channels![1].init).toEqual({ n: 0.4 });
    expect(next.populations[1].init).toBeUndefined();
    const reset = apply(next, initEdit(na, next.populations[1], 'm', undefined));
    expect(reset.populations[1].channels![0]).toEqual({ model: 'Na' });
  });
  it('sets synapse states of a projection', () => {
    const doc = project();
    const next = apply(doc, initEdit(ee, doc.projections![0], 'I', '0.1 nA'));
    expect(next.projections![0].init).toEqual({ I: '0.1 nA' });
  });
});

describe('weight and delay', () => {
  it('reads the weight in effect and keeps it in one place', () => {
    const doc = project();
    const withW = { ...doc.projections![0], params: { w: '0.5 nA', tau: '3 ms' } };
    expect(readWeight(withW)).toBe('0.5 nA');
    const next = apply({ ...doc, projections: [withW] }, weightEdit(withW, '0.7 nA'));
    expect(next.projections![0].weight).toBe('0.7 nA');
    expect(next.projections![0].params).toEqual({ tau: '3 ms' });
  });
  it('sets and clears the delay', () => {
    const doc = project();
    const next = apply(doc, delayEdit(doc.projections![0], { dist: 'uniform', low: 0.5, high: 2 }));
    expect(next.projections![0].delayMs).toEqual({ dist: 'uniform', low: 0.5, high: 2 });
    const cleared = apply(next, delayEdit(next.projections![0], undefined));
    expect('delayMs' in cleared.projections![0]).toBe(false);
  });
});

describe('changing models', () => {
  const info = (name: string, kind: ModelInfo['kind'], params: string[], states: string[], spikes = true): ModelInfo => ({
    name,
    kind,
    origin: 'test',
    summary: '',
    doc: '',
    params: params.map((p) => ({ name: p, unit: '1', defaultValue: 0, description: '', min: 0, max: 1 })),
    inputs: [],
    states: states.map((s) => ({ name: s, unit: '1', description: '' })),
    isSource: false,
    spikes,
  });
  it('keeps the parameters and states the new cell model also has', () => {
    const doc = project();
    const p = { ...doc.populations[0], params: { t_ref: '3 ms', R: 2 }, init: { v: -60, w: 1, 'ee.I': 0 } };
    const edit = changeCellModelEdit(p, info('Other', 'cell', ['R'], ['v']));
    expect(edit).toEqual({ type: 'updatePopulation', id: 'exc', patch: { model: 'Other', params: { R: 2 }, init: { v: -60, 'ee.I': 0 } } });
  });
  it('keeps the synapse parameters the new synapse model also has and drops a weight it cannot take', () => {
    const proj = project().projections![0];
    expect(changeSynapseEdit(proj, info('S', 'synapse', ['tau'], ['s']))).toEqual({
      type: 'updateProjection',
      id: 'ee',
      patch: { synapse: 'S', params: { tau: '3 ms' }, init: undefined, weight: undefined },
    });
    const withW = changeSynapseEdit(proj, info('T', 'synapse', ['w'], []));
    expect(withW.type === 'updateProjection' && 'weight' in withW.patch).toBe(false);
  });
});
