import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeCounts, exampleId, exampleMeta, matchesFilter, sortExamples, type ExampleMeta } from './exampleCatalogue';
import { EXAMPLE_PATHS, loadExampleCatalogue } from './examples';

const files = readdirSync(new URL('../../../examples/', import.meta.url)).filter((f) => f.endsWith('.json'));

describe('example metadata', () => {
  it('takes name, description and counts from the document', () => {
    const meta = exampleMeta('../../../examples/cuba.json', {
      format: 'spikeflow-project',
      version: 1,
      name: 'CUBA',
      description: 'A network',
      simulation: { durationMs: 10 },
      populations: [
        { id: 'exc', model: 'LIF', size: 3200 },
        { id: 'inh', model: 'LIF', size: 800 },
      ],
      projections: [{ id: 'ee', pre: 'exc', post: 'exc', synapse: 'Exp', connectivity: { rule: 'one_to_one' } }],
    });
    expect(meta).toEqual({
      id: 'cuba',
      fileName: 'cuba.json',
      name: 'CUBA',
      description: 'A network',
      populations: 2,
      neurons: 4000,
      projections: 1,
      stimuli: 0,
      group: 'network',
      problem: '',
    });
    expect(describeCounts(meta)).toBe('2 populations · 4,000 neurons · 1 projection · no stimuli');
  });

  it('falls back to the file name, and reports an invalid example', () => {
    const meta = exampleMeta('x/odd.json', { format: 'spikeflow-project', version: 1, populations: [] });
    expect(meta.name).toBe('odd');
    expect(meta.group).toBe('single');
    expect(meta.problem).toMatch(/\$\.simulation/);
    expect(exampleId('a/b/c.json')).toBe('c');
  });

  it('sorts the default example first, then networks, then single cells, by name', () => {
    const m = (id: string, name: string, group: ExampleMeta['group']) => ({ ...exampleMeta(`${id}.json`, {}), id, name, group });
    const order = sortExamples([m('b', 'Beta', 'single'), m('n', 'Net', 'network'), m('default', 'Zed', 'single'), m('a', 'Alpha', 'single')]);
    expect(order.map((e) => e.id)).toEqual(['default', 'n', 'a', 'b']);
  });

  it('filters on every word, in name, description or file name', () => {
    const meta = exampleMeta('cuba.json', { name: 'CUBA network', description: 'Brette et al. benchmark' });
    expect(matchesFilter(meta, '')).toBe(true);
    expect(matchesFilter(meta, 'cuba brette')).toBe(true);
    expect(matchesFilter(meta, 'CUBA.JSON')).toBe(true);
    expect(matchesFilter(meta, 'cuba izhikevich')).toBe(false);
  });
});

describe('the bundled catalogue', () => {
  it('lists every examples/*.json, each valid, with unique ids', async () => {
    expect(EXAMPLE_PATHS.map(exampleId).sort()).toEqual(files.map((f) => f.replace(/\.json$/, '')).sort());
    const catalogue = await loadExampleCatalogue();
    expect(catalogue).toHaveLength(files.length);
    expect(catalogue[0].id).toBe('default');
    expect(new Set(catalogue.map((e) => e.id)).size).toBe(files.length);
    for (const e of catalogue) {
      expect(e.problem, e.fileName).toBe('');
      expect(e.name, e.fileName).not.toBe('');
      expect(e.populations, e.fileName).toBe(e.doc.populations.length);
    }
  });
});
