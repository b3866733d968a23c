/**
 * A differentiable simulation of a whole network (networkPlan.ts says which populations): every
 * neuron of the differentiable populations is stepped with forward-mode tangents (the batched step,
 * batchedTangentCodegen.ts), spikes travel through the projections with their delays and surrogate
 * derivatives (networkProjection.ts), and one neuron of the fitted population is observed, as the
 * single-cell gradient observes it. Loops (recurrent connections) are followed: a change of θ moves
 * the spikes of every neuron downstream of it, and those move the others.
 *
 * Same interface as DifferentiableCell; the fit uses it when the fitted population feeds back on
 * itself or a trained synapse parameter belongs to a projection into another population. Memory is
 * the states and their P tangents for every simulated neuron, plus the queued arrivals — no tape.
 */
import type { Unit } from '../model/units';
import { compileProject } from '../engine/build';
import { BlowUpError, EngineError } from '../engine/errors';
import type { FlatModel } from '../engine/flatten';
import type { PopulationSetup } from '../engine/population';
import type { Simulation } from '../engine/simulation';
import { buildStepProgram } from '../engine/stepProgram';
import type { Project } from '../project/schema';
import type { CaseObservation, DifferentiableSimulation } from './observation';
import type { DifferentiableCellOptions } from './differentiableCell';
import { compileBatchedStep, generateBatchedTangentStep, NEVER_SPIKED, type BatchedStepFunction } from './batchedTangentCodegen';
import { initialStateWithTangents, initialValuesUniform } from './initialTangents';
import { compileNetworkProjection, NetworkProjection, type NetworkProjectionCode } from './networkProjection';
import { planNetwork, replayFixed, type ReplayedSpikes } from './networkPlan';
import { ObservationRecorder } from './observationRecorder';
import { outStride } from './tangentCodegen';
import { flatIndices, resolveTrainedParams } from './trainedParams';

/** A differentiable population's code (the same for every case). */
interface PopulationCode {
  readonly id: string;
  readonly fitted: boolean;
  readonly trained: readonly number[];
  readonly paramIsArray: readonly boolean[];
  readonly gradient: BatchedStepFunction;
  readonly forward: BatchedStepFunction;
}

interface CaseData {
  readonly steps: number;
  readonly dtMs: number;
  readonly populations: readonly PopulationSetup[];
  readonly projections: readonly { readonly code: NetworkProjectionCode; readonly pre: number; readonly post: number }[];
  readonly replayed: ReadonlyMap<string, ReplayedSpikes>;
}

export class DifferentiableNetwork implements DifferentiableSimulation {
  readonly kind = 'network';
  readonly simulatedNeurons: number;
  readonly simulatedStates: number;
  /** The populations stepped with tangents (networkPlan.ts), in the engine's order. */
  readonly populations: readonly string[];
  readonly flat: FlatModel;
  readonly paramNames: readonly string[];
  readonly initialValues: Float64Array;
  readonly paramUnits: readonly Unit[];
  readonly observedState: string;
  private readonly code: PopulationCode[];
  private readonly cases: CaseData[];
  private readonly trainedInits: ReadonlyMap<number, number>;
  private readonly observed: number;
  private readonly neuron: number;

  constructor(projects: readonly Project[], private readonly options: DifferentiableCellOptions) {
    if (projects.length === 0) throw new EngineError('invalid-value', 'a fit needs at least one case');
    this.paramNames = [...options.params];
    this.neuron = options.neuron ?? 0;
    const compiled = projects.map((p, k) => compileCase(p, options, k));
    const first = compiled[0];
    const fittedSetup = first.plan.differentiable.find((p) => p.id === options.population)!.setup;
    this.flat = fittedSetup.flat;
    const flat = this.flat;
    this.observedState = options.observe ?? (flat.states.some((s) => s.name === 'v') ? 'v' : flat.states[0]?.name);
    this.observed = flat.states.findIndex((s) => s.name === this.observedState);
    if (this.observed < 0) throw new EngineError('invalid-value', `'${this.observedState}' is not a state of population '${options.population}'; its states are: ${flat.states.map((s) => s.name).join(', ')}`);
    if (this.neuron >= fittedSetup.size) throw new EngineError('invalid-value', `neuron ${this.neuron} does not exist ('${fittedSetup.id}' has ${fittedSetup.size})`);
    const value = (v: number | Float64Array) => (typeof v === 'number' ? v : v[this.neuron]);
    const fitted = {
      id: options.population,
      flat,
      paramValue: (index: number) => value(fittedSetup.paramValues[index]),
      initialValue: (state: number) => initialStateWithTangents({ setup: fittedSetup, trainedParams: [], trainedInits: new Map() }, this.neuron, fittedSetup.paramValues.map(value), null, 0).X[state],
    };
    const resolved = resolveTrainedParams(this.paramNames, fitted, first.plan.projections, 'into the simulated network');
    this.trainedInits = resolved.trainedInits;
    this.paramUnits = resolved.units;
    this.initialValues = resolved.initial;
    this.simulatedNeurons = first.plan.differentiable.reduce((sum, p) => sum + p.size, 0);
    this.populations = first.plan.differentiable.map((p) => p.id);
    this.simulatedStates = first.plan.differentiable.reduce((sum, p) => sum + p.size * p.flat.states.length, 0);
    const P = this.paramNames.length;
    this.code = first.plan.differentiable.map(({ setup }) => {
      const isFitted = setup.id === options.population;
      const trained = flatIndices(this.paramNames, setup.flat, isFitted);
      const paramIsArray = setup.paramValues.map((v, j) => typeof v !== 'number' && !trained.includes(j));
      const program = buildStepProgram(setup.flat, { integrator: setup.integrator, sequential: setup.sequential });
      const build = (t: readonly number[]) => compileBatchedStep(generateBatchedTangentStep(setup.flat, program, { trainedParams: t, resetGradient: options.resetGradient, paramIsArray, spikeDerivatives: options.synapseGradient === 'surrogate' }), options.surrogate);
      return { id: setup.id, fitted: isFitted, trained, paramIsArray, gradient: build(trained), forward: build([]) };
    });
    const differentiableIds = first.plan.differentiable.map((p) => p.id);
    const mode = options.synapseGradient ?? 'detach';
    const projectionCode = first.plan.projections.map((s) =>
      compileNetworkProjection(s, this.code[differentiableIds.indexOf(s.post.id)].paramIsArray, resolved.synapseSlots.get(s.id) ?? new Map(), P, differentiableIds.includes(s.pre.id) ? mode : 'detach', 'the network gradient'),
    );
    this.cases = compiled.map(({ sim, plan, steps }, k) => {
      const ids = plan.differentiable.map((p) => p.id).join(',');
      if (ids !== differentiableIds.join(',') || plan.projections.length !== projectionCode.length) throw new EngineError('invalid-value', `case ${k + 1}: the network differs from case 1's`);
      const allIds = [...differentiableIds, ...plan.fixed.map((p) => p.id)];
      return {
        steps,
        dtMs: fittedSetup.dtMs,
        populations: plan.differentiable.map((p) => p.setup),
        projections: plan.projections.map((s, q) => ({ code: { ...projectionCode[q], setup: s }, pre: allIds.indexOf(s.pre.id), post: differentiableIds.indexOf(s.post.id) })),
        replayed: replayFixed(sim, plan.fixed, steps),
      };
    });
  }

  get caseCount(): number {
    return this.cases.length;
  }

  run(theta: Float64Array, gradient = true): CaseObservation[] {
    return this.cases.map((c) => this.runCase(c, theta, gradient));
  }

  private runCase(c: CaseData, theta: Float64Array, gradient: boolean): CaseObservation {
    const P = gradient ? this.paramNames.length : 0;
    const dt = c.dtMs;
    const pops = c.populations.map((setup, q) => this.populationState(setup, this.code[q], theta, P));
    const fittedIndex = this.code.findIndex((p) => p.fitted);
    const fitted = pops[fittedIndex];
    const S = this.flat.states.length;
    const conditions = this.flat.spikes.length;
    const OUT = new Float64Array(Math.max(1, conditions) * outStride(P));
    const recorder = new ObservationRecorder(c.steps, P, dt);
    const projections = c.projections.map((q) => ({ ...q, runtime: new NetworkProjection(q.code, theta, P, dt) }));
    const replayed = c.projections.map((q) => (q.pre >= pops.length ? c.replayed.get(q.code.setup.pre.id)! : null));
    const obsState = this.neuron * S + this.observed;
    for (let n = 0; n < c.steps; n++) {
      recorder.sample(n, fitted.X, obsState, fitted.DX, obsState * P);
      for (let q = 0; q < pops.length; q++) {
        const p = pops[q];
        const setup = c.populations[q];
        fillInputs(setup, p.UA, n, dt);
        const code = this.code[q];
        const step = P > 0 ? code.gradient : code.forward;
        p.count = step(setup.size, p.X, p.DX, p.PV, p.PA, p.UA, n, dt, p.LS, p.SPK, p.DS, p.TS, p.TSL, code.fitted ? this.neuron : -1, OUT);
        if (p.count < 0) throw blowUp(setup, p.X, -p.count - 1, n, dt);
        if (code.fitted) recorder.spikeOutputs(n, OUT, conditions);
      }
      projections.forEach((q, k) => {
        const post = pops[q.post];
        const replay = replayed[k];
        if (replay) q.runtime.afterStep(n, dt, replay.neurons, replay.start[n], replay.start[n + 1], null, post);
        else {
          const pre = pops[q.pre];
          q.runtime.afterStep(n, dt, pre.SPK, 0, pre.count, P > 0 ? pre : null, post);
        }
      });
    }
    return recorder.result();
  }

  /** A population's arrays at the start of a run: parameters at θ, initial states and tangents. */
  private populationState(setup: PopulationSetup, code: PopulationCode, theta: Float64Array, P: number) {
    const N = setup.size;
    const S = setup.flat.states.length;
    const PV = Float64Array.from(setup.paramValues, (v) => (typeof v === 'number' ? v : 0));
    code.trained.forEach((j, k) => j >= 0 && (PV[j] = theta[k]));
    const PA = setup.paramValues.map((v, j) => (code.paramIsArray[j] ? (v as Float64Array) : null));
    const X = new Float64Array(N * S);
    const DX = new Float64Array(N * S * P);
    const spec = { setup, trainedParams: code.trained, trainedInits: code.fitted ? this.trainedInits : new Map<number, number>() };
    const neuronValues = (i: number) => Float64Array.from(PV, (v, j) => (PA[j] ? PA[j]![i] : v));
    if (initialValuesUniform(setup)) {
      const { X: x, DX: dx } = initialStateWithTangents(spec, 0, PV, theta, P);
      for (let i = 0; i < N; i++) {
        X.set(x, i * S);
        DX.set(dx, i * S * P);
      }
    } else {
      for (let i = 0; i < N; i++) {
        const { X: x, DX: dx } = initialStateWithTangents(spec, i, neuronValues(i), theta, P);
        X.set(x, i * S);
        DX.set(dx, i * S * P);
      }
    }
    return {
      X,
      DX,
      PV,
      PA,
      UA: setup.flat.inputs.map(() => new Float64Array(N)),
      LS: new Int32Array(N).fill(NEVER_SPIKED),
      SPK: new Int32Array(N),
      DS: new Float64Array(N * P),
      TS: new Float64Array(N * P),
      TSL: new Float64Array(N * P),
      count: 0,
    };
  }
}

function compileCase(project: Project, options: DifferentiableCellOptions, index: number): { sim: Simulation; plan: ReturnType<typeof planNetwork>; steps: number } {
  const where = `case ${index + 1}`;
  if (!project.populations.some((p) => p.id === options.population)) throw new EngineError('invalid-value', `${where}: no population '${options.population}'; populations: ${project.populations.map((p) => p.id).join(', ')}`);
  // Recordings play no part in a fit; spikes of the fixed populations are replayed.
  const sim = compileProject({ ...project, recordings: [], connectionRecordings: [], rates: [], spikes: { ...project.spikes, populations: 'all' } });
  const plan = planNetwork(sim, options.population, options.params, where);
  const steps = Math.round(project.simulation.durationMs / sim.dtMs);
  return { sim, plan, steps };
}

/** This step's external inputs, per input and neuron, from the population's stimuli. */
function fillInputs(setup: PopulationSetup, UA: readonly Float64Array[], n: number, dtMs: number): void {
  if (setup.stimuli.length === 0) return; // inputs no stimulus drives stay 0
  for (const { input } of setup.stimuli) UA[input].fill(0);
  for (const { input, stimulus } of setup.stimuli) {
    const target = UA[input];
    if (stimulus.uniform && stimulus.neurons === null) {
      const value = stimulus.valueAt(n, dtMs);
      if (value !== 0) for (let i = 0; i < target.length; i++) target[i] += value;
    } else stimulus.addInto(target, n, dtMs);
  }
}

function blowUp(setup: PopulationSetup, X: Float64Array, neuron: number, n: number, dtMs: number): BlowUpError {
  const S = setup.flat.states.length;
  let s = 0;
  while (s < S - 1 && Number.isFinite(X[neuron * S + s])) s++;
  return new BlowUpError(setup.id, neuron, setup.flat.states[s].name, Number(((n + 1) * dtMs).toPrecision(12)), X[neuron * S + s]);
}
