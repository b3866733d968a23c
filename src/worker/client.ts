/**
 * The page side of the worker protocol: owns the simulation Worker, sends typed messages, hands
 * typed messages to listeners, drops messages of stale runs, and restarts a crashed worker.
 * Live edits (`update`) are request/answer pairs matched by requestId, independent of runs.
 *
 * It imports only the protocol (types and constants), never the engine: the engine lives in the
 * worker's bundle.
 */
import {
  PROTOCOL_VERSION,
  type BackendInfo,
  type ErrorMessage,
  type LoadedMessage,
  type PageToWorker,
  type ProgressMessage,
  type ReadyMessage,
  type SeriesInfo,
  type WorkerMessageOf,
  type WorkerMessageType,
  type WorkerToPage,
} from './protocol';

/** What the client needs of a Worker (a real one, or a fake in tests). */
export interface WorkerLike {
  postMessage(message: PageToWorker, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: { data: WorkerToPage }) => void): void;
  addEventListener(type: 'error' | 'messageerror', listener: (event: { message?: string; preventDefault?(): void }) => void): void;
  terminate(): void;
}

export function createEngineWorker(): WorkerLike {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'spikeflow-engine' }) as unknown as WorkerLike;
}

export interface EngineClientOptions {
  readonly createWorker?: () => WorkerLike;
}

/** Crashes after which the client gives up restarting the worker. */
export const MAX_RESTARTS = 3;

type Listener<T extends WorkerMessageType> = (message: WorkerMessageOf<T>) => void;

/** A run's results, assembled from its chunks (what a plot or a test reads). */
export interface CollectedRun {
  readonly runId: number;
  readonly loaded: LoadedMessage;
  readonly reason: 'completed' | 'stopped';
  readonly tMs: number;
  readonly chunks: number;
  readonly stepsPerSecond: number;
  /** Per recorder: its series and the samples, time-major as in chunks. */
  readonly traces: { series: SeriesInfo[]; timesMs: Float64Array; values: Float32Array | Float64Array }[];
  readonly spikes: { tMs: Float64Array; population: string[]; neuron: Int32Array };
  /** Spikes per population id. */
  readonly spikeCounts: Record<string, number>;
  /** Where the run computed (the last `backend` message: a lost device moves it to the CPU). */
  readonly backend?: BackendInfo;
}

/** The worker's answer to a live edit. */
export interface UpdateResult {
  /** Applied to the simulation now; false: the edit needs a restart (or the document is invalid). */
  readonly live: boolean;
  /** What changed, e.g. `exc.tau_m`, `ee.weight`, `hold.amplitude`. */
  readonly applied: readonly string[];
  /** Why not live, for people. */
  readonly reason?: string;
}

/** Thrown (rejected) for an `error` message; carries the message. */
export class WorkerError extends Error {
  constructor(readonly detail: ErrorMessage) {
    super(detail.message);
    this.name = 'WorkerError';
  }
}

export class EngineClient {
  private worker: WorkerLike;
  private readonly createWorker: () => WorkerLike;
  private readonly listeners = new Map<WorkerMessageType, Set<(m: WorkerToPage) => void>>();
  private nextId = 1;
  private current: number | null = null;
  private lastProject: unknown = undefined;
  private hasProject = false;
  private disposed = false;
  private nextRequest = 1;
  private readonly updates = new Map<number, { project: unknown; resolve: (r: UpdateResult) => void; reject: (e: WorkerError) => void }>();
  /** How many times the worker crashed and was replaced. */
  restarts = 0;
  /** Resolves when the (current) worker has said `ready`. */
  ready: Promise<ReadyMessage>;
  private resolveReady!: (m: ReadyMessage) => void;

  constructor(options: EngineClientOptions = {}) {
    this.createWorker = options.createWorker ?? createEngineWorker;
    this.ready = this.newReady();
    this.worker = this.spawn();
  }

  /** The run id whose messages are delivered; messages of any other run are dropped. */
  get runId(): number | null {
    return this.current;
  }

  on<T extends WorkerMessageType>(type: T, listener: Listener<T>): () => void {
    let set = this.listeners.get(type);
    if (!set) this.listeners.set(type, (set = new Set()));
    const l = listener as (m: WorkerToPage) => void;
    set.add(l);
    return () => void set.delete(l);
  }

  send(message: PageToWorker): void {
    if (this.disposed) throw new Error('EngineClient was disposed');
    this.worker.postMessage(message);
  }

  /** Loads a project; resolves with its recording layout, rejects with a WorkerError. */
  load(project: unknown): Promise<LoadedMessage> {
    const runId = this.claim();
    this.lastProject = project;
    this.hasProject = true;
    const result = this.waitFor(runId, 'loaded');
    this.send({ type: 'load', project, runId });
    return result;
  }

  /**
   * Sends an edited document to apply live (between chunks). Resolves with what was applied, or
   * live: false and the reason it needs a restart; rejects with a WorkerError when the worker cannot
   * answer (nothing loaded, a crash). A live edit becomes the project a crashed worker reloads.
   */
  update(project: unknown): Promise<UpdateResult> {
    if (this.disposed) return Promise.reject(new Error('EngineClient was disposed'));
    const requestId = this.nextRequest++;
    return new Promise((resolve, reject) => {
      this.updates.set(requestId, { project, resolve, reject });
      this.send({ type: 'update', project, requestId });
    });
  }

  /**
   * Tells the worker the project's own model sources (name → source); it answers with a `catalog`
   * (library + those that compile), delivered to `on('catalog')` listeners. Needs no load or run.
   */
  setModels(models: Readonly<Record<string, string>>): void {
    this.send({ type: 'models', models: { ...models } });
  }

  /** Starts a run from t = 0; returns its id. */
  run(options: { durationMs?: number } = {}): number {
    const runId = this.claim();
    this.send({ type: 'run', runId, durationMs: options.durationMs });
    return runId;
  }

  /** Advances from the current time; returns the id of this step run. */
  step(steps: number): number {
    const runId = this.claim();
    this.send({ type: 'step', runId, steps });
    return runId;
  }

  pause(): void {
    if (this.current !== null) this.send({ type: 'pause', runId: this.current });
  }

  resume(): void {
    if (this.current !== null) this.send({ type: 'resume', runId: this.current });
  }

  stop(): void {
    if (this.current !== null) this.send({ type: 'stop', runId: this.current });
  }

  /**
   * Loads and runs a project to its end and assembles everything recorded. Rejects with a
   * WorkerError on an invalid project, a blow-up or a crash.
   */
  async runProject(project: unknown, options: { durationMs?: number; onProgress?: (p: ProgressMessage) => void } = {}): Promise<CollectedRun> {
    const loaded = await this.load(project);
    const runId = this.claim();
    const chunks: WorkerMessageOf<'chunk'>[] = [];
    let stepsPerSecond = 0;
    let backend: BackendInfo | undefined;
    const offChunk = this.on('chunk', (c) => void (c.runId === runId && chunks.push(c)));
    const offBackend = this.on('backend', (m) => {
      if (m.runId === runId) backend = { backend: m.backend, adapter: m.adapter, note: m.note, cpuKernels: m.cpuKernels };
    });
    const offProgress = this.on('progress', (p) => {
      if (p.runId !== runId) return;
      stepsPerSecond = p.stepsPerSecond;
      options.onProgress?.(p);
    });
    try {
      const done = this.waitFor(runId, 'done');
      this.send({ type: 'run', runId, durationMs: options.durationMs });
      const end = await done;
      return { ...assembleRun(runId, loaded, chunks, end.reason, end.tMs, stepsPerSecond), backend };
    } finally {
      offBackend();
      offChunk();
      offProgress();
    }
  }

  dispose(): void {
    this.disposed = true;
    this.worker.terminate();
    this.listeners.clear();
    this.failUpdates({ type: 'error', code: 'internal', message: 'the simulation worker was shut down before it answered' });
  }

  /** Rejects every update still waiting for an answer (the worker that would answer is gone). */
  private failUpdates(detail: ErrorMessage): void {
    const waiting = [...this.updates.values()];
    this.updates.clear();
    for (const u of waiting) u.reject(new WorkerError(detail));
  }

  /** Settles the update an `updated` (or an `error` with a requestId) answers. */
  private answerUpdate(message: WorkerMessageOf<'updated'> | ErrorMessage, requestId: number): void {
    const pending = this.updates.get(requestId);
    if (!pending) return;
    this.updates.delete(requestId);
    if (message.type === 'error') {
      pending.reject(new WorkerError(message));
      return;
    }
    if (message.live) this.lastProject = pending.project;
    pending.resolve({ live: message.live, applied: message.applied, reason: message.reason });
  }

  private claim(): number {
    this.current = this.nextId++;
    return this.current;
  }

  /** Resolves at `type` for runId, rejects at an error for it (or at a crash). */
  private waitFor<T extends 'loaded' | 'done'>(runId: number, type: T): Promise<WorkerMessageOf<T>> {
    return new Promise((resolve, reject) => {
      const offs: (() => void)[] = [];
      const settle = () => offs.forEach((off) => off());
      offs.push(
        this.on(type, (m) => {
          if ((m as WorkerMessageOf<'loaded' | 'done'>).runId !== runId) return;
          settle();
          resolve(m as WorkerMessageOf<T>);
        }),
        this.on('error', (e) => {
          if (e.runId !== runId && e.code !== 'worker-crashed') return;
          settle();
          reject(new WorkerError(e));
        }),
      );
      // A newer run makes this one stale: its answer will be dropped, so give up waiting.
      const superseded = (m: WorkerToPage) => {
        if (this.current !== runId && 'runId' in m && m.runId !== undefined && m.runId === this.current) {
          settle();
          reject(new WorkerError({ type: 'error', runId, code: 'bad-message', message: `run ${runId} was superseded by run ${this.current}` }));
        }
      };
      for (const t of ['loaded', 'chunk', 'progress', 'done', 'error'] as const) offs.push(this.on(t, superseded));
    });
  }

  private newReady(): Promise<ReadyMessage> {
    return new Promise((resolve) => (this.resolveReady = resolve));
  }

  private spawn(): WorkerLike {
    const worker = this.createWorker();
    worker.addEventListener('message', (event) => {
      if (worker === this.worker) this.receive(event.data);
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault?.();
      if (worker === this.worker) this.crashed(event.message ?? 'unknown error');
    });
    worker.addEventListener('messageerror', () => {
      if (worker === this.worker) this.emit({ type: 'error', runId: this.current ?? undefined, code: 'bad-message', message: 'a message from the simulation worker could not be read' });
    });
    return worker;
  }

  private crashed(reason: string): void {
    if (this.disposed) return;
    this.worker.terminate();
    const runId = this.current ?? undefined;
    if (this.restarts >= MAX_RESTARTS) {
      // A worker that cannot even start (e.g. its script fails to load) would crash forever.
      this.disposed = true;
      const detail: ErrorMessage = { type: 'error', runId, code: 'worker-crashed', message: `the simulation worker crashed (${reason}) after ${MAX_RESTARTS} restarts; reload the page` };
      this.failUpdates(detail);
      this.emit(detail);
      return;
    }
    this.restarts++;
    this.ready = this.newReady();
    this.worker = this.spawn();
    const detail: ErrorMessage = {
      type: 'error',
      runId,
      code: 'worker-crashed',
      message: `the simulation worker crashed (${reason}); a new one was started${this.hasProject ? ' and the project reloaded' : ''} — run again`,
    };
    this.failUpdates(detail);
    this.emit(detail);
    if (this.hasProject) this.load(this.lastProject).catch(() => undefined);
  }

  private receive(message: WorkerToPage): void {
    if (message.type === 'ready') {
      this.resolveReady(message);
      if (message.protocolVersion !== PROTOCOL_VERSION) {
        this.emit({
          type: 'error',
          code: 'protocol-mismatch',
          message: `the simulation worker speaks protocol ${message.protocolVersion}, the page ${PROTOCOL_VERSION}; reload the page`,
        });
        return;
      }
    }
    // Answers to live edits go to their caller; an update's error is not a run's error.
    if (message.type === 'updated') this.answerUpdate(message, message.requestId);
    else if (message.type === 'error' && message.requestId !== undefined) {
      this.answerUpdate(message, message.requestId);
      return;
    }
    // Stale runs: anything carrying another run's id is dropped.
    if ('runId' in message && message.runId !== undefined && message.runId !== this.current) return;
    this.emit(message);
  }

  private emit(message: WorkerToPage): void {
    for (const l of [...(this.listeners.get(message.type) ?? [])]) l(message);
  }
}

/** Concatenates a run's chunks into traces and a spike list. */
export function assembleRun(
  runId: number,
  loaded: LoadedMessage,
  chunks: readonly WorkerMessageOf<'chunk'>[],
  reason: 'completed' | 'stopped',
  tMs: number,
  stepsPerSecond: number,
): CollectedRun {
  const traces = loaded.series.map((series, k) => {
    const parts = chunks.map((c) => c.recordings[k]);
    const f64 = loaded.precision === 'f64';
    return {
      series,
      timesMs: concat(new Float64Array(total(parts.map((p) => p.timesMs))), parts.map((p) => p.timesMs)),
      values: concat(f64 ? new Float64Array(total(parts.map((p) => p.values))) : new Float32Array(total(parts.map((p) => p.values))), parts.map((p) => p.values)),
    };
  });
  const steps = concat(new Int32Array(total(chunks.map((c) => c.spikes.steps))), chunks.map((c) => c.spikes.steps));
  const pops = concat(new Int32Array(total(chunks.map((c) => c.spikes.populations))), chunks.map((c) => c.spikes.populations));
  const neuron = concat(new Int32Array(total(chunks.map((c) => c.spikes.neurons))), chunks.map((c) => c.spikes.neurons));
  const population = Array.from(pops, (p) => loaded.populations[p].id);
  const spikeCounts: Record<string, number> = Object.fromEntries(loaded.populations.map((p) => [p.id, 0]));
  for (const id of population) spikeCounts[id]++;
  return {
    runId,
    loaded,
    reason,
    tMs,
    chunks: chunks.length,
    stepsPerSecond,
    traces,
    spikes: { tMs: Float64Array.from(steps, (s) => s * loaded.dtMs), population, neuron },
    spikeCounts,
  };
}

const total = (parts: readonly { length: number }[]) => parts.reduce((n, p) => n + p.length, 0);

function concat<T extends Float64Array | Float32Array | Int32Array>(out: T, parts: readonly ArrayLike<number>[]): T {
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
