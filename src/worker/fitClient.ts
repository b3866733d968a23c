/**
 * The page side of the fit worker (fitWorker.ts): `FitClient.start(project, events)` runs the
 * project's `fit` section off the main thread and reports `started`, `progress`, then exactly one
 * `done` or `failed`; `makeTarget(project, values)` simulates the fit cases with "true" parameter
 * values for a synthetic target.
 *
 * One worker serves every fit and target request; it starts on first use. A worker that crashes
 * fails what it had (running fits get `failed`, waiting targets reject) and is replaced at the next
 * request. Only types come from the fit side: the engine lives in the worker's bundle.
 */
import { watchWorker, type WorkerLike } from './workerLike';
import type { FitCaseTarget, FitRequest, FitResponse } from './fitProtocol';

export type { FitBackendInfo, FitBest, FitCaseTarget, FitOverlay, FitParamInfo } from './fitProtocol';

export type FitStarted = Extract<FitResponse, { type: 'started' }>;
export type FitProgress = Extract<FitResponse, { type: 'progress' }>;
export type FitDone = Extract<FitResponse, { type: 'done' }>;
export interface FitFailure {
  readonly type: 'failed';
  readonly fitId: number;
  /** For people: what went wrong and where. */
  readonly message: string;
  readonly path?: string;
}

/** What a fit tells its starter; every callback is optional. */
export interface FitEvents {
  started?(message: FitStarted): void;
  progress?(message: FitProgress): void;
  done?(message: FitDone): void;
  failed?(failure: FitFailure): void;
}

export type FitOutcome = FitDone | FitFailure;

export interface FitHandle {
  readonly fitId: number;
  /** Settles with the fit's one `done` or `failed`; never rejects. */
  readonly finished: Promise<FitOutcome>;
  pause(): void;
  resume(): void;
  stop(): void;
}

/** What the client needs of a Worker (a real one, or a fake in tests). */
export type FitWorkerLike = WorkerLike<FitRequest, FitResponse>;

export function createFitWorker(): FitWorkerLike {
  return new Worker(new URL('./fitWorker.ts', import.meta.url), { type: 'module', name: 'spikeflow-fit' }) as unknown as FitWorkerLike;
}

export interface FitClientOptions {
  readonly createWorker?: () => FitWorkerLike;
}

interface RunningFit {
  readonly events: FitEvents;
  readonly settle: (outcome: FitOutcome) => void;
}

interface WaitingTarget {
  readonly resolve: (cases: FitCaseTarget[]) => void;
  readonly reject: (error: Error) => void;
}

export class FitClient {
  private worker: FitWorkerLike | null = null;
  private readonly createWorker: () => FitWorkerLike;
  private nextId = 1;
  private readonly fits = new Map<number, RunningFit>();
  private readonly targets = new Map<number, WaitingTarget>();
  private disposed = false;
  /** How many times a crashed worker was replaced. */
  restarts = 0;

  constructor(options: FitClientOptions = {}) {
    this.createWorker = options.createWorker ?? createFitWorker;
  }

  /** Starts a fit of `project` (its `fit` section says what); the document is copied as sent. */
  start(project: unknown, events: FitEvents = {}): FitHandle {
    const fitId = this.nextId++;
    let settle!: (outcome: FitOutcome) => void;
    const finished = new Promise<FitOutcome>((resolve) => (settle = resolve));
    const handle: FitHandle = {
      fitId,
      finished,
      pause: () => this.send({ type: 'pause', fitId }, fitId),
      resume: () => this.send({ type: 'resume', fitId }, fitId),
      stop: () => this.send({ type: 'stop', fitId }, fitId),
    };
    if (this.disposed) {
      const failure: FitFailure = { type: 'failed', fitId, message: 'the fit client was disposed' };
      queueMicrotask(() => {
        events.failed?.(failure);
        settle(failure);
      });
      return handle;
    }
    this.fits.set(fitId, { events, settle });
    this.post({ type: 'start', fitId, project });
    return handle;
  }

  /**
   * The fit cases of `project` simulated with `values` (declared units, by parameter name; others
   * keep the project's), each trace kept to at most `maxSamples` samples. Rejects with an Error
   * whose message is for people.
   */
  makeTarget(project: unknown, values: Readonly<Record<string, number>>, maxSamples?: number): Promise<FitCaseTarget[]> {
    if (this.disposed) return Promise.reject(new Error('the fit client was disposed'));
    const requestId = this.nextId++;
    return new Promise((resolve, reject) => {
      this.targets.set(requestId, { resolve, reject });
      this.post({ type: 'target', requestId, project, values: { ...values }, ...(maxSamples !== undefined ? { maxSamples } : {}) });
    });
  }

  /** Whether a fit started here has not ended yet. */
  isRunning(fitId: number): boolean {
    return this.fits.has(fitId);
  }

  /** Stops the worker: running fits fail, waiting targets reject, later requests fail at once. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.worker?.terminate();
    this.worker = null;
    this.failAll('the fit client was disposed');
  }

  /** Pause/resume/stop only mean something while the fit runs (and its worker is the one alive). */
  private send(message: FitRequest, fitId: number): void {
    if (this.fits.has(fitId) && this.worker) this.worker.postMessage(message);
  }

  private post(message: FitRequest): void {
    this.ensureWorker().postMessage(message);
  }

  private ensureWorker(): FitWorkerLike {
    if (this.worker) return this.worker;
    const worker = this.createWorker();
    watchWorker(worker, () => worker === this.worker, (m) => this.receive(m), (message) => this.crashed(message));
    this.worker = worker;
    return worker;
  }

  private receive(message: FitResponse): void {
    switch (message.type) {
      case 'started':
        this.fits.get(message.fitId)?.events.started?.(message);
        return;
      case 'progress':
        this.fits.get(message.fitId)?.events.progress?.(message);
        return;
      case 'done':
        this.end(message.fitId, message);
        return;
      case 'target-made': {
        const waiting = this.targets.get(message.requestId);
        this.targets.delete(message.requestId);
        waiting?.resolve([...message.cases]);
        return;
      }
      case 'failed':
        if (message.requestId !== undefined) {
          const waiting = this.targets.get(message.requestId);
          this.targets.delete(message.requestId);
          waiting?.reject(new Error(describeFailure(message.message, message.path)));
        }
        if (message.fitId !== undefined) this.end(message.fitId, { type: 'failed', fitId: message.fitId, message: message.message, ...(message.path !== undefined ? { path: message.path } : {}) });
        return;
      default:
        assertNever(message);
    }
  }

  private end(fitId: number, outcome: FitOutcome): void {
    const fit = this.fits.get(fitId);
    if (!fit) return;
    this.fits.delete(fitId);
    if (outcome.type === 'done') fit.events.done?.(outcome);
    else fit.events.failed?.(outcome);
    fit.settle(outcome);
  }

  private crashed(reason: string): void {
    this.worker?.terminate();
    this.worker = null;
    this.restarts++;
    this.failAll(`the fit worker crashed (${reason}); the next fit starts a new one`);
  }

  private failAll(message: string): void {
    const fits = [...this.fits.keys()];
    const targets = [...this.targets.values()];
    this.targets.clear();
    for (const fitId of fits) this.end(fitId, { type: 'failed', fitId, message });
    for (const t of targets) t.reject(new Error(message));
  }
}

/** `message (at $.fit.params[0])` unless the message already names the path. */
export function describeFailure(message: string, path: string | undefined): string {
  return path && !message.includes(path) ? `${message} (at ${path})` : message;
}

function assertNever(message: never): never {
  throw new Error(`unknown fit worker message ${JSON.stringify(message)}`);
}
