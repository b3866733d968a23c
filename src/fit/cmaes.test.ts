import { describe, expect, it } from 'vitest';
import { CmaEs, symmetricEigen } from './cmaes.ts';

const sphere = (x: Float64Array): number => x.reduce((s, v) => s + v * v, 0);

function rosenbrock(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i + 1 < x.length; i++) s += 100 * (x[i + 1] - x[i] * x[i]) ** 2 + (1 - x[i]) ** 2;
  return s;
}

/** Run until best loss ≤ target or the evaluation budget is spent. */
function minimise(es: CmaEs, f: (x: Float64Array) => number, target: number, maxEvals: number): CmaEs {
  while (es.evaluations < maxEvals && es.best.loss > target) {
    const xs = es.ask();
    es.tell(xs, xs.map(f));
  }
  return es;
}

/** A deterministic pseudo-random symmetric matrix. */
function randomSymmetric(n: number, seed: number): Float64Array {
  let s = seed;
  const rand = (): number => ((s = (s * 48271) % 2147483647) / 2147483647) * 2 - 1;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) a[i * n + j] = a[j * n + i] = rand() * (i === j ? 5 : 1);
  return a;
}

describe('symmetricEigen (Jacobi)', () => {
  for (const n of [1, 2, 5, 12, 20]) {
    it(`decomposes a ${n}×${n} symmetric matrix: A v = λ v, VᵀV = I`, () => {
      const a = randomSymmetric(n, 17 + n);
      const { values, vectors: v } = symmetricEigen(a, n);
      let trace = 0;
      for (let i = 0; i < n; i++) trace += a[i * n + i];
      expect(values.reduce((s, x) => s + x, 0)).toBeCloseTo(trace, 10);
      for (let c = 0; c < n; c++) {
        for (let i = 0; i < n; i++) {
          let av = 0;
          for (let j = 0; j < n; j++) av += a[i * n + j] * v[j * n + c];
          expect(Math.abs(av - values[c] * v[i * n + c])).toBeLessThan(1e-12);
        }
        for (let d = 0; d < n; d++) {
          let dot = 0;
          for (let i = 0; i < n; i++) dot += v[i * n + c] * v[i * n + d];
          expect(Math.abs(dot - (c === d ? 1 : 0))).toBeLessThan(1e-13);
        }
      }
    });
  }

  it('finds known eigenvalues', () => {
    const { values } = symmetricEigen(Float64Array.of(2, 1, 1, 2), 2);
    expect(Array.from(values).sort()).toEqual([1, 3].map((x) => expect.closeTo(x, 14)));
    const diag = symmetricEigen(Float64Array.of(4, 0, 0, 0, -1, 0, 0, 0, 9), 3);
    expect(Array.from(diag.values)).toEqual([4, -1, 9]);
    expect(() => symmetricEigen(new Float64Array(3), 2)).toThrow(RangeError);
  });
});

describe('CmaEs parameters (Hansen 2016, Table 1)', () => {
  it('uses the default population and weights', () => {
    const es = new CmaEs({ x0: new Float64Array(5), sigma0: 1, seed: 1 });
    expect(es.populationSize).toBe(4 + Math.floor(3 * Math.log(5))); // 8
    expect(es.parentCount).toBe(4);
    const w = Array.from(es.weights);
    expect(w.slice(0, 4).reduce((s, x) => s + x, 0)).toBeCloseTo(1, 14);
    expect(w.slice(0, 4).every((x) => x > 0)).toBe(true);
    expect(w.slice(4).every((x) => x < 0)).toBe(true);
    for (let i = 1; i < 8; i++) expect(w[i]).toBeLessThan(w[i - 1]);
    const raw = Array.from({ length: 4 }, (_, i) => Math.log(4.5) - Math.log(i + 1));
    const muEff = raw.reduce((s, x) => s + x, 0) ** 2 / raw.reduce((s, x) => s + x * x, 0);
    expect(es.muEff).toBeCloseTo(muEff, 14);
    expect(es.cSigma).toBeCloseTo((muEff + 2) / (5 + muEff + 5), 14);
    expect(es.c1).toBeCloseTo(2 / (6.3 ** 2 + muEff), 14);
    expect(es.cC).toBeCloseTo((4 + muEff / 5) / (9 + (2 * muEff) / 5), 14);
    expect(es.chiN).toBeCloseTo(Math.sqrt(5) * (1 - 1 / 20 + 1 / 525), 14);
    // The active (negative) weights keep C positive definite: Σ|w⁻| ≤ (1 − c1 − cμ)/(n cμ).
    const negMass = -w.slice(4).reduce((s, x) => s + x, 0);
    expect(negMass).toBeLessThanOrEqual((1 - es.c1 - es.cMu) / (5 * es.cMu) + 1e-15);
  });

  it('validates options and tell arguments', () => {
    expect(() => new CmaEs({ x0: new Float64Array(0), sigma0: 1, seed: 0 })).toThrow(/coordinate/);
    expect(() => new CmaEs({ x0: new Float64Array(2), sigma0: 0, seed: 0 })).toThrow(/sigma0/);
    expect(() => new CmaEs({ x0: new Float64Array(2), sigma0: 1, seed: 0, populationSize: 1 })).toThrow(/populationSize/);
    const es = new CmaEs({ x0: new Float64Array(2), sigma0: 1, seed: 0 });
    const xs = es.ask();
    expect(() => es.tell(xs.slice(1), [1, 2, 3, 4, 5])).toThrow(/expected 6/);
    expect(() => es.tell(xs.map(() => new Float64Array(3)), xs.map(() => 1))).toThrow(/coordinates/);
  });
});

describe('CmaEs behaviour', () => {
  it('is deterministic from the seed, and ask() repeats until tell()', () => {
    const trace = (seed: number): number[] => {
      const es = new CmaEs({ x0: Float64Array.of(1, 2, 3), sigma0: 0.5, seed });
      const out: number[] = [];
      for (let g = 0; g < 20; g++) {
        const xs = es.ask();
        expect(es.ask()).toEqual(xs);
        es.tell(xs, xs.map(rosenbrock));
        out.push(...xs[0], es.sigma);
      }
      return out;
    };
    expect(trace(42)).toEqual(trace(42));
    expect(trace(43)).not.toEqual(trace(42));
  });

  // Budgets are ~2× the most evaluations seen over seeds 1–10 (sphere: 592–832) and 1–20
  // (Rosenbrock from 0: 792–1464, all to the global minimum at (1, 1, 1, 1)).
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`converges on the 5-D sphere to 1e-8 within 1600 evaluations (seed ${seed})`, () => {
      const es = minimise(new CmaEs({ x0: Float64Array.of(3, -2, 1, 0.5, -1), sigma0: 1, seed }), sphere, 1e-8, 1600);
      expect(es.best.loss).toBeLessThanOrEqual(1e-8);
      expect(sphere(es.best.x)).toBe(es.best.loss);
      // On an isotropic problem C stays close to isotropic.
      expect(es.conditionNumber).toBeLessThan(20);
    });

    it(`converges on the 4-D Rosenbrock function to < 1e-6 within 3000 evaluations (seed ${seed})`, () => {
      const es = minimise(new CmaEs({ x0: new Float64Array(4), sigma0: 0.5, seed }), rosenbrock, 1e-6, 3000);
      expect(es.best.loss).toBeLessThan(1e-6);
      for (const xi of es.best.x) expect(xi).toBeCloseTo(1, 2);
    });
  }

  it('learns an ill-conditioned rotated ellipsoid (covariance adaptation works)', () => {
    // f(x) = Σ 10^{6 i/(n−1)} (R x)_i², R a fixed rotation; condition number 1e6.
    const n = 5;
    const { vectors: R } = symmetricEigen(randomSymmetric(n, 5), n);
    const f = (x: Float64Array): number => {
      let s = 0;
      for (let i = 0; i < n; i++) {
        let y = 0;
        for (let j = 0; j < n; j++) y += R[i * n + j] * x[j];
        s += 10 ** ((6 * i) / (n - 1)) * y * y;
      }
      return s;
    };
    const es = minimise(new CmaEs({ x0: new Float64Array(n).fill(1), sigma0: 1, seed: 9 }), f, 1e-10, 4000); // seeds 1–3, 9: 1408–1712 evaluations
    expect(es.best.loss).toBeLessThanOrEqual(1e-10);
    // C ends up approximating the inverse Hessian: its condition number is of order 1e6.
    expect(es.conditionNumber).toBeGreaterThan(1e5);
    expect(es.conditionNumber).toBeLessThan(1e7);
  });

  it('ranks non-finite losses last and tracks the best candidate', () => {
    const es = new CmaEs({ x0: Float64Array.of(0, 0), sigma0: 1, seed: 3 });
    expect(es.best.loss).toBe(Infinity);
    const xs = es.ask();
    const losses = xs.map((x, k) => (k % 2 === 0 ? Number.NaN : sphere(x)));
    es.tell(xs, losses);
    const finite = losses.filter(Number.isFinite);
    expect(es.best.loss).toBe(Math.min(...finite));
    expect(es.generation).toBe(1);
    expect(es.evaluations).toBe(xs.length);
    // λ = 6, μ = 3: the three finite candidates are the selected ones, so the new mean is
    // m + σ Σ w_r y_r = Σ w_r x_r over them in loss order (the weights sum to 1, c_m = 1).
    const selected = [1, 3, 5].sort((a, b) => losses[a] - losses[b]);
    const m = es.mean;
    for (let i = 0; i < 2; i++) {
      const expected = selected.reduce((s, k, r) => s + es.weights[r] * xs[k][i], 0);
      expect(m[i]).toBeCloseTo(expected, 14);
    }
  });

  it('reports tolx / tolfun once converged', () => {
    const es = new CmaEs({ x0: Float64Array.of(1, 1, 1), sigma0: 1, seed: 11 });
    let reason = null;
    for (let g = 0; g < 2000 && reason === null; g++) {
      const xs = es.ask();
      es.tell(xs, xs.map(sphere));
      reason = es.stopReason();
    }
    expect(['tolfun', 'tolx']).toContain(reason);
    expect(es.best.loss).toBeLessThan(1e-12);
  });
});
