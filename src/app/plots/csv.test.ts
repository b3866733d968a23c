import { describe, expect, it } from 'vitest';
import { csvField, formatTime, seriesHeader, spikesCsv, tracesCsv } from './csv';
import { RunData } from './runData';
import { chunk, loaded, series } from './testing';

describe('CSV export', () => {
  it('traces: time_ms then one column per series with its unit', () => {
    const data = new RunData();
    data.reset(loaded());
    data.append(chunk({ firstStep: 0, stepCount: 2, traces: [(step, s) => (s ? 0.1 * step : -65 + step), (step) => -70 - step], seriesCounts: [2, 1] }));
    expect(tracesCsv(data)).toBe(['time_ms,exc[0].v (mV),exc[0].j (nA),inh[1].v (mV)', '0,-65,0,-70', '0.5,-64,0.1,-71', ''].join('\n'));
  });

  it('traces: recorders sampled at different times share rows where times coincide', () => {
    const data = new RunData();
    data.reset(loaded({ series: [[series('a', 0, 'v', 'mV')], [series('b', 0, 'w', '')]] }));
    const m = chunk({ firstStep: 0, stepCount: 4, traces: [(s) => s, (s) => 10 * s] });
    // Recorder 1 samples every other step.
    const slow = m.recordings[1];
    const thinned = { recorder: 1, timesMs: slow.timesMs.filter((_, i) => i % 2 === 0), values: slow.values.filter((_, i) => i % 2 === 0) };
    data.append({ ...m, recordings: [m.recordings[0], thinned] });
    expect(tracesCsv(data).split('\n')).toEqual(['time_ms,a[0].v (mV),b[0].w', '0,0,0', '0.5,1,', '1,2,20', '1.5,3,', '']);
  });

  it('spikes: time_ms,population,neuron in order, time = step · dt without float noise', () => {
    const data = new RunData();
    data.reset(loaded({ dtMs: 0.1 }));
    data.append(chunk({ firstStep: 0, stepCount: 10, dtMs: 0.1, spikes: [[3, 0, 2], [7, 1, 1]] }));
    expect(spikesCsv(data)).toBe('time_ms,population,neuron\n0.3,exc,2\n0.7,inh,1\n');
  });

  it('f32 values are written with float32 precision, not their float64 expansion', () => {
    const data = new RunData();
    data.reset(loaded({ series: [[series('a', 0, 'v', 'mV')]] }));
    data.append(chunk({ firstStep: 0, stepCount: 1, traces: [() => 0.1] }));
    expect(tracesCsv(data).split('\n')[1]).toBe('0,0.1');
  });

  it('helpers quote and format', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('plain')).toBe('plain');
    expect(seriesHeader('x[0].m', '1')).toBe('x[0].m');
    expect(seriesHeader('x[0].v', 'mV')).toBe('x[0].v (mV)');
    expect(formatTime(3 * 0.1)).toBe('0.3');
  });

  it('empty data gives just the headers', () => {
    const data = new RunData();
    expect(tracesCsv(data)).toBe('time_ms\n');
    expect(spikesCsv(data)).toBe('time_ms,population,neuron\n');
  });
});
