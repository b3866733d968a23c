/** Labels of overlaid f–I curves, CSV export and how results read. */
import { describe, expect, it } from 'vitest';
import { fiCsv } from './fiCsv';
import { bracketDecimals, currentAxisLabel, defaultCurrentRange, formatRheobase, prettyUnit } from './fiFormat';
import { curveLabels, type CurveIdentity } from './fiLabels';

const lif = (values: Record<string, number>, extra: Partial<CurveIdentity> = {}): CurveIdentity => ({
  title: 'exc (LIF)',
  model: 'LIF',
  values: new Map(Object.entries({ tau_m: 10, R: 1, thr: -52, ...values }).map(([k, v]) => [k, { value: v, unit: k === 'R' ? 'Mohm' : k === 'tau_m' ? 'ms' : 'mV' }])),
  dtMs: 0.1,
  durationMs: 1000,
  transientMs: 100,
  integrator: 'euler',
  ...extra,
});

describe('curveLabels', () => {
  it('one curve: its title', () => {
    expect(curveLabels([lif({})])).toEqual(['exc (LIF)']);
  });
  it('several: what differs between them', () => {
    expect(curveLabels([lif({}), lif({ tau_m: 20 })])).toEqual(['tau_m = 10 ms', 'tau_m = 20 ms']);
    expect(curveLabels([lif({}), lif({ tau_m: 20, R: 2 })])).toEqual(['tau_m = 10 ms, R = 1 Mohm', 'tau_m = 20 ms, R = 2 Mohm']);
    expect(curveLabels([lif({}), lif({}, { dtMs: 0.01 })])).toEqual(['dt = 0.1 ms', 'dt = 0.01 ms']);
  });
  it('other models are named; their parameters are compared only with their own kind', () => {
    const hh: CurveIdentity = { ...lif({}), title: 'HodgkinHuxley1952 (defaults)', model: 'HodgkinHuxley1952', values: new Map([['gNa', { value: 120, unit: 'mS/cm2' }]]) };
    expect(curveLabels([lif({}), lif({ tau_m: 5 }), hh])).toEqual(['LIF, tau_m = 10 ms', 'LIF, tau_m = 5 ms', 'HodgkinHuxley1952']);
  });
  it('long differences are cut, identical runs numbered', () => {
    expect(curveLabels([lif({ a: 1, b: 1, c: 1, d: 1 }), lif({ a: 2, b: 2, c: 2, d: 2 })])[1]).toBe('a = 2 mV, b = 2 mV, c = 2 mV, +1 more');
    expect(curveLabels([lif({}), lif({})])).toEqual(['exc (LIF)', 'exc (LIF) (2)']);
  });
});

describe('fiCsv', () => {
  it('one current column, one rate column per curve; rows shared where currents coincide', () => {
    const csv = fiCsv(
      [
        { label: 'tau_m = 10 ms', points: [{ current: 0, rateHz: 0 }, { current: 0.1 + 0.2, rateHz: 12.5 }] },
        { label: 'a, "b"', points: [{ current: 0.3, rateHz: 7 }, { current: 1, rateHz: 9 }] },
      ],
      'nA',
    );
    expect(csv).toBe('I (nA),rate (Hz) [tau_m = 10 ms],"rate (Hz) [a, ""b""]"\n0,0,\n0.3,12.5,7\n1,,9\n');
    expect(fiCsv([], '1').split('\n')[0]).toBe('I');
  });
});

describe('formatting', () => {
  it('prints units as people write them', () => {
    expect(prettyUnit('uA/cm2')).toBe('µA/cm²');
    expect(prettyUnit('nA')).toBe('nA');
    expect(prettyUnit('1')).toBe('');
    expect(currentAxisLabel('nA')).toBe('I (nA)');
    expect(currentAxisLabel('1')).toBe('I');
  });
  it('gives the rheobase the digits its bracket resolves', () => {
    expect(bracketDecimals(2)).toBe(1);
    expect(bracketDecimals(2 / 121)).toBe(3);
    expect(formatRheobase({ kind: 'bracket', silent: 12.99174, firing: 13.00826 }, 'nA')).toEqual({
      value: '≈ 13.000 nA',
      detail: 'between 12.992 (silent) and 13.008 nA (fires)',
    });
    expect(formatRheobase({ kind: 'below', firing: 0 }, 'uA/cm2').value).toBe('≤ 0 µA/cm²');
    expect(formatRheobase({ kind: 'above', silent: 40 }, 'nA').value).toBe('> 40 nA');
  });
  it('starts with a current range that fits the model or its unit', () => {
    expect(defaultCurrentRange('LIF', 'nA')).toEqual({ from: 0, to: 40 });
    expect(defaultCurrentRange('Mine', 'pA')).toEqual({ from: 0, to: 500 });
    expect(defaultCurrentRange('Mine', '1')).toEqual({ from: 0, to: 2 });
  });
});
