/**
 * Keeps the fit benchmarks honest without timing anything: the committed examples are what
 * makeFitExamples.ts generates, each example's own optimiser recovers its parameters within 2%, and
 * a record carries every field the docs report.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIT_BENCHMARKS, findFitBenchmark, runFit } from './fit';
import { formatExample, withSyntheticTargets } from './makeFitExamples';

describe('fit benchmarks', () => {
  it('are fit-hh, fit-adex, fit-inputs and fit-network, on the fitting examples', () => {
    expect(FIT_BENCHMARKS.map((b) => b.name)).toEqual(['fit-hh', 'fit-adex', 'fit-inputs', 'fit-network']);
  });

  for (const def of FIT_BENCHMARKS) {
    it(`examples/${def.example.file} is up to date with bench/makeFitExamples.ts`, () => {
      const committed = readFileSync(new URL(`../examples/${def.example.file}`, import.meta.url), 'utf8');
      expect(committed).toBe(formatExample(withSyntheticTargets(def.example)));
    });

    it(`${def.name}: the example's optimiser recovers every parameter within 2% (started 50% off)`, async () => {
      const record = await runFit(def, undefined);
      record.start.forEach((s, k) => expect(Math.abs(s - record.truth[k]) / Math.abs(record.truth[k])).toBeCloseTo(0.5, 6));
      expect(record.max_rel_err).toBeLessThan(0.02);
      expect(record.iterations_to_2pct).not.toBeNull();
      expect(Object.keys(record.final_rel_err)).toEqual(record.params);
    });
  }

  it('reports the gradient cost and memory per step of the example', async () => {
    const def = findFitBenchmark('fit-hh')!;
    const record = await runFit(def, { label: 'short', optimizer: { kind: 'lm', iterations: 2 } }, { cost: true, reps: 1 });
    expect(record.variant).toBe('short');
    expect(record.iterations).toBe(2);
    const g = record.gradient!;
    for (const v of [g.gradient_ms, g.cell_forward_ms, g.engine_forward_ms, g.n1000.gradient_ms, g.n1000.gradient_forward_ms, g.n1000.engine_forward_ms]) expect(v).toBeGreaterThan(0);
    const m = record.memory!;
    // HH: 4 states (v, m, h, n), 3 parameters: 4·(1 + 3) doubles live; per step the trace and 3 + 3 sensitivities.
    expect(m).toMatchObject({ states: 4, params: 3, live_bytes_per_case: 128, kept_bytes_per_step: 56 });
    expect(m.tape_bytes_per_step_ops).toBeGreaterThan(m.tape_bytes_per_step_lines);
    expect(m.tape_bytes_per_step_lines).toBeGreaterThan(m.kept_bytes_per_step);
  });
});
