import { describe, expect, it } from 'vitest';
import type { WorkerLike } from '../../worker/client';
import { WorkerHandler } from '../../worker/handler';
import type { PageToWorker, WorkerToPage } from '../../worker/protocol';
import { createCatalogStore } from '../store/catalogStore';
import type { ProjectDoc } from '../store/document';
import { createProjectStore } from '../store/projectStore';
import { createRunStore } from '../store/runStore';
import { RunSession } from './session';

/** A Worker stand-in running the real handler in this thread, delivering both ways asynchronously. */
class FakeWorker implements WorkerLike {
  private readonly listeners: ((e: { data: WorkerToPage }) => void)[] = [];
  readonly handler = new WorkerHandler((m) => setTimeout(() => this.listeners.forEach((l) => l({ data: m })), 0), { chunkSteps: 50 });
  received: PageToWorker[] = [];
  constructor() {
    setTimeout(() => this.handler.announce(), 0);
  }
  postMessage(message: PageToWorker): void {
    this.received.push(message);
    const copy = structuredClone(message);
    setTimeout(() => this.handler.handle(copy), 0);
  }
  addEventListener(type: string, listener: (e: never) => void): void {
    if (type === 'message') this.listeners.push(listener as (e: { data: WorkerToPage }) => void);
  }
  terminate(): void {}
}

const leaky = (tau: string) => `model Leaky : cell\nparams\n  v_rest = -65 mV\ninputs\n  j : nA\nstates\n  v = v_rest\nequations\n  dv/dt = (v_rest - v + 1 Mohm * j) / (${tau})\n`;

const doc: ProjectDoc = {
  format: 'spikeflow-project',
  version: 1,
  // Long enough that a loaded machine cannot finish the run before the test pauses it.
  simulation: { dtMs: 0.1, durationMs: 600_000, seed: 1 },
  models: { Leaky: leaky('10 ms') },
  populations: [{ id: 'exc', model: 'Leaky', size: 2 }],
  stimuli: [{ type: 'step', id: 'drive', target: 'exc', amplitude: '5 nA' }],
  recordings: [{ population: 'exc', variables: ['v'], neurons: [0] }],
};

/** Waits for a condition; the deadline is generous because a loaded CI machine compiles slowly. */
async function until(pred: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pred() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
  if (!pred()) throw new Error(`timed out waiting for ${what}`);
}

function setup() {
  const workers: FakeWorker[] = [];
  const stores = { project: createProjectStore(doc), catalog: createCatalogStore(), run: createRunStore() };
  const session = new RunSession(stores, () => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  });
  const modelsSent = () => workers[0].received.filter((m) => m.type === 'models');
  return { stores, session, workers, modelsSent };
}

describe('RunSession: project models', () => {
  it('sends the project models after ready and whenever they change, so the catalog knows them without a run', async () => {
    const { stores, session, modelsSent } = setup();
    const catalog = () => stores.catalog.getState();
    await until(() => catalog().byName.has('Leaky'), 'the project model in the catalog');
    expect(catalog().byName.get('Leaky')).toMatchObject({ origin: 'project', kind: 'cell' });
    expect(modelsSent()).toHaveLength(1);
    stores.project.getState().dispatch({ type: 'setModelSource', name: 'Slow', source: leaky('50 ms').replace('Leaky', 'Slow') });
    await until(() => catalog().byName.has('Slow'), 'the saved model in the catalog');
    // Other edits send nothing.
    stores.project.getState().dispatch({ type: 'setMeta', name: 'renamed' });
    await new Promise((r) => setTimeout(r, 5));
    expect(modelsSent()).toHaveLength(2);
    expect(stores.run.getState().phase).toBe('idle');
    session.dispose();
  });

  it('hot-reloads a saved model during a run; a model with errors leaves the run going and says why', async () => {
    const { stores, session } = setup();
    await until(() => stores.run.getState().phase === 'idle', 'the worker');
    await session.run();
    await until(() => stores.run.getState().tMs > 20, 'the run to start');
    session.pause();
    const save = (source: string) => stores.project.getState().dispatch({ type: 'setModelSource', name: 'Leaky', source });
    save(leaky('10 ms').replace('1 Mohm * j', 'j'));
    await until(() => stores.run.getState().staleReason !== null, 'the answer to the broken model');
    expect(stores.run.getState().staleReason).toMatch(/^model Leaky has errors: 9:\d+ unit mismatch/);
    save(leaky('30 ms'));
    await until(() => stores.run.getState().staleReason === null, 'the hot reload');
    session.resume();
    await until(() => stores.run.getState().tMs > 40, 'the run to go on');
    expect(stores.run.getState()).toMatchObject({ phase: 'running', error: null });
    session.stop();
    await until(() => stores.run.getState().phase === 'done', 'the run to stop');
    session.dispose();
  });
});
