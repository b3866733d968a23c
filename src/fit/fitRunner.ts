/**
 * The optimisation loop of a fit, one iteration at a time (the worker and the CLI drive it, so they
 * can report, pause and stop between iterations). Gradient descent uses tfjs's Adam and SGD
 * optimisers on the optimiser coordinates (fitProblem.ts), with an exponential learning-rate
 * schedule and clipping by gradient norm; CMA-ES (cmaes.ts) searches the same coordinates with the
 * same loss, without gradients, one generation per iteration; Levenberg–Marquardt uses the trace
 * residuals' Jacobian (trace-mse losses only), one accepted step per iteration.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { CmaEs } from './cmaes';
import type { FitProblem } from './fitProblem';
import { LevenbergMarquardt } from './levenbergMarquardt';
import { checkLeastSquares, traceResiduals } from './residuals';
import type { CaseObservation } from './observation';
import type { GpuTarget } from '../engine/webgpu/gpuSimulation';

export interface FitIteration {
  readonly iteration: number;
  /** Model evaluations so far (one per case and candidate). */
  readonly evaluations: number;
  /** Loss at `values` (gradient methods: before this iteration's update; CMA-ES: the generation's best). */
  readonly loss: number;
  /** Canonical parameter values the loss belongs to. */
  readonly values: Float64Array;
  readonly observations: readonly CaseObservation[];
}

export interface FitBestSoFar {
  readonly iteration: number;
  readonly loss: number;
  readonly values: Float64Array;
}

let variableCount = 0;

/** tfjs on its CPU backend: the optimisers' few numbers do not need a GPU round trip. */
export async function readyTensorflow(): Promise<void> {
  // Production mode: no debug checks, and no advice to install tfjs-node printed into CLI output.
  tf.env().set('PROD', true);
  if (tf.getBackend() !== 'cpu') await tf.setBackend('cpu');
  await tf.ready();
}

export class FitRunner {
  private iterationCount = 0;
  private evaluationCount = 0;
  private bestSoFar: FitBestSoFar | null = null;
  private readonly optimizer?: tf.Optimizer;
  private readonly variable?: tf.Variable;
  private readonly cmaes?: CmaEs;
  private readonly lm?: LevenbergMarquardt;
  private free: Float64Array;

  /** Where CMA-ES generations run: the GPU when given one (fitBackend.ts chooses), else the CPU. */
  private gpu?: GpuTarget;
  private lostNote: string | undefined;

  /** Call readyTensorflow() first. */
  constructor(
    readonly problem: FitProblem,
    options: { readonly gpu?: GpuTarget } = {},
  ) {
    const settings = problem.settings.optimizer;
    this.free = problem.initialFree();
    if (settings.kind === 'cmaes') {
      this.cmaes = new CmaEs({ x0: this.free, sigma0: settings.sigma0, seed: settings.seed, populationSize: settings.populationSize });
      this.gpu = options.gpu;
      return;
    }
    if (settings.kind === 'lm') {
      checkLeastSquares(problem.loss);
      this.lm = new LevenbergMarquardt(problem.params.length);
      return;
    }
    this.variable = tf.variable(tf.tensor1d(Array.from(this.free), 'float32'), true, `spikeflow-fit-${++variableCount}`);
    this.optimizer = settings.kind === 'adam' ? tf.train.adam(settings.learningRate) : tf.train.sgd(settings.learningRate);
  }

  get iteration(): number {
    return this.iterationCount;
  }

  get evaluations(): number {
    return this.evaluationCount;
  }

  get best(): FitBestSoFar | null {
    return this.bestSoFar;
  }

  /** One iteration: a gradient step, or one CMA-ES generation (on the CPU). */
  step(): FitIteration {
    return this.count(this.cmaes ? this.generation(this.cmaes) : this.lm ? this.lmStep(this.lm) : this.gradientStep());
  }

  /**
   * One iteration, a CMA-ES generation on the GPU when the runner has one (else as `step`). When the
   * device is lost, that generation and the rest run on the CPU, and `gpuLost` says so.
   */
  async stepAsync(): Promise<FitIteration> {
    if (!this.cmaes || !this.gpu) return this.step();
    const candidates = this.cmaes.ask();
    const values = candidates.map((z) => this.problem.valuesOf(z));
    let evaluated;
    try {
      evaluated = await this.problem.evaluateManyOnGpu(values, this.gpu);
    } catch (e) {
      const lost = await lostReason(this.gpu.device);
      if (lost === undefined) throw e;
      this.problem.cell.releaseGpu?.();
      this.gpu = undefined;
      this.lostNote = `the WebGPU device was lost (${lost}) at iteration ${this.iterationCount + 1}; the fit went on on the CPU`;
      evaluated = this.problem.evaluateMany(values);
    }
    return this.count(this.tell(this.cmaes, candidates, evaluated));
  }

  /** Why the generations left the GPU for the CPU, once the device was lost. */
  get gpuLost(): string | undefined {
    return this.lostNote;
  }

  private count(result: FitIteration): FitIteration {
    this.iterationCount++;
    if (!this.bestSoFar || result.loss < this.bestSoFar.loss) this.bestSoFar = { iteration: result.iteration, loss: result.loss, values: result.values };
    return result;
  }

  dispose(): void {
    this.variable?.dispose();
    this.optimizer?.dispose();
    this.problem.cell.releaseGpu?.();
  }

  private gradientStep(): FitIteration {
    const { problem } = this;
    const settings = problem.settings.optimizer;
    const values = problem.valuesOf(this.free);
    const evaluated = problem.evaluate(values, true);
    this.evaluationCount += problem.cell.caseCount;
    const grad = problem.gradToFree(this.free, evaluated.grad);
    const norm = Math.hypot(...grad);
    // Adam squares the gradient in float32 (tfjs): beyond ~1e18 that overflows and the step is NaN.
    if (!Number.isFinite(norm) || norm > 1e18) {
      const loop = problem.cell.kind === 'network' && problem.settings.surrogate.synapses === 'surrogate';
      const hint = loop ? "; surrogate derivatives carried around a loop of the network grow at every step — try surrogate.synapses 'spike-times' or 'detach'" : '; try a smaller learning rate, clipNorm or bounds';
      throw new Error(`the gradient is ${Number.isFinite(norm) ? `too large for the optimiser (norm ${norm.toExponential(2)})` : 'not finite'} at iteration ${this.iterationCount + 1} (loss ${evaluated.loss})${hint}`);
    }
    if (settings.clipNorm !== undefined && norm > settings.clipNorm) grad.forEach((g, k) => (grad[k] = (g * settings.clipNorm!) / norm));
    // tfjs reads the learning rate at every update: the schedule sets it before each step.
    (this.optimizer as unknown as { learningRate: number }).learningRate = settings.learningRate * settings.decay ** this.iterationCount;
    const variable = this.variable!;
    tf.tidy(() => this.optimizer!.applyGradients({ [variable.name]: tf.tensor1d(Array.from(grad), 'float32') }));
    this.free = Float64Array.from(variable.dataSync());
    return { iteration: this.iterationCount, evaluations: this.evaluationCount, loss: evaluated.loss, values, observations: evaluated.observations };
  }

  private lmStep(lm: LevenbergMarquardt): FitIteration {
    const { problem } = this;
    const values = problem.valuesOf(this.free);
    const evaluated = problem.evaluate(values, true);
    this.evaluationCount += problem.cell.caseCount;
    const { values: residuals, jacobian } = traceResiduals(problem.loss, evaluated.observations, problem.targets);
    // ∂r/∂z = ∂r/∂θ · dθ/dz, column by column.
    const P = problem.params.length;
    const factors = problem.gradToFree(this.free, new Float64Array(P).fill(1));
    for (let i = 0; i < jacobian.length; i++) jacobian[i] *= factors[i % P];
    lm.step(this.free, { loss: evaluated.loss, residuals, jacobian }, (z) => {
      this.evaluationCount += problem.cell.caseCount;
      try {
        return problem.evaluate(problem.valuesOf(z), false).loss;
      } catch (e) {
        if ((e as { code?: string }).code === 'blowup') return Infinity;
        throw e;
      }
    });
    return { iteration: this.iterationCount, evaluations: this.evaluationCount, loss: evaluated.loss, values, observations: evaluated.observations };
  }

  private generation(cmaes: CmaEs): FitIteration {
    const candidates = cmaes.ask();
    // One batched simulation per generation where the cell allows it (fit/cellBatch.ts).
    return this.tell(cmaes, candidates, this.problem.evaluateMany(candidates.map((z) => this.problem.valuesOf(z))));
  }

  /** Tells CMA-ES the generation's losses; the iteration is its best candidate. */
  private tell(cmaes: CmaEs, candidates: Float64Array[], evaluated: readonly { loss: number; observations: readonly CaseObservation[] }[]): FitIteration {
    const { problem } = this;
    let bestIndex = 0;
    let bestLoss = Infinity;
    const losses = evaluated.map(({ loss }, i) => {
      this.evaluationCount += problem.cell.caseCount;
      if (loss < bestLoss) {
        bestLoss = loss;
        bestIndex = i;
      }
      // A candidate that blows up is a bad candidate, not a failed fit (CMA-ES explores widely).
      return Number.isFinite(loss) ? loss : Number.MAX_VALUE;
    });
    cmaes.tell(candidates, losses);
    this.free = Float64Array.from(cmaes.mean);
    // The best's observations are read where they are shown: a GPU generation simulates them then.
    // None when no candidate had a finite loss.
    const best = bestLoss < Infinity ? evaluated[bestIndex] : undefined;
    return {
      iteration: this.iterationCount,
      evaluations: this.evaluationCount,
      loss: bestLoss,
      values: problem.valuesOf(candidates[bestIndex]),
      get observations() {
        return best?.observations ?? [];
      },
    };
  }
}

/** The device's loss reason when it is lost (a failing call may settle first: wait a moment), else undefined. */
async function lostReason(device: GPUDevice): Promise<string | undefined> {
  return Promise.race([device.lost.then((info) => info.message || info.reason), new Promise<undefined>((resolve) => setTimeout(resolve, 100))]);
}
