/**
 * The trace-MSE loss as a sum of squared residuals, r_n = √(w/N)·(trace_n − target_n) over the
 * window's samples with target data, so Σ r² equals the `trace-mse` term (losses/traceMse.ts) and
 * the Jacobian ∂r/∂θ comes straight from the forward sensitivities — what Levenberg–Marquardt needs.
 */
import type { LossSpec } from './losses/spec';
import type { CaseObservation } from './observation';
import { resampleToSteps, type CaseTarget } from './targets';

export interface Residuals {
  readonly values: Float64Array;
  /** ∂r_i/∂θ_k at [i * P + k] (empty when the observations carry no gradient). */
  readonly jacobian: Float64Array;
}

/** Throws unless every loss term is a trace MSE (the only one that is a sum of squares here). */
export function checkLeastSquares(loss: readonly LossSpec[]): void {
  const other = loss.find((t) => t.kind !== 'trace-mse');
  if (other) throw new Error(`Levenberg–Marquardt fits trace-mse loss terms only, but the loss has '${other.kind}'; use adam, sgd or cmaes`);
}

export function traceResiduals(loss: readonly LossSpec[], observations: readonly CaseObservation[], targets: readonly CaseTarget[]): Residuals {
  checkLeastSquares(loss);
  const values: number[] = [];
  const rows: number[] = [];
  observations.forEach((obs, c) => {
    const target = targets[c].trace;
    if (!target) throw new Error(`case ${c + 1} has no target trace`);
    const goal = resampleToSteps(target, obs.dtMs, obs.steps);
    const P = obs.paramCount;
    for (const term of loss) {
      if (term.kind !== 'trace-mse') continue;
      const tol = 1e-9 * obs.dtMs;
      const first = Math.max(0, Math.ceil(((term.startMs ?? 0) - tol) / obs.dtMs));
      const last = Math.min(obs.steps - 1, Math.floor(((term.stopMs ?? Infinity) + tol) / obs.dtMs));
      let count = 0;
      for (let n = first; n <= last; n++) if (!Number.isNaN(goal[n])) count++;
      if (count === 0) throw new Error(`case ${c + 1}: no sample of the trace-mse window has target data`);
      const scale = Math.sqrt(term.weight / count);
      for (let n = first; n <= last; n++) {
        if (Number.isNaN(goal[n])) continue;
        values.push(scale * (obs.trace[n] - goal[n]));
        for (let k = 0; k < P; k++) rows.push(scale * obs.traceGrad[n * P + k]);
      }
    }
  });
  return { values: Float64Array.from(values), jacobian: Float64Array.from(rows) };
}
