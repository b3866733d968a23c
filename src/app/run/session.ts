/**
 * The run session: the one place where the page talks to the simulation worker.
 *
 * It turns toolbar commands (run, pause, resume, stop, step, reset) into protocol messages, feeds
 * streamed chunks into the plots' buffers (RunData, outside React), and keeps the small run
 * status in the run store. Edits made while a run is going are sent to the worker as they happen;
 * the worker applies what it can live (parameter values, stimuli, a changed model's code: a hot
 * reload) and says when an edit needs a restart, which the status bar then shows.
 *
 * The project's own model sources go to the worker whenever they change (and to every worker that
 * starts), run or not: it answers with the catalog the palette and inspector read.
 */
import { EngineClient, WorkerError, type WorkerLike } from '../../worker/client';
import type { ErrorMessage } from '../../worker/protocol';
import type { ProjectDoc } from '../store/document';
import type { ProjectStore } from '../store/projectStore';
import type { createCatalogStore } from '../store/catalogStore';
import type { createRunStore } from '../store/runStore';
import { RunData } from '../plots/runData';

type CatalogStore = ReturnType<typeof createCatalogStore>;
type RunStore = ReturnType<typeof createRunStore>;

export interface SessionStores {
  readonly project: ProjectStore;
  readonly catalog: CatalogStore;
  readonly run: RunStore;
}

export class RunSession {
  readonly client: EngineClient;
  readonly data = new RunData();
  /** The document the worker has loaded (null: nothing loaded, or a crash lost it). */
  private loadedDoc: ProjectDoc | null = null;
  private activeRun: number | null = null;
  /** JSON of the model sources the worker last got (a worker starts with none). */
  private sentModels = '{}';
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly stores: SessionStores,
    createWorker?: () => WorkerLike,
  ) {
    this.client = new EngineClient(createWorker ? { createWorker } : {});
    const run = stores.run;
    this.unsubscribe.push(
      this.client.on('ready', () => {
        if (run.getState().phase === 'starting') run.getState().set({ phase: 'idle' });
        // A (re)started worker knows only the library.
        this.sentModels = '{}';
        this.modelsChanged(stores.project.getState().doc);
      }),
      this.client.on('catalog', (m) => stores.catalog.getState().setModels(m.models)),
      this.client.on('chunk', (c) => {
        if (c.runId === this.activeRun) this.data.append(c);
      }),
      this.client.on('progress', (p) => {
        if (p.runId !== this.activeRun) return;
        const loaded = run.getState().loaded;
        const dtMs = loaded?.dtMs ?? 0;
        run.getState().set({ tMs: p.tMs, endMs: p.endMs, bioSecondsPerSecond: (p.stepsPerSecond * dtMs) / 1000 });
      }),
      this.client.on('backend', (b) => {
        if (b.runId !== this.activeRun) return;
        const { type: _type, runId: _runId, ...backend } = b;
        run.getState().set({ backend });
      }),
      this.client.on('done', (d) => {
        if (d.runId !== this.activeRun) return;
        this.activeRun = null;
        run.getState().set({ phase: 'done', tMs: d.tMs });
      }),
      this.client.on('error', (e) => this.fail(e)),
      stores.project.subscribe((state, prev) => {
        if (state.doc === prev.doc) return;
        this.documentChanged(state.doc);
        if (state.doc.models !== prev.doc.models) this.modelsChanged(state.doc);
      }),
    );
  }

  /** Loads the current document (if it changed) and runs it from t = 0. */
  async run(): Promise<void> {
    if (!(await this.ensureLoaded(true))) return;
    this.data.reset(this.stores.run.getState().loaded!);
    this.activeRun = this.client.run();
    this.stores.run.getState().set({ phase: 'running', tMs: 0, error: null, staleReason: null, bioSecondsPerSecond: 0, backend: null });
  }

  pause(): void {
    if (this.stores.run.getState().phase !== 'running') return;
    this.client.pause();
    this.stores.run.getState().set({ phase: 'paused' });
  }

  resume(): void {
    if (this.stores.run.getState().phase !== 'paused') return;
    this.client.resume();
    this.stores.run.getState().set({ phase: 'running' });
  }

  stop(): void {
    const phase = this.stores.run.getState().phase;
    if (phase !== 'running' && phase !== 'paused') return;
    this.client.stop();
  }

  /** Advances by `durationMs` from where the last run stopped (loads and starts at 0 if needed). */
  async step(durationMs: number): Promise<void> {
    const phase = this.stores.run.getState().phase;
    if (phase === 'running') return;
    const fresh = this.loadedDoc !== this.stores.project.getState().doc || phase === 'idle' || phase === 'error';
    if (!(await this.ensureLoaded(fresh))) return;
    const loaded = this.stores.run.getState().loaded!;
    if (fresh) this.data.reset(loaded);
    this.activeRun = this.client.step(Math.max(1, Math.round(durationMs / loaded.dtMs)));
    this.stores.run.getState().set({ phase: 'running', error: null });
  }

  /** Back to t = 0: stops any run, reloads the project and clears the plots. */
  async reset(): Promise<void> {
    this.stop();
    this.activeRun = null;
    if (await this.ensureLoaded(true)) {
      this.data.reset(this.stores.run.getState().loaded!);
      this.stores.run.getState().set({ phase: 'idle', tMs: 0, bioSecondsPerSecond: 0, staleReason: null });
    }
  }

  dismissError(): void {
    this.stores.run.getState().set({ error: null, notice: null });
  }

  dispose(): void {
    for (const off of this.unsubscribe) off();
    this.client.dispose();
  }

  /** Loads the store's document into the worker; false (and the error shown) if it did not load. */
  private async ensureLoaded(force: boolean): Promise<boolean> {
    const doc = this.stores.project.getState().doc;
    if (!force && this.loadedDoc === doc) return true;
    this.stores.run.getState().set({ phase: 'loading' });
    try {
      const loaded = await this.client.load(doc);
      this.loadedDoc = doc;
      this.stores.run.getState().set({ loaded, endMs: loaded.durationMs, error: null, phase: 'idle' });
      return true;
    } catch (e) {
      this.loadedDoc = null;
      if (e instanceof WorkerError) this.fail(e.detail);
      else this.fail({ type: 'error', code: 'internal', message: e instanceof Error ? e.message : String(e) });
      return false;
    }
  }

  private fail(e: ErrorMessage): void {
    const run = this.stores.run.getState();
    if (e.code === 'worker-crashed') {
      // The client has already started a new worker; the project is still in the store.
      this.loadedDoc = null;
      this.activeRun = null;
      run.set({ phase: 'error', error: e, notice: 'The simulation worker crashed and was restarted. Your project is unchanged; press Run to start again.' });
      return;
    }
    if (e.runId !== undefined && e.runId === this.activeRun) this.activeRun = null;
    run.set({ phase: 'error', error: e });
  }

  /** Sends the project's model sources to the worker when they differ from what it has (it answers with a catalog). */
  private modelsChanged(doc: ProjectDoc): void {
    const models = doc.models ?? {};
    const key = JSON.stringify(models);
    if (key === this.sentModels) return;
    this.sentModels = key;
    this.client.setModels(models);
  }

  /** Sends an edit made during a run to the worker, which applies it live where it can. */
  private documentChanged(doc: ProjectDoc): void {
    const phase = this.stores.run.getState().phase;
    if (phase !== 'running' && phase !== 'paused') return;
    if (!this.loadedDoc) return;
    this.client
      .update(doc)
      .then((result) => {
        if (this.stores.project.getState().doc !== doc) return;
        if (result.live) {
          this.loadedDoc = doc;
          this.stores.run.getState().set({ staleReason: null });
        } else {
          this.stores.run.getState().set({ staleReason: result.reason ?? 'this change needs a restart' });
        }
      })
      .catch((e: unknown) => {
        if (e instanceof WorkerError) this.stores.run.getState().set({ staleReason: e.message });
      });
  }
}
