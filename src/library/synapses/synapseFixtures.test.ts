/**
 * Every built-in synapse model against Brian2. Each fixture in ../fixtures/synapses holds a small
 * network as a Spikeflow project and what Brian2 2.5.1 produced for the same equations (see
 * reference/brian2/README.md, "Synapses", and reference/brian2/gen_synapses.py): we run the project
 * in float64 and compare every recorded series (post-synaptic v, summed synapse states recorded on
 * the post population, per-connection states and weights) sample by sample, and every spike time
 * exactly. CI needs only the committed JSON files, never Brian2.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runProject, type ProjectRun } from '../../engine';
import { builtinRegistry } from '..';

interface Fixture {
  provenance: { tool: string; version: string; dt_ms: number; method: string; notes: string; tolerance: Record<string, number | string> };
  project: {
    simulation: { dtMs: number };
    projections: { id: string; synapse: string; delayMs?: number | number[] | string; params?: Record<string, number | string> }[];
  };
  brian2: {
    times_ms: number[];
    traces: Record<string, number[]>;
    spikes_ms: number[];
    spikes: Record<string, number[]>;
    amplitudes_nA?: Record<string, number[]>;
    final_dw_nS?: number[];
    lags_ms?: number[];
  };
}

const dir = join(import.meta.dirname, '..', 'fixtures', 'synapses');
const files = readdirSync(dir).filter((f) => f.endsWith('.brian2.json'));
const load = (file: string): Fixture => JSON.parse(readFileSync(join(dir, file), 'utf8'));

/** Largest deviation per fixture and variable, printed at the end. */
const deviations: Record<string, Record<string, number>> = {};

/** The recorded series of one run, by series key (`post[0].v`, `syn[1].w`). */
function seriesByKey(run: ProjectRun): Map<string, { values: number[]; unit: string; variable: string }> {
  const out = new Map<string, { values: number[]; unit: string; variable: string }>();
  run.simulation.series.forEach((series, r) => {
    const { values } = run.recordings[r];
    const width = series.length;
    series.forEach((s, column) => {
      const column_values: number[] = [];
      for (let i = column; i < values.length; i += width) column_values.push(values[i]);
      out.set(s.key, { values: column_values, unit: s.unit, variable: s.variable });
    });
  });
  return out;
}

const runs = new Map<string, { fixture: Fixture; run: ProjectRun }>();
function get(file: string): { fixture: Fixture; run: ProjectRun } {
  let entry = runs.get(file);
  if (!entry) {
    const fixture = load(file);
    entry = { fixture, run: runProject(fixture.project) };
    runs.set(file, entry);
  }
  return entry;
}

describe('built-in synapse models against Brian2', () => {
  it('has a fixture for every built-in synapse model', () => {
    const covered = new Set(files.flatMap((f) => load(f).project.projections.map((p) => p.synapse)));
    const registry = builtinRegistry();
    const synapses = registry.names().filter((n) => registry.ir(n)?.kind === 'synapse');
    expect(synapses.length).toBeGreaterThanOrEqual(10);
    expect(synapses.filter((n) => !covered.has(n))).toEqual([]);
  });

  it.each(files)('%s: traces and spikes', (file) => {
    const { fixture, run } = get(file);
    expect(fixture.provenance.tool).toBe('Brian2');
    const ours = seriesByKey(run);
    // Every Brian2 trace is recorded by the project, and every recorded series has a Brian2 trace.
    expect([...ours.keys()].sort()).toEqual(Object.keys(fixture.brian2.traces).sort());
    run.recordings[0].timesMs.forEach((t, i) => expect(t).toBeCloseTo(fixture.brian2.times_ms[i], 9));
    expect(run.recordings[0].timesMs.length).toBe(fixture.brian2.times_ms.length);

    const traceTolerance = Number(fixture.provenance.tolerance.trace_abs ?? 1e-6);
    const weightTolerance = Number(fixture.provenance.tolerance.weight_abs ?? 1e-9);
    const worst: Record<string, number> = {};
    for (const [key, s] of ours) {
      const reference = fixture.brian2.traces[key];
      expect(s.values.length, `samples of ${key}`).toBe(reference.length);
      let max = 0;
      for (let i = 0; i < reference.length; i++) max = Math.max(max, Math.abs(s.values[i] - reference[i]));
      const limit = s.variable === 'w' ? weightTolerance : traceTolerance;
      expect(max, `${key} deviates from Brian2 by ${max} ${s.unit}`).toBeLessThanOrEqual(limit);
      const name = key.replace(/\[\d+\]/, '');
      worst[name] = Math.max(worst[name] ?? 0, max);
    }

    // Spike times per neuron: the same steps (stamps agree to float rounding).
    let spikeDeviation = 0;
    for (const [key, reference] of Object.entries(fixture.brian2.spikes)) {
      const [, population, neuron] = /^(.+)\[(\d+)\]$/.exec(key)!;
      const times = Array.from(run.spikes.tMs).filter((_, i) => run.spikes.population[i] === population && run.spikes.neuron[i] === Number(neuron));
      expect(times.length, `spike count of ${key}`).toBe(reference.length);
      times.forEach((t, i) => (spikeDeviation = Math.max(spikeDeviation, Math.abs(t - reference[i]))));
    }
    const recordedPopulations = new Set(Object.keys(fixture.brian2.spikes).map((k) => k.replace(/\[\d+\]$/, '')));
    expect(run.spikes.population.every((p) => recordedPopulations.has(p))).toBe(true);
    expect(spikeDeviation).toBeLessThan(1e-9);
    worst.spike_ms = spikeDeviation;
    deviations[file.replace('.brian2.json', '')] = worst;
  });

  it('TsodyksMarkram: per-spike release amplitudes (depression, facilitation, recovery)', () => {
    const { fixture, run } = get('TsodyksMarkram.brian2.json');
    const dt = fixture.project.simulation.dtMs;
    const ours = seriesByKey(run);
    const arrivals = Array.from(run.spikes.tMs)
      .filter((_, i) => run.spikes.population[i] === 'pre')
      .map((t) => Math.round(t / dt) + Math.round(1.5 / dt));
    const tau = 3;
    for (const [projection, post] of [['dep', 'post_dep'], ['fac', 'post_fac']] as const) {
      const I = ours.get(`${post}[0].${projection}.I`)!.values;
      // I is recorded every step: the jump at arrival step m is I[m+1] - I[m] (1 - dt/tau) (Euler decay).
      const amplitudes = arrivals.filter((m) => m + 1 < I.length).map((m) => I[m + 1] - I[m] * (1 - dt / tau));
      const reference = fixture.brian2.amplitudes_nA![projection];
      expect(amplitudes.length).toBe(reference.length);
      amplitudes.forEach((a, k) => expect(Math.abs(a - reference[k]), `${projection} spike ${k}`).toBeLessThan(1e-6));
      // The train: 6 spikes at 20 Hz, then a recovery spike 150 ms later.
      const train = amplitudes.slice(0, 6);
      if (projection === 'dep') {
        expect(amplitudes[0]).toBeCloseTo(4 * 0.5, 9); // w U
        for (let k = 1; k < train.length; k++) expect(train[k]).toBeLessThan(train[k - 1]);
      } else {
        expect(amplitudes[0]).toBeCloseTo(10 * 0.1, 9);
        for (let k = 1; k < train.length; k++) expect(train[k]).toBeGreaterThan(train[k - 1]);
      }
      // The recovery spike: resources have partly recovered.
      expect(amplitudes[6]).toBeGreaterThan(amplitudes[5]);
    }
  });

  it('STDP: final weight change per lag, and the classic window', () => {
    const { fixture, run } = get('STDP.brian2.json');
    const ours = seriesByKey(run);
    const lags = fixture.brian2.lags_ms!;
    const dw = lags.map((_, k) => {
      const w = ours.get(`stdp[${k}].w`)!.values;
      return w[w.length - 1] - 0.5;
    });
    dw.forEach((d, k) => expect(Math.abs(d - fixture.brian2.final_dw_nS![k]), `lag ${lags[k]} ms`).toBeLessThan(1e-9));
    // Five pairings 200 ms apart (the traces of the previous pairing have decayed to exp(-10)):
    // pre before post (lag > 0) potentiates by ~5 Apre wmax exp(-lag/taupre), post before pre
    // depresses by ~5 |Apost| wmax exp(lag/taupost); lag 0 (on_pre before on_post in the step) potentiates by 5 Apre wmax.
    lags.forEach((lag, k) => {
      const expected = lag >= 0 ? 5 * 0.01 * Math.exp(-lag / 20) : -5 * 0.0105 * Math.exp(lag / 20);
      expect(Math.abs(dw[k] - expected), `lag ${lag} ms: ${dw[k]} vs ${expected}`).toBeLessThan(2e-3 * Math.abs(expected) + 1e-6);
    });
  });

  it('reports the largest deviation per synapse fixture', () => {
    console.log(JSON.stringify(deviations, (_, v) => (typeof v === 'number' ? Number(v.toPrecision(2)) : v)));
    expect(Object.keys(deviations).length).toBe(files.length);
  });
});
