import { describe, expect, it } from 'vitest';
import { compileClean } from '../compileClean';
import { evaluate } from '../../model/evaluate';
import type { ModelIR } from '../../model/ir';
import { PoissonSource, RegularSource, sourceCells } from './sources';

const compile = compileClean;

const unitOf = (ir: ModelIR, name: string): [number, string] => {
  const p = ir.params.find((q) => q.name === name)!;
  return [p.defaultValue / p.unit.scale, p.unit.text];
};

describe('spike sources', () => {
  it('lists both sources, as classic cells', () => {
    expect(sourceCells).toEqual([PoissonSource, RegularSource]);
    for (const m of sourceCells) {
      expect(m.origin).toBe('classic');
      const ir = compile(m.source);
      expect(ir.kind).toBe('cell');
      expect(ir.spike).toBeDefined();
      expect(ir.doc.length).toBeGreaterThan(0);
    }
  });

  it('PoissonSource: rate 10 Hz, a rate_mod input, no states, spikes with probability (rate + rate_mod) dt', () => {
    const ir = compile(PoissonSource.source);
    expect(ir.name).toBe('PoissonSource');
    expect(ir.params.map((p) => p.name)).toEqual(['rate']);
    expect(unitOf(ir, 'rate')).toEqual([10, 'Hz']);
    expect(ir.inputs.map((i) => [i.name, i.unit.text])).toEqual([['rate_mod', 'Hz']]);
    expect(ir.states).toEqual([]);
    // Evaluate the spike condition with a fixed draw, in canonical units (rate in 1/ms, dt in ms).
    const rate = ir.params[0].defaultValue;
    const test = (draw: number, rateMod: number, dt: number): number =>
      evaluate(ir.spike!, (n) => ({ rate, rate_mod: rateMod, dt })[n]!, { uniform: () => draw, normal: () => 0 });
    expect(test(0.0009, 0, 0.1)).toBe(1); // p = 10 Hz * 0.1 ms = 0.001
    expect(test(0.0011, 0, 0.1)).toBe(0);
    expect(test(0.0011, 10 * ir.params[0].unit.scale, 0.1)).toBe(1); // +10 Hz doubles p
  });

  it('RegularSource: rate 10 Hz, phase 0 ms; next starts at phase and advances by 1/rate on reset', () => {
    const ir = compile(RegularSource.source);
    expect(ir.name).toBe('RegularSource');
    expect(ir.params.map((p) => p.name)).toEqual(['rate', 'phase']);
    expect(unitOf(ir, 'rate')).toEqual([10, 'Hz']);
    expect(unitOf(ir, 'phase')).toEqual([0, 'ms']);
    expect(ir.inputs).toEqual([]);
    expect(ir.states.map((s) => [s.name, s.unit.text])).toEqual([['next', 'ms']]);
    expect(ir.reset.map((r) => [r.target, r.op])).toEqual([['next', '+=']]);

    // Drive the spike test and reset by hand: spikes at 0, 100, 200 ms with dt = 0.1 ms.
    const rate = ir.params[0].defaultValue;
    let next = evaluate(ir.states[0].init as Exclude<typeof ir.states[0]['init'], 'steady'>, (n) => ({ phase: 0 })[n]!);
    const spikes: number[] = [];
    for (let k = 0; k < 2500; k++) {
      const t = k * 0.1;
      const lookup = (n: string): number => ({ t, next, rate })[n]!;
      if (evaluate(ir.spike!, lookup)) {
        spikes.push(Math.round(t * 10) / 10);
        next += evaluate(ir.reset[0].expr, lookup);
      }
    }
    expect(spikes).toEqual([0, 100, 200]);
  });
});
