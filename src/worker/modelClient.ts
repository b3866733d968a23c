/**
 * The page side of the model worker: `ModelChecker.check(source, projectModels)` compiles a model
 * source off the main thread and resolves with its diagnostics (1-based lines and columns, see
 * modelProtocol.ts) and, when it compiles, what the editor knows about it.
 *
 * Every request is answered with the result for its own source, in the order sent. A caller that
 * only cares about the latest text of a document (a debounced editor) may pass
 * `{ latestOnly: documentKey }`: while a check of that document is in the worker, a newer one waits,
 * and a newer one still replaces it — the replaced request rejects with a SupersededCheckError
 * (never with another source's diagnostics). A worker that crashes is replaced at the next check;
 * the checks it had rejects with an Error.
 *
 * It imports only types from the model side: the compiler lives in the worker's bundle.
 */
import { watchWorker, type WorkerLike } from './workerLike';
import type { ModelCheckRequest, ModelCheckResult, ModelWorkerRequest, ModelWorkerResponse } from './modelProtocol';

export type { ModelCheckResult, ModelDiagnostic } from './modelProtocol';

/** What the checker needs of a Worker (a real one, or a fake in tests). */
export type ModelWorkerLike = WorkerLike<ModelWorkerRequest, ModelWorkerResponse>;

export function createModelWorker(): ModelWorkerLike {
  return new Worker(new URL('./modelWorker.ts', import.meta.url), { type: 'module', name: 'spikeflow-models' }) as unknown as ModelWorkerLike;
}

export interface ModelCheckerOptions {
  readonly createWorker?: () => ModelWorkerLike;
}

export interface CheckOptions {
  /** The document this text belongs to: a newer check of it replaces one not yet sent (see above). */
  readonly latestOnly?: string;
}

/** The rejection of a check that a newer check of the same document replaced before it ran. */
export class SupersededCheckError extends Error {
  readonly superseded = true;
  constructor(document: string) {
    super(`a newer check of '${document}' replaced this one`);
    this.name = 'SupersededCheckError';
  }
}

interface Waiting {
  readonly resolve: (result: ModelCheckResult) => void;
  readonly reject: (error: Error) => void;
  readonly document?: string;
}

export class ModelChecker {
  private worker: ModelWorkerLike | null = null;
  private readonly createWorker: () => ModelWorkerLike;
  private nextId = 1;
  /** Sent, by request id. */
  private readonly pending = new Map<number, Waiting>();
  /** Per `latestOnly` document: the request in the worker, and the newest one waiting for it. */
  private readonly inWorker = new Map<string, number>();
  private readonly held = new Map<string, { request: ModelCheckRequest; waiting: Waiting }>();
  private disposed = false;
  /** How many times a crashed worker was replaced. */
  restarts = 0;

  constructor(options: ModelCheckerOptions = {}) {
    this.createWorker = options.createWorker ?? createModelWorker;
  }

  check(source: string, projectModels: Readonly<Record<string, string>>, options: CheckOptions = {}): Promise<ModelCheckResult> {
    if (this.disposed) return Promise.reject(new Error('ModelChecker was disposed'));
    const document = options.latestOnly;
    return new Promise((resolve, reject) => {
      const request: ModelCheckRequest = { type: 'check', id: this.nextId++, source, projectModels: { ...projectModels } };
      const waiting: Waiting = { resolve, reject, document };
      if (document !== undefined && this.inWorker.has(document)) {
        this.held.get(document)?.waiting.reject(new SupersededCheckError(document));
        this.held.set(document, { request, waiting });
        return;
      }
      this.dispatch(request, waiting);
    });
  }

  /** Stops the worker; checks still waiting reject. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.worker?.terminate();
    this.worker = null;
    this.failAll(new Error('ModelChecker was disposed'));
  }

  private dispatch(request: ModelCheckRequest, waiting: Waiting): void {
    this.pending.set(request.id, waiting);
    if (waiting.document !== undefined) this.inWorker.set(waiting.document, request.id);
    this.ensureWorker().postMessage(request);
  }

  private ensureWorker(): ModelWorkerLike {
    if (this.worker) return this.worker;
    const worker = this.createWorker();
    watchWorker(worker, () => worker === this.worker, (m) => this.receive(m), (message) => this.crashed(message));
    this.worker = worker;
    return worker;
  }

  private receive(message: ModelWorkerResponse): void {
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    this.pending.delete(message.id);
    if (message.type === 'checked') waiting.resolve(message.result);
    else waiting.reject(new Error(message.message));
    const document = waiting.document;
    if (document === undefined || this.inWorker.get(document) !== message.id) return;
    this.inWorker.delete(document);
    const next = this.held.get(document);
    if (next) {
      this.held.delete(document);
      this.dispatch(next.request, next.waiting);
    }
  }

  private crashed(reason: string): void {
    this.worker?.terminate();
    this.worker = null;
    this.restarts++;
    this.failAll(new Error(`the model checker crashed (${reason}); the next check starts a new one`));
  }

  private failAll(error: Error): void {
    const waiting = [...this.pending.values(), ...[...this.held.values()].map((h) => h.waiting)];
    this.pending.clear();
    this.held.clear();
    this.inWorker.clear();
    for (const w of waiting) w.reject(error);
  }
}
