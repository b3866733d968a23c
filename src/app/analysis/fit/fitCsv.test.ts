import { describe, expect, it } from 'vitest';
import { headerUnit, msFactor, parseTargetCsv, spikesSummary, traceSummary } from './fitCsv';

const opts = { observe: 'v', stateUnit: 'mV' };

describe('headerUnit', () => {
  it('reads units in parentheses, brackets or after an underscore', () => {
    expect(headerUnit('t (ms)')).toEqual({ name: 't', unit: 'ms' });
    expect(headerUnit(' v [mV] ')).toEqual({ name: 'v', unit: 'mV' });
    expect(headerUnit('t_ms')).toEqual({ name: 't', unit: 'ms' });
    expect(headerUnit('I (uA/cm2)')).toEqual({ name: 'I', unit: 'uA/cm2' });
    // An underscore that is part of the name, not a unit.
    expect(headerUnit('v_soma')).toEqual({ name: 'v_soma', unit: '' });
    expect(headerUnit('time')).toEqual({ name: 'time', unit: '' });
  });

  it('msFactor converts times and refuses other dimensions', () => {
    expect(msFactor('ms')).toBe(1);
    expect(msFactor('s')).toBeCloseTo(1000);
    expect(msFactor('')).toBe(1);
    expect(msFactor('mV')).toBeUndefined();
  });
});

describe('parseTargetCsv', () => {
  it('a trace with units in the header', () => {
    const r = parseTargetCsv('t (ms), v (mV)\n0, -65\n0.5, -64.5\n1, -60\n', opts);
    expect(r).toEqual({ ok: true, kind: 'trace', trace: { timesMs: [0, 0.5, 1], values: [-65, -64.5, -60], unit: 'mV' }, notes: [] });
  });

  it('converts times in seconds to ms and keeps the value unit as written', () => {
    const r = parseTargetCsv('# recorded\ntime [s];v [V]\n0;-0.065\n0.001;-0.064\n', opts);
    expect(r).toMatchObject({ ok: true, kind: 'trace', trace: { timesMs: [0, 1], values: [-0.065, -0.064], unit: 'V' } });
  });

  it('takes the column named like the observed state, and says so', () => {
    const r = parseTargetCsv('t_ms,I_nA,v_mV\n0,1,-65\n1,1,-64\n', opts);
    expect(r).toMatchObject({ ok: true, trace: { values: [-65, -64], unit: 'mV' }, notes: ["values from column 'v_mV' (the others are ignored)"] });
  });

  it('assumes the state unit (and ms) when the header names none, with a note', () => {
    const r = parseTargetCsv('t,v\n0,-65\n1,-64\n', opts);
    expect(r).toMatchObject({ ok: true, trace: { unit: 'mV' } });
    expect(r.ok && r.notes).toEqual(["times taken as ms (the header 't' names no unit)", "values taken as mV (the header 'v' names no unit)"]);
  });

  it('refuses a value unit of another dimension, an unknown unit, a non-time first column', () => {
    expect(parseTargetCsv('t (ms), I (nA)\n0,1\n', opts)).toEqual({ ok: false, error: "column 'I (nA)' is in nA, which cannot be compared with v (in mV)" });
    expect(parseTargetCsv('t (ms), v (blorp)\n0,1\n', opts)).toEqual({ ok: false, error: "unknown unit 'blorp' in column 'v (blorp)'" });
    expect(parseTargetCsv('v (mV), t (ms)\n0,1\n', opts)).toMatchObject({ ok: false, error: /must be a time/ });
  });

  it('reports CSV problems with their line', () => {
    expect(parseTargetCsv('t (ms), v (mV)\n0,-65\n0,-64\n', opts)).toMatchObject({ ok: false, error: /line 3, column 1: time must increase/ });
    expect(parseTargetCsv('t (ms), v (mV)\n0,abc\n', opts)).toMatchObject({ ok: false, error: /line 2.*expected a number/ });
    expect(parseTargetCsv('\n# nothing\n', opts)).toEqual({ ok: false, error: 'the file is empty' });
    expect(parseTargetCsv('0,-65\n1,-64\n', opts)).toMatchObject({ ok: false, error: /add a header row/ });
  });

  it('one column is spike times: with a header (and its unit) or bare numbers in ms, sorted', () => {
    expect(parseTargetCsv('spike times (s)\n0.012\n0.03\n', opts)).toEqual({ ok: true, kind: 'spikes', spikeTimesMs: [12, 30], notes: [] });
    expect(parseTargetCsv('30.5\n12\n\n55\n', opts)).toEqual({ ok: true, kind: 'spikes', spikeTimesMs: [12, 30.5, 55], notes: [] });
    expect(parseTargetCsv('spikes (ms)\n1\nx\n', opts)).toMatchObject({ ok: false, error: /line 3/ });
    // Headerless: line numbers are those of the file.
    expect(parseTargetCsv('1\nx\n', opts)).toMatchObject({ ok: false, error: /^line 2/ });
  });
});

describe('summaries', () => {
  it('say how much data a case has, with units', () => {
    expect(traceSummary({ timesMs: [0, 50, 100], values: [1, 2, 3], unit: 'mV' })).toBe('trace: 3 samples, 0–100 ms (mV)');
    expect(traceSummary(undefined)).toBeUndefined();
    expect(spikesSummary([12.25, 80])).toBe('spikes: 2 at 12.25–80 ms');
    expect(spikesSummary([])).toBe('spikes: none (a silent target)');
  });
});
