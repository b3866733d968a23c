import { describe, expect, it } from 'vitest';
import { decodeDrag, encodeDrag, paletteGroups, paletteItemTestId, PRESET_ITEMS, RECORDER_ITEM } from './palette';
import { libraryCatalog } from './testCatalog';

const models = [...libraryCatalog().values()];
const names = (groups: ReturnType<typeof paletteGroups>, id: string) => groups.find((g) => g.id === id)?.items.map((i) => i.name) ?? [];

describe('palette', () => {
  it('groups the catalog: cells, spike sources, channels, synapses, then stimuli, the recorder and firing patterns', () => {
    const groups = paletteGroups(models);
    expect(groups.map((g) => g.title)).toEqual(['Cells', 'Spike sources', 'Channels', 'Synapses', 'Stimuli', 'Recorder', 'Firing patterns']);
    expect(names(groups, 'cells')).toContain('LIF');
    expect(names(groups, 'cells')).not.toContain('PoissonSource');
    expect(names(groups, 'sources')).toEqual(['PoissonSource', 'RegularSource']);
    expect(names(groups, 'channels')).toEqual(expect.arrayContaining(['Na', 'K', 'Leak', 'HH', 'Fire']));
    expect(names(groups, 'synapses')).toEqual(expect.arrayContaining(['ExpCurrent', 'STDP']));
    expect(names(groups, 'stimuli')).toEqual(['step', 'ramp', 'pulses', 'sine', 'noise', 'expression', 'sampled']);
    expect(names(groups, 'recorder')).toEqual(['recorder']);
    expect(names(groups, 'presets')).toEqual(expect.arrayContaining(['izh-rs', 'izh-tc', 'adex-tonic', 'adex-irregular']));
    expect(names(groups, 'presets')).toHaveLength(15);
  });

  it('lists the firing-pattern presets with their explanation as the tooltip, searchable by pattern', () => {
    const rs = PRESET_ITEMS.find((i) => i.name === 'izh-rs')!;
    expect(rs).toMatchObject({ kind: 'preset', title: 'Regular spiking (RS)', origin: 'Izhikevich (2003, 2004)' });
    expect(rs.detail).toContain('d = 8 mV/ms');
    expect(paletteItemTestId(rs)).toBe('palette-item-preset-izh-rs');
    expect(names(paletteGroups(models, 'bursting'), 'presets')).toEqual(['izh-ib', 'adex-regular-bursting', 'adex-delayed-bursting']);
    expect(decodeDrag(encodeDrag(rs))).toEqual({ kind: 'preset', name: 'izh-rs' });
  });

  it('searches names and summaries, case-insensitively, every word', () => {
    const poisson = paletteGroups(models, 'POISSON');
    expect(poisson.map((g) => g.id)).toEqual(['sources']);
    expect(names(poisson, 'sources')).toEqual(['PoissonSource']);
    expect(names(paletteGroups(models, 'sodium'), 'channels')).toContain('Na');
    expect(names(paletteGroups(models, 'current exponential'), 'synapses')).toContain('ExpCurrent');
    expect(paletteGroups(models, 'pulse').map((g) => g.id)).toContain('stimuli');
    expect(paletteGroups(models, 'zzzz-nothing')).toEqual([]);
  });

  it('still offers stimuli, the recorder and the presets without a catalog', () => {
    expect(paletteGroups([]).filter((g) => g.items.length > 0).map((g) => g.id)).toEqual(['stimuli', 'recorder', 'presets']);
  });

  it('names test ids and round-trips drag payloads', () => {
    expect(paletteItemTestId({ kind: 'cell', name: 'LIF', title: 'LIF', summary: '', origin: '' })).toBe('palette-item-LIF');
    expect(paletteItemTestId({ kind: 'stimulus', name: 'step', title: 'Step', summary: '', origin: '' })).toBe('palette-item-stimulus-step');
    expect(paletteItemTestId(RECORDER_ITEM)).toBe('palette-item-recorder');
    expect(decodeDrag(encodeDrag(RECORDER_ITEM))).toEqual({ kind: 'recorder', name: 'recorder' });
    expect(decodeDrag('not json')).toBeUndefined();
    expect(decodeDrag('{"kind":"bogus","name":"x"}')).toBeUndefined();
  });
});
