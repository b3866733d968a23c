import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FitSettingsInput } from '../project/fitSchema';
import { parseProject } from '../project/validate';
import { FitProblem } from './fitProblem';
import { FitRunner, readyTensorflow } from './fitRunner';
import { solve } from './levenbergMarquardt';
import { traceResiduals } from './residuals';
import { syntheticTargets } from './synthetic';

beforeAll(() => readyTensorflow());

type Json = Record<string, unknown>;

/** An example project with a fit section whose case 0 target is synthetic (made at `truth`). */
function fitted(example: string, simulation: Json, fit: FitSettingsInput, truth: Record<string, number>, start: Record<string, number>, edit: (j: Json) => void = () => {}) {
  const json = JSON.parse(readFileSync(new URL(`../../examples/${example}.json`, import.meta.url), 'utf8')) as Json;
  json.simulation = { seed: 1, precision: 'f64', ...simulation };
  json.recordings = [];
  edit(json);
  json.fit = fit;
  const parse = (j: Json) => {
    const p = parseProject(j);
    if (!p.ok) throw new Error(JSON.stringify(p.errors));
    return p.project;
  };
  const targets = syntheticTargets(parse(json), truth);
  json.fit = { ...fit, cases: targets.map((t) => ({ trace: t.trace, spikeTimesMs: t.spikeTimesMs })) };
  const pops = json.populations as Json[];
  pops[0].params = { ...(pops[0].params as Json), ...start };
  return new FitProblem(parse(json));
}

const relErr = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

function runFor(problem: FitProblem, iterations: number) {
  const runner = new FitRunner(problem);
  let first = NaN;
  for (let i = 0; i < iterations; i++) {
    const it = runner.step();
    if (i === 0) first = it.loss;
  }
  const best = runner.best!;
  runner.dispose();
  return { first, best: best.loss, values: problem.declared(best.values) };
}

const HH_TRUTH = { gNa: 120, gK: 36, gL: 0.3 };
const HH_START = { gNa: 60, gK: 54, gL: 0.15 };
const hh = (optimizer: FitSettingsInput['optimizer']) =>
  fitted('HodgkinHuxley1952', { dtMs: 0.025, durationMs: 40 }, { population: 'cell', params: [{ name: 'gNa' }, { name: 'gK' }, { name: 'gL' }], optimizer }, HH_TRUTH, HH_START, (j) => {
    (j.stimuli as Json[])[0].startMs = 2;
  });

describe('fitting: the total loss and its gradient', () => {
  it('∂loss/∂θ of a trace MSE over a Hodgkin–Huxley spike train agrees with central differences (relative error < 1e-5)', () => {
    const problem = hh({ kind: 'adam' });
    const theta = Float64Array.from(problem.params, (p) => p.initial * 1.1);
    const { grad } = problem.evaluate(theta, true);
    theta.forEach((v, k) => {
      const h = v * 1e-6;
      const plus = Float64Array.from(theta);
      const minus = Float64Array.from(theta);
      plus[k] += h;
      minus[k] -= h;
      const fd = (problem.evaluate(plus, false).loss - problem.evaluate(minus, false).loss) / (2 * h);
      expect(relErr(grad[k], fd)).toBeLessThan(1e-5);
    });
  });

  it('the trace residuals are the trace MSE: Σ r² = loss', () => {
    const problem = hh({ kind: 'lm' });
    const ev = problem.evaluate(Float64Array.from(problem.params, (p) => p.initial), true);
    const { values } = traceResiduals(problem.loss, ev.observations, problem.targets);
    expect(values.reduce((s, r) => s + r * r, 0)).toBeCloseTo(ev.loss, 8);
  });
});

describe('fitting: parameter recovery from synthetic targets (started 50% off)', () => {
  it('Levenberg–Marquardt recovers gNa, gK, gL of Hodgkin–Huxley within 0.5% in 30 iterations', () => {
    const { first, best, values } = runFor(hh({ kind: 'lm', iterations: 30 }), 30);
    expect(best).toBeLessThan(first / 1e4);
    values.forEach((v, k) => expect(relErr(v, Object.values(HH_TRUTH)[k])).toBeLessThan(5e-3));
  });

  const lif = (optimizer: FitSettingsInput['optimizer'], params = [{ name: 'tau_m' }, { name: 'R' }]) =>
    fitted('LIF', { dtMs: 0.1, durationMs: 80 }, { population: 'cell', params, optimizer }, { tau_m: 20, R: 1.5 }, { tau_m: 10, R: 0.75 }, (j) => {
      (j.stimuli as Json[])[0].amplitude = '8 nA';
    });

  it('Adam (tfjs) recovers τm and R of a sub-threshold LIF within 2% and lowers the loss 100×', () => {
    const { first, best, values } = runFor(lif({ kind: 'adam', learningRate: 0.05 }), 400);
    expect(best).toBeLessThan(first / 100);
    expect(relErr(values[0], 20)).toBeLessThan(0.02);
    expect(relErr(values[1], 1.5)).toBeLessThan(0.02);
  });

  it('CMA-ES recovers the same parameters from the same loss without gradients', () => {
    const { best, first, values } = runFor(lif({ kind: 'cmaes', sigma0: 0.3, seed: 3 }), 60);
    expect(best).toBeLessThan(first / 100);
    expect(relErr(values[0], 20)).toBeLessThan(0.02);
    expect(relErr(values[1], 1.5)).toBeLessThan(0.02);
  });

  it('bounded parameters stay inside their bounds', () => {
    const { values } = runFor(lif({ kind: 'adam', learningRate: 0.3 }, [{ name: 'tau_m', min: 5, max: 18 } as never, { name: 'R' }]), 100);
    expect(values[0]).toBeGreaterThan(5);
    expect(values[0]).toBeLessThan(18);
  });

  it('Levenberg–Marquardt refuses losses that are not sums of squares', () => {
    const problem = fitted('LIF', { dtMs: 0.1, durationMs: 50 }, { population: 'cell', params: [{ name: 'tau_m' }], loss: [{ kind: 'spike-count' }], optimizer: { kind: 'lm' } }, { tau_m: 12 }, {});
    expect(() => new FitRunner(problem)).toThrow(/trace-mse loss terms only/);
  });
});

describe('solve', () => {
  it('solves a small linear system and reports a singular one', () => {
    const x = solve(Float64Array.from([4, 1, 1, 3]), Float64Array.from([1, 2]), 2)!;
    expect(x[0]).toBeCloseTo(1 / 11, 12);
    expect(x[1]).toBeCloseTo(7 / 11, 12);
    expect(solve(Float64Array.from([1, 2, 2, 4]), Float64Array.from([1, 1]), 2)).toBeNull();
  });
});
