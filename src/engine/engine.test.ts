/** Engine behaviour: phases of a step, values and units, errors with paths, live changes, determinism. */
import { describe, expect, it } from 'vitest';
import { parseProject } from '../project/validate';
import type { ProjectInput } from '../project/schema';
import { BlowUpError, compileProject, EngineError, runProject } from '.';
import { builtinRegistry } from '../library';
import { singlePopulationProject } from './testing';

const compile = (json: ProjectInput, options: { simd?: boolean } = {}) => {
  const parsed = parseProject(json);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return compileProject(parsed.project, options);
};

const errorOf = (f: () => unknown): EngineError => {
  try {
    f();
  } catch (e) {
    if (e instanceof EngineError) return e;
    throw e;
  }
  throw new Error('expected an EngineError');
};

describe('phases of a step', () => {
  it('holds v for round(t_ref/dt) − 1 steps after the spike step, then integrates again (Brian2 timing)', () => {
    const run = runProject(
      singlePopulationProject(
        { model: 'LIF', params: { t_ref: 2, v_reset: -70, thr: -60 } },
        { dtMs: 0.1, durationMs: 30, record: ['v'], stimuli: [{ id: 's', type: 'step', target: 'pop', amplitude: 20 }] },
      ),
    );
    const spikeStep = Math.round(run.spikes.tMs[0] / 0.1);
    const v = run.recordings[0].values;
    // Sample n+1 holds the state after step n: reset at the spike step, held through step spike+19.
    for (let n = spikeStep; n < spikeStep + 20; n++) expect(v[n + 1]).toBe(-70);
    expect(v[spikeStep + 21]).toBeGreaterThan(-70);
  });

  it('records the value at the start of each step (t = 0 is the initial value)', () => {
    const run = runProject(singlePopulationProject({ model: 'LIF', init: { v: -60 } }, { record: ['v'], durationMs: 1 }));
    expect(run.recordings[0].timesMs[0]).toBe(0);
    expect(run.recordings[0].values[0]).toBe(-60);
    expect(run.recordings[0].timesMs.length).toBe(10);
  });

  it('limits a population to one spike per step with oneSpike (ngclearn one_spike)', () => {
    const project = singlePopulationProject(
      { model: 'LIF', size: 50, oneSpike: true, params: { t_ref: 0 } },
      { durationMs: 50, stimuli: [{ id: 's', type: 'step', target: 'pop', amplitude: 30 }] },
    );
    const run = runProject(project);
    const steps = Array.from(run.spikes.tMs, (t) => Math.round(t / 0.1));
    expect(new Set(steps).size).toBe(steps.length);
    expect(new Set(run.spikes.neuron).size).toBeGreaterThan(5);
  });

  it('evaluates population reductions in spike conditions after integration (soft-max winner)', () => {
    const model = `model SoftMax : cell
params
  thr = 0.5          # probability threshold
inputs
  j : 1/ms           # drive
states
  v : 1 = 0          # activation
equations
  dv/dt = j
spike exp(v) / pop_sum(exp(v)) >= thr
reset
  v = 0
`;
    const run = runProject(
      singlePopulationProject(
        { model: 'SoftMax', size: 3 },
        { models: { SoftMax: model }, durationMs: 20, stimuli: [{ id: 'a', type: 'step', target: 'pop', neurons: [2], amplitude: 1 }] },
      ),
    );
    expect(new Set(run.spikes.neuron)).toEqual(new Set([2]));
    expect(run.spikes.tMs.length).toBeGreaterThan(3);
  });

  it('updates channel states before the cell in sequential mode (Jaxley order)', () => {
    const base = { model: 'Compartment', channels: [{ model: 'Izhikevich' }], integrator: 'euler' as const };
    const opts = { dtMs: 0.05, durationMs: 100, stimuli: [{ id: 's', type: 'step' as const, target: 'pop', amplitude: 10 }] };
    const simultaneous = runProject(singlePopulationProject(base, opts));
    const sequential = runProject(singlePopulationProject({ ...base, update: 'sequential' }, opts));
    expect(sequential.spikes.tMs.length).toBeGreaterThan(0);
    expect(Array.from(sequential.spikes.tMs)).not.toEqual(Array.from(simultaneous.spikes.tMs));
  });
});

describe('values and units', () => {
  it('accepts numbers in the declared unit and quantity strings in any compatible unit', () => {
    const a = runProject(singlePopulationProject({ model: 'LIF', params: { tau_m: 10, thr: -50 } }, { record: ['tau_m', 'thr'], durationMs: 0.1 }));
    const b = runProject(singlePopulationProject({ model: 'LIF', params: { tau_m: '0.01 s', thr: '-50000 uV' } }, { record: ['tau_m', 'thr'], durationMs: 0.1 }));
    expect(Array.from(b.recordings[0].values)).toEqual(Array.from(a.recordings[0].values));
    expect(a.recordings[0].values[0]).toBe(10);
  });

  it('draws per-neuron parameters from the seed, identically run after run', () => {
    const project = (seed: number) =>
      singlePopulationProject({ model: 'LIF', size: 100, params: { tau_m: { dist: 'normal', mean: 10, std: 2, min: 1 } } }, { seed, record: ['tau_m'], neurons: 'all', durationMs: 0.1 });
    const one = Array.from(runProject(project(7)).recordings[0].values);
    expect(Array.from(runProject(project(7)).recordings[0].values)).toEqual(one);
    expect(Array.from(runProject(project(8)).recordings[0].values)).not.toEqual(one);
    const mean = one.reduce((s, x) => s + x, 0) / one.length;
    expect(mean).toBeGreaterThan(9);
    expect(mean).toBeLessThan(11);
  });

  it('refuses a value in the wrong dimension, naming the JSON path', () => {
    const e = errorOf(() => compile(singlePopulationProject({ model: 'LIF', params: { thr: '5 ms' } })));
    expect(e.path).toBe('$.populations[0].params.thr');
    expect(e.message).toMatch(/ms|time/);
  });

  it('names the parameters a model has when given an unknown one', () => {
    const e = errorOf(() => compile(singlePopulationProject({ model: 'LIF', params: { tau: 3 } })));
    expect(e.path).toBe('$.populations[0].params.tau');
    expect(e.message).toContain('tau_m');
  });

  it('suggests the model meant by a misspelt name', () => {
    const e = errorOf(() => compile(singlePopulationProject({ model: 'LIFcell' })));
    expect(e.code).toBe('unknown-model');
    expect(e.message).toContain("did you mean 'LIFCell'");
  });

  it("refuses the 'exact' integrator for non-linear equations, at the equation's line and column", () => {
    const e = errorOf(() => compile(singlePopulationProject({ model: 'Izhikevich2003', integrator: 'exact' })));
    expect(e.path).toBe('$.populations[0].integrator');
    expect(e.message).toContain('not linear in v');
    const problem = e.modelProblems[0];
    expect(problem.model).toBe('Izhikevich2003');
    const lines = builtinRegistry().entry('Izhikevich2003')!.source.split('\n');
    expect(lines[problem.line - 1].slice(problem.col - 1)).toMatch(/^v\/dt/);
  });

  it('reports model errors with line and column', () => {
    const e = errorOf(() => compile(singlePopulationProject({ model: 'Bad' }, { models: { Bad: 'model Bad : cell\nstates\n  v = 0 mV\nequations\n  dv/dt = v + 1 nA\n' } })));
    expect(e.code).toBe('invalid-model');
    expect(e.modelProblems[0]).toMatchObject({ model: 'Bad', line: 5 });
  });
});

describe('stimuli', () => {
  it('compiles expression stimuli in the model language, with units', () => {
    const run = runProject(
      singlePopulationProject(
        { model: 'LIF', params: { thr: 100 } },
        { record: ['j'], durationMs: 1, stimuli: [{ id: 'e', type: 'expression', target: 'pop', expression: '0.5 nA * sin(2*pi*t/(1 ms))' }] },
      ),
    );
    const { timesMs, values } = run.recordings[0];
    timesMs.forEach((t, i) => expect(values[i]).toBeCloseTo(0.5 * Math.sin(2 * Math.PI * t), 9));
  });

  it('refuses an expression whose unit does not match the input', () => {
    const e = errorOf(() => compile(singlePopulationProject({ model: 'LIF' }, { stimuli: [{ id: 'e', type: 'expression', target: 'pop', expression: '3 mV' }] })));
    expect(e.path).toBe('$.stimuli[0].expression');
  });

  it('interpolates sampled data from CSV', () => {
    const run = runProject(
      singlePopulationProject(
        { model: 'LIF', params: { thr: 100 } },
        { record: ['j'], durationMs: 1, stimuli: [{ id: 'c', type: 'sampled', target: 'pop', csv: 't_ms,I\n0,0\n1,2\n', column: 'I' }] },
      ),
    );
    run.recordings[0].timesMs.forEach((t, i) => expect(run.recordings[0].values[i]).toBeCloseTo(2 * t, 9));
  });

  it('gives the same noise for the same seed and different noise for another', () => {
    const project = (seed: number) =>
      singlePopulationProject({ model: 'LIF', size: 5 }, { seed, record: ['v'], neurons: 'all', durationMs: 20, stimuli: [{ id: 'n', type: 'noise', target: 'pop', mean: 2, std: 5 }] });
    const a = Array.from(runProject(project(1)).recordings[0].values);
    expect(Array.from(runProject(project(1)).recordings[0].values)).toEqual(a);
    expect(Array.from(runProject(project(2)).recordings[0].values)).not.toEqual(a);
  });
});

describe('running interactively', () => {
  it('stops on numerical blow-up, naming population, neuron, variable and time', () => {
    const model = 'model Runaway : cell\nstates\n  v = 1 mV\nequations\n  dv/dt = v*v/(1 ms*1 mV)\n';
    const sim = compile(singlePopulationProject({ model: 'Runaway', id: 'exc', size: 3 }, { models: { Runaway: model }, durationMs: 100 }));
    let error: unknown;
    try {
      sim.run();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BlowUpError);
    const b = error as BlowUpError;
    expect(b).toMatchObject({ population: 'exc', neuron: 0, variable: 'v' });
    expect(b.tMs).toBeGreaterThan(0.5);
    expect(b.tMs).toBeLessThan(5); // exact solution diverges at 1 ms; forward Euler a little later
    expect(b.message).toContain('exc[0].v');
  });

  it('counts a float32 overflow as a blow-up even while the value is finite in float64', () => {
    // v doubles every step: 2^128 mV no longer fits a float32 (max ≈ 3.4e38) after 128 steps. The
    // JavaScript step computes in float64 and overflows when storing 2^128; the SIMD kernel
    // computes in float32 but folds v + dt·v/τ into v·(1 + dt/τ), which overflows at the same step.
    const model = 'model Doubling : cell\nstates\n  v = 1 mV\nequations\n  dv/dt = v / (0.1 ms)\n';
    const project = singlePopulationProject({ model: 'Doubling' }, { models: { Doubling: model }, precision: 'f32', durationMs: 100 });
    const errorWith = (simd: boolean) => {
      try {
        compile(project, { simd }).run();
      } catch (e) {
        return e as BlowUpError;
      }
    };
    for (const simd of [false, true]) {
      const error = errorWith(simd);
      expect(error).toBeInstanceOf(BlowUpError);
      expect(error!.tMs).toBeCloseTo(12.8, 9);
      expect(error!.value).toBe(Infinity);
    }
  });

  it('changes parameters between chunks without recompiling the project', () => {
    const sim = compile(singlePopulationProject({ model: 'LIF' }, { durationMs: 200, stimuli: [{ id: 's', type: 'step', target: 'pop', amplitude: 20 }] }));
    sim.run({ durationMs: 100 });
    const firstHalf = sim.spikeCounts[0];
    sim.setParam('pop', 'R', '500 kohm');
    expect(sim.populations[0].paramValue(1, 0)).toBe(0.5);
    sim.run({ durationMs: 100 });
    expect(firstHalf).toBeGreaterThan(3);
    expect(sim.spikeCounts[0] - firstHalf).toBe(0);
  });

  it('pauses after a chunk and resumes where it stopped, with the same result as one run', () => {
    const project = singlePopulationProject({ model: 'LIF', size: 3 }, { durationMs: 50, record: ['v'], stimuli: [{ id: 'n', type: 'noise', target: 'pop', mean: 2, std: 4 }] });
    const whole = compile(project);
    whole.run();
    const parts = compile(project);
    const first = parts.run({ chunkSteps: 10, onChunk: () => false });
    expect(first.paused).toBe(true);
    expect(parts.step).toBe(10);
    parts.run({ steps: 490 });
    expect(parts.getState('pop', 'v')).toEqual(whole.getState('pop', 'v'));
  });

  it('resets to the initial state and reproduces the same run', () => {
    const sim = compile(singlePopulationProject({ model: 'LIF' }, { durationMs: 50, stimuli: [{ id: 's', type: 'step', target: 'pop', amplitude: 20 }] }));
    sim.run();
    const v = sim.getState('pop', 'v');
    const count = sim.spikeCounts[0];
    sim.reset();
    expect(sim.tMs).toBe(0);
    sim.run();
    expect(sim.getState('pop', 'v')).toEqual(v);
    expect(sim.spikeCounts[0]).toBe(count);
  });

  it('stores states in float32 by default and float64 on request', () => {
    const project = singlePopulationProject({ model: 'LIF' }, { precision: 'f32', durationMs: 10, stimuli: [{ id: 's', type: 'step', target: 'pop', amplitude: 1.3 }] });
    const f32 = runProject(project).simulation.getState('pop', 'v')[0];
    const f64 = runProject(project, { precision: 'f64' }).simulation.getState('pop', 'v')[0];
    expect(f32).toBe(Math.fround(f32));
    expect(f64).not.toBe(Math.fround(f64));
    expect(Math.abs(f32 - f64)).toBeLessThan(1e-4);
  });
});

describe('random draws in models', () => {
  const noisy = `## A Poisson-like spiker and a random walk.
model Noisy : cell
params
  rate = 50 Hz          # spike probability per unit time
  sigma = 1 mV/ms       # random-walk speed
states
  x : mV = 2 mV * rand() # starts anywhere in [0, 2) mV
equations
  dx/dt = sigma * randn()
spike rand() < rate * dt
`;
  const project = (integrator: 'euler' | 'rk4', seed = 1) =>
    singlePopulationProject({ model: 'Noisy', size: 200, integrator }, { models: { Noisy: noisy }, seed, durationMs: 1000, record: ['x'], neurons: [0, 1] });

  it('draws rand() per neuron and step: a Bernoulli spiker fires at its rate', () => {
    const run = runProject(project('euler'));
    const rate = run.spikes.tMs.length / 200 / 1;
    expect(rate).toBeGreaterThan(50 - 3);
    expect(rate).toBeLessThan(50 + 3);
    const first = run.recordings[0].values;
    expect(first[0]).not.toBe(first[1]); // different neurons start differently
    expect(first[0]).toBeGreaterThanOrEqual(0);
    expect(first[0]).toBeLessThan(2);
  });

  it('holds each draw through the integrator stages, so rk4 of dx/dt = σ·randn() equals Euler', () => {
    const rk4 = runProject(project('rk4')).recordings[0].values;
    const euler = runProject(project('euler')).recordings[0].values;
    // Equal up to the rounding of dt·(k/6 + k/3 + k/3 + k/6) against dt·k; drawing per stage would differ by O(σ·dt).
    let worst = 0;
    rk4.forEach((x, i) => (worst = Math.max(worst, Math.abs(x - euler[i]))));
    expect(worst).toBeLessThan(1e-9);
  });

  it('depends only on the seed', () => {
    const a = Array.from(runProject(project('euler', 3)).spikes.tMs);
    expect(Array.from(runProject(project('euler', 3)).spikes.tMs)).toEqual(a);
    expect(Array.from(runProject(project('euler', 4)).spikes.tMs)).not.toEqual(a);
  });
});

describe('exprel', () => {
  it('gives rate functions without the 0/0 of x/(1 − e⁻ˣ) at their singular voltage', () => {
    const gate = (rate: string) => `model Gate : cell
states
  v = -40 mV
  m = 0
definitions
  alpha = ${rate}
equations
  dv/dt = 0 mV/ms
  dm/dt = alpha * (1 - m)
`;
    const run = (rate: string) => () => runProject(singlePopulationProject({ model: 'Gate' }, { models: { Gate: gate(rate) }, durationMs: 1, record: ['m', 'alpha'] }));
    // The textbook forms are 0/0 exactly at v = −40 mV; written with exprel, or rewritten so at
    // compile time (model/rateSingularities.ts), they take their limit there.
    for (const rate of ['1/ms / exprel(-(v + 40 mV)/(10 mV))', '0.1/mV * (v + 40 mV) / (1 - exp(-(v + 40 mV)/(10 mV))) / ms', '1/ms * ((v + 40 mV)/(10 mV)) / (exp((v + 40 mV)/(10 mV)) - 1)']) {
      const { values } = run(rate)().recordings[0];
      expect(values[1], rate).toBeCloseTo(1, 12); // alpha(−40 mV) = 1/ms, the limit
      expect(values[values.length - 2], rate).toBeCloseTo(1 - 0.9 ** 9, 12); // m after 9 Euler steps of dm/dt = (1 − m)/ms
    }
    // A quotient that is not such a rate function keeps its 0/0, and the blow-up is reported.
    expect(run('0.1/mV * (v + 40 mV) / (1 - exp(-(v + 40 mV)/(10 mV))) / ms * (v + 40 mV) / (v + 40 mV)')).toThrow(BlowUpError);
  });
});

