import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SURROGATE,
  SURROGATE_INFO,
  SURROGATE_NAMES,
  surrogateSlope,
  type SurrogateName,
  type SurrogateOptions,
} from './surrogates.ts';

const XS = [-7.5, -2, -0.6, -0.05, 0.05, 0.3, 1.1, 4, 20];

/** Central difference of F at x. */
function fd(F: (x: number) => number, x: number, h = 1e-5): number {
  return (F(x + h) - F(x - h)) / (2 * h);
}

/** Antiderivatives F with F' = σ' (away from kinks), for the finite-difference checks. */
const antiderivative: Record<SurrogateName, (x: number, o: SurrogateOptions) => number> = {
  straight_through: (x) => x,
  triangular: (x, o) => -(o.slope ?? 1) * Math.abs(x),
  arctan: (x, o) => {
    const a = o.slope ?? 2;
    return (2 / (Math.PI * Math.PI * a)) * Math.atan((Math.PI * a * x) / 2);
  },
  secant_lif: (x, o) => {
    const c1 = o.c1 ?? 0.82;
    const c2 = o.c2 ?? 0.08;
    const scaleFix = (o.omitScale ?? true) ? 1 / (c1 * c2) : 1;
    return scaleFix * Math.max(0, c1 * Math.tanh(c2 * x));
  },
  fast_sigmoid: (x, o) => x / (1 + (o.slope ?? 1) * Math.abs(x)),
  sigmoid: (x, o) => 1 / (1 + Math.exp(-(o.slope ?? 1) * x)),
  triangle: (x, o) => {
    const w = o.width ?? 1;
    if (x <= -w) return 0;
    if (x >= w) return 1;
    return x < 0 ? 0.5 * (1 + x / w) ** 2 : 1 - 0.5 * (1 - x / w) ** 2;
  },
};

const OPTION_SETS: Record<SurrogateName, SurrogateOptions[]> = {
  straight_through: [{}],
  triangular: [{}, { slope: 2.5 }],
  arctan: [{}, { slope: 0.7 }],
  secant_lif: [{}, { omitScale: false }, { c1: 1.3, c2: 0.5, omitScale: false }],
  fast_sigmoid: [{}, { slope: 3 }],
  sigmoid: [{}, { slope: 0.4 }],
  triangle: [{}, { width: 3 }],
};

describe('surrogateSlope formulas', () => {
  it('straight_through is 1 everywhere', () => {
    for (const x of XS) expect(surrogateSlope('straight_through', x)).toBe(1);
  });

  it('triangular is +slope below threshold and −slope at/above (ngclearn sign convention)', () => {
    expect(surrogateSlope('triangular', -3)).toBe(1);
    expect(surrogateSlope('triangular', 0)).toBe(-1);
    expect(surrogateSlope('triangular', 2, { slope: 4 })).toBe(-4);
    expect(surrogateSlope('triangular', -0.1, { slope: 4 })).toBe(4);
  });

  it('arctan matches (1/π)/(1 + (παx/2)²)', () => {
    for (const x of XS) {
      for (const a of [2, 0.7]) {
        const u = (Math.PI * a * x) / 2;
        expect(surrogateSlope('arctan', x, { slope: a })).toBeCloseTo(1 / Math.PI / (1 + u * u), 14);
      }
    }
    expect(surrogateSlope('arctan', 0)).toBeCloseTo(1 / Math.PI, 15);
  });

  it('secant_lif matches scale·sech²(c2 x) for x > 0 and 0 otherwise', () => {
    const sech2 = (u: number): number => 1 / Math.cosh(u) ** 2;
    for (const x of XS) {
      const expected = x > 0 ? sech2(0.08 * x) : 0;
      expect(surrogateSlope('secant_lif', x)).toBeCloseTo(expected, 14);
      const scaled = x > 0 ? 1.3 * 0.5 * sech2(0.5 * x) : 0;
      expect(surrogateSlope('secant_lif', x, { c1: 1.3, c2: 0.5, omitScale: false })).toBeCloseTo(scaled, 14);
    }
    expect(surrogateSlope('secant_lif', 0)).toBe(0);
    expect(surrogateSlope('secant_lif', 1e6)).toBe(0); // no overflow to NaN
  });

  it('fast_sigmoid matches 1/(1 + β|x|)²', () => {
    for (const x of XS) {
      expect(surrogateSlope('fast_sigmoid', x, { slope: 3 })).toBeCloseTo(1 / (1 + 3 * Math.abs(x)) ** 2, 14);
    }
    expect(surrogateSlope('fast_sigmoid', 0)).toBe(1);
  });

  it('sigmoid matches β·S(βx)(1 − S(βx)), also far in the tails', () => {
    const S = (u: number): number => 1 / (1 + Math.exp(-u));
    for (const x of XS) {
      const b = 0.4;
      expect(surrogateSlope('sigmoid', x, { slope: b })).toBeCloseTo(b * S(b * x) * (1 - S(b * x)), 14);
    }
    expect(surrogateSlope('sigmoid', 0, { slope: 2 })).toBeCloseTo(0.5, 15);
    expect(surrogateSlope('sigmoid', -1e4)).toBe(0);
    expect(surrogateSlope('sigmoid', 1e4)).toBe(0);
  });

  it('triangle matches max(0, 1 − |x|/w)/w and integrates to 1', () => {
    expect(surrogateSlope('triangle', 0, { width: 2 })).toBe(0.5);
    expect(surrogateSlope('triangle', 1, { width: 2 })).toBe(0.25);
    expect(surrogateSlope('triangle', -2, { width: 2 })).toBe(0);
    expect(surrogateSlope('triangle', 5, { width: 2 })).toBe(0);
    // Midpoint rule over the support (exact for a piecewise-linear integrand with a node at 0).
    const w = 3;
    const m = 6000;
    let sum = 0;
    for (let i = 0; i < m; i++) sum += surrogateSlope('triangle', -w + ((i + 0.5) * 2 * w) / m, { width: w });
    expect(sum * ((2 * w) / m)).toBeCloseTo(1, 12);
  });
});

describe('surrogateSlope is the derivative of its antiderivative (finite differences)', () => {
  for (const name of SURROGATE_NAMES) {
    it(name, () => {
      for (const options of OPTION_SETS[name]) {
        for (const x of XS) {
          const F = (y: number): number => antiderivative[name](y, options);
          const expected = fd(F, x);
          const got = surrogateSlope(name, x, options);
          expect(Math.abs(got - expected)).toBeLessThan(1e-8 * Math.max(1, Math.abs(got)));
        }
      }
    });
  }
});

describe('surrogate metadata and validation', () => {
  it('has info for every name and a default', () => {
    expect(Object.keys(SURROGATE_INFO).sort()).toEqual([...SURROGATE_NAMES].sort());
    expect(SURROGATE_NAMES).toContain(DEFAULT_SURROGATE);
    expect(DEFAULT_SURROGATE).toBe('fast_sigmoid');
    for (const name of SURROGATE_NAMES) {
      // The stated defaults are the ones used when options are omitted.
      for (const x of XS) {
        expect(surrogateSlope(name, x, SURROGATE_INFO[name].defaultOptions)).toBe(surrogateSlope(name, x));
      }
    }
  });

  it('maps the common slope knob onto triangle (1/w) and secant_lif (c2), explicit options winning', () => {
    expect(surrogateSlope('triangle', 0.1, { slope: 4 })).toBe(surrogateSlope('triangle', 0.1, { width: 0.25 }));
    expect(surrogateSlope('triangle', 0.1, { slope: 4, width: 2 })).toBe(surrogateSlope('triangle', 0.1, { width: 2 }));
    expect(surrogateSlope('secant_lif', 3, { slope: 0.5 })).toBe(surrogateSlope('secant_lif', 3, { c2: 0.5 }));
    expect(surrogateSlope('secant_lif', 3, { slope: 0.5, c2: 0.1 })).toBe(surrogateSlope('secant_lif', 3, { c2: 0.1 }));
    expect(surrogateSlope('straight_through', 3, { slope: 9 })).toBe(1);
    expect(() => surrogateSlope('triangle', 0, { slope: 0 })).toThrow(/slope/);
  });

  it('rejects non-positive or non-finite sharpness, and unknown names', () => {
    expect(() => surrogateSlope('fast_sigmoid', 0, { slope: 0 })).toThrow(/slope/);
    expect(() => surrogateSlope('sigmoid', 0, { slope: -1 })).toThrow(RangeError);
    expect(() => surrogateSlope('triangle', 0, { width: Number.NaN })).toThrow(/width/);
    expect(() => surrogateSlope('secant_lif', 1, { c2: 0 })).toThrow(/c2/);
    expect(() => surrogateSlope('nope' as SurrogateName, 0)).toThrow(/unknown surrogate/);
  });
});
