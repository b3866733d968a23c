/** The batched sweep project, the measures on synthetic trains, and a 1-D LIF sweep against one-by-one runs. */
import { describe, expect, it } from 'vitest';
import { runProject } from '../engine';
import { builtinRegistry } from '../library';
import { catalogOf, type ModelInfo } from '../library/catalog';
import type { ProjectInput } from '../project/schema';
import { parseProject } from '../project/validate';
import defaultExample from '../../examples/default.json';
import { axesProblem, buildSweepProject, combination, SWEEP_POPULATION } from './sweep';
import { sweepCsv } from './sweepCsv';
import { measureTrains, trainMeasure } from './sweepMeasures';

const catalog = new Map<string, ModelInfo>(catalogOf(builtinRegistry()).map((m) => [m.name, m]));
const lookup = (name: string) => catalog.get(name);
const example = defaultExample as unknown as ProjectInput;

describe('buildSweepProject', () => {
  it('isolates the population: one neuron per combination, stimuli on every neuron, projections dropped, and validates', () => {
    const b = buildSweepProject(example, 'exc', [{ param: 'thr', from: -55, to: -45, points: 3 }, { param: 'tau_m', from: 10, to: 20, points: 2 }], lookup);
    const parsed = parseProject(b.project);
    expect(parsed.ok).toBe(true);
    const pop = b.project.populations[0];
    expect(pop.id).toBe(SWEEP_POPULATION);
    expect(pop.size).toBe(6);
    // Parameter 1 varies fastest.
    expect(pop.params?.thr).toEqual([-55, -50, -45, -55, -50, -45]);
    expect(pop.params?.tau_m).toEqual([10, 10, 10, 20, 20, 20]);
    expect(combination(b.axes, 4)).toEqual([-50, 20]);
    expect(b.axes.map((a) => a.unit)).toEqual(['mV', 'ms']);
    expect(b.droppedProjections).toEqual(['exc_inh', 'inh_exc']);
    expect(b.stimuli).toEqual(['drive', 'noise']);
    expect(b.project.stimuli?.every((s) => s.target === SWEEP_POPULATION && s.neurons === 'all')).toBe(true);
    expect(b.onsetMs).toBe(0);
    expect(b.notes.some((n) => n.startsWith('R: normal distribution'))).toBe(true);
    expect(b.project.projections).toBeUndefined();
    // On the project's backend (a GPU runs the batch a chunk of steps per dispatch), CPU by default.
    expect(b.project.simulation.backend).toBe('cpu');
    const onGpu = buildSweepProject({ ...example, simulation: { ...example.simulation, backend: 'webgpu' } }, 'exc', [{ param: 'thr', from: -55, to: -45, points: 3 }], lookup);
    expect(onGpu.project.simulation).toMatchObject({ backend: 'webgpu', precision: 'f32' });
  });

  it('refuses what cannot run', () => {
    expect(axesProblem([{ param: 'thr', from: 0, to: 0, points: 2 }])).toMatch(/equal/);
    expect(axesProblem([{ param: 'thr', from: 0, to: 1, points: 2.5 }])).toMatch(/whole number/);
    expect(axesProblem([{ param: 'thr', from: 0, to: 1, points: 2 }, { param: 'thr', from: 0, to: 1, points: 2 }])).toMatch(/different/);
    expect(axesProblem([{ param: 'thr', from: 0, to: 1, points: 200 }, { param: 'R', from: 0, to: 1, points: 200 }])).toMatch(/at most/);
    expect(() => buildSweepProject(example, 'exc', [{ param: 'nope', from: 0, to: 1, points: 2 }], lookup)).toThrow(/no parameter 'nope'/);
    expect(() => buildSweepProject(example, 'missing', [{ param: 'thr', from: 0, to: 1, points: 2 }], lookup)).toThrow(/no population/);
  });
});

describe('measures', () => {
  const timing = { durationMs: 500, onsetMs: 50 };
  it('rate, count, CV and latency of synthetic trains', () => {
    const regular = [60, 80, 100, 120, 140];
    expect(trainMeasure(regular, 'count', timing)).toBe(5);
    expect(trainMeasure(regular, 'rate', timing)).toBe(10);
    expect(trainMeasure(regular, 'cv', timing)).toBe(0);
    expect(trainMeasure(regular, 'latency', timing)).toBe(10);
    // Intervals 10 and 30: mean 20, population sd 10 → CV 0.5.
    expect(trainMeasure([0, 10, 40], 'cv', timing)).toBeCloseTo(0.5, 12);
    // A spike before the onset does not count as the first-spike latency.
    expect(trainMeasure([20, 75], 'latency', timing)).toBe(25);
  });
  it('empty and short trains: zero rate and count, no CV, no latency', () => {
    expect(trainMeasure([], 'rate', timing)).toBe(0);
    expect(trainMeasure([], 'count', timing)).toBe(0);
    expect(trainMeasure([], 'cv', timing)).toBeNaN();
    expect(trainMeasure([100, 200], 'cv', timing)).toBeNaN();
    expect(trainMeasure([], 'latency', timing)).toBeNaN();
    expect(trainMeasure([10], 'latency', timing)).toBeNaN();
  });
  it('splits a batched run by neuron, in time order, and skips other populations', () => {
    const spikes = { tMs: [30, 10, 20, 5], neuron: [0, 0, 2, 1], population: ['sweep', 'sweep', 'sweep', 'other'] };
    expect(measureTrains(spikes, 3, 'count', timing, 'sweep')).toEqual([2, 0, 1]);
    expect(measureTrains(spikes, 3, 'latency', { durationMs: 100, onsetMs: 0 }, 'sweep')).toEqual([10, NaN, 20]);
  });
});

describe('a 1-D LIF sweep of tau_m', () => {
  const doc: ProjectInput = {
    format: 'spikeflow-project',
    version: 1,
    simulation: { dtMs: 0.1, durationMs: 300, seed: 3 },
    populations: [{ id: 'cell', model: 'LIF', size: 1, params: { thr: '-52 mV' } }],
    stimuli: [{ id: 'drive', type: 'step', target: 'cell', amplitude: '16 nA', startMs: 20 }],
    recordings: [],
  } as unknown as ProjectInput;
  it('gives exactly the rates of the single-neuron projects run one by one', () => {
    const b = buildSweepProject(doc, 'cell', [{ param: 'tau_m', from: 4, to: 30, points: 6 }], lookup);
    const timing = { durationMs: b.durationMs, onsetMs: b.onsetMs };
    const batched = measureTrains(runProject(b.project).spikes, 6, 'rate', timing, SWEEP_POPULATION);
    const single = b.axes[0].values.map((tau) => {
      const one = { ...doc, populations: [{ ...doc.populations[0], params: { thr: '-52 mV', tau_m: tau } }], spikes: { populations: ['cell'] } };
      return measureTrains(runProject(one).spikes, 1, 'rate', timing, 'cell')[0];
    });
    expect(batched).toEqual(single);
    // Slower membranes fire less: the sweep shows a trend, not noise.
    expect(batched[0]).toBeGreaterThan(batched[5]);
    expect(batched[5]).toBeGreaterThan(0);
    const csv = sweepCsv(b.axes, batched, { label: 'rate', unit: 'Hz' }).trim().split('\n');
    expect(csv[0]).toBe('tau_m (ms),rate (Hz)');
    expect(csv).toHaveLength(7);
  });
});
