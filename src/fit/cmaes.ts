/**
 * (μ/μ_W, λ)-CMA-ES, a derivative-free optimiser for the fits whose loss has no useful gradient
 * (spike-count plateaus, discontinuous models), following N. Hansen, "The CMA Evolution Strategy:
 * A Tutorial" (arXiv:1604.00772, 2016), with the default parameters of its Table 1, including the
 * negative ("active") recombination weights. Every constant below carries its formula.
 *
 * Ask/tell: `ask()` samples λ candidates x_k = m + σ·B·D·z_k, z_k ~ N(0, I) (C = B·D²·Bᵀ); the
 * caller evaluates them and hands the losses to `tell()`, which updates the mean m, the evolution
 * paths p_σ and p_c, the step size σ and the covariance C (rank-one + rank-μ update).
 *
 * Determinism: z_k[i] = standardNormal(seed, stream 'cmaes', k·n + i, generation), counter-based,
 * so the whole run is a pure function of (x0, σ0, seed, λ, the losses) — and `ask()` called twice
 * before `tell()` returns the same candidates.
 */
import { normalSampler, streamId } from '../engine/rng.ts';

export interface CmaEsOptions {
  /** Initial mean (the starting point), n ≥ 1 coordinates. */
  readonly x0: Float64Array;
  /** Initial step size σ0 > 0 (about a quarter to a half of the search range per coordinate). */
  readonly sigma0: number;
  /** Seed of the sampling stream (a u32). */
  readonly seed: number;
  /** λ; default 4 + ⌊3 ln n⌋. At least 2. */
  readonly populationSize?: number;
}

export type CmaEsStopReason = 'tolfun' | 'tolx' | 'condition';

const STREAM = streamId('fit', 'cmaes');

/** Eigen-decomposition A = V·diag(values)·Vᵀ of a symmetric n×n matrix (row-major), by cyclic Jacobi rotations. */
export function symmetricEigen(matrix: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  if (matrix.length !== n * n) throw new RangeError(`symmetricEigen: ${matrix.length} entries for n = ${n}`);
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale += a[i] * a[i];
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q] * a[p * n + q];
    // Off-diagonal mass negligible against the matrix's own size: converged (quadratically, so
    // this takes ~6–10 sweeps for n ≤ 20).
    if (off <= 1e-30 * scale || off === 0) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        // Rotation angle φ with tan φ = t zeroing a_pq: t² + 2θt − 1 = 0, θ = (a_qq − a_pp)/(2 a_pq);
        // the smaller root keeps |φ| ≤ π/4, which is what makes the sweeps converge.
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.hypot(theta, 1));
        const c = 1 / Math.hypot(t, 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          // A ← A·J (columns p, q)
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          // A ← Jᵀ·A (rows p, q)
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = a[i * n + i];
  return { values, vectors: v };
}

export class CmaEs {
  readonly dimension: number;
  /** λ */
  readonly populationSize: number;
  /** μ = ⌊λ/2⌋, the number of positively weighted (selected) candidates. */
  readonly parentCount: number;
  /** w_1 … w_λ: positive for the best μ (summing to 1), negative (active) for the rest. */
  readonly weights: Float64Array;
  readonly muEff: number;
  readonly cSigma: number;
  readonly dSigma: number;
  readonly cC: number;
  readonly c1: number;
  readonly cMu: number;
  /** E‖N(0, I)‖ ≈ √n (1 − 1/(4n) + 1/(21n²)). */
  readonly chiN: number;

  private readonly seed: number;
  private readonly sigma0: number;
  private m: Float64Array;
  private sigmaValue: number;
  private gen = 0;
  private evals = 0;
  private readonly pSigma: Float64Array;
  private readonly pC: Float64Array;
  private readonly C: Float64Array;
  /** Eigenvectors of C (columns of B, row-major n×n) and D = sqrt(eigenvalues). */
  private B: Float64Array;
  private D: Float64Array;
  private bestX: Float64Array;
  private bestLoss = Infinity;
  /** Best loss of each generation, for the tolfun stop test. */
  private readonly history: number[] = [];
  private lastLossRange = Infinity;

  constructor(options: CmaEsOptions) {
    const n = options.x0.length;
    if (n < 1) throw new RangeError('CmaEs: x0 must have at least one coordinate');
    if (!options.x0.every(Number.isFinite)) throw new RangeError('CmaEs: x0 must be finite');
    if (!(options.sigma0 > 0) || !Number.isFinite(options.sigma0)) {
      throw new RangeError(`CmaEs: sigma0 must be a finite number > 0 (got ${options.sigma0})`);
    }
    const lambda = options.populationSize ?? 4 + Math.floor(3 * Math.log(n));
    if (!Number.isInteger(lambda) || lambda < 2) throw new RangeError(`CmaEs: populationSize must be an integer ≥ 2 (got ${lambda})`);
    this.dimension = n;
    this.populationSize = lambda;
    this.seed = options.seed >>> 0;
    this.sigma0 = options.sigma0;
    this.sigmaValue = options.sigma0;
    this.m = Float64Array.from(options.x0);
    this.bestX = Float64Array.from(options.x0);

    // Raw weights w'_i = ln((λ + 1)/2) − ln i: positive for i < (λ + 1)/2, negative after.
    const raw = Float64Array.from({ length: lambda }, (_, i) => Math.log((lambda + 1) / 2) - Math.log(i + 1));
    const mu = Math.floor(lambda / 2);
    this.parentCount = mu;
    let sumPos = 0;
    let sumPosSq = 0;
    let sumNeg = 0;
    let sumNegSq = 0;
    for (const w of raw) {
      if (w > 0) {
        sumPos += w;
        sumPosSq += w * w;
      } else {
        sumNeg += -w;
        sumNegSq += w * w;
      }
    }
    const muEff = (sumPos * sumPos) / sumPosSq; // (Σ w⁺)² / Σ (w⁺)²
    const muEffNeg = sumNegSq > 0 ? (sumNeg * sumNeg) / sumNegSq : 0;
    this.muEff = muEff;
    const alphaCov = 2;
    this.c1 = alphaCov / ((n + 1.3) ** 2 + muEff);
    this.cMu = Math.min(1 - this.c1, (alphaCov * (0.25 + muEff + 1 / muEff - 2)) / ((n + 2) ** 2 + (alphaCov * muEff) / 2));
    this.cSigma = (muEff + 2) / (n + muEff + 5);
    this.dSigma = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (n + 1)) - 1) + this.cSigma;
    this.cC = (4 + muEff / n) / (n + 4 + (2 * muEff) / n);
    this.chiN = Math.sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n));
    // Negative weights are scaled by min(α_μ⁻, α_μeff⁻, α_posdef⁻): 1 + c1/cμ keeps the decay of C
    // (1 − c1 − cμ Σw) balanced, 1 + 2μeff⁻/(μeff + 2) bounds their effective mass, and
    // (1 − c1 − cμ)/(n cμ) keeps C positive definite.
    const negScale = Math.min(
      1 + this.c1 / this.cMu,
      1 + (2 * muEffNeg) / (muEff + 2),
      (1 - this.c1 - this.cMu) / (n * this.cMu),
    );
    this.weights = raw.map((w) => (w >= 0 ? w / sumPos : (negScale * w) / sumNeg));

    this.pSigma = new Float64Array(n);
    this.pC = new Float64Array(n);
    this.C = new Float64Array(n * n);
    this.B = new Float64Array(n * n);
    this.D = new Float64Array(n).fill(1);
    for (let i = 0; i < n; i++) {
      this.C[i * n + i] = 1;
      this.B[i * n + i] = 1;
    }
  }

  get mean(): Float64Array {
    return Float64Array.from(this.m);
  }
  get sigma(): number {
    return this.sigmaValue;
  }
  /** Number of completed generations (calls to `tell`). */
  get generation(): number {
    return this.gen;
  }
  /** Number of losses told so far. */
  get evaluations(): number {
    return this.evals;
  }
  /** The best candidate told so far (x0 with loss ∞ before the first tell). */
  get best(): { x: Float64Array; loss: number } {
    return { x: Float64Array.from(this.bestX), loss: this.bestLoss };
  }
  /** A copy of C (row-major n×n); the search distribution is N(m, σ²C). */
  get covariance(): Float64Array {
    return Float64Array.from(this.C);
  }
  /** Condition number of C, max eigenvalue / min eigenvalue. */
  get conditionNumber(): number {
    const dMax = Math.max(...this.D);
    const dMin = Math.min(...this.D);
    return (dMax * dMax) / (dMin * dMin);
  }

  /** λ new candidates for the current generation. */
  ask(): Float64Array[] {
    const n = this.dimension;
    const normal = normalSampler(this.seed, STREAM, this.gen);
    const out: Float64Array[] = [];
    const dz = new Float64Array(n);
    for (let k = 0; k < this.populationSize; k++) {
      for (let i = 0; i < n; i++) dz[i] = this.D[i] * normal(k * n + i);
      const x = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let y = 0;
        for (let j = 0; j < n; j++) y += this.B[i * n + j] * dz[j];
        x[i] = this.m[i] + this.sigmaValue * y;
      }
      out.push(x);
    }
    return out;
  }

  /** C^{−1/2}·y = B·D⁻¹·Bᵀ·y. */
  private invSqrtC(y: Float64Array): Float64Array {
    const n = this.dimension;
    const t = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += this.B[i * n + j] * y[i];
      t[j] = s / this.D[j];
    }
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += this.B[i * n + j] * t[j];
      out[i] = s;
    }
    return out;
  }

  /**
   * Update from the evaluated candidates (normally exactly those of `ask()`). Non-finite losses
   * rank last (a failed simulation is the worst outcome, not an error).
   */
  tell(candidates: readonly Float64Array[], losses: ArrayLike<number>): void {
    const n = this.dimension;
    const lambda = this.populationSize;
    if (candidates.length !== lambda || losses.length !== lambda) {
      throw new RangeError(`CmaEs.tell: expected ${lambda} candidates and losses (got ${candidates.length}, ${losses.length})`);
    }
    const rankLoss = (k: number): number => (Number.isNaN(losses[k]) ? Infinity : losses[k]);
    const order = Array.from({ length: lambda }, (_, k) => k).sort((a, b) => rankLoss(a) - rankLoss(b) || a - b);
    // Steps y_k = (x_k − m)/σ, in selection order (best first).
    const ys = order.map((k) => {
      const x = candidates[k];
      if (x.length !== n) throw new RangeError(`CmaEs.tell: candidate ${k} has ${x.length} coordinates, expected ${n}`);
      return Float64Array.from(x, (xi, i) => (xi - this.m[i]) / this.sigmaValue);
    });
    this.evals += lambda;
    const genBest = rankLoss(order[0]);
    if (genBest < this.bestLoss) {
      this.bestLoss = genBest;
      this.bestX = Float64Array.from(candidates[order[0]]);
    }
    this.history.push(genBest);
    if (this.history.length > 2048) this.history.splice(0, this.history.length - 1024); // stop test needs ≤ ~310
    this.lastLossRange = rankLoss(order[lambda - 1]) - genBest;

    // Recombination: ⟨y⟩_w = Σ_{i ≤ μ} w_i y_{i:λ}; m ← m + c_m σ ⟨y⟩_w with c_m = 1.
    const yw = new Float64Array(n);
    for (let r = 0; r < this.parentCount; r++) for (let i = 0; i < n; i++) yw[i] += this.weights[r] * ys[r][i];
    for (let i = 0; i < n; i++) this.m[i] += this.sigmaValue * yw[i];

    // Step-size control: p_σ ← (1 − c_σ) p_σ + √(c_σ(2 − c_σ) μeff) C^{−1/2}⟨y⟩_w, then
    // σ ← σ · exp((c_σ/d_σ)(‖p_σ‖/E‖N(0,I)‖ − 1)).
    const cs = this.cSigma;
    const zw = this.invSqrtC(yw);
    const ks = Math.sqrt(cs * (2 - cs) * this.muEff);
    let psNorm2 = 0;
    for (let i = 0; i < n; i++) {
      this.pSigma[i] = (1 - cs) * this.pSigma[i] + ks * zw[i];
      psNorm2 += this.pSigma[i] * this.pSigma[i];
    }
    const psNorm = Math.sqrt(psNorm2);
    this.sigmaValue *= Math.exp((cs / this.dSigma) * (psNorm / this.chiN - 1));

    // h_σ stalls p_c while ‖p_σ‖ is large (σ is growing fast), so C does not grow too quickly.
    const hSigma = psNorm / Math.sqrt(1 - (1 - cs) ** (2 * (this.gen + 1))) < (1.4 + 2 / (n + 1)) * this.chiN ? 1 : 0;
    const cc = this.cC;
    const kc = hSigma * Math.sqrt(cc * (2 - cc) * this.muEff);
    for (let i = 0; i < n; i++) this.pC[i] = (1 - cc) * this.pC[i] + kc * yw[i];

    // Covariance: C ← (1 + c1 δ(h_σ) − c1 − cμ Σ w_j) C + c1 p_c p_cᵀ + cμ Σ_i w°_i y_i y_iᵀ, with
    // δ(h_σ) = (1 − h_σ) c_c (2 − c_c) and w°_i = w_i · (1 if w_i ≥ 0 else n / ‖C^{−1/2} y_i‖²).
    const wo = this.weights.map((w, r) => {
      if (w >= 0) return w;
      const z = this.invSqrtC(ys[r]);
      let z2 = 0;
      for (let i = 0; i < n; i++) z2 += z[i] * z[i];
      return z2 > 0 ? (w * n) / z2 : 0;
    });
    let sumW = 0;
    for (const w of this.weights) sumW += w;
    const delta = (1 - hSigma) * cc * (2 - cc);
    const decay = 1 + this.c1 * delta - this.c1 - this.cMu * sumW;
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        let rankMu = 0;
        for (let r = 0; r < lambda; r++) rankMu += wo[r] * ys[r][i] * ys[r][j];
        const value = decay * this.C[i * n + j] + this.c1 * this.pC[i] * this.pC[j] + this.cMu * rankMu;
        this.C[i * n + j] = value;
        this.C[j * n + i] = value; // stored symmetric by construction
      }
    }
    this.gen += 1;
    this.decompose();
  }

  /** B, D from C. Eigenvalues are floored at 1e-14 of the largest so D stays invertible. */
  private decompose(): void {
    const n = this.dimension;
    const { values, vectors } = symmetricEigen(this.C, n);
    const top = Math.max(...values);
    const floor = Math.max(top, Number.MIN_VALUE) * 1e-14;
    this.B = vectors;
    this.D = values.map((v) => Math.sqrt(Math.max(v, floor)));
  }

  /**
   * Why the run should stop, or null. 'tolfun': over the last 10 + ⌈30n/λ⌉ generations the best
   * losses, and the current generation's losses, all lie within `tolFun`. 'tolx': σ·√C_ii and
   * σ·|p_c,i| are below `tolX` (default 1e-12·σ0) in every coordinate. 'condition': cond(C) > 1e14.
   */
  stopReason(options: { tolFun?: number; tolX?: number } = {}): CmaEsStopReason | null {
    const n = this.dimension;
    const tolFun = options.tolFun ?? 1e-12;
    const tolX = options.tolX ?? 1e-12 * this.sigma0;
    const span = 10 + Math.ceil((30 * n) / this.populationSize);
    if (this.history.length >= span) {
      const recent = this.history.slice(-span);
      if (Math.max(...recent) - Math.min(...recent) < tolFun && this.lastLossRange < tolFun) return 'tolfun';
    }
    let small = true;
    for (let i = 0; i < n; i++) {
      if (this.sigmaValue * Math.max(Math.sqrt(this.C[i * n + i]), Math.abs(this.pC[i])) >= tolX) small = false;
    }
    if (small) return 'tolx';
    if (this.conditionNumber > 1e14) return 'condition';
    return null;
  }
}
