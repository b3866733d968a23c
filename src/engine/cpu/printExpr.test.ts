import { describe, expect, it } from 'vitest';
import { printExpr } from './printExpr';

describe('exprel in generated JavaScript', () => {
  it('is (eᵃ − 1)/a to 10⁻¹⁰ everywhere, its series to 10⁻¹⁵ near 0, 1 at 0', () => {
    const exprel = new Function('x', `return ${printExpr({ k: 'call', fn: 'exprel', args: [{ k: 'sym', name: 'x' }] }, (name) => name)};`) as (x: number) => number;
    const exact = (x: number): number => (x === 0 ? 1 : Math.expm1(x) / x);
    let worst = 0;
    for (let k = -2000; k <= 2000; k++) {
      const x = Math.sign(k) * 10 ** (Math.abs(k) / 200 - 9); // 10⁻⁹ … 10 on both sides
      worst = Math.max(worst, Math.abs(exprel(x) - exact(x)) / exact(x));
    }
    expect(worst).toBeLessThan(1e-10);
    for (const x of [1e-7, -3e-6, 9e-6]) expect(Math.abs(exprel(x) - exact(x)) / exact(x)).toBeLessThan(1e-15);
    expect(exprel(0)).toBe(1);
    expect(exprel(-800)).toBeCloseTo(1 / 800, 15);
  });
});
