import { describe, expect, it } from 'vitest';
import {
  dValueDFree,
  fromFree,
  fromFreeVector,
  gradToFree,
  SIGMOID_EDGE,
  SOFTPLUS_MIN_VALUE,
  toFree,
  toFreeVector,
  type TransformSpec,
} from './transforms.ts';

const SPECS: TransformSpec[] = [
  { kind: 'none' },
  { kind: 'softplus' },
  { kind: 'sigmoid', min: -80, max: -40 },
  { kind: 'sigmoid', min: 0.5, max: 2 },
];

describe('transforms are invertible', () => {
  it('fromFree(toFree(v)) = v inside the range', () => {
    const values: Record<string, number[]> = {
      none: [-1e3, -2, 0, 3.7, 1e6],
      softplus: [1e-9, 1e-3, 0.2, 1, 5, 40, 800, 1e6],
      sigmoid: [],
    };
    for (const spec of SPECS) {
      const vs =
        spec.kind === 'sigmoid'
          ? [0.001, 0.1, 0.37, 0.5, 0.9, 0.999].map((p) => spec.min + p * (spec.max - spec.min))
          : values[spec.kind];
      for (const v of vs) {
        const back = fromFree(spec, toFree(spec, v));
        expect(Math.abs(back - v)).toBeLessThan(1e-12 * Math.max(1, Math.abs(v)));
      }
    }
  });

  it('toFree(fromFree(z)) = z for moderate z', () => {
    for (const spec of SPECS) {
      for (const z of [-12, -3, -0.5, 0, 0.25, 2, 9]) {
        expect(toFree(spec, fromFree(spec, z))).toBeCloseTo(z, 8);
      }
    }
  });

  it('maps every free value into the range and is monotone', () => {
    const sig = SPECS[2] as { kind: 'sigmoid'; min: number; max: number };
    let prev = -Infinity;
    for (let z = -30; z <= 30; z += 0.5) {
      const v = fromFree(sig, z);
      expect(v).toBeGreaterThan(sig.min);
      expect(v).toBeLessThan(sig.max);
      expect(v).toBeGreaterThan(prev);
      prev = v;
      expect(fromFree({ kind: 'softplus' }, z)).toBeGreaterThan(0);
    }
    expect(fromFree({ kind: 'softplus' }, 800)).toBe(800); // no overflow
    expect(fromFree({ kind: 'softplus' }, -800)).toBe(0); // underflow, not NaN
  });
});

describe('dValueDFree', () => {
  it('matches a central finite difference of fromFree', () => {
    const h = 1e-5;
    for (const spec of SPECS) {
      for (const z of [-9, -2.5, -0.3, 0, 0.7, 3, 11]) {
        const fd = (fromFree(spec, z + h) - fromFree(spec, z - h)) / (2 * h);
        const d = dValueDFree(spec, z);
        // Relative accuracy of the derivative, plus the difference quotient's own rounding
        // error (ε·|value|/h) for values far from 0 such as −60 mV.
        const rounding = (1e-15 * Math.max(1, Math.abs(fromFree(spec, z)))) / h;
        expect(Math.abs(d - fd)).toBeLessThan(1e-7 * Math.abs(fd) + rounding);
      }
    }
  });

  it('matches the closed forms', () => {
    expect(dValueDFree({ kind: 'none' }, 5)).toBe(1);
    expect(dValueDFree({ kind: 'softplus' }, 0)).toBe(0.5);
    expect(dValueDFree({ kind: 'sigmoid', min: -80, max: -40 }, 0)).toBe(10); // 40 · ¼
    expect(dValueDFree({ kind: 'sigmoid', min: 0, max: 1 }, 40)).toBeGreaterThan(0); // no cancellation to 0
  });

  it('chains a value gradient into free coordinates', () => {
    const values = [1.5, 0.3, -55, 1.2];
    const free = toFreeVector(SPECS, values);
    expect(Array.from(fromFreeVector(SPECS, free)).map((v, k) => v - values[k]).every((d) => Math.abs(d) < 1e-12)).toBe(true);
    const g = gradToFree(SPECS, free, [2, 2, 2, 2]);
    SPECS.forEach((spec, k) => expect(g[k]).toBe(2 * dValueDFree(spec, free[k])));
    expect(() => gradToFree(SPECS, free, [1])).toThrow(/gradients/);
    expect(() => toFreeVector(SPECS, [1])).toThrow(/values/);
  });
});

describe('clamping at and beyond the bounds', () => {
  const sig: TransformSpec = { kind: 'sigmoid', min: 10, max: 20 };
  const zEdge = Math.log(SIGMOID_EDGE) - Math.log1p(-SIGMOID_EDGE);

  it('clamps sigmoid values to 1e-6 of the range inside each bound', () => {
    for (const v of [10, 9, -1e9, 10 + 1e-9]) {
      expect(toFree(sig, v)).toBeCloseTo(zEdge, 12);
      expect(fromFree(sig, toFree(sig, v))).toBeCloseTo(10 + 10 * SIGMOID_EDGE, 12);
    }
    for (const v of [20, 21, Infinity]) {
      expect(toFree(sig, v)).toBeCloseTo(-zEdge, 12);
      expect(fromFree(sig, toFree(sig, v))).toBeCloseTo(20 - 10 * SIGMOID_EDGE, 12);
    }
    expect(dValueDFree(sig, -zEdge)).toBeGreaterThan(9e-6); // still movable off the bound
  });

  it('clamps softplus values up to SOFTPLUS_MIN_VALUE', () => {
    for (const v of [0, -5, -Infinity, 1e-15]) {
      const z = toFree({ kind: 'softplus' }, v);
      expect(Number.isFinite(z)).toBe(true);
      expect(fromFree({ kind: 'softplus' }, z)).toBeCloseTo(SOFTPLUS_MIN_VALUE, 20);
    }
  });

  it('rejects invalid specs and NaN', () => {
    expect(() => toFree({ kind: 'sigmoid', min: 2, max: 2 }, 2)).toThrow(/min < max/);
    expect(() => fromFree({ kind: 'sigmoid', min: 0, max: Infinity }, 0)).toThrow(/finite/);
    expect(() => toFree({ kind: 'log' } as unknown as TransformSpec, 1)).toThrow(/unknown transform/);
    expect(() => toFree({ kind: 'none' }, Number.NaN)).toThrow(/NaN/);
  });
});
