import { describe, expect, it } from 'vitest';
import { libraryCatalog } from '../../graph/testCatalog';
import { applyEdit } from '../../store/edits';
import { createProjectStore } from '../../store/projectStore';
import type { ProjectDoc } from '../../store/document';
import { applyValuesEdit, boundsProblem, caseStimuli, defaultBounds, fitParamOf, revertValuesEdit, setFitBound, toggleFitParam, trainableInfo, trainables } from './fitDoc';

const catalog = libraryCatalog();

const hh: ProjectDoc = {
  format: 'spikeflow-project',
  version: 1,
  name: 'hh',
  simulation: { dtMs: 0.01, durationMs: 100, seed: 1 },
  populations: [
    { id: 'cell', model: 'HodgkinHuxley1952', size: 1, params: { gNa: '100 mS/cm2' } },
    { id: 'other', model: 'LIF', size: 1 },
  ],
  stimuli: [
    { type: 'step', id: 'step', target: 'cell', input: 'I', amplitude: '10 uA/cm2', startMs: 10, stopMs: 90 },
    { type: 'ramp', id: 'ramp', target: 'cell', from: 0, to: 1 },
    { type: 'step', id: 'drive', target: 'other', amplitude: '20 nA' },
  ],
};

const info = (doc: ProjectDoc, pop: string, name: string) => trainableInfo(doc.populations.find((p) => p.id === pop)!, name, catalog)!;

describe('trainable values of a population', () => {
  it('parameters with unit, current value and range; initial values; unknown names', () => {
    expect(info(hh, 'cell', 'gNa')).toMatchObject({ name: 'gNa', unit: 'mS/cm2', value: 100, range: { min: 0, max: 500 } });
    expect(info(hh, 'cell', 'gK')).toMatchObject({ unit: 'mS/cm2', value: 36 });
    expect(info(hh, 'cell', 'init:v')).toMatchObject({ unit: 'mV', value: undefined });
    expect(trainableInfo(hh.populations[0], 'gX', catalog)).toBeUndefined();
    const names = trainables(hh.populations[0], catalog).map((t) => t.name);
    expect(names).toContain('EL');
    expect(names).toContain('init:n');
  });

  it('parameters of an inserted channel are Channel.param', () => {
    const pop = { id: 'soma', model: 'Compartment', size: 1, channels: [{ model: 'Na', params: { gNa: 0.2 } }] };
    expect(catalog.has('Compartment')).toBe(true);
    expect(trainableInfo(pop, 'Na.gNa', catalog)).toMatchObject({ value: 0.2 });
    expect(trainableInfo(pop, 'K.gK', catalog)).toBeUndefined();
    expect(trainables(pop, catalog).map((t) => t.name)).toContain('Na.gNa');
  });

  it('default bounds: 0 to at least twice a positive value; the slider range around potentials', () => {
    expect(defaultBounds(info(hh, 'cell', 'gNa'))).toEqual({ min: 0, max: 500 });
    expect(defaultBounds({ name: 'x', unit: 'ms', value: 300, range: { min: 0, max: 200 }, description: '' })).toEqual({ min: 0, max: 1000 });
    expect(defaultBounds(info(hh, 'cell', 'EK'))).toEqual({ min: -127, max: -27 });
    expect(defaultBounds({ name: 'init:v', unit: 'mV', value: -65, description: '' })).toEqual({ min: -130, max: 0 });
  });
});

describe('fit toggles', () => {
  it('training a value creates the fit section for the population, with bounds; untraining removes it', () => {
    const fit = toggleFitParam(hh, 'cell', info(hh, 'cell', 'gNa'), true)!;
    expect(fit).toEqual({ population: 'cell', params: [{ name: 'gNa', min: 0, max: 500 }], cases: [{ label: 'case 1', amplitudes: {} }] });
    const doc = applyEdit(hh, { type: 'setFit', fit });
    const two = toggleFitParam(doc, 'cell', info(doc, 'cell', 'gK'), true)!;
    expect(two.params?.map((p) => p.name)).toEqual(['gNa', 'gK']);
    // Again on: unchanged.
    expect(toggleFitParam(applyEdit(doc, { type: 'setFit', fit: two }), 'cell', info(doc, 'cell', 'gK'), true)).toEqual(two);
    const off = toggleFitParam(applyEdit(doc, { type: 'setFit', fit: two }), 'cell', info(doc, 'cell', 'gNa'), false)!;
    expect(off.params?.map((p) => p.name)).toEqual(['gK']);
    expect(fitParamOf(off, 'cell', 'gK')).toMatchObject({ min: 0, max: 200 });
    expect(fitParamOf(off, 'other', 'gK')).toBeUndefined();
  });

  it('training a value of another population moves the fit there', () => {
    const doc = applyEdit(hh, { type: 'setFit', fit: toggleFitParam(hh, 'cell', info(hh, 'cell', 'gNa'), true) });
    const moved = toggleFitParam(doc, 'other', info(doc, 'other', 'tau_m'), true)!;
    expect(moved.population).toBe('other');
    expect(moved.params?.map((p) => p.name)).toEqual(['tau_m']);
    // Untraining a value of a population the fit does not train changes nothing.
    expect(toggleFitParam(doc, 'other', info(doc, 'other', 'tau_m'), false)).toBe(doc.fit);
  });

  it('bounds: set, cleared, and their problems', () => {
    const fit = { population: 'cell', params: [{ name: 'gNa', min: 0, max: 500 }] };
    expect(setFitBound(fit, 'gNa', 'max', 300).params).toEqual([{ name: 'gNa', min: 0, max: 300 }]);
    expect(setFitBound(fit, 'gNa', 'min', undefined).params).toEqual([{ name: 'gNa', max: 500 }]);
    const gNa = info(hh, 'cell', 'gNa');
    expect(boundsProblem({ name: 'gNa', min: 200, max: 100 }, gNa)).toBe('min must be below max');
    expect(boundsProblem({ name: 'gNa', min: 150, max: 200 }, gNa)).toMatch(/starting value is outside/);
    expect(boundsProblem({ name: 'gNa', min: '0.15 S/cm2', max: 500 }, gNa)).toMatch(/outside/);
    expect(boundsProblem({ name: 'gNa', min: '1 ms' }, gNa)).toBe("min '1 ms' is not in mS/cm2");
    expect(boundsProblem({ name: 'gNa', min: 0, max: 500 }, gNa)).toBeUndefined();
  });
});

describe('apply best and revert', () => {
  const fitted = { ...hh, populations: [{ ...hh.populations[0], init: { v: -70 } }, hh.populations[1]] } as ProjectDoc;
  const params = [
    { name: 'gNa', unit: 'mS/cm2' },
    { name: 'gK', unit: 'mS/cm2' },
    { name: 'init:v', unit: 'mV' },
  ];

  it('is one undoable edit writing quantities in the declared units', () => {
    const store = createProjectStore(structuredClone(fitted));
    const { edit, applied } = applyValuesEdit(store.getState().doc, 'cell', params, [119.99999912, 36.5, -64.2]);
    expect(store.getState().dispatch(edit)).toBe(true);
    const pop = store.getState().doc.populations[0];
    expect(pop.params).toEqual({ gNa: '120 mS/cm2', gK: '36.5 mS/cm2' });
    expect(pop.init).toEqual({ v: '-64.2 mV' });
    expect(applied).toEqual({ population: 'cell', before: { gNa: '100 mS/cm2', gK: undefined, 'init:v': -70 }, applied: { gNa: 119.99999912, gK: 36.5, 'init:v': -64.2 } });
    expect(store.getState().past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().doc.populations[0]).toEqual(fitted.populations[0]);
  });

  it('revert puts back exactly what was there (also as one edit)', () => {
    const { edit, applied } = applyValuesEdit(fitted, 'cell', params, [120, 36.5, -64.2]);
    const after = applyEdit(fitted, edit);
    const reverted = applyEdit(after, revertValuesEdit(after, applied));
    expect(reverted.populations[0]).toEqual(fitted.populations[0]);
  });

  it('channel parameters go into their channel', () => {
    const doc = { ...hh, populations: [{ id: 'soma', model: 'HodgkinHuxley1952', size: 1, channels: [{ model: 'K' }, { model: 'Na', params: { gNa: 1 } }] }] } as ProjectDoc;
    const { edit } = applyValuesEdit(doc, 'soma', [{ name: 'Na.gNa', unit: 'S/cm2' }], [0.12]);
    expect(edit).toEqual({ type: 'batch', edits: [{ type: 'setParam', population: 'soma', param: 'gNa', value: '0.12 S/cm2', channel: 1 }] });
    expect(() => applyValuesEdit(doc, 'soma', [{ name: 'Ca.gCa', unit: 'S/cm2' }], [1])).toThrow(/no channel 'Ca'/);
  });
});

describe('case stimuli', () => {
  it('the stimuli on the fitted population that have an amplitude', () => {
    expect(caseStimuli(hh, 'cell')).toEqual([{ id: 'step', input: 'I', amplitude: '10 uA/cm2' }]);
    expect(caseStimuli(hh, 'other').map((s) => s.id)).toEqual(['drive']);
  });
});

describe('synapse parameters of projections into the fitted population (syn:PROJECTION.PARAM)', () => {
  const net: ProjectDoc = {
    format: 'spikeflow-project',
    version: 1,
    name: 'net',
    simulation: { dtMs: 0.1, durationMs: 100, seed: 1 },
    populations: [
      { id: 'src', model: 'RegularSource', size: 2 },
      { id: 'cell', model: 'LIF', size: 1 },
    ],
    projections: [
      { id: 'input', pre: 'src', post: 'cell', synapse: 'ExpCurrent', connectivity: { rule: 'all_to_all' }, weight: '0.6 nA' },
      { id: 'inh', pre: 'src', post: 'cell', synapse: 'ExpCurrent', connectivity: { rule: 'all_to_all' }, params: { w: '-0.4 nA', tau: '8 ms' } },
    ],
  };
  const cell = net.populations[1];

  it('are listed with unit, value from weight or params.w, and range; unknown names are not', () => {
    expect(trainableInfo(cell, 'syn:input.w', catalog, net.projections)).toMatchObject({ unit: 'nA', value: 0.6 });
    expect(trainableInfo(cell, 'syn:inh.w', catalog, net.projections)).toMatchObject({ unit: 'nA', value: -0.4 });
    expect(trainableInfo(cell, 'syn:inh.tau', catalog, net.projections)).toMatchObject({ unit: 'ms', value: 8 });
    expect(trainableInfo(cell, 'syn:input.tau', catalog, net.projections)?.description).toMatch(/projection 'input' from 'src'/);
    expect(trainableInfo(cell, 'syn:input.q', catalog, net.projections)).toBeUndefined();
    expect(trainableInfo(cell, 'syn:nothing.w', catalog, net.projections)).toBeUndefined();
    // A synapse name names its projection wherever the fit is (a network fit trains weights anywhere).
    expect(trainableInfo(net.populations[0], 'syn:input.w', catalog, net.projections)).toMatchObject({ unit: 'nA', value: 0.6 });
    // Weights keep their sign, with room for four times the starting magnitude.
    expect(defaultBounds(trainableInfo(cell, 'syn:input.w', catalog, net.projections)!)).toEqual({ min: 0, max: 2.5 });
    expect(defaultBounds(trainableInfo(cell, 'syn:inh.w', catalog, net.projections)!)).toEqual({ min: -2, max: 0 });
    expect(trainables(cell, catalog, net.projections).map((t) => t.name)).toEqual(expect.arrayContaining(['tau_m', 'syn:input.w', 'syn:input.tau', 'syn:inh.w']));
  });

  it("ticking a synapse parameter adds it to the fit there is, whatever population that fits (a network fit); other values move the fit", () => {
    const fitted = applyEdit(net, { type: 'setFit', fit: toggleFitParam(net, 'cell', trainableInfo(cell, 'tau_m', catalog, net.projections)!, true) });
    const src = net.populations[0];
    const withWeight = toggleFitParam(fitted, 'src', trainableInfo(src, 'syn:input.w', catalog, net.projections)!, true)!;
    expect(withWeight.population).toBe('cell');
    expect(withWeight.params?.map((p) => p.name)).toEqual(['tau_m', 'syn:input.w']);
    expect(fitParamOf(withWeight, 'src', 'syn:input.w')).toBeDefined();
    expect(fitParamOf(withWeight, 'src', 'tau_m')).toBeUndefined();
    const doc = applyEdit(fitted, { type: 'setFit', fit: withWeight });
    expect(toggleFitParam(doc, 'src', trainableInfo(src, 'syn:input.w', catalog, net.projections)!, false)!.params?.map((p) => p.name)).toEqual(['tau_m']);
  });

  it('Apply writes each value where the document keeps it, in one undo step; Revert restores both', () => {
    const store = createProjectStore(net);
    const params = [
      { name: 'syn:input.w', unit: 'nA' },
      { name: 'syn:inh.w', unit: 'nA' },
      { name: 'tau_m', unit: 'ms' },
    ];
    const { edit, applied } = applyValuesEdit(store.getState().doc, 'cell', params, [1.2345678, -0.8, 14]);
    store.getState().dispatch(edit);
    const doc = store.getState().doc;
    expect(doc.projections![0]).toMatchObject({ weight: '1.23457 nA' });
    expect(doc.projections![0].params).toBeUndefined();
    expect(doc.projections![1]).toMatchObject({ params: { w: '-0.8 nA', tau: '8 ms' } });
    expect(doc.projections![1].weight).toBeUndefined();
    expect(doc.populations[1].params).toMatchObject({ tau_m: '14 ms' });
    store.getState().dispatch(revertValuesEdit(store.getState().doc, applied));
    expect(store.getState().doc.projections).toEqual(net.projections);
    store.getState().undo();
    store.getState().undo();
    expect(store.getState().doc).toEqual(net);
  });
});
