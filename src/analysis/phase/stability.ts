/**
 * Eigenvalues of a 2×2 Jacobian and the name of the fixed point they make: from the trace τ and
 * determinant Δ, λ = τ/2 ± √(τ²/4 − Δ). Δ < 0: saddle; Δ > 0 with complex λ: focus; with real λ:
 * node; stable when τ < 0. Δ = 0 or (τ = 0, Δ > 0) is not hyperbolic (a saddle-node, or a centre
 * of the linearisation, as at a Hopf bifurcation), judged with a tolerance relative to |J|.
 */

export type Stability = 'stable node' | 'unstable node' | 'stable focus' | 'unstable focus' | 'saddle' | 'center' | 'non-hyperbolic';

export interface Eigenvalue {
  readonly re: number;
  readonly im: number;
}

export interface Linearisation {
  readonly trace: number;
  readonly det: number;
  readonly eigenvalues: readonly [Eigenvalue, Eigenvalue];
  readonly stability: Stability;
}

/** J = [a, b, c, d] = [[∂ẋ/∂x, ∂ẋ/∂y], [∂ẏ/∂x, ∂ẏ/∂y]]. */
export function linearise(J: ArrayLike<number>, relativeTolerance = 1e-9): Linearisation {
  const [a, b, c, d] = [J[0], J[1], J[2], J[3]];
  const trace = a + d;
  const det = a * d - b * c;
  const disc = (trace * trace) / 4 - det;
  const eigenvalues: [Eigenvalue, Eigenvalue] =
    disc >= 0
      ? [
          { re: trace / 2 + Math.sqrt(disc), im: 0 },
          { re: trace / 2 - Math.sqrt(disc), im: 0 },
        ]
      : [
          { re: trace / 2, im: Math.sqrt(-disc) },
          { re: trace / 2, im: -Math.sqrt(-disc) },
        ];
  const scale = Math.max(Math.abs(a), Math.abs(b), Math.abs(c), Math.abs(d));
  const tolTrace = relativeTolerance * scale;
  const tolDet = relativeTolerance * scale * scale;
  return { trace, det, eigenvalues, stability: classify(trace, det, disc, tolTrace, tolDet) };
}

function classify(trace: number, det: number, disc: number, tolTrace: number, tolDet: number): Stability {
  if (!Number.isFinite(trace) || !Number.isFinite(det)) return 'non-hyperbolic';
  if (Math.abs(det) <= tolDet) return 'non-hyperbolic';
  if (det < 0) return 'saddle';
  if (Math.abs(trace) <= tolTrace) return 'center';
  const stable = trace < 0;
  if (disc < 0) return stable ? 'stable focus' : 'unstable focus';
  return stable ? 'stable node' : 'unstable node';
}

export function isStable(s: Stability): boolean {
  return s === 'stable node' || s === 'stable focus';
}
