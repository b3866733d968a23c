/**
 * A differentiable simulation of one neuron of one population, in one or more "cases" (the same
 * model under different stimuli, e.g. several input currents): for trained parameters θ it returns,
 * per case, the observed trace and spikes with their forward-mode sensitivities ∂/∂θ.
 *
 * Each case is a whole project (validated and compiled by the engine, so parameters, stimuli,
 * integrator, dt and initial values mean exactly what they mean in a run). Projections into the
 * fitted population are followed when their sources do not depend on it (synapticArrivals.ts): the
 * spikes arriving become fixed events, and trained synapse parameters (`syn:PROJECTION.w`) are
 * differentiated through `on_pre` and the neuron. When spikes of other cells move with θ (a loop, or a
 * trained weight into another population) the fit uses DifferentiableNetwork instead.
 */
import { evaluate } from '../model/evaluate';
import { inlineDefinitions, symbolsOf } from '../model/symbolic';
import type { Expr } from '../model/ir';
import type { Unit } from '../model/units';
import { compileProject } from '../engine/build';
import { BlowUpError, EngineError } from '../engine/errors';
import { externalInput, type FlatModel } from '../engine/flatten';
import type { PopulationSetup } from '../engine/population';
import type { Project } from '../project/schema';
import type { DeviceWaitTotals } from '../engine/webgpu/deviceWaits';
import type { CaseObservation, DifferentiableSimulation, GpuManyOptions, GpuManyResult } from './observation';
import { buildStepProgram } from '../engine/stepProgram';
import { compileTangentStep, generateTangentStep, outStride, type StepFunction, type SurrogateSlope } from './tangentCodegen';
import { resolveTrainedParams } from './trainedParams';
import type { SynapseGradient } from './networkProjection';
import { CellBatch } from './cellBatch';
import { GpuCellBatch, gpuBatchProblem } from './gpuCellBatch';
import type { GpuTarget } from '../engine/webgpu/gpuSimulation';
import { ObservationRecorder } from './observationRecorder';
import { collectArrivals, incomingProjections, type IncomingProjection } from './synapticArrivals';
import { initialStateWithTangents } from './initialTangents';
import { compileOnPre, generateOnPreTangent, type OnPreFunction } from './onPreTangent';

export interface DifferentiableCellOptions {
  readonly population: string;
  /** Which neuron of the population is simulated (default 0). */
  readonly neuron?: number;
  /** The observed state (default `v`, else the first state). */
  readonly observe?: string;
  /** Trained parameters: flat names (`tau`, `Na.gNa`), `init:STATE` for an initial value, `syn:PROJECTION.PARAM` for a synapse's. */
  readonly params: readonly string[];
  readonly surrogate: SurrogateSlope;
  readonly resetGradient: 'differentiate' | 'detach' | 'spike-times';
  /**
   * Network gradients only: how other neurons' spikes move with θ — not at all ('detach', the
   * default), by their surrogate derivatives, or by their spike times (networkProjection.ts).
   */
  readonly synapseGradient?: SynapseGradient;
}

interface CaseData {
  readonly setup: PopulationSetup;
  readonly steps: number;
  readonly dtMs: number;
  /** External inputs per step, [n * I + i]. */
  readonly inputs: Float64Array;
  /** The case's parameter values for the simulated neuron. */
  readonly paramValues: Float64Array;
  /** Spikes reaching the neuron through projections, per projection (in the engine's order). */
  readonly incoming: readonly IncomingProjection[];
}

const NEVER_SPIKED = -1_000_000_000;

export class DifferentiableCell implements DifferentiableSimulation {
  readonly kind = 'cell';
  readonly simulatedNeurons = 1;
  get simulatedStates(): number {
    return this.flat.states.length;
  }
  readonly flat: FlatModel;
  readonly paramNames: readonly string[];
  /** The trained parameters' values in the first case's project (canonical units). */
  readonly initialValues: Float64Array;
  /** Declared units of the trained parameters (values are canonical: divide by unit.scale to show them). */
  readonly paramUnits: readonly Unit[];
  readonly observedState: string;
  private readonly cases: CaseData[];
  private readonly trainedParams: readonly number[];
  private readonly trainedInits: ReadonlyMap<number, number>;
  private readonly stepWithGradient: StepFunction;
  private readonly stepForward: StepFunction;
  /** Per incoming projection (case order is the same in every case): on_pre with and without tangents. */
  private readonly onPre: { readonly gradient: OnPreFunction; readonly forward: OnPreFunction }[];
  private readonly observed: number;
  private batch: CellBatch | undefined;
  private gpuBatch: { readonly gpu: GpuTarget; readonly batch: GpuCellBatch } | undefined;

  constructor(projects: readonly Project[], private readonly options: DifferentiableCellOptions) {
    if (projects.length === 0) throw new EngineError('invalid-value', 'a fit needs at least one case');
    this.cases = projects.map((p, k) => loadCase(p, options, k));
    this.flat = this.cases[0].setup.flat;
    const flat = this.flat;
    this.cases.forEach((c, k) => {
      if (c.setup.flat.states.length !== flat.states.length || c.setup.flat.params.length !== flat.params.length) {
        throw new EngineError('invalid-value', `case ${k + 1}: population '${options.population}' has a different model than in case 1`);
      }
    });
    this.observedState = options.observe ?? (flat.states.some((s) => s.name === 'v') ? 'v' : flat.states[0]?.name);
    this.observed = flat.states.findIndex((s) => s.name === this.observedState);
    if (this.observed < 0) throw new EngineError('invalid-value', `'${this.observedState}' is not a state of population '${options.population}'; its states are: ${flat.states.map((s) => s.name).join(', ')}`);
    this.paramNames = [...options.params];
    const first = this.cases[0];
    const fitted = {
      id: options.population,
      flat,
      paramValue: (index: number) => first.paramValues[index],
      initialValue: (state: number) => this.initialState(first, null).X[state],
    };
    this.trainedInits = new Map();
    this.trainedParams = [];
    const resolved = resolveTrainedParams(this.paramNames, fitted, first.incoming.map((q) => q.setup), `into population '${options.population}'`);
    this.trainedInits = resolved.trainedInits;
    this.trainedParams = resolved.fittedParams;
    const synapseSlots = resolved.synapseSlots;
    this.paramUnits = resolved.units;
    this.initialValues = resolved.initial;
    const { integrator, sequential } = this.cases[0].setup;
    const program = buildStepProgram(flat, { integrator, sequential });
    const code = (trained: readonly number[]) => generateTangentStep(flat, program, { trainedParams: trained, resetGradient: options.resetGradient });
    this.stepWithGradient = compileTangentStep(code(this.trainedParams), options.surrogate);
    this.stepForward = compileTangentStep(code([]), options.surrogate);
    const ids = (c: CaseData) => c.incoming.map((q) => q.setup.id).join(',');
    this.cases.forEach((c, k) => {
      if (ids(c) !== ids(this.cases[0])) throw new EngineError('invalid-value', `case ${k + 1}: population '${options.population}' receives other projections than in case 1`);
    });
    this.onPre = this.cases[0].incoming.map(({ setup }) => {
      const spec = (paramCount: number) => ({ id: setup.id, ir: setup.ir, plan: setup.plan, trained: synapseSlots.get(setup.id) ?? new Map<string, number>(), paramCount });
      return { gradient: compileOnPre(generateOnPreTangent(spec(this.paramNames.length), flat)), forward: compileOnPre(generateOnPreTangent(spec(0), flat)) };
    });
  }

  get caseCount(): number {
    return this.cases.length;
  }

  /** Simulates every case at θ; with `gradient: false` the sensitivities are left out (zero-length). */
  run(theta: Float64Array, gradient = true): CaseObservation[] {
    return this.cases.map((c) => this.runCase(c, theta, gradient));
  }

  /**
   * Every case at each of several θ in one batched simulation (no sensitivities): per θ, what
   * `run(θ, false)` returns. Undefined where the batch does not apply (inputs through projections)
   * or a candidate blew up: then evaluate them one by one.
   */
  runMany(thetas: readonly Float64Array[]): CaseObservation[][] | undefined {
    if (this.cases.some((c) => c.incoming.length > 0)) return undefined;
    const { integrator, sequential } = this.cases[0].setup;
    this.batch ??= new CellBatch(this.flat, buildStepProgram(this.flat, { integrator, sequential }), this.trainedParams, this.trainedInits, this.options.neuron ?? 0, this.observed, this.options);
    const perCase: CaseObservation[][] = [];
    for (const c of this.cases) {
      const observations = this.batch.run(c, thetas);
      if (!observations) return undefined;
      perCase.push(observations);
    }
    return thetas.map((_, b) => perCase.map((observations) => observations[b]));
  }

  gpuBatchProblem(): string | undefined {
    if (this.cases.some((c) => c.incoming.length > 0)) return 'the fitted cell receives spikes through projections, which differ per copy';
    return gpuBatchProblem(this.flat);
  }

  /** As `runMany`, on the GPU (gpuCellBatch.ts): float32, spike times interpolated within their step as on the CPU. */
  async runManyOnGpu(thetas: readonly Float64Array[], gpu: GpuTarget, options: GpuManyOptions = { trace: true }): Promise<GpuManyResult | undefined> {
    const problem = this.gpuBatchProblem();
    if (problem) throw new Error(`internal: no GPU batch: ${problem}`);
    if (this.gpuBatch?.gpu !== gpu) this.releaseGpu();
    if (this.gpuBatch?.gpu !== gpu) this.gpuBatch = { gpu, batch: new GpuCellBatch(this.flat, this.trainedParams, this.trainedInits, this.options.neuron ?? 0, this.observed, gpu) };
    const perCase: CaseObservation[][] = [];
    const termSums: Float64Array[][] = [];
    const spikeTermValues: Float64Array[][] = [];
    const blownUp = new Set<number>();
    let deviceWait: DeviceWaitTotals = { wallMs: 0, cpuMs: 0 };
    for (const [k, c] of this.cases.entries()) {
      const result = await this.gpuBatch.batch.run(c, thetas, { trace: options.trace, terms: options.terms?.(k, c.dtMs, c.steps), spikeTerms: options.spikeTerms?.(k, c.dtMs, c.steps), spikes: options.spikes, chunkSteps: options.chunkSteps });
      if (!result) return undefined;
      perCase.push(result.observations);
      termSums.push(result.termSums);
      spikeTermValues.push(result.spikeTermValues);
      result.blownUp.forEach((b) => blownUp.add(b));
      deviceWait = { wallMs: deviceWait.wallMs + result.deviceWait.wallMs, cpuMs: deviceWait.cpuMs + result.deviceWait.cpuMs };
    }
    return { observations: thetas.map((_, b) => perCase.map((observations) => observations[b])), termSums, spikeTermValues, blownUp: [...blownUp].sort((a, b) => a - b), deviceWait };
  }

  releaseGpu(): void {
    this.gpuBatch?.batch.release();
    this.gpuBatch = undefined;
  }

  private runCase(c: CaseData, theta: Float64Array, gradient: boolean): CaseObservation {
    const P = gradient ? this.paramNames.length : 0;
    const flat = this.flat;
    const S = flat.states.length;
    const PV = Float64Array.from(c.paramValues);
    this.trainedParams.forEach((p, k) => p >= 0 && (PV[p] = theta[k]));
    const { X, DX } = this.initialState(c, theta, PV, gradient);
    const step = gradient ? this.stepWithGradient : this.stepForward;
    const conditions = flat.spikes.length;
    const OUT = new Float64Array(Math.max(1, conditions) * outStride(P));
    const I = flat.inputs.length;
    const U = new Float64Array(I);
    const steps = c.steps;
    const dt = c.dtMs;
    const recorder = new ObservationRecorder(steps, P, dt);
    const refractory = flat.refractory ? refractorySteps(flat, flat.refractory, PV, dt) : undefined;
    let lastSpike = NEVER_SPIKED;
    const lastSpikeTimeGrad = new Float64Array(P);
    const obs = this.observed;
    const arrivals = c.incoming.map((q, i) => ({ ...q, apply: gradient ? this.onPre[i].gradient : this.onPre[i].forward, next: 0 }));
    for (let n = 0; n < steps; n++) {
      recorder.sample(n, X, obs, DX, obs * P);
      for (let i = 0; i < I; i++) U[i] = c.inputs[n * I + i];
      const refSteps = refractory ? refractory(X) : 0;
      const nr = n - lastSpike >= refSteps ? 1 : 0;
      const release = refSteps > 1 && n - lastSpike === refSteps ? 1 : 0;
      step(X, DX, PV, U, n, dt, nr, lastSpike === NEVER_SPIKED ? -1e7 : lastSpike * dt, OUT, refSteps, release, lastSpikeTimeGrad);
      for (let s = 0; s < S; s++) {
        if (!Number.isFinite(X[s])) throw new BlowUpError(this.options.population, this.options.neuron ?? 0, flat.states[s].name, Number(((n + 1) * dt).toPrecision(12)), X[s]);
      }
      if (recorder.spikeOutputs(n, OUT, conditions)) {
        lastSpike = n;
        recorder.lastSpikeTimeGrad(lastSpikeTimeGrad);
      }
      // Spikes arriving at the end of step n (seen from step n + 1 on, as in the engine).
      for (const a of arrivals) {
        for (; a.next < a.steps.length && a.steps[a.next] === n; a.next++) a.apply(X, DX, a.rows, a.next * a.width, theta, n, dt, 0);
      }
    }
    return recorder.result();
  }

  private initialState(c: CaseData, theta: Float64Array | null, PV: Float64Array = c.paramValues, gradient = false): { X: Float64Array; DX: Float64Array } {
    const spec = { setup: c.setup, trainedParams: this.trainedParams, trainedInits: this.trainedInits };
    return initialStateWithTangents(spec, this.options.neuron ?? 0, PV, theta, gradient ? this.paramNames.length : 0);
  }
}

function loadCase(project: Project, options: DifferentiableCellOptions, index: number): CaseData {
  const where = `case ${index + 1}`;
  const popIndex = project.populations.findIndex((p) => p.id === options.population);
  if (popIndex < 0) throw new EngineError('invalid-value', `${where}: no population '${options.population}'; populations: ${project.populations.map((p) => p.id).join(', ')}`);
  // Recordings play no part in a fit (the cell records what the losses need); spikes feed the arrivals.
  const sim = compileProject({ ...project, recordings: [], connectionRecordings: [], rates: [], spikes: { ...project.spikes, populations: 'all' } });
  const setup = sim.populations.find((p) => p.id === options.population)!.setup;
  const neuron = options.neuron ?? 0;
  if (neuron >= setup.size) throw new EngineError('invalid-value', `${where}: neuron ${neuron} does not exist ('${setup.id}' has ${setup.size})`);
  const dtMs = setup.dtMs;
  const steps = Math.round(project.simulation.durationMs / dtMs);
  const I = setup.flat.inputs.length;
  const inputs = new Float64Array(steps * I);
  const scratch = new Float64Array(setup.size);
  for (let n = 0; n < steps; n++) {
    for (const { input, stimulus } of setup.stimuli) {
      if (stimulus.uniform && stimulus.neurons === null) inputs[n * I + input] += stimulus.valueAt(n, dtMs);
      else {
        scratch.fill(0);
        stimulus.addInto(scratch, n, dtMs);
        inputs[n * I + input] += scratch[neuron];
      }
    }
  }
  const paramValues = Float64Array.from(setup.paramValues, (v) => (typeof v === 'number' ? v : v[neuron]));
  const incoming = collectArrivals(sim, incomingProjections(sim, options.population, where), neuron, steps);
  return { setup, steps, dtMs, inputs, paramValues, incoming };
}

/** The refractory period in whole steps (Brian2's rule), from the parameters and present state. */
function refractorySteps(flat: FlatModel, ref: Expr, PV: Float64Array, dtMs: number): (X: Float64Array) => number {
  const paramIndex = new Map(flat.params.map((p, k) => [p.name, k]));
  const stateIndex = new Map(flat.states.map((s, k) => [s.name, k]));
  const defs = new Map(flat.definitions.map((d) => [d.name, d.expr]));
  const e = inlineDefinitions(ref, defs);
  const steps = (X: Float64Array) =>
    Math.floor(
      evaluate(e, (name) => {
        const p = paramIndex.get(name);
        if (p !== undefined) return PV[p];
        const s = stateIndex.get(name);
        if (s !== undefined) return X[s];
        if (name === 'dt') return dtMs;
        if (name.startsWith(externalInput(''))) return 0;
        throw new EngineError('invalid-model', `the refractory period cannot read '${name}'`);
      }) /
        dtMs +
        1e-3,
    );
  // Usually a parameter (t_ref): computed once per run instead of interpreted at every step.
  if (![...symbolsOf(e)].some((name) => stateIndex.has(name))) {
    const constant = steps(new Float64Array(flat.states.length));
    return () => constant;
  }
  return steps;
}
