/** The spike sources against what they promise: Poisson statistics and exact regular timing. */
import { describe, expect, it } from 'vitest';
import { runProject } from '../../engine';
import { singlePopulationProject } from '../../engine/testing';

describe('spike sources', () => {
  it('PoissonSource: rate, Poisson count variance (Fano factor ≈ 1) and exponential ISIs (CV ≈ 1)', () => {
    const n = 400;
    const run = runProject(singlePopulationProject({ model: 'PoissonSource', size: n, params: { rate: 20 } }, { dtMs: 0.1, durationMs: 10_000, seed: 11 }));
    const counts = new Float64Array(n);
    const last = new Float64Array(n).fill(NaN);
    const isis: number[] = [];
    run.spikes.neuron.forEach((i, k) => {
      counts[i]++;
      const t = run.spikes.tMs[k];
      if (!Number.isNaN(last[i])) isis.push(t - last[i]);
      last[i] = t;
    });
    const mean = counts.reduce((a, b) => a + b, 0) / n;
    const variance = counts.reduce((a, c) => a + (c - mean) ** 2, 0) / (n - 1);
    expect(mean / 10).toBeGreaterThan(19.5); // Hz; expected 20 × (1 − rate·dt/2) per Bernoulli step ≈ 19.98
    expect(mean / 10).toBeLessThan(20.5);
    expect(variance / mean).toBeGreaterThan(0.85);
    expect(variance / mean).toBeLessThan(1.15);
    const isiMean = isis.reduce((a, b) => a + b, 0) / isis.length;
    const isiStd = Math.sqrt(isis.reduce((a, x) => a + (x - isiMean) ** 2, 0) / (isis.length - 1));
    expect(isiStd / isiMean).toBeGreaterThan(0.97);
    expect(isiStd / isiMean).toBeLessThan(1.03);
  });

  it('PoissonSource follows a time-varying rate given on its rate_mod input', () => {
    const run = runProject(
      singlePopulationProject(
        { model: 'PoissonSource', size: 1000, params: { rate: 0 } },
        { durationMs: 400, stimuli: [{ id: 'on', type: 'step', target: 'pop', input: 'rate_mod', amplitude: '50 Hz', startMs: 200 }] },
      ),
    );
    const early = Array.from(run.spikes.tMs).filter((t) => t < 200).length;
    const late = Array.from(run.spikes.tMs).filter((t) => t >= 200).length / 1000 / 0.2;
    expect(early).toBe(0);
    expect(late).toBeGreaterThan(45);
    expect(late).toBeLessThan(55);
  });

  it('RegularSource: one spike every 1/rate from phase, exactly on the step', () => {
    const run = runProject(singlePopulationProject({ model: 'RegularSource', params: { rate: 40, phase: 5 } }, { dtMs: 0.1, durationMs: 200 }));
    const expected = Array.from({ length: 8 }, (_, k) => 5 + 25 * k);
    expect(Array.from(run.spikes.tMs).map((t) => Number(t.toFixed(9)))).toEqual(expected);
  });
});
