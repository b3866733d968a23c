import { expect, it } from 'vitest';
import { runProject } from '.';
import { smoothRates } from './rates';

it('keeps a constant rate constant and spreads a single bin into a Gaussian of the given width', () => {
  expect(Array.from(smoothRates(new Float32Array(50).fill(7), 1, 3))).toEqual(new Array(50).fill(7));
  const impulse = new Float32Array(101);
  impulse[50] = 1;
  const smooth = smoothRates(impulse, 1, 5);
  const total = smooth.reduce((a, b) => a + b, 0);
  const variance = smooth.reduce((a, x, i) => a + x * (i - 50) ** 2, 0) / total;
  expect(total).toBeCloseTo(1, 3);
  expect(Math.sqrt(variance)).toBeCloseTo(5, 1);
});

it('reports binned population rates, smoothed in whole-run results', () => {
  const run = runProject({
    format: 'spikeflow-project',
    version: 1,
    simulation: { dtMs: 0.1, durationMs: 1000, seed: 2 },
    populations: [{ id: 'src', model: 'PoissonSource', size: 200, params: { rate: 30 } }],
    rates: [{ population: 'src', binMs: 10, smoothMs: 20 }],
  });
  const { timesMs, rateHz } = run.rates[0];
  expect(timesMs.length).toBe(100);
  expect(timesMs[1]).toBeCloseTo(10, 9);
  const mean = rateHz.reduce((a, b) => a + b, 0) / rateHz.length;
  expect(mean).toBeGreaterThan(28);
  expect(mean).toBeLessThan(32);
  // Smoothing over 20 ms leaves little of the bin-to-bin Poisson noise (≈ ±8.7 Hz per 10 ms bin).
  const spread = Math.sqrt(rateHz.reduce((a, x) => a + (x - mean) ** 2, 0) / rateHz.length);
  expect(spread).toBeLessThan(3.5);
});
