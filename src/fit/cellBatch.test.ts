import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProject } from '../project/validate';
import { FitProblem } from './fitProblem';

function problem(example: string): FitProblem {
  const parsed = parseProject(JSON.parse(readFileSync(new URL(`../../examples/${example}.json`, import.meta.url), 'utf8')));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return new FitProblem(parsed.project);
}

/** Eight parameter sets scattered ±30% around the start, deterministic. */
function candidates(p: FitProblem): Float64Array[] {
  return Array.from({ length: 8 }, (_, b) => Float64Array.from(p.params, (q, k) => q.initial * (1 + 0.3 * Math.sin(1.7 * b + 2.3 * k))));
}

describe('a CMA-ES generation in one batched simulation', () => {
  for (const example of ['fit_adex', 'fit_hh']) {
    it(`${example}: every candidate's loss and observation are the one-by-one evaluation's, to the last bit`, () => {
      const p = problem(example);
      const thetas = candidates(p);
      expect(p.cell.runMany?.(thetas)).toBeDefined();
      const batched = p.evaluateMany(thetas);
      thetas.forEach((theta, b) => {
        const single = p.evaluate(theta, false);
        expect(batched[b].loss).toBe(single.loss);
        batched[b].observations.forEach((o, c) => {
          expect(Array.from(o.trace)).toEqual(Array.from(single.observations[c].trace));
          expect(Array.from(o.spikeTimesMs)).toEqual(Array.from(single.observations[c].spikeTimesMs));
        });
      });
      // The candidates differ: the batch is not one simulation copied.
      expect(new Set(batched.map((e) => e.loss)).size).toBe(thetas.length);
    });
  }

  it('a candidate that blows up: the generation is evaluated one by one, that candidate at Infinity', () => {
    const p = problem('fit_hh');
    const thetas = candidates(p);
    thetas[3] = Float64Array.from(thetas[3], (v, k) => (k === 1 ? -40 * Math.abs(v) : v));
    expect(p.cell.runMany?.(thetas)).toBeUndefined();
    const losses = p.evaluateMany(thetas).map((e) => e.loss);
    expect(losses[3]).toBe(Infinity);
    expect(losses[0]).toBe(p.evaluate(thetas[0], false).loss);
  });

  it('inputs through projections are per neuron: no batch, the same losses one by one', () => {
    const p = problem('fit_inputs');
    const thetas = candidates(p);
    expect(p.cell.runMany?.(thetas)).toBeUndefined();
    expect(p.evaluateMany(thetas).map((e) => e.loss)).toEqual(thetas.map((t) => p.evaluate(t, false).loss));
  });
});
