import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate';
import type { Expr } from './ir';
import { removeRateSingularities } from './rateSingularities';

const num = (v: number): Expr => ({ k: 'num', v });
const sym = (name: string): Expr => ({ k: 'sym', name });
const bin = (op: '+' | '-' | '*' | '/', a: Expr, b: Expr): Expr => ({ k: 'bin', op, a, b });
const neg = (a: Expr): Expr => ({ k: 'un', op: 'neg', a });
const exp = (a: Expr): Expr => ({ k: 'call', fn: 'exp', args: [a] });
const fixed = (name: string): boolean => name === 's' || name === 'dt';

const v = sym('v');
const shifted = bin('+', v, num(55));
/** 0.01 (v + 55) / (1 − e^{−(v + 55)/10}): Hodgkin & Huxley's α_n. */
const alphaN = bin('/', bin('*', num(0.01), shifted), bin('-', num(1), exp(bin('/', neg(shifted), num(10)))));
/** x / (e^{x/s} − 1), s a parameter (the vtrap form). */
const vtrap = bin('/', v, bin('-', exp(bin('/', v, sym('s'))), num(1)));

const at = (e: Expr, values: Record<string, number>): number => evaluate(e, (name) => values[name]);

describe('rate functions with a removable singularity', () => {
  it('are rewritten with exprel: the same values, and the limit at the singular point', () => {
    const smooth = removeRateSingularities(alphaN, fixed);
    expect(JSON.stringify(smooth)).toContain('exprel');
    for (const x of [-80, -56, -54.9, -30, 20]) expect(at(smooth, { v: x })).toBeCloseTo(at(alphaN, { v: x }), 13);
    expect(at(alphaN, { v: -55 })).toBeNaN();
    expect(at(smooth, { v: -55 })).toBeCloseTo(0.1, 15);
    const trap = removeRateSingularities(vtrap, fixed);
    expect(JSON.stringify(trap)).toContain('exprel');
    for (const [x, s] of [[-3, 2], [7, 10], [0.5, 4]]) expect(at(trap, { v: x, s })).toBeCloseTo(at(vtrap, { v: x, s }), 13);
    expect(at(trap, { v: 0, s: 4 })).toBeCloseTo(4, 15);
  });

  it('leave other quotients alone: a numerator not proportional to the exponent, one that varies, constants only', () => {
    const otherShift = bin('/', bin('+', v, num(54)), bin('-', num(1), exp(bin('/', neg(shifted), num(10)))));
    const notMinusOne = bin('/', v, bin('-', exp(v), num(2)));
    const varyingFactor = bin('/', bin('*', v, shifted), bin('-', num(1), exp(bin('/', neg(shifted), num(10)))));
    const constant = bin('/', sym('s'), bin('-', exp(sym('s')), num(1)));
    for (const e of [otherShift, notMinusOne, varyingFactor, constant]) expect(removeRateSingularities(e, fixed)).toEqual(e);
  });
});
