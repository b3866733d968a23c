/**
 * Synthetic targets: the project's fit cases simulated with chosen "true" parameter values — the
 * standard check of a fitting setup (can it find parameters it is known to have?).
 */
import { EngineError } from '../engine/errors';
import type { Project } from '../project/schema';
import { FitProblem } from './fitProblem';

export interface SyntheticCase {
  readonly trace: { readonly timesMs: number[]; readonly values: number[]; readonly unit: string };
  readonly spikeTimesMs: number[];
}

/**
 * Every case of `project.fit` (or the project itself when it has no cases) simulated with the trained
 * parameters at `trueValues` (declared units, by name; the others keep the project's values). Traces
 * are kept at ≤ maxSamples evenly spaced samples, in the observed state's declared unit.
 */
export function syntheticTargets(project: Project, trueValues: Readonly<Record<string, number>>, maxSamples = 2000): SyntheticCase[] {
  const problem = new FitProblem(withoutTargets(project));
  for (const name of Object.keys(trueValues)) {
    if (!problem.params.some((p) => p.name === name)) throw new EngineError('invalid-value', `'${name}' is not a trained parameter; trained: ${problem.params.map((p) => p.name).join(', ')}`);
  }
  const values = Float64Array.from(problem.params, (p) => (p.name in trueValues ? trueValues[p.name] * p.unit.scale : p.initial));
  const observations = problem.cell.run(values, false);
  const unit = problem.observedUnit;
  return observations.map((obs) => {
    const every = Math.max(1, Math.ceil(obs.steps / maxSamples));
    const timesMs: number[] = [];
    const samples: number[] = [];
    for (let n = 0; n < obs.steps; n += every) {
      timesMs.push(n * obs.dtMs);
      samples.push(obs.trace[n] / unit.scale);
    }
    return { trace: { timesMs, values: samples, unit: unit.text }, spikeTimesMs: Array.from(obs.spikeTimesMs) };
  });
}

/** Targets are not needed to simulate; dropping them lets a project without data make its first. */
function withoutTargets(project: Project): Project {
  const fit = project.fit!;
  return { ...project, fit: { ...fit, cases: fit.cases.map((c) => ({ ...c, trace: undefined, spikeTimesMs: undefined })) } };
}
