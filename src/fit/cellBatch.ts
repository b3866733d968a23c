/**
 * Many parameter sets of one cell in one simulation (CMA-ES asks for a generation of candidates at a
 * time): the cell's step looped over B copies of the observed neuron, each with its own values of
 * the trained parameters (batchedTangentCodegen.ts without tangents), so a generation costs one pass
 * over the steps instead of B. The copies get exactly what the single cell gets — the same external
 * inputs, parameter values and initial values — and each returns the observation the cell would, so
 * the losses are the same numbers (tested).
 *
 * Batched only where every copy sees the same world: no projections into the cell (their arrivals
 * are per neuron); otherwise, and after a blow-up (which stops the batch at its first bad neuron),
 * the caller evaluates the candidates one by one.
 */
import type { FlatModel } from '../engine/flatten';
import type { PopulationSetup } from '../engine/population';
import type { StepProgram } from '../engine/stepProgram';
import { compileBatchedStep, generateBatchedTangentStep, NEVER_SPIKED, type BatchedStepFunction } from './batchedTangentCodegen';
import { initialStateWithTangents } from './initialTangents';
import { observationWithoutSensitivities, type CaseObservation } from './observation';
import type { SurrogateSlope, TangentOptions } from './tangentCodegen';

export interface BatchCase {
  readonly setup: PopulationSetup;
  readonly steps: number;
  readonly dtMs: number;
  /** External inputs per step, [n * I + i] (the observed neuron's). */
  readonly inputs: Float64Array;
  /** The case's parameter values for the observed neuron. */
  readonly paramValues: Float64Array;
}

export class CellBatch {
  private readonly step: BatchedStepFunction;

  constructor(
    private readonly flat: FlatModel,
    program: StepProgram,
    /** Flat parameter of each θ slot (-1: a trained initial value). */
    private readonly trainedParams: readonly number[],
    private readonly trainedInits: ReadonlyMap<number, number>,
    private readonly neuron: number,
    private readonly observed: number,
    options: Pick<TangentOptions, 'resetGradient'> & { readonly surrogate: SurrogateSlope },
  ) {
    const paramIsArray = flat.params.map((_, j) => trainedParams.includes(j));
    this.step = compileBatchedStep(generateBatchedTangentStep(flat, program, { trainedParams: [], resetGradient: options.resetGradient, paramIsArray, spikeDerivatives: false }), options.surrogate);
  }

  /** Every candidate's observation of case `c`, or undefined when a candidate blew up. */
  run(c: BatchCase, thetas: readonly Float64Array[]): CaseObservation[] | undefined {
    const { flat } = this;
    const B = thetas.length;
    const S = flat.states.length;
    const I = flat.inputs.length;
    const PV = Float64Array.from(c.paramValues);
    const PA = flat.params.map((_, j) => (this.trainedParams.includes(j) ? Float64Array.from(thetas, (theta) => theta[this.trainedParams.indexOf(j)]) : null));
    const X = new Float64Array(B * S);
    const spec = { setup: c.setup, trainedParams: this.trainedParams, trainedInits: this.trainedInits };
    thetas.forEach((theta, b) => {
      const values = Float64Array.from(PV, (v, j) => (PA[j] ? PA[j]![b] : v));
      X.set(initialStateWithTangents(spec, this.neuron, values, theta, 0).X, b * S);
    });
    const UA = flat.inputs.map(() => new Float64Array(B));
    const LS = new Int32Array(B).fill(NEVER_SPIKED);
    const SPK = new Int32Array(B);
    const fraction = new Float64Array(B);
    const none = new Float64Array(0);
    const traces = thetas.map(() => new Float64Array(c.steps));
    const times: number[][] = thetas.map(() => []);
    for (let n = 0; n < c.steps; n++) {
      for (let b = 0; b < B; b++) traces[b][n] = X[b * S + this.observed];
      for (let q = 0; q < I; q++) UA[q].fill(c.inputs[n * I + q]);
      const count = this.step(B, X, none, PV, PA, UA, n, c.dtMs, LS, SPK, none, fraction, none, -1, none);
      if (count < 0) return undefined;
      for (let j = 0; j < count; j++) {
        const b = SPK[j];
        times[b].push((n + fraction[j]) * c.dtMs);
      }
    }
    return thetas.map((_, b) => observationWithoutSensitivities(c.dtMs, c.steps, traces[b], times[b]));
  }
}
