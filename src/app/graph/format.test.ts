import { describe, expect, it } from 'vitest';
import { connectivityLabel, formatNumber, formatValue, neuronList, recordingInterval, stimulusLines, withUnit } from './format';

describe('format', () => {
  it('numbers compactly, with units (none for dimensionless)', () => {
    expect(formatNumber(0.1)).toBe('0.1');
    expect(formatNumber(62.8318530718)).toBe('62.83');
    expect(formatNumber(1e-9)).toBe('1e-9');
    expect(formatNumber(-1000000000)).toBe('-1000000000');
    expect(withUnit(-65, 'mV')).toBe('-65 mV');
    expect(withUnit(0.7, '1')).toBe('0.7');
  });

  it('values as written', () => {
    expect(formatValue('  3   ms ', 'ms')).toBe('3 ms');
    expect(formatValue(12, 'ms')).toBe('12 ms');
    expect(formatValue([1, 2, 3], 'nA')).toBe('[1, 2, 3] nA');
    expect(formatValue([1, 2, 3, 4, 5], '1')).toBe('[1, 2, … 5 values]');
    expect(formatValue({ dist: 'normal', mean: '1 Mohm', std: '0.1 Mohm' }, 'Mohm')).toBe('normal(1 Mohm, 0.1 Mohm)');
    expect(formatValue({ dist: 'uniform', low: 8, high: 20 }, 'ms')).toBe('uniform(8 ms, 20 ms)');
    expect(formatValue({ dist: 'lognormal', median: '1 nS', sigma: 0.5 }, 'nS')).toBe('lognormal(1 nS, σ = 0.5)');
  });

  it('connectivity rules', () => {
    expect(connectivityLabel({ rule: 'all_to_all', allowSelf: false })).toBe('all-to-all');
    expect(connectivityLabel({ rule: 'one_to_one' })).toBe('one-to-one');
    expect(connectivityLabel({ rule: 'fixed_probability', p: 0.02, allowSelf: false })).toBe('p = 0.02');
    expect(connectivityLabel({ rule: 'fixed_in_degree', k: 20, allowSelf: false })).toBe('k_in = 20');
    expect(connectivityLabel({ rule: 'fixed_out_degree', k: 5, allowSelf: false })).toBe('k_out = 5');
    expect(connectivityLabel({ rule: 'explicit', pre: [0, 1], post: [1, 0] })).toBe('explicit, 2 pairs');
  });

  it('stimulus summaries, every type', () => {
    const base = { id: 's', target: 'p' };
    expect(stimulusLines({ ...base, type: 'step', amplitude: 2, startMs: 10 }, 'nA')).toEqual(['2 nA', 'from 10 ms']);
    expect(stimulusLines({ ...base, type: 'ramp', from: 0, to: '5 nA', stopMs: 100 }, 'nA')).toEqual(['0 nA → 5 nA', '0 – 100 ms']);
    expect(stimulusLines({ ...base, type: 'pulses', amplitude: 1, widthMs: 2, periodMs: 10 }, 'nA')[0]).toBe('1 nA, 2 ms every 10 ms');
    expect(stimulusLines({ ...base, type: 'sine', amplitude: 1, frequencyHz: 10, offset: 2 }, 'nA')[0]).toBe('1 nA at 10 Hz + 2 nA');
    expect(stimulusLines({ ...base, type: 'noise', std: 3 }, 'nA')[0]).toBe('mean 0 nA, σ 3 nA');
    expect(stimulusLines({ ...base, type: 'expression', expression: '0.5 nA * sin(2*pi*t/(100 ms))' }, 'nA')[0]).toBe('0.5 nA * sin(2*pi*t/(100 ms))');
    expect(stimulusLines({ ...base, type: 'sampled', values: [1, 2, 3], sampleIntervalMs: 5 }, 'nA')[0]).toBe('3 samples every 5 ms (nA)');
    expect(stimulusLines({ ...base, type: 'sampled', csv: 't,x\n0,1', column: 'x' }, 'nA')[0]).toBe('CSV column x');
    expect(stimulusLines({ ...base, type: 'step', amplitude: 1, neurons: [0, 3] }, 'nA')).toEqual(['1 nA', 'whole run', 'neurons 0, 3']);
  });

  it('recorder summaries', () => {
    expect(neuronList(undefined, [0])).toBe('neuron 0');
    expect(neuronList('all')).toBe('all neurons');
    expect(neuronList([0, 1, 2, 3, 4, 5, 6])).toBe('neurons 0, 1, 2, 3, … (7)');
    expect(recordingInterval({ population: 'p', variables: ['v'] })).toBe('every step');
    expect(recordingInterval({ population: 'p', variables: ['v'], intervalMs: 0.5 })).toBe('every 0.5 ms');
  });
});
