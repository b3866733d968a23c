import { describe, expect, it } from 'vitest';
import type { ProjectDoc } from '../store/document';
import { checkConnection, newProjection, pickSynapse } from './connection';
import { libraryCatalog } from './testCatalog';

const catalog = libraryCatalog();

const doc: ProjectDoc = {
  format: 'spikeflow-project',
  version: 1,
  simulation: { durationMs: 100 },
  populations: [
    { id: 'exc', model: 'LIF', size: 400 },
    { id: 'inh', model: 'LIF', size: 100 },
    { id: 'small', model: 'LIF', size: 20 },
    { id: 'tiny', model: 'IzhikevichCell', size: 5 },
    { id: 'poisson', model: 'PoissonSource', size: 100 },
    { id: 'regular', model: 'RegularSource', size: 10 },
    { id: 'soma', model: 'Compartment', size: 1, channels: [{ model: 'HH' }] },
  ],
  projections: [{ id: 'exc_inh', pre: 'exc', post: 'inh', synapse: 'ExpCurrent', connectivity: { rule: 'all_to_all' } }],
  stimuli: [
    { type: 'step', id: 'drive', target: 'exc', amplitude: '1 nA' },
    { type: 'step', id: 'rate', target: 'poisson', amplitude: '5 Hz' },
  ],
  recordings: [{ id: 'rec', population: 'exc', variables: ['v'] }],
};

const reason = (source: string, target: string) => {
  const v = checkConnection(doc, catalog, source, target);
  return v.ok ? 'ok' : v.reason;
};

describe('checkConnection', () => {
  it('accepts population → population, self-loops, sources as pre and duplicates', () => {
    expect(reason('exc', 'inh')).toBe('ok');
    expect(reason('exc', 'exc')).toBe('ok');
    expect(reason('poisson', 'exc')).toBe('ok');
    expect(reason('exc', 'inh')).toBe('ok'); // a second exc → inh projection is allowed
  });

  it('accepts a stimulus re-targeted to another population, also a rate input of a source', () => {
    expect(reason('stimulus:drive', 'inh')).toBe('ok');
    expect(reason('stimulus:drive', 'poisson')).toBe('ok');
  });

  it('refuses everything else, each with its reason', () => {
    expect(reason('exc', 'stimulus:drive')).toMatch(/stimulus has no inputs/);
    expect(reason('stimulus:drive', 'stimulus:rate')).toMatch(/cannot drive another stimulus/);
    expect(reason('exc', 'recording:rec')).toMatch(/recorder belongs to one population/);
    expect(reason('recording:rec', 'exc')).toMatch(/recorder has no output/);
    expect(reason('exc', 'poisson')).toMatch(/poisson is a spike source \(PoissonSource\): sources take no synaptic input/);
    expect(reason('exc', 'regular')).toMatch(/spike source/);
    expect(reason('stimulus:drive', 'regular')).toMatch(/no input a stimulus could drive/);
    expect(reason('stimulus:drive', 'exc')).toMatch(/already drives exc/);
    expect(reason('exc', 'ghost')).toMatch(/no population 'ghost'/);
    expect(reason('ghost', 'exc')).toMatch(/no population 'ghost'/);
  });

  it('is permissive about models while the catalog is not loaded', () => {
    expect(checkConnection(doc, new Map(), 'exc', 'poisson').ok).toBe(true);
  });
});

describe('newProjection', () => {
  it('large populations: fixed probability 0.1, ExpCurrent with its default weight, 1 ms delay, a fresh id', () => {
    expect(newProjection(doc, catalog, 'exc', 'inh')).toEqual({
      id: 'exc_inh2',
      pre: 'exc',
      post: 'inh',
      synapse: 'ExpCurrent',
      connectivity: { rule: 'fixed_probability', p: 0.1 },
      weight: '0.1 nA',
      delayMs: 1,
    });
  });

  it('small populations (≤ 20 neurons each): all-to-all', () => {
    expect(newProjection(doc, catalog, 'small', 'tiny').connectivity).toEqual({ rule: 'all_to_all' });
    expect(newProjection(doc, catalog, 'exc', 'tiny').connectivity).toEqual({ rule: 'fixed_probability', p: 0.1 });
  });

  it('uses the synapse picked in the palette, with its weight unit', () => {
    const p = newProjection(doc, catalog, 'exc', 'inh', 'ExpConductance');
    expect(p).toMatchObject({ synapse: 'ExpConductance', weight: '1 nS' });
  });

  it('a compartment (current density input) gets SpikeSynapse by default', () => {
    expect(pickSynapse(catalog, catalog.get('Compartment'))).toBe('SpikeSynapse');
    expect(newProjection(doc, catalog, 'soma', 'soma').synapse).toBe('SpikeSynapse');
  });

  it('ignores a picked model that is not a synapse', () => {
    expect(pickSynapse(catalog, catalog.get('LIF'), 'LIF')).toBe('ExpCurrent');
  });
});
