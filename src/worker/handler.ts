/**
 * The worker's brain, as a plain class that tests drive directly in Node (no Worker needed).
 *
 * It owns the Simulation, runs it in slices of engine chunks and yields to the event loop between
 * slices, so that `pause`/`stop`/`load` arriving mid-run are handled promptly. Engine chunks are
 * coalesced: the page gets at most MAX_CHUNKS_PER_SECOND `chunk` (+ `progress`) messages a second,
 * and always one final flush before `done`, a pause, or an `error`.
 *
 * It also keeps the document the simulation was built from, so that an `update` can be diffed
 * against it and applied live (engine/liveEdit.ts) or, when the code of a model in use changed,
 * hot-reloaded: a new simulation continues the run (engine/hotSwap.ts; the run loop reads
 * `this.simulation` afresh every slice, so the swap happens between chunks). And it describes the
 * models it knows (`catalog`).
 */
import { compileProject, planUpdate, type Simulation, type UpdatePlan } from '../engine';
import type { Project } from '../project/schema';
import { parseProject } from '../project/validate';
import {
  assertNever,
  chunkTransferables,
  MAX_CHUNKS_PER_SECOND,
  PROTOCOL_VERSION,
  type LoadedMessage,
  type PageToWorker,
  type WorkerToPage,
} from './protocol';
import { backendMessage, errorMessage, isMessage, mergeChunks, requestedSteps, safeString } from './messages';
import type { ActiveRun } from './activeRun';
import { projectCatalog } from './projectModels';
import { WorkerGpu, type AcquireGpu } from './gpuChoice';
import { DeviceLostError, type GpuSimulation } from '../engine/webgpu/gpuSimulation';

export { errorMessage, mergeChunks } from './messages';
export { defaultYield, messageChannelYield } from './yield';
import { defaultYield } from './yield';

/** Sends a message to the page; `transfer` lists the buffers to move rather than copy. */
export type PostFn = (message: WorkerToPage, transfer: Transferable[]) => void;

export interface HandlerOptions {
  /** Resolves after pending messages had a chance to be handled (default: a macrotask). */
  readonly yieldToEvents?: () => Promise<void>;
  /** Minimum wall time between two chunk flushes (default 1000 / MAX_CHUNKS_PER_SECOND). */
  readonly flushIntervalMs?: number;
  /** Wall time spent simulating before yielding (default 8 ms). */
  readonly sliceMs?: number;
  /** Steps per engine chunk (default: the engine's, about 10 ms of simulated time). */
  readonly chunkSteps?: number;
  readonly now?: () => number;
  /** Gets a WebGPU device (the worker: navigator.gpu; tests: Dawn); without it runs stay on the CPU. */
  readonly acquireGpu?: AcquireGpu;
}

export class WorkerHandler {
  private simulation: Simulation | null = null;
  /** The document the simulation stands for: as loaded, then as edited live. */
  private project: Project | null = null;
  /** The project models (JSON) of the last catalog sent: a catalog goes out when they change. */
  private catalogModels = '{}';
  private run: ActiveRun | null = null;
  private readonly yieldToEvents: () => Promise<void>;
  private readonly flushIntervalMs: number;
  private readonly sliceMs: number;
  private readonly chunkSteps: number | undefined;
  private readonly now: () => number;
  /** The GPU, when a run computes there: messages wait while it holds the newest states. */
  private readonly gpu: WorkerGpu;

  constructor(
    private readonly post: PostFn,
    options: HandlerOptions = {},
  ) {
    this.yieldToEvents = options.yieldToEvents ?? defaultYield;
    this.flushIntervalMs = options.flushIntervalMs ?? 1000 / MAX_CHUNKS_PER_SECOND;
    this.sliceMs = options.sliceMs ?? 8;
    this.chunkSteps = options.chunkSteps;
    this.now = options.now ?? (() => performance.now());
    this.gpu = new WorkerGpu(options.acquireGpu);
  }

  /** Announces the worker (call once, when it starts), then describes the built-in models. */
  announce(): void {
    this.post({ type: 'ready', backend: 'cpu', protocolVersion: PROTOCOL_VERSION }, []);
    this.catalogModels = '{}';
    this.post({ type: 'catalog', models: projectCatalog({}) }, []);
  }

  /** Whether a run is in progress (running or paused). */
  get busy(): boolean {
    return this.run !== null;
  }

  handle(message: PageToWorker): void {
    if (this.gpu.defer(message)) return;
    if (!isMessage(message)) {
      this.post({ type: 'error', code: 'bad-message', message: `not a Spikeflow worker message: ${safeString(message)}` }, []);
      return;
    }
    switch (message.type) {
      case 'load':
        this.load(message.project, message.runId);
        return;
      case 'run':
      case 'step': {
        const sim = this.simulation;
        if (!sim) {
          this.post({ type: 'error', runId: message.runId, code: 'not-loaded', message: `'${message.type}' before any project was loaded; send 'load' first` }, []);
          return;
        }
        this.stopCurrent();
        if (message.type === 'run' && sim.step !== 0) sim.reset();
        const steps = requestedSteps(message, sim);
        if (typeof steps === 'string') {
          this.post({ type: 'error', runId: message.runId, code: 'bad-message', message: steps }, []);
          return;
        }
        this.run = {
          runId: message.runId,
          remaining: steps,
          endStep: sim.step + steps,
          paused: false,
          looping: false,
          pending: [],
          lastFlush: this.now(),
          stepsRun: 0,
          busyMs: 0,
        };
        this.startLoop(this.run);
        return;
      }
      case 'pause': {
        const run = this.run;
        if (run && run.runId === message.runId) run.paused = true;
        return;
      }
      case 'resume': {
        const run = this.run;
        if (run && run.runId === message.runId && run.paused) {
          run.paused = false;
          this.startLoop(run);
        }
        return;
      }
      case 'stop':
        if (this.run && this.run.runId === message.runId) this.stopCurrent();
        return;
      case 'update':
        this.update(message.project, message.requestId);
        return;
      case 'models':
        // Always answered, even when unchanged: the page may be waiting for it.
        this.catalogModels = JSON.stringify(message.models);
        this.post({ type: 'catalog', models: projectCatalog(message.models) }, []);
        return;
      default:
        assertNever(message);
    }
  }

  private load(json: unknown, runId: number | undefined): void {
    this.stopCurrent();
    this.simulation = null;
    this.project = null;
    const parsed = parseProject(json);
    if (!parsed.ok) {
      const first = parsed.errors[0];
      this.post(
        {
          type: 'error',
          runId,
          code: 'invalid-project',
          message: parsed.errors.map((e) => `${e.path}: ${e.message}`).join('\n'),
          path: first?.path,
          issues: parsed.errors.map((e) => ({ path: e.path, message: e.message })),
        },
        [],
      );
      return;
    }
    let sim: Simulation;
    try {
      sim = compileProject(parsed.project);
    } catch (e) {
      this.post(errorMessage(e, runId), []);
      return;
    }
    this.simulation = sim;
    this.project = parsed.project;
    const models = parsed.project.populations.map((p) => p.model);
    const loaded: LoadedMessage = {
      type: 'loaded',
      runId,
      series: sim.series,
      populations: sim.populations.map((p, k) => ({ id: p.id, model: models[k], size: p.size, recordSpikes: sim.recordSpikes[k] })),
      dtMs: sim.dtMs,
      durationMs: sim.durationMs,
      precision: sim.precision,
    };
    this.post(loaded, []);
    this.sendCatalog(parsed.project);
  }

  /** After a load: the catalog again when the project's own models differ from the last one sent. */
  private sendCatalog(project: Project): void {
    const key = JSON.stringify(project.models);
    if (key === this.catalogModels) return;
    this.catalogModels = key;
    // Project models that no population uses and that have errors are left out of the catalog.
    this.post({ type: 'catalog', models: projectCatalog(project.models) }, []);
  }

  /**
   * A live edit: applied between chunks when only values changed, or a hot reload when the code of
   * a model in use changed (a new simulation goes on from the same step); else answered live: false
   * and the simulation is left as it was.
   */
  private update(json: unknown, requestId: number): void {
    const sim = this.simulation;
    const before = this.project;
    if (!sim || !before) {
      this.post({ type: 'error', requestId, code: 'not-loaded', message: 'no project is loaded to update; load it first' }, []);
      return;
    }
    const parsed = parseProject(json);
    if (!parsed.ok) {
      const reason = parsed.errors.map((e) => `${e.path}: ${e.message}`).join('\n');
      this.post({ type: 'updated', requestId, live: false, applied: [], reason: `the project is not valid: ${reason}` }, []);
      return;
    }
    let plan: UpdatePlan;
    try {
      plan = planUpdate(sim, before, parsed.project);
      if (plan.live) this.simulation = plan.apply();
    } catch (e) {
      this.post({ ...errorMessage(e, undefined), requestId }, []);
      return;
    }
    if (!plan.live) {
      this.post({ type: 'updated', requestId, live: false, applied: [], reason: plan.reason }, []);
      return;
    }
    this.project = parsed.project;
    this.post({ type: 'updated', requestId, live: true, applied: [...plan.applied] }, []);
  }

  /** Ends the current run (if any) with `done: stopped`, after flushing what it computed. */
  private stopCurrent(): void {
    const run = this.run;
    if (!run) return;
    this.run = null;
    this.flush(run);
    this.post({ type: 'done', runId: run.runId, reason: 'stopped', tMs: this.simulation?.tMs ?? 0 }, []);
  }

  private startLoop(run: ActiveRun): void {
    if (run.looping) return;
    run.looping = true;
    void this.loop(run);
  }

  private async loop(run: ActiveRun): Promise<void> {
    // Start on a fresh task so that the caller's handle() returns first.
    await this.yieldToEvents();
    if (!(await this.chooseBackend(run))) return;
    while (true) {
      if (this.gpu.simulation) {
        if (!(await this.gpuSlice(run, this.gpu.simulation))) return;
        continue;
      }
      if (this.run !== run) return;
      if (run.paused) {
        run.looping = false;
        this.flush(run);
        return;
      }
      const sim = this.simulation;
      if (!sim) return;
      if (run.remaining === 0) {
        this.flush(run);
        this.run = null;
        this.post({ type: 'done', runId: run.runId, reason: 'completed', tMs: sim.tMs }, []);
        return;
      }
      const sliceStart = this.now();
      try {
        do {
          const steps = this.chunkSteps ?? Math.max(1, Math.round(10 / sim.dtMs));
          const count = Math.min(steps, run.remaining);
          sim.run({ steps: count, chunkSteps: count, onChunk: (c) => void run.pending.push(c) });
          run.remaining -= count;
          run.stepsRun += count;
        } while (run.remaining > 0 && this.now() - sliceStart < this.sliceMs);
      } catch (e) {
        run.busyMs += this.now() - sliceStart;
        this.run = null;
        this.flush(run);
        this.post(errorMessage(e, run.runId), []);
        return;
      }
      run.busyMs += this.now() - sliceStart;
      if (run.remaining > 0 && this.now() - run.lastFlush >= this.flushIntervalMs) this.flush(run);
      if (run.remaining > 0) await this.yieldToEvents();
    }
  }

  /** Picks the run's backend (posting `backend`); false when the run ended (an error, or replaced). */
  private async chooseBackend(run: ActiveRun): Promise<boolean> {
    const sim = this.simulation;
    const requested = run.gpuLost ? 'cpu' : (this.project?.simulation.backend ?? 'cpu');
    if (!sim || this.run !== run || run.paused) return true;
    const choice = await this.gpu.choose(requested, sim);
    if (this.run !== run || this.simulation !== sim) {
      if ('gpu' in choice) choice.gpu.destroy();
      return this.run === run;
    }
    if ('error' in choice) {
      this.run = null;
      this.post({ type: 'error', runId: run.runId, code: 'unsupported', message: choice.error }, []);
      return false;
    }
    if (choice.backend === 'webgpu') this.gpu.own(choice.gpu);
    this.post(backendMessage(run.runId, choice.backend === 'cpu' ? { backend: 'cpu', note: run.gpuLost ?? choice.note } : choice, sim), []);
    return true;
  }

  /** One GPU chunk, then the messages that arrived meanwhile; false when the loop should end. */
  private async gpuSlice(run: ActiveRun, gpu: GpuSimulation): Promise<boolean> {
    const sim = this.simulation!;
    const start = this.now();
    try {
      const count = Math.min(run.remaining, Math.max(1, Math.round(100 / sim.dtMs)));
      await gpu.runAsync({ steps: count, chunkSteps: count, onChunk: (c) => void run.pending.push(c) });
      run.remaining -= count;
      run.stepsRun += count;
      run.busyMs += this.now() - start;
    } catch (e) {
      run.busyMs += this.now() - start;
      if (e instanceof DeviceLostError) {
        // The host holds the last completed chunk's states and clock: go on from there on the CPU.
        run.gpuLost = `${e.message}; the run went on on the CPU from there`;
        this.gpu.forgetDevice();
        await this.releaseGpu(false);
        return this.run === run && this.chooseBackend(run);
      }
      this.run = null;
      this.flush(run);
      this.post(errorMessage(e, run.runId), []);
      await this.releaseGpu(false);
      return false;
    }
    if (run.remaining === 0) {
      this.flush(run);
      this.run = null;
      this.post({ type: 'done', runId: run.runId, reason: 'completed', tMs: sim.tMs }, []);
      await this.releaseGpu(true);
      return false;
    }
    if (this.now() - run.lastFlush >= this.flushIntervalMs) this.flush(run);
    await this.yieldToEvents();
    if (!this.gpu.messagesWaiting) return true;
    // Messages waited: bring the states back, handle them, and go on on a GPU built from the result.
    await this.releaseGpu(true);
    if (this.run !== run || run.paused) return this.run === run;
    return this.chooseBackend(run);
  }

  /** Ends GPU ownership (the states back to the host unless lost), then handles what waited. */
  private async releaseGpu(download: boolean): Promise<void> {
    for (const message of await this.gpu.release(download)) this.handle(message);
  }

  /** Sends the pending engine chunks as one `chunk` (buffers transferred) and a `progress`. */
  private flush(run: ActiveRun): void {
    run.lastFlush = this.now();
    const sim = this.simulation;
    if (!sim) return;
    if (run.pending.length > 0) {
      const chunk = mergeChunks(run.runId, run.pending, sim.dtMs);
      run.pending = [];
      this.post(chunk, chunkTransferables(chunk));
    }
    this.post(
      {
        type: 'progress',
        runId: run.runId,
        tMs: sim.tMs,
        stepsPerSecond: run.busyMs > 0 ? (run.stepsRun * 1000) / run.busyMs : 0,
        endMs: run.endStep * sim.dtMs,
      },
      [],
    );
  }
}
