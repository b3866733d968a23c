import { describe, expect, it } from 'vitest';
import { parseUnitText } from '../model/units';
import { headerUnit, parseTargetCsv } from './fitTarget';

const mV = parseUnitText('mV')!;
const parse = (text: string) => parseTargetCsv(text, 't.csv', 'v', mV);

describe('target CSV', () => {
  it('reads units from the header in three spellings', () => {
    expect(headerUnit('t (ms)')).toEqual({ name: 't', unit: 'ms' });
    expect(headerUnit('v [mV]')).toEqual({ name: 'v', unit: 'mV' });
    expect(headerUnit('t_ms')).toEqual({ name: 't', unit: 'ms' });
    expect(headerUnit('spike_time')).toEqual({ name: 'spike_time', unit: '' });
    expect(headerUnit('v')).toEqual({ name: 'v', unit: '' });
  });

  it('a trace keeps its unit and gets its times in ms', () => {
    expect(parse('time (s), v (V)\n0, -0.065\n0.0005, -0.064\n')).toEqual({ kind: 'trace', trace: { timesMs: [0, 0.5], values: [-0.065, -0.064], unit: 'V' } });
  });

  it('takes the column named after the observed state, else the second; no unit means the state unit', () => {
    expect(parse('t_ms,m,v\n0,0.1,-65\n1,0.2,-64\n')).toMatchObject({ trace: { values: [-65, -64], unit: 'mV' } });
    expect(parse('t_ms,u\n0,-65\n1,-64\n')).toMatchObject({ trace: { values: [-65, -64], unit: 'mV' } });
  });

  it('one column is spike times, sorted; a header alone is a silent target', () => {
    expect(parse('spike_time (ms)\n30\n10\n20.5\n')).toEqual({ kind: 'spikes', spikeTimesMs: [10, 20.5, 30] });
    expect(parse('# recorded 2026\nspike_time (ms)\n')).toEqual({ kind: 'spikes', spikeTimesMs: [] });
  });

  it('points at the line and column of a problem', () => {
    expect(() => parse('t (ms), v (mV)\n0, -65\n0, -64\n')).toThrow(/^t\.csv:3:1: time must increase/);
    expect(() => parse('t (ms), v (furlong)\n0, -65\n')).toThrow(/^t\.csv:1: unknown unit 'furlong'/);
    expect(() => parse('spikes (mV)\n')).toThrow(/must be a time column/);
  });
});
