/**
 * From a project's `fit` section to what an optimiser needs: the differentiable cell over every
 * case, the trained parameters with their units, bounds and transforms, the targets in canonical
 * units, and one function giving the total loss (summed over cases) and its gradient.
 *
 * Optimiser coordinates ("free" values): θ_k = s_k · g_k(z_k), with g_k the transform (sigmoid onto
 * the bounds, softplus, or none) and s_k a scale (|starting value| for softplus and none, 1 for
 * sigmoid), so that one learning rate suits conductances of 1e-4 and time constants of 100 alike.
 */
import { EngineError } from '../engine/errors';
import { toCanonical } from '../engine/values';
import { parseUnitText, dimEquals, describeDim, type Unit } from '../model/units';
import type { FitSettings } from '../project/fitSchema';
import type { Project } from '../project/schema';
import { DifferentiableCell, type DifferentiableCellOptions } from './differentiableCell';
import { DifferentiableNetwork } from './differentiableNetwork';
import { fitNeedsNetwork } from './networkPlan';
import { evaluateLoss, evaluateTerm, type LossSpec } from './losses/spec';
import { traceMseGrid } from './losses/traceMse';
import { deviceSpikeTerms, spikeTermsFitDevice, type DeviceSpikeTerms } from './deviceSpikeLoss';
import type { CaseObservation, DifferentiableSimulation } from './observation';
import type { GpuTarget } from '../engine/webgpu/gpuSimulation';
import type { DeviceWaitTotals } from '../engine/webgpu/deviceWaits';
import { surrogateFunction, type SurrogateName } from './surrogates';
import type { CaseTarget } from './targets';
import { dValueDFree, fromFree, toFree, type TransformSpec } from './transforms';

export interface TrainedParam {
  readonly name: string;
  readonly unit: Unit;
  /** Canonical starting value (inside the bounds). */
  readonly initial: number;
  readonly min?: number;
  readonly max?: number;
  readonly transform: TransformSpec;
  readonly scale: number;
}

export interface LossAndGradient {
  readonly loss: number;
  /** ∂loss/∂θ (canonical units), empty when not asked for. */
  readonly grad: Float64Array;
  readonly observations: readonly CaseObservation[];
}

export class FitProblem {
  /** The differentiable simulation: one neuron, or the network when spikes of others move with θ. */
  readonly cell: DifferentiableSimulation;
  /** What the differentiable simulation was built with (the benchmarks rebuild it at other sizes). */
  readonly simulationOptions: DifferentiableCellOptions;
  readonly params: readonly TrainedParam[];
  readonly targets: readonly CaseTarget[];
  readonly loss: readonly LossSpec[];
  readonly settings: FitSettings;
  /** Observed state's unit (for display of traces). */
  readonly observedUnit: Unit;
  /** Of the last `evaluateManyOnGpu`, the time spent awaiting the device (the rest was host work). */
  lastDeviceWait: DeviceWaitTotals = { wallMs: 0, cpuMs: 0 };

  constructor(project: Project) {
    const fit = project.fit;
    if (!fit) throw new EngineError('invalid-value', '$.fit: the project has no fit section (choose a population and parameters to fit)', '$.fit');
    this.settings = fit;
    if (fit.params.length === 0) throw new EngineError('invalid-value', '$.fit.params: no parameters are marked for fitting', '$.fit.params');
    const cases = fit.cases.length > 0 ? fit.cases.map((c, k) => caseProject(project, fit, k)) : [project];
    const { kind, slope } = fit.surrogate;
    const options: DifferentiableCellOptions = {
      population: fit.population,
      observe: fit.observe,
      neuron: fit.neuron,
      params: fit.params.map((p) => p.name),
      surrogate: surrogateFunction(kind as SurrogateName, slope !== undefined ? { slope } : {}),
      resetGradient: fit.surrogate.reset,
      synapseGradient: fit.surrogate.synapses,
    };
    this.simulationOptions = options;
    this.cell = fitNeedsNetwork(project, fit.population, options.params) ? new DifferentiableNetwork(cases, options) : new DifferentiableCell(cases, options);
    this.observedUnit = this.cell.flat.states.find((s) => s.name === this.cell.observedState)!.unit;
    this.params = fit.params.map((p, k) => trainedParam(p, k, this.cell.paramUnits[k], this.cell.initialValues[k]));
    this.targets = fit.cases.length > 0 ? fit.cases.map((c, k) => caseTarget(c, k, this.observedUnit)) : [{}];
    this.loss = fit.loss;
  }

  /** Starting point in optimiser coordinates. */
  initialFree(): Float64Array {
    return Float64Array.from(this.params, (p) => toFree(p.transform, p.initial / p.scale));
  }

  valuesOf(free: ArrayLike<number>): Float64Array {
    return Float64Array.from(this.params, (p, k) => p.scale * fromFree(p.transform, free[k]));
  }

  /** Canonical values in the declared units (what the inspector shows). */
  declared(values: ArrayLike<number>): number[] {
    return this.params.map((p, k) => values[k] / p.unit.scale);
  }

  /** Total loss over the cases at θ, with ∂/∂θ when `gradient`. */
  evaluate(values: Float64Array, gradient: boolean): LossAndGradient {
    const observations = this.cell.run(values, gradient);
    const grad = new Float64Array(gradient ? this.params.length : 0);
    return { loss: this.totalLoss(observations, grad), grad, observations };
  }

  /** Σ over cases of the loss terms; adds ∂/∂θ into `grad` (when it has room for them). */
  private totalLoss(observations: readonly CaseObservation[], grad: Float64Array): number {
    let loss = 0;
    observations.forEach((obs, c) => {
      let result;
      try {
        result = evaluateLoss(this.loss, obs, this.targets[c]);
      } catch (e) {
        throw this.caseError(c, (e as Error).message);
      }
      loss += result.value;
      for (let k = 0; k < grad.length; k++) grad[k] += result.grad[k];
    });
    return loss;
  }

  /**
   * The total loss at each of several θ, without gradients (a CMA-ES generation): one batched
   * simulation where the differentiable simulation can batch them, else one by one. A θ whose
   * simulation blows up gets Infinity.
   */
  evaluateMany(valuesList: readonly Float64Array[]): { loss: number; observations: readonly CaseObservation[] }[] {
    const batched = valuesList.length > 1 ? this.cell.runMany?.(valuesList) : undefined;
    if (batched) return batched.map((observations) => ({ loss: this.totalLoss(observations, new Float64Array(0)), observations }));
    return valuesList.map((values) => {
      try {
        return this.evaluate(values, false);
      } catch (e) {
        if ((e as { code?: string }).code !== 'blowup') throw e;
        return { loss: Infinity, observations: [] };
      }
    });
  }

  /**
   * As `evaluateMany`, with the candidates simulated on the GPU in one batch (float32). No trace and
   * no spike comes back: trace-MSE and spike terms are formed on the device (deviceTraceLoss.ts,
   * deviceSpikeLoss.ts). A candidate that blew up there, or spiked more than the device kept, is
   * evaluated on the CPU (where a blow-up gives Infinity). The best candidate's observations (what
   * the fit shows) come from one simulation of it on the CPU, run when they are first read.
   * `lastDeviceWait` then says how much
   * of the generation was spent awaiting the device.
   */
  async evaluateManyOnGpu(valuesList: readonly Float64Array[], gpu: GpuTarget): Promise<{ loss: number; observations: readonly CaseObservation[] }[]> {
    const traceTerms = this.loss.flatMap((term, index) => (term.kind === 'trace-mse' ? [{ term, index }] : []));
    const grids = (c: number, dtMs: number, steps: number) =>
      traceTerms.map(({ term, index }) => {
        const target = this.targets[c].trace;
        if (!target) throw this.caseError(c, `loss term ${index + 1} ('trace-mse') needs a target trace (target.trace), but this case's target has none`);
        return traceMseGrid(target, dtMs, steps, { startMs: term.startMs, stopMs: term.stopMs });
      });
    const spikesOnDevice = spikeTermsFitDevice(this.loss) && this.targets.every((t) => t.spikeTimesMs !== undefined);
    const spikeTerms = spikesOnDevice ? (c: number, dtMs: number, steps: number) => this.deviceSpikeTerms(c, dtMs * steps) : undefined;
    // A fit without spike terms reads no spike back.
    const spikes = this.loss.some((t) => t.kind !== 'trace-mse');
    const batched = await this.cell.runManyOnGpu!(valuesList, gpu, { trace: false, terms: grids, spikeTerms, spikes });
    if (!batched) return this.evaluateMany(valuesList);
    this.lastDeviceWait = batched.deviceWait;
    const caseGrids = batched.observations[0].map((obs, c) => grids(c, obs.dtMs, obs.steps));
    const spikeIndex = this.loss.map((_, index) => this.loss.slice(0, index).filter((t) => t.kind !== 'trace-mse').length);
    const traceIndex = this.loss.map((_, index) => traceTerms.findIndex((x) => x.index === index));
    // Term by term over all candidates, each candidate's sum in the order the CPU's totalLoss adds
    // (case, then term): 10,000 candidates' terms one by one took 6–19 ms a generation.
    const B = valuesList.length;
    const losses = new Float64Array(B);
    caseGrids.forEach((grid, c) => {
      this.loss.forEach((spec, index) => {
        const t = traceIndex[index];
        const onDevice = t >= 0 ? batched.termSums[c][t] : spikesOnDevice ? batched.spikeTermValues[c][spikeIndex[index]] : undefined;
        const scale = t >= 0 ? spec.weight / grid[t].weightSum : spec.weight;
        if (onDevice) for (let b = 0; b < B; b++) losses[b] += scale * onDevice[b];
        else for (let b = 0; b < B; b++) losses[b] += spec.weight * this.termOnHost(spec, index, batched.observations[b][c], c);
      });
    });
    const evaluated = batched.observations.map((observations, b) => ({ loss: losses[b], observations }));
    // On the CPU: a candidate that blew up (the CPU says where, and gives it Infinity), and one
    // whose loss is NaN, having spiked more than the device kept.
    batched.blownUp.forEach((b) => (evaluated[b] = { ...evaluated[b], loss: NaN }));
    const again = evaluated.flatMap((e, b) => (Number.isNaN(e.loss) ? [b] : []));
    if (again.length > 0) this.evaluateMany(again.map((b) => valuesList[b])).forEach((e, k) => (evaluated[again[k]] = e));
    const best = evaluated.reduce((k, e, i) => (e.loss < evaluated[k].loss ? i : k), 0);
    evaluated[best] = this.observedWhenRead(evaluated[best].loss, valuesList[best], evaluated[best].observations);
    return evaluated;
  }

  /**
   * A GPU generation's best candidate: its loss, and its observations (what the fit shows)
   * simulated on the CPU at θ when first read, else `fallback` (when it blows up there). They are
   * read only when the fit shows them (a few times a second), not every generation: that run was
   * 1–17 ms of a generation's host work (BENCHMARKS.md). (A getter: spreading the object reads it.)
   */
  private observedWhenRead(loss: number, values: Float64Array, fallback: readonly CaseObservation[]): { readonly loss: number; readonly observations: readonly CaseObservation[] } {
    let observed: readonly CaseObservation[] | undefined;
    const simulate = (): readonly CaseObservation[] => {
      try {
        return this.evaluate(values, false).observations;
      } catch (e) {
        if ((e as { code?: string }).code !== 'blowup') throw e;
        return fallback;
      }
    };
    return {
      loss,
      get observations() {
        return (observed ??= simulate());
      },
    };
  }

  /** One loss term of case c evaluated on the host, its errors said with the case. */
  private termOnHost(spec: LossSpec, index: number, obs: CaseObservation, c: number): number {
    try {
      return evaluateTerm(spec, index, obs, this.targets[c]).value;
    } catch (e) {
      throw this.caseError(c, (e as Error).message);
    }
  }

  /** Case c's spike terms for the device, the same object every generation (the GPU batch keeps its simulation for it). */
  private deviceSpikeTerms(c: number, durationMs: number): DeviceSpikeTerms {
    let terms = this.spikeTermsByCase.get(c);
    if (!terms) {
      try {
        terms = deviceSpikeTerms(this.loss, this.targets[c].spikeTimesMs!, durationMs);
      } catch (e) {
        throw this.caseError(c, (e as Error).message);
      }
      this.spikeTermsByCase.set(c, terms);
    }
    return terms;
  }

  private readonly spikeTermsByCase = new Map<number, DeviceSpikeTerms>();

  private caseError(c: number, message: string): EngineError {
    const where = this.settings.cases.length > 0 ? `$.fit.cases[${c}]` : '$.fit.cases';
    return new EngineError('invalid-value', `${where}: ${message}`, where);
  }

  /** ∂loss/∂z from ∂loss/∂θ (chain rule through scale and transform). */
  gradToFree(free: ArrayLike<number>, gradValues: Float64Array): Float64Array {
    return Float64Array.from(this.params, (p, k) => gradValues[k] * p.scale * dValueDFree(p.transform, free[k]));
  }
}

function trainedParam(p: FitSettings['params'][number], k: number, unit: Unit, value: number): TrainedParam {
  const at = `$.fit.params[${k}]`;
  const min = p.min === undefined ? undefined : toCanonical(p.min, unit, `${at}.min`);
  const max = p.max === undefined ? undefined : toCanonical(p.max, unit, `${at}.max`);
  if (min !== undefined && max !== undefined && !(min < max)) throw new EngineError('invalid-value', `${at}: min must be below max`, at);
  const initial = Math.min(max ?? Infinity, Math.max(min ?? -Infinity, value));
  const kind = p.transform ?? (min !== undefined && max !== undefined ? 'sigmoid' : initial > 0 ? 'softplus' : 'none');
  if (kind === 'sigmoid') {
    if (min === undefined || max === undefined) throw new EngineError('invalid-value', `${at}.transform: 'sigmoid' needs both min and max`, `${at}.transform`);
    // Starting exactly on a bound would freeze the parameter: start just inside.
    const inside = Math.min(max - 1e-3 * (max - min), Math.max(min + 1e-3 * (max - min), initial));
    return { name: p.name, unit, initial: inside, min, max, transform: { kind: 'sigmoid', min, max }, scale: 1 };
  }
  if (kind === 'softplus' && !(initial > 0)) throw new EngineError('invalid-value', `${at}.transform: 'softplus' keeps ${p.name} positive, but it starts at ${initial / unit.scale} ${unit.text}`, `${at}.transform`);
  const scale = Math.abs(initial) > 0 ? Math.abs(initial) : 1;
  return { name: p.name, unit, initial, min, max, transform: kind === 'softplus' ? { kind: 'softplus' } : { kind: 'none' }, scale };
}

/** The project with this case's stimulus amplitudes. */
function caseProject(project: Project, fit: FitSettings, k: number): Project {
  const amplitudes = fit.cases[k].amplitudes;
  const stimuli = project.stimuli.map((s) => {
    if (!(s.id in amplitudes)) return s;
    if (!('amplitude' in s)) throw new EngineError('invalid-value', `$.fit.cases[${k}].amplitudes.${s.id}: stimulus '${s.id}' (${s.type}) has no amplitude`, `$.fit.cases[${k}].amplitudes.${s.id}`);
    return { ...s, amplitude: amplitudes[s.id] };
  });
  for (const id of Object.keys(amplitudes)) {
    if (!project.stimuli.some((s) => s.id === id)) {
      throw new EngineError('invalid-value', `$.fit.cases[${k}].amplitudes.${id}: no stimulus '${id}'; stimuli: ${project.stimuli.map((s) => s.id).join(', ')}`, `$.fit.cases[${k}].amplitudes.${id}`);
    }
  }
  return { ...project, stimuli } as Project;
}

function caseTarget(c: FitSettings['cases'][number], k: number, observed: Unit): CaseTarget {
  const at = `$.fit.cases[${k}]`;
  let trace: CaseTarget['trace'];
  if (c.trace) {
    const unit = parseUnitText(c.trace.unit);
    if (!unit) throw new EngineError('invalid-value', `${at}.trace.unit: unknown unit '${c.trace.unit}'`, `${at}.trace.unit`);
    if (!dimEquals(unit.dim, observed.dim)) {
      throw new EngineError('invalid-value', `${at}.trace.unit: '${c.trace.unit}' is ${describeDim(unit.dim)}, but the observed state is in ${observed.text} (${describeDim(observed.dim)})`, `${at}.trace.unit`);
    }
    if (c.trace.timesMs.length !== c.trace.values.length) throw new EngineError('invalid-value', `${at}.trace: ${c.trace.timesMs.length} times but ${c.trace.values.length} values`, `${at}.trace`);
    trace = { tMs: Float64Array.from(c.trace.timesMs), values: Float64Array.from(c.trace.values, (v) => v * unit.scale) };
  }
  return { trace, spikeTimesMs: c.spikeTimesMs ? Float64Array.from(c.spikeTimesMs) : undefined };
}
