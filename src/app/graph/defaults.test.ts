import { describe, expect, it } from 'vitest';
import { STIMULUS_TYPES } from '../../project/schema';
import { parseProject } from '../../project/validate';
import type { ProjectDoc } from '../store/document';
import { defaultAmplitude, newPopulation, newRecording, newStimulus, populationStem } from './defaults';
import { libraryCatalog } from './testCatalog';

const catalog = libraryCatalog();
const doc: ProjectDoc = {
  format: 'spikeflow-project',
  version: 1,
  simulation: { durationMs: 500 },
  populations: [
    { id: 'lif', model: 'LIF', size: 10 },
    { id: 'hh', model: 'HodgkinHuxley1952', size: 1 },
    { id: 'izh', model: 'Izhikevich2003', size: 1 },
    { id: 'fhn', model: 'FitzhughNagumoCell', size: 1 },
  ],
};

describe('new populations', () => {
  it('name ids after the model and size cells 10, sources 100', () => {
    expect(populationStem('LIFCell')).toBe('lif');
    expect(populationStem('PoissonSource')).toBe('poisson');
    expect(populationStem('Izhikevich2003')).toBe('izhikevich');
    expect(newPopulation(doc, catalog, 'LIF')).toEqual({ id: 'lif2', model: 'LIF', size: 10 });
    expect(newPopulation(doc, catalog, 'RegularSource')).toEqual({ id: 'regular', model: 'RegularSource', size: 100 });
  });
});

describe('new stimuli', () => {
  it('every type is a valid stimulus for the target input unit', () => {
    for (const target of ['lif', 'hh', 'izh', 'fhn']) {
      const stimuli = STIMULUS_TYPES.map((t) => newStimulus(doc, catalog, t, target));
      const result = parseProject({ ...doc, stimuli });
      expect(result.ok, JSON.stringify(!result.ok && result.errors)).toBe(true);
    }
  });

  it('drives with an amplitude that makes the usual cell fire, in its input unit', () => {
    expect(newStimulus(doc, catalog, 'step', 'lif')).toEqual({ type: 'step', id: 'step', target: 'lif', amplitude: '15 nA', startMs: 50, stopMs: 450 });
    expect(newStimulus(doc, catalog, 'step', 'hh')).toMatchObject({ amplitude: '10 uA/cm2' });
    expect(newStimulus(doc, catalog, 'step', 'izh')).toMatchObject({ amplitude: '10 mV/ms' });
    expect(newStimulus(doc, catalog, 'step', 'fhn')).toMatchObject({ amplitude: 1 });
    expect(newStimulus(doc, catalog, 'expression', 'lif')).toMatchObject({ expression: '15 nA * (1 + sin(2*pi*t/(100 ms))) / 2' });
    expect(defaultAmplitude('furlongs')).toBe(1);
  });
});

describe('new recordings', () => {
  it('record v of neuron 0', () => {
    expect(newRecording(doc, catalog, 'lif')).toEqual({ id: 'rec_lif', population: 'lif', variables: ['v'], neurons: [0] });
    expect(newRecording(doc, new Map(), 'lif')).toMatchObject({ variables: ['v'] });
    expect(newRecording(doc, catalog, 'ghost')).toEqual({ refused: "There is no population 'ghost'." });
  });
});
