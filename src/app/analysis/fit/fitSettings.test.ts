import { describe, expect, it } from 'vitest';
import { libraryCatalog } from '../../graph/testCatalog';
import type { ProjectDoc } from '../../store/document';
import { optimizerLabel, startProblem } from './fitSettings';

const base: ProjectDoc = {
  format: 'spikeflow-project',
  version: 1,
  name: 'lif',
  simulation: { dtMs: 0.1, durationMs: 50, seed: 1 },
  populations: [{ id: 'cell', model: 'LIF', size: 1 }],
};
const trace = { timesMs: [0, 1], values: [-65, -64], unit: 'mV' };
const withFit = (fit: ProjectDoc['fit']): ProjectDoc => ({ ...base, fit });

describe('optimizerLabel', () => {
  it('names the optimiser with what tells runs apart', () => {
    expect(optimizerLabel(undefined)).toBe('Adam, lr 0.05');
    expect(optimizerLabel({ kind: 'sgd', learningRate: 0.2, decay: 0.99 })).toBe('SGD, lr 0.2 × 0.99ⁿ');
    expect(optimizerLabel({ kind: 'cmaes', sigma0: 0.5, populationSize: 12 })).toBe('CMA-ES, σ₀ 0.5, λ 12');
    expect(optimizerLabel({ kind: 'lm' })).toBe('Levenberg–Marquardt');
  });
});

describe('startProblem', () => {
  const catalog = libraryCatalog();
  it('says what is missing, in the order a user meets it', () => {
    expect(startProblem(base, catalog)).toMatch(/^Nothing to fit yet/);
    expect(startProblem(withFit({ population: 'cell' }), catalog)).toMatch(/^No parameter of cell is trained/);
    expect(startProblem(withFit({ population: 'cell', params: [{ name: 'tau_x' }] }), catalog)).toBe("'tau_x' is not a parameter of cell (LIF).");
    expect(startProblem(withFit({ population: 'cell', params: [{ name: 'tau_m', min: 20, max: 5 }] }), catalog)).toBe('tau_m: min must be below max.');
    expect(startProblem(withFit({ population: 'cell', params: [{ name: 'tau_m' }] }), catalog)).toMatch(/^No target/);
    expect(startProblem(withFit({ population: 'cell', params: [{ name: 'tau_m' }], cases: [{ label: 'rest', amplitudes: {} }] }), catalog)).toBe('rest has no target data: load a CSV or make a synthetic target.');
    expect(startProblem(withFit({ population: 'cell', params: [{ name: 'tau_m' }], cases: [{ amplitudes: {}, spikeTimesMs: [1] }] }), catalog)).toBe('The trace MSE loss needs a target trace, and case 1 has none.');
    expect(startProblem(withFit({ population: 'cell', params: [{ name: 'tau_m' }], cases: [{ amplitudes: {}, trace }], loss: [] }), catalog)).toBe('No loss term: add one.');
    expect(startProblem(withFit({ population: 'cell', params: [{ name: 'tau_m' }], cases: [{ amplitudes: {}, trace, spikeTimesMs: [] }], loss: [{ kind: 'spike-count' }], optimizer: { kind: 'lm' } }), catalog)).toMatch(/^Levenberg–Marquardt fits trace-MSE terms only/);
  });

  it('a starting value outside the bounds does not block (the fit starts at the bound)', () => {
    expect(startProblem(withFit({ population: 'cell', params: [{ name: 'tau_m', min: 20, max: 40 }], cases: [{ amplitudes: {}, trace }] }), catalog)).toBeUndefined();
  });
});
