import { describe, expect, it } from 'vitest';
import type { CaseTarget } from '../targets.ts';
import { firstSpikeLatency } from './firstSpike.ts';
import { isiDistribution } from './isi.ts';
import { checkLossSpec, evaluateLoss, LOSS_KINDS, type LossSpec } from './spec.ts';
import { rate, spikeCount } from './spikeCount.ts';
import { centralDiff, observe, relError, type SmoothCase } from './testing.ts';
import { traceMse } from './traceMse.ts';
import { vanRossum } from './vanRossum.ts';
import { weightedSum } from './weightedSum.ts';

const f64 = (...xs: number[]): Float64Array => Float64Array.from(xs);

/** Trace and spike times both smooth in θ (P = 2); T = 30 ms. */
const c: SmoothCase = {
  dtMs: 0.1,
  steps: 300,
  paramCount: 2,
  trace: (th, t) => ({
    value: -65 + th[0] * 10 * Math.sin(0.3 * t) + th[1] * th[1] * t * 0.2,
    grad: [10 * Math.sin(0.3 * t), 0.4 * th[1] * t],
  }),
  spikes: (th) => {
    const base = [3, 9, 16, 24];
    return {
      times: base.map((b, j) => b + th[0] * (1 + 0.4 * j) + 0.5 * th[1] * th[1] * Math.cos(j)),
      grads: base.map((_b, j) => [1 + 0.4 * j, th[1] * Math.cos(j)]),
    };
  },
  signalGrad: (n) => [0.01 * Math.cos(n * 0.05), 0.002],
};
const theta = f64(0.4, 0.7);
const tMs = Float64Array.from({ length: 61 }, (_, i) => i * 0.5);
const target: CaseTarget = {
  trace: { tMs, values: tMs.map((t) => -60 + 3 * Math.sin(0.25 * t)) },
  spikeTimesMs: f64(2, 8.5, 14, 21.5, 28, 31), // 31 > T: ignored by every spike term
};

const ALL: LossSpec[] = [
  { kind: 'trace-mse', weight: 0.01, startMs: 2, stopMs: 25 },
  { kind: 'spike-count', weight: 2 },
  { kind: 'rate', weight: 0.001 },
  { kind: 'first-spike', weight: 0.5 },
  { kind: 'van-rossum', weight: 3, tauMs: 2 },
  { kind: 'isi', weight: 1.5 },
];

describe('evaluateLoss', () => {
  it('is the weighted sum of the individual terms, which see only target spikes inside T', () => {
    const obs = observe(c, theta);
    const inside = f64(2, 8.5, 14, 21.5, 28);
    const parts = [
      traceMse(obs, target.trace!, { startMs: 2, stopMs: 25 }),
      spikeCount(obs, 5),
      rate(obs, (5 * 1000) / 30),
      firstSpikeLatency(obs, 2),
      vanRossum(obs, inside, { tauMs: 2 }),
      isiDistribution(obs, inside),
    ];
    const result = evaluateLoss(ALL, obs, target);
    const expected = weightedSum(parts.map((loss, i) => ({ weight: ALL[i].weight, loss })), 2);
    expect(result.value).toBeCloseTo(expected.value, 12);
    expect(relError(result.grad, expected.grad)).toBeLessThan(1e-14);
    expect(result.terms.map((t) => t.kind)).toEqual(LOSS_KINDS);
    result.terms.forEach((t, i) => expect(t.value).toBeCloseTo(parts[i].value, 12));
  });

  it('gradient of the smooth terms matches finite differences', () => {
    // Count and rate are piecewise constant in θ (their gradient is the surrogate), so the
    // finite-difference check covers the terms that are smooth in the trace and spike times.
    const smooth = ALL.filter((s) => s.kind !== 'spike-count' && s.kind !== 'rate');
    const loss = (th: Float64Array): number => evaluateLoss(smooth, observe(c, th), target).value;
    const { grad } = evaluateLoss(smooth, observe(c, theta), target);
    expect(relError(grad, centralDiff(loss, theta))).toBeLessThan(1e-6);
  });

  it('survives a JSON round trip of the specs', () => {
    const specs = JSON.parse(JSON.stringify(ALL)) as LossSpec[];
    const obs = observe(c, theta);
    expect(evaluateLoss(specs, obs, target).value).toBe(evaluateLoss(ALL, obs, target).value);
  });

  it('names the term and the missing target data', () => {
    const obs = observe(c, theta);
    expect(() => evaluateLoss([{ kind: 'trace-mse', weight: 1 }], obs, { spikeTimesMs: f64(1) })).toThrow(
      /loss term 1 \('trace-mse'\) needs a target trace \(target\.trace\)/,
    );
    expect(() => evaluateLoss([{ kind: 'trace-mse', weight: 1 }, { kind: 'isi', weight: 1 }], obs, { trace: target.trace })).toThrow(
      /loss term 2 \('isi'\) needs target spike times \(target\.spikeTimesMs\)/,
    );
    expect(() => evaluateLoss([], obs, target)).toThrow(/no loss terms/);
  });

  it('rejects invalid specs and malformed observations', () => {
    const obs = observe(c, theta);
    expect(() => checkLossSpec({ kind: 'nope', weight: 1 } as unknown as LossSpec)).toThrow(/unknown loss kind 'nope'/);
    expect(() => checkLossSpec({ kind: 'rate', weight: -1 })).toThrow(/weight/);
    expect(() => checkLossSpec({ kind: 'rate', weight: Number.NaN })).toThrow(/weight/);
    expect(() => checkLossSpec({ kind: 'van-rossum', weight: 1, tauMs: 0 })).toThrow(/tauMs/);
    expect(() => checkLossSpec({ kind: 'van-rossum', weight: 1 } as unknown as LossSpec)).toThrow(/tauMs/);
    expect(() => checkLossSpec({ kind: 'trace-mse', weight: 1, startMs: 5, stopMs: 2 })).toThrow(/after/);
    expect(() => evaluateLoss([{ kind: 'rate', weight: 1 }], obs, { spikeTimesMs: f64(3, 1) })).toThrow(/sorted/);
    const broken = { ...obs, traceGrad: new Float64Array(3) };
    expect(() => evaluateLoss([{ kind: 'rate', weight: 1 }], broken, target)).toThrow(/malformed CaseObservation: traceGrad/);
  });
});

describe('weightedSum', () => {
  it('combines values and gradients linearly and ignores zero-weight terms', () => {
    const a = { value: 2, grad: f64(1, -1) };
    const b = { value: 5, grad: f64(0.5, 2) };
    const bad = { value: Number.NaN, grad: f64(Number.NaN, 0) };
    const s = weightedSum([{ weight: 3, loss: a }, { weight: 0.5, loss: b }, { weight: 0, loss: bad }], 2);
    expect(s.value).toBeCloseTo(8.5, 15);
    expect(Array.from(s.grad)).toEqual([3.25, -2]);
    expect(weightedSum([], 3)).toEqual({ value: 0, grad: new Float64Array(3) });
    expect(() => weightedSum([{ weight: 1, loss: a }], 3)).toThrow(/gradient entries/);
    expect(() => weightedSum([{ weight: Infinity, loss: a }], 2)).toThrow(/weight/);
  });
});
