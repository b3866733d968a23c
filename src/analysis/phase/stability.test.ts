import { describe, expect, it } from 'vitest';
import { isStable, linearise } from './stability';

describe('linearise', () => {
  it.each([
    [[-1, 0, 0, -2], 'stable node'],
    [[1, 0, 0, 2], 'unstable node'],
    [[-0.1, -1, 1, -0.1], 'stable focus'],
    [[0.1, -1, 1, 0.1], 'unstable focus'],
    [[1, 0, 0, -1], 'saddle'],
    [[0, -1, 1, 0], 'center'],
    [[1, 1, 1, 1], 'non-hyperbolic'],
  ] as const)('%j is a %s', (J, kind) => {
    expect(linearise(J).stability).toBe(kind);
  });

  it('gives the eigenvalues: real pair, complex pair', () => {
    expect(linearise([-1, 0, 0, -2]).eigenvalues).toEqual([
      { re: -1, im: 0 },
      { re: -2, im: 0 },
    ]);
    const [a, b] = linearise([-0.1, -2, 2, -0.1]).eigenvalues;
    expect(a.re).toBeCloseTo(-0.1, 12);
    expect(a.im).toBeCloseTo(2, 12);
    expect(b.im).toBeCloseTo(-2, 12);
  });

  it('judges a zero trace or determinant relative to the size of J', () => {
    expect(linearise([1e-12, -1, 1, -1e-12 + 1e-13]).stability).toBe('center');
    expect(linearise([1e6, 1e6, 1e6, 1e6 + 1e-5]).stability).toBe('non-hyperbolic');
  });

  it('isStable', () => {
    expect(['stable node', 'stable focus', 'saddle', 'center'].map((s) => isStable(s as never))).toEqual([true, true, false, false]);
  });
});
