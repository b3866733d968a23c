import { describe, expect, it } from 'vitest';
import { RunData, SPIKE_NEURON, SPIKE_POPULATION, SPIKE_STEP } from './runData';
import { chunk, loaded } from './testing';

function manualFrames() {
  const pending: (() => void)[] = [];
  return {
    scheduleFrame: (cb: () => void) => void pending.push(cb),
    flush() {
      const batch = pending.splice(0);
      for (const cb of batch) cb();
      return batch.length;
    },
  };
}

const traces = [(step: number, s: number) => step + 1000 * s, (step: number) => -step];

describe('RunData', () => {
  it('ignores chunks before the first reset', () => {
    const data = new RunData();
    data.append(chunk({ firstStep: 0, stepCount: 3, traces, seriesCounts: [2, 1] }));
    expect(data.version).toBe(0);
    expect(data.sampleCount).toBe(0);
  });

  it('appends traces across chunks as columns (time-major input transposed)', () => {
    const data = new RunData();
    data.reset(loaded());
    data.append(chunk({ firstStep: 0, stepCount: 3, traces, seriesCounts: [2, 1] }));
    data.append(chunk({ firstStep: 3, stepCount: 2, traces, seriesCounts: [2, 1] }));
    expect(Array.from(data.traceTimes(0))).toEqual([0, 0.5, 1, 1.5, 2]);
    expect(Array.from(data.traceValues(0, 0))).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(data.traceValues(0, 1))).toEqual([1000, 1001, 1002, 1003, 1004]);
    expect(Array.from(data.traceValues(1, 0))).toEqual([-0, -1, -2, -3, -4]);
    expect(data.traceValues(0, 0)).toBeInstanceOf(Float32Array);
    expect(data.sampleCount).toBe(10);
    expect(data.chunkCount).toBe(2);
    expect(data.endMs).toBe(2.5);
  });

  it('keeps f64 runs in Float64Array', () => {
    const data = new RunData();
    data.reset(loaded({ precision: 'f64' }));
    data.append(chunk({ firstStep: 0, stepCount: 2, traces: [(s) => s + 1e-12], seriesCounts: [2], f64: true }));
    expect(data.traceValues(0, 0)).toBeInstanceOf(Float64Array);
    expect(data.traceValues(0, 0)[1]).toBe(1 + 1e-12);
  });

  it('grows past the initial capacity without losing samples', () => {
    const data = new RunData();
    data.reset(loaded());
    const f = [(step: number, s: number) => step * 2 + s];
    for (let c = 0; c < 50; c++) data.append(chunk({ firstStep: c * 100, stepCount: 100, traces: f, seriesCounts: [2] }));
    const v = data.traceValues(0, 1);
    expect(v.length).toBe(5000);
    for (let i = 0; i < 5000; i += 499) expect(v[i]).toBe(i * 2 + 1);
  });

  it('stores spikes in order and counts them per population', () => {
    const data = new RunData();
    data.reset(loaded());
    data.append(chunk({ firstStep: 0, stepCount: 4, spikes: [[1, 0, 3], [2, 1, 0]] }));
    data.append(chunk({ firstStep: 4, stepCount: 4, spikes: [[5, 0, 0], [5, 0, 1], [7, 1, 1]] }));
    expect(data.spikeCount).toBe(5);
    expect(Array.from(data.spikes.view(SPIKE_STEP))).toEqual([1, 2, 5, 5, 7]);
    expect(Array.from(data.spikes.view(SPIKE_POPULATION))).toEqual([0, 1, 0, 0, 1]);
    expect(Array.from(data.spikes.view(SPIKE_NEURON))).toEqual([3, 0, 0, 1, 1]);
    expect(Array.from(data.rowOffsets)).toEqual([0, 4]);
    expect(data.totalRows).toBe(6);
  });

  it('reset clears everything and bumps the run serial', () => {
    const data = new RunData();
    data.reset(loaded());
    data.append(chunk({ firstStep: 0, stepCount: 4, traces, seriesCounts: [2, 1], spikes: [[1, 0, 0]] }));
    const serial = data.runSerial;
    data.reset(loaded({ series: [] }));
    expect(data.runSerial).toBe(serial + 1);
    expect(data.sampleCount).toBe(0);
    expect(data.spikeCount).toBe(0);
    expect(data.chunkCount).toBe(0);
    expect(data.recorders).toEqual([]);
    expect(data.populationRate(0)).toBeNull();
  });

  it('population rate: Hz per neuron in bins, from the spikes', () => {
    const data = new RunData();
    data.reset(loaded({ dtMs: 0.5 })); // base bin = 2 steps = 1 ms
    // 20 ms simulated; exc (4 neurons) fires 8 spikes in [0, 10) ms and none after.
    const spikes: [number, number, number][] = [];
    for (let i = 0; i < 8; i++) spikes.push([i * 2, 0, i % 4]);
    data.append(chunk({ firstStep: 0, stepCount: 20, spikes }));
    data.append(chunk({ firstStep: 20, stepCount: 20 }));
    const r = data.populationRate(0, 10)!;
    expect(r.binMs).toBe(10);
    expect(Array.from(r.timesMs)).toEqual([5, 15]);
    // 8 spikes / 4 neurons / 10 ms = 200 Hz.
    expect(r.rateHz[0]).toBeCloseTo(200, 9);
    expect(r.rateHz[1]).toBe(0);
    const inh = data.populationRate(1, 5)!;
    expect(Array.from(inh.rateHz)).toEqual([0, 0, 0, 0]);
  });

  it('population rate: smoothing keeps the mean and spreads a burst', () => {
    const data = new RunData();
    data.reset(loaded({ dtMs: 1 }));
    data.append(chunk({ firstStep: 0, stepCount: 100, dtMs: 1, spikes: [[50, 0, 0], [50, 0, 1], [50, 0, 2], [50, 0, 3]] }));
    const raw = data.populationRate(0, 1, 0)!;
    const smooth = data.populationRate(0, 1, 5)!;
    expect(raw.rateHz[50]).toBeCloseTo(1000, 9);
    expect(smooth.rateHz[50]).toBeLessThan(100);
    expect(smooth.rateHz[45]).toBeGreaterThan(0);
    const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);
    expect(sum(smooth.rateHz)).toBeCloseTo(sum(raw.rateHz), 6);
  });

  it('population rate: a partly simulated last bin is normalised by the time it covers', () => {
    const data = new RunData();
    data.reset(loaded({ dtMs: 1 }));
    data.append(chunk({ firstStep: 0, stepCount: 12, dtMs: 1, spikes: [[11, 0, 0]] }));
    const r = data.populationRate(0, 10)!;
    expect(Array.from(r.timesMs)).toEqual([5, 11]);
    // 1 spike / 4 neurons / 2 ms = 125 Hz
    expect(r.rateHz[1]).toBeCloseTo(125, 9);
  });

  it('population rate is null for populations whose spikes are not recorded', () => {
    const data = new RunData();
    data.reset(loaded({ populations: [{ id: 'a', model: 'LIF', size: 3, recordSpikes: false }] }));
    data.append(chunk({ firstStep: 0, stepCount: 4 }));
    expect(data.populationRate(0)).toBeNull();
    expect(data.totalRows).toBe(0);
    expect(data.rowOffsets[0]).toBe(-1);
  });

  it('caps memory: keeps the most recent samples and spikes and says so', () => {
    const data = new RunData({ maxTraceValues: 3 * 2048, maxSpikes: 1500 });
    data.reset(loaded({ series: [[{ key: 'exc[0].v', population: 'exc', neuron: 0, variable: 'v', unit: 'mV' }]] }));
    expect(data.memoryNote()).toBeNull();
    for (let c = 0; c < 40; c++) {
      const spikes: [number, number, number][] = [];
      for (let i = 0; i < 100; i++) spikes.push([c * 100 + i, 0, i % 4]);
      data.append(chunk({ firstStep: c * 100, stepCount: 100, traces: [(step) => step], spikes }));
    }
    const times = data.traceTimes(0);
    const values = data.traceValues(0, 0);
    expect(times.length).toBeLessThanOrEqual(3072);
    // The newest sample is always kept, and what is kept is contiguous.
    expect(values[values.length - 1]).toBe(3999);
    for (let i = 1; i < values.length; i++) expect(values[i] - values[i - 1]).toBe(1);
    expect(data.spikeCount).toBeLessThanOrEqual(1500);
    const steps = data.spikes.view(SPIKE_STEP);
    expect(steps[steps.length - 1]).toBe(3999);
    expect(data.memoryNote()).toMatch(/most recent/);
    // Rates come from counts kept separately, so they still cover the whole run.
    const r = data.populationRate(0, 1)!;
    expect(r.timesMs[0]).toBe(0.5);
  });

  it('keeps the newest rows of a chunk bigger than the cap', () => {
    const data = new RunData({ maxTraceValues: 2 * 1024 });
    data.reset(loaded({ series: [[{ key: 'a[0].v', population: 'a', neuron: 0, variable: 'v', unit: 'mV' }]] }));
    data.append(chunk({ firstStep: 0, stepCount: 1500, traces: [(step) => step] }));
    const v = data.traceValues(0, 0);
    expect(v.length).toBe(1024);
    expect(v[0]).toBe(476);
    expect(v[1023]).toBe(1499);
  });

  it('notifies subscribers at most once per frame, only after changes', () => {
    const frames = manualFrames();
    const data = new RunData({ scheduleFrame: frames.scheduleFrame });
    const calls: number[] = [];
    const off = data.subscribe((d) => calls.push(d.version));
    data.reset(loaded());
    data.append(chunk({ firstStep: 0, stepCount: 2 }));
    data.append(chunk({ firstStep: 2, stepCount: 2 }));
    expect(frames.flush()).toBe(1);
    expect(calls).toEqual([3]);
    expect(frames.flush()).toBe(0);
    data.append(chunk({ firstStep: 4, stepCount: 2 }));
    frames.flush();
    expect(calls).toEqual([3, 4]);
    off();
    data.append(chunk({ firstStep: 6, stepCount: 2 }));
    expect(frames.flush()).toBe(0);
    expect(calls).toEqual([3, 4]);
  });

  it('handles a CUBA-sized run quickly (100k steps, ~200k spikes, 4 traces)', () => {
    const data = new RunData();
    data.reset(
      loaded({
        dtMs: 0.1,
        durationMs: 10_000,
        populations: [
          { id: 'exc', model: 'LIF', size: 3200, recordSpikes: true },
          { id: 'inh', model: 'LIF', size: 800, recordSpikes: true },
        ],
        series: [[0, 1, 2].map((n) => ({ key: `exc[${n}].v`, population: 'exc', neuron: n, variable: 'v', unit: 'mV' })), []],
      }),
    );
    let seed = 1;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const t0 = performance.now();
    let worst = 0;
    for (let c = 0; c < 300; c++) {
      const first = c * 334;
      const count = Math.min(334, 100_000 - first);
      if (count <= 0) break;
      const spikes: [number, number, number][] = [];
      for (let i = 0; i < 667; i++) {
        const p = rand() < 0.8 ? 0 : 1;
        spikes.push([first + Math.floor((i / 667) * count), p, Math.floor(rand() * (p ? 800 : 3200))]);
      }
      const m = chunk({ firstStep: first, stepCount: count, dtMs: 0.1, traces: [(step, s) => -65 + s + Math.sin(step / 100)], seriesCounts: [3], spikes });
      const a = performance.now();
      data.append(m);
      worst = Math.max(worst, performance.now() - a);
    }
    expect(data.sampleCount).toBe(100_000);
    expect(data.spikeCount).toBeGreaterThan(190_000);
    // Timing is reported, not asserted: speed targets live in benchmarks, not in tests on a shared machine.
    console.log(`runData: 300 chunks appended in ${(performance.now() - t0).toFixed(0)} ms, worst chunk ${worst.toFixed(1)} ms`);
    const r = data.populationRate(0, 5, 2)!;
    expect(r.timesMs.length).toBe(2000);
  });
});
