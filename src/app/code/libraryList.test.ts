import { describe, expect, it } from 'vitest';
import { declaredModelName, LIBRARY_SOURCES } from '../../library';
import { libraryEntries, searchLibrary } from './libraryList';

describe('library list', () => {
  const entries = libraryEntries(LIBRARY_SOURCES);

  it('lists every built-in model with its name, kind and summary, without compiling', () => {
    expect(entries).toHaveLength(LIBRARY_SOURCES.length);
    entries.forEach((e, i) => {
      expect(e.name).toBe(declaredModelName(LIBRARY_SOURCES[i].source));
      expect(['cell', 'channel', 'synapse']).toContain(e.kind);
      expect(e.summary).not.toMatch(/^##/);
    });
    expect(entries.find((e) => e.name === 'LIF')).toMatchObject({ kind: 'cell', origin: 'classic', summary: 'Leaky integrate-and-fire neuron.' });
    expect(entries.find((e) => e.name === 'K')?.kind).toBe('channel');
  });

  it('searches names, summaries and origins, grouped by kind', () => {
    const all = searchLibrary(entries, '');
    expect(all.map((g) => g.kind)).toEqual(['cell', 'channel', 'synapse']);
    expect(all.reduce((n, g) => n + g.entries.length, 0)).toBe(entries.length);
    const potassium = searchLibrary(entries, 'potassium');
    expect(potassium.flatMap((g) => g.entries.map((e) => e.name))).toContain('K');
    expect(searchLibrary(entries, 'JAXLEY').flatMap((g) => g.entries).every((e) => e.origin === 'jaxley')).toBe(true);
    expect(searchLibrary(entries, 'no such model at all')).toEqual([]);
  });
});
