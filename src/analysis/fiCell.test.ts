/** Which cell an f–I curve measures, from a population or from the catalog. */
import { describe, expect, it } from 'vitest';
import { catalogOf, type ModelInfo } from '../library/catalog';
import { builtinRegistry } from '../library';
import type { ProjectInput } from '../project/schema';
import { parseProject } from '../project/validate';
import { cellValues, fiCellFromModel, fiCellFromPopulation, inDeclaredUnit, typicalValue } from './fiCell';
import { buildFiProject } from './fiCurve';

const catalog = new Map<string, ModelInfo>(catalogOf(builtinRegistry()).map((m) => [m.name, m]));
const lookup = (name: string) => catalog.get(name);

const doc: ProjectInput = {
  format: 'spikeflow-project',
  version: 1,
  simulation: { dtMs: 0.1, durationMs: 500 },
  populations: [
    {
      id: 'exc',
      model: 'LIF',
      size: 40,
      params: {
        R: { dist: 'normal', mean: '1 Mohm', std: '0.1 Mohm', min: '0.7 Mohm', max: '1.3 Mohm' },
        tau_m: { dist: 'uniform', low: '8 ms', high: '0.02 s' },
        t_ref: '3 ms',
        thr: [-50, -50, -50],
        v_reset: [-60, -62],
      },
      init: { v: { dist: 'uniform', low: -65, high: -55 }, 'ee.g': 0 },
      integrator: 'exact',
    },
    { id: 'hh', model: 'Compartment', size: 2, channels: [{ model: 'HH', params: { gNa: '0.2 S/cm2' } }] },
  ],
};

describe('inDeclaredUnit and typicalValue', () => {
  it('reads amounts in the declared unit', () => {
    expect(inDeclaredUnit('0.02 s', 'ms')).toBe(20);
    expect(inDeclaredUnit(12, 'ms')).toBe(12);
    expect(inDeclaredUnit('3 mV', 'ms')).toBeUndefined();
  });
  it('reduces per-neuron values to one, saying how', () => {
    expect(typicalValue('3 ms', 'ms')).toEqual({ value: '3 ms' });
    expect(typicalValue([2, 2], 'ms')).toEqual({ value: 2 });
    expect(typicalValue([1, 3], 'ms')?.value).toBe(2);
    expect(typicalValue({ dist: 'normal', mean: 5, std: 1, max: 4 }, 'nA')).toEqual({ value: 4, note: 'normal distribution → its mean, 4 nA' });
    expect(typicalValue({ dist: 'uniform', low: 0, high: 1 }, undefined)).toBeUndefined();
  });
});

describe('fiCellFromPopulation', () => {
  it("takes the population's model, values (typical where they vary), integrator and channels", () => {
    const r = fiCellFromPopulation(doc, 'exc', lookup)!;
    expect(r.title).toBe('exc (LIF)');
    expect(r.input).toEqual({ name: 'j', unit: 'nA' });
    expect(r.cell).toMatchObject({ model: 'LIF', integrator: 'exact', params: { R: 1, tau_m: 14, t_ref: '3 ms', thr: -50, v_reset: -61 }, init: { v: -60 } });
    // The summed synapse state belongs to a projection the f–I project does not have.
    expect(r.cell.init).not.toHaveProperty('ee.g');
    expect(r.notes).toEqual([
      'R: normal distribution → its mean, 1 Mohm',
      'tau_m: uniform distribution → the middle of [8, 20 ms], 14 ms',
      'v_reset: per-neuron values → their mean, -61 mV',
      'initial v: uniform distribution → the middle of [-65, -55 mV], -60 mV',
    ]);
    const hh = fiCellFromPopulation(doc, 'hh', lookup)!;
    expect(hh.cell.channels).toEqual([{ model: 'HH', params: { gNa: '0.2 S/cm2' }, init: {} }]);
    expect(hh.input?.unit).toBe('uA/cm2');
    expect(fiCellFromPopulation(doc, 'nope', lookup)).toBeUndefined();
  });

  it('builds a valid f–I project, with the project models the cell uses', () => {
    const source = 'model Mine : cell\nparams\n  tau = 10 ms\ninputs\n  j : nA\nstates\n  v = 0 mV\nequations\n  dv/dt = -v / tau + j * 1 Mohm / tau\nspike v > 10 mV\nreset\n  v = 0 mV\n';
    const withOwn: ProjectInput = { ...doc, models: { Mine: source, Unused: 'model Unused : cell\n' }, populations: [...doc.populations, { id: 'mine', model: 'Mine', size: 1 }] };
    for (const id of ['exc', 'hh', 'mine']) {
      const r = fiCellFromPopulation(withOwn, id, lookup)!;
      const parsed = parseProject(buildFiProject(r.cell, { currents: [1, 2], durationMs: 100, transientMs: 10, dtMs: 0.1 }));
      expect(parsed.ok, id).toBe(true);
    }
    expect(fiCellFromPopulation(withOwn, 'mine', lookup)!.cell.models).toEqual({ Mine: source });
  });
});

describe('fiCellFromModel and cellValues', () => {
  it('a catalog model runs with its defaults; every value is listed in its declared unit', () => {
    const r = fiCellFromModel(catalog.get('HodgkinHuxley1952')!);
    expect(r).toMatchObject({ title: 'HodgkinHuxley1952 (defaults)', input: { name: 'I', unit: 'uA/cm2' }, cell: { model: 'HodgkinHuxley1952' } });
    const values = cellValues({ model: 'LIF', params: { tau_m: '0.02 s' } }, lookup);
    expect(values.get('tau_m')).toEqual({ value: 20, unit: 'ms' });
    expect(values.get('R')).toEqual({ value: 1, unit: 'Mohm' });
    const channel = cellValues({ model: 'Compartment', channels: [{ model: 'HH', params: { gNa: 0.2 } }] }, lookup);
    expect(channel.get('HH.gNa')).toEqual({ value: 0.2, unit: 'S/cm2' });
  });
});
