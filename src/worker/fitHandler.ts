/**
 * The fit worker's logic (fitWorker.ts is only its entry): answers fitProtocol.ts requests. One fit
 * at a time; iterations run in slices of ~40 ms between which messages (pause, stop) are handled,
 * and progress is posted at most ~20 times per second (the overlay ~4 times), always for the first
 * and the last iteration.
 */
import { EngineError } from '../engine/errors';
import { FitProblem } from '../fit/fitProblem';
import { chooseFitBackend, type FitBackend } from '../fit/fitBackend';
import { FitRunner, readyTensorflow, type FitIteration } from '../fit/fitRunner';
import type { AcquiredGpu } from '../engine/webgpu/acquire';
import { syntheticTargets } from '../fit/synthetic';
import { resampleLinear } from '../fit/targets';
import { parseProject } from '../project/validate';
import type { FitBest, FitOverlay, FitRequest, FitResponse } from './fitProtocol';

const SLICE_MS = 40;
const PROGRESS_INTERVAL_MS = 50;
const OVERLAY_INTERVAL_MS = 250;
const OVERLAY_POINTS = 1500;

interface ActiveFit {
  readonly fitId: number;
  readonly runner: FitRunner;
  readonly iterations: number;
  readonly startedAt: number;
  paused: boolean;
  looping: boolean;
  lastProgress: number;
  lastOverlay: number;
  /** Whether a progress message has said that the device was lost. */
  lostReported?: boolean;
}

export class FitHandler {
  private fit: ActiveFit | null = null;

  /** One device per worker, asked for when a fit first wants one (a CMA-ES fit of a project on webgpu or auto). */
  private device: Promise<AcquiredGpu | string> | null = null;

  constructor(
    private readonly post: (message: FitResponse, transfer: Transferable[]) => void,
    private readonly now: () => number = () => performance.now(),
    private readonly acquireGpu?: () => Promise<AcquiredGpu | string>,
  ) {}

  async handle(request: FitRequest): Promise<void> {
    switch (request.type) {
      case 'start':
        return this.start(request.fitId, request.project);
      case 'pause':
        if (this.fit?.fitId === request.fitId) this.fit.paused = true;
        return;
      case 'resume':
        if (this.fit?.fitId === request.fitId && this.fit.paused) {
          this.fit.paused = false;
          void this.loop(this.fit);
        }
        return;
      case 'stop':
        if (this.fit?.fitId === request.fitId) this.finish(this.fit, 'stopped');
        return;
      case 'target':
        return this.target(request.requestId, request.project, request.values, request.maxSamples);
    }
  }

  private async start(fitId: number, json: unknown): Promise<void> {
    if (this.fit) this.finish(this.fit, 'stopped');
    let runner: FitRunner;
    let where: FitBackend;
    try {
      const project = parsed(json);
      const problem = new FitProblem(project);
      await readyTensorflow();
      where = await chooseFitBackend(problem, project.simulation.backend, () => this.gpuDevice());
      runner = new FitRunner(problem, where.backend === 'webgpu' ? { gpu: where.gpu } : {});
    } catch (e) {
      this.post({ type: 'failed', fitId, ...describe(e) }, []);
      return;
    }
    const problem = runner.problem;
    const fit: ActiveFit = { fitId, runner, iterations: problem.settings.optimizer.iterations, startedAt: this.now(), paused: false, looping: false, lastProgress: -Infinity, lastOverlay: -Infinity };
    this.fit = fit;
    const declaredInitial = problem.declared(problem.params.map((p) => p.initial));
    this.post(
      {
        type: 'started',
        fitId,
        optimizer: problem.settings.optimizer.kind,
        cases: problem.cell.caseCount,
        gradient: problem.cell.kind,
        simulatedNeurons: problem.cell.simulatedNeurons,
        backend: where.backend === 'webgpu' ? { backend: 'webgpu', adapter: where.adapter } : { backend: 'cpu', ...(where.note ? { note: where.note } : {}) },
        params: problem.params.map((p, k) => ({
          name: p.name,
          unit: p.unit.text === '1' ? '' : p.unit.text,
          initial: declaredInitial[k],
          ...(p.min !== undefined ? { min: p.min / p.unit.scale } : {}),
          ...(p.max !== undefined ? { max: p.max / p.unit.scale } : {}),
        })),
      },
      [],
    );
    void this.loop(fit);
  }

  private gpuDevice(): Promise<AcquiredGpu | string> {
    if (!this.acquireGpu) return Promise.resolve('WebGPU is not available in this worker');
    this.device ??= this.acquireGpu().catch((e: unknown) => `the WebGPU device could not be created (${(e as Error).message})`);
    return this.device;
  }

  private async loop(fit: ActiveFit): Promise<void> {
    if (fit.looping) return;
    fit.looping = true;
    try {
      while (this.fit === fit && !fit.paused) {
        const sliceStart = this.now();
        let last: FitIteration | undefined;
        while (fit.runner.iteration < fit.iterations && this.now() - sliceStart < SLICE_MS) {
          last = await fit.runner.stepAsync();
          if (fit.runner.iteration === 1) break; // report the first iteration at once
        }
        const finished = fit.runner.iteration >= fit.iterations;
        // A lost device moved the generations to the CPU: say so at once.
        const moved = fit.runner.gpuLost !== undefined && !fit.lostReported;
        if (last) this.progress(fit, last, finished || fit.runner.iteration === 1 || moved);
        if (finished) {
          this.finish(fit, 'completed');
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    } catch (e) {
      if (this.fit === fit) {
        this.fit = null;
        fit.runner.dispose();
        this.post({ type: 'failed', fitId: fit.fitId, ...describe(e) }, []);
      }
    } finally {
      fit.looping = false;
    }
  }

  private progress(fit: ActiveFit, it: FitIteration, force: boolean): void {
    const t = this.now();
    if (!force && t - fit.lastProgress < PROGRESS_INTERVAL_MS) return;
    fit.lastProgress = t;
    const problem = fit.runner.problem;
    const withOverlay = force || t - fit.lastOverlay >= OVERLAY_INTERVAL_MS;
    const overlay = withOverlay && it.observations.length > 0 ? this.overlay(fit, it) : undefined;
    if (overlay) fit.lastOverlay = t;
    const elapsedS = Math.max(1e-3, (t - fit.startedAt) / 1000);
    const lostNow = fit.runner.gpuLost !== undefined && !fit.lostReported;
    this.post(
      {
        type: 'progress',
        fitId: fit.fitId,
        iteration: it.iteration + 1,
        evaluations: it.evaluations,
        loss: it.loss,
        values: problem.declared(it.values),
        best: this.best(fit),
        iterationsPerSecond: fit.runner.iteration / elapsedS,
        ...(overlay ? { overlay } : {}),
        ...(fit.runner.gpuLost !== undefined && !fit.lostReported ? { backend: { backend: 'cpu' as const, note: fit.runner.gpuLost } } : {}),
      },
      overlay ? [overlay.timesMs.buffer, overlay.model.buffer, overlay.target.buffer, overlay.modelSpikesMs.buffer, overlay.targetSpikesMs.buffer] as ArrayBuffer[] : [],
    );
    if (lostNow) fit.lostReported = true;
  }

  private overlay(fit: ActiveFit, it: FitIteration): FitOverlay {
    const problem = fit.runner.problem;
    const obs = it.observations[0];
    const target = problem.targets[0];
    const every = Math.max(1, Math.ceil(obs.steps / OVERLAY_POINTS));
    const count = Math.ceil(obs.steps / every);
    const timesMs = new Float64Array(count);
    const model = new Float64Array(count);
    const scale = problem.observedUnit.scale;
    for (let i = 0; i < count; i++) {
      timesMs[i] = i * every * obs.dtMs;
      model[i] = obs.trace[i * every] / scale;
    }
    const targetValues = target.trace ? resampleLinear(target.trace, timesMs).map((v) => v / scale) : new Float64Array(count).fill(NaN);
    return {
      timesMs,
      model,
      target: targetValues,
      unit: problem.observedUnit.text,
      modelSpikesMs: Float64Array.from(obs.spikeTimesMs),
      targetSpikesMs: Float64Array.from(target.spikeTimesMs ?? []),
    };
  }

  private best(fit: ActiveFit): FitBest {
    const best = fit.runner.best!;
    return { iteration: best.iteration + 1, loss: best.loss, values: fit.runner.problem.declared(best.values) };
  }

  private finish(fit: ActiveFit, reason: 'completed' | 'stopped'): void {
    if (this.fit !== fit) return;
    this.fit = null;
    const best = fit.runner.best;
    const problem = fit.runner.problem;
    const fallback: FitBest = { iteration: 0, loss: NaN, values: problem.declared(problem.params.map((p) => p.initial)) };
    this.post({ type: 'done', fitId: fit.fitId, reason, best: best ? this.best(fit) : fallback, iterations: fit.runner.iteration, wallMs: this.now() - fit.startedAt }, []);
    fit.runner.dispose();
  }

  private async target(requestId: number, json: unknown, values: Readonly<Record<string, number>>, maxSamples = 2000): Promise<void> {
    try {
      const cases = syntheticTargets(parsed(json), values, maxSamples);
      this.post({ type: 'target-made', requestId, cases }, []);
    } catch (e) {
      this.post({ type: 'failed', requestId, ...describe(e) }, []);
    }
  }
}

function parsed(json: unknown) {
  const result = parseProject(json);
  if (!result.ok) {
    const first = result.errors[0];
    throw new EngineError('invalid-project', `${first.path}: ${first.message}`, first.path);
  }
  return result.project;
}

function describe(e: unknown): { message: string; path?: string } {
  if (e instanceof EngineError) return { message: e.message, ...(e.path ? { path: e.path } : {}) };
  return { message: e instanceof Error ? e.message : String(e) };
}
