/**
 * The f–I panel's store driven headlessly: sweeps run through a real EngineClient whose worker is
 * the real handler in this thread; curves overlay with labels, Cancel stops and disposes, errors
 * and unit changes are reported.
 */
import { describe, expect, it } from 'vitest';
import { catalogOf, type ModelInfo } from '../../../library/catalog';
import { builtinRegistry } from '../../../library';
import { EngineClient, type WorkerLike } from '../../../worker/client';
import { WorkerHandler } from '../../../worker/handler';
import type { PageToWorker, WorkerToPage } from '../../../worker/protocol';
import type { ProjectDoc } from '../../store/document';
import { EMPTY_SELECTION, type Selection } from '../../store/projectStore';
import { startFiJob } from './fiRunner';
import { currentView, createFiStore, type FiState } from './fiStore';

class FakeWorker implements WorkerLike {
  private readonly listeners: ((e: { data: WorkerToPage }) => void)[] = [];
  readonly handler = new WorkerHandler((m) => setTimeout(() => !this.terminated && this.listeners.forEach((l) => l({ data: m })), 0), { chunkSteps: 200 });
  terminated = false;
  received: PageToWorker[] = [];
  constructor() {
    setTimeout(() => this.handler.announce(), 0);
  }
  postMessage(message: PageToWorker): void {
    this.received.push(message);
    const copy = structuredClone(message);
    setTimeout(() => !this.terminated && this.handler.handle(copy), 0);
  }
  addEventListener(type: string, listener: (e: never) => void): void {
    if (type === 'message') this.listeners.push(listener as (e: { data: WorkerToPage }) => void);
  }
  terminate(): void {
    this.terminated = true;
    this.handler.handle({ type: 'stop', runId: -1 });
  }
}

const catalog = new Map<string, ModelInfo>(catalogOf(builtinRegistry()).map((m) => [m.name, m]));

function setup(initial: ProjectDoc) {
  let doc = initial;
  let selection: Selection = EMPTY_SELECTION;
  const workers: FakeWorker[] = [];
  const progress: number[] = [];
  const store = createFiStore({
    getDoc: () => doc,
    getSelection: () => selection,
    getCatalog: () => catalog,
    startJob: (spec, onProgress) =>
      startFiJob(spec, {
        createClient: () => new EngineClient({ createWorker: () => (workers.push(new FakeWorker()), workers[workers.length - 1]) }),
        onProgress: (p) => {
          progress.push(p.fraction);
          onProgress(p);
        },
      }),
  });
  return {
    store,
    workers,
    progress,
    setDoc: (d: ProjectDoc) => (doc = d),
    select: (s: Selection) => (selection = s),
    settled: () => waitFor(store, (s) => s.job === null),
  };
}

function waitFor(store: ReturnType<typeof createFiStore>, pred: (s: FiState) => boolean): Promise<FiState> {
  return new Promise((resolve) => {
    if (pred(store.getState())) return resolve(store.getState());
    const off = store.subscribe((s) => {
      if (pred(s)) {
        off();
        resolve(s);
      }
    });
  });
}

const lifDoc = (tauMs: number | string): ProjectDoc => ({
  format: 'spikeflow-project',
  version: 1,
  name: 'test',
  simulation: { dtMs: 0.1, durationMs: 500, seed: 1 },
  populations: [
    { id: 'inh', model: 'LIF', size: 10 },
    { id: 'exc', model: 'LIF', size: 40, params: { tau_m: tauMs, R: { dist: 'normal', mean: '1 Mohm', std: '0.1 Mohm' } } },
  ],
});

describe('fiStore', () => {
  it('follows the selected population and starts from its model’s range, the project dt and its integrator', () => {
    const t = setup(lifDoc(10));
    expect(currentView(t.store.getState(), lifDoc(10), EMPTY_SELECTION, catalog).source).toBe('pop:inh');
    const sel: Selection = { nodes: [{ kind: 'population', id: 'exc' }], projections: [] };
    const view = currentView(t.store.getState(), lifDoc(10), sel, catalog);
    expect(view.source).toBe('pop:exc');
    expect(view.setup).toEqual({ from: '0', to: '40', dtMs: '0.1', integrator: 'euler' });
    expect(view.resolved?.notes).toEqual(['R: normal distribution → its mean, 1 Mohm']);
    expect(view.spec?.currents).toHaveLength(41);
    // The project's backend: the sweep runs where the project runs.
    expect(view.spec?.backend).toBe('cpu');
    const onGpu: ProjectDoc = { ...lifDoc(10), simulation: { ...lifDoc(10).simulation, backend: 'webgpu' } };
    expect(currentView(t.store.getState(), onGpu, sel, catalog).spec?.backend).toBe('webgpu');
    const hh = currentView({ ...t.store.getState(), source: 'model:HodgkinHuxley1952' }, lifDoc(10), sel, catalog);
    expect(hh.setup).toMatchObject({ from: '0', to: '20', dtMs: '0.01', integrator: 'rk4' });
    expect(currentView({ ...t.store.getState(), form: { points: '0', durationMs: '100', transientMs: '10' } }, lifDoc(10), sel, catalog).problem).toMatch(/points/);
  });

  it('runs a sweep in its own worker, refines the rheobase, overlays a second parameter set with labels', async () => {
    const t = setup(lifDoc(10));
    t.select({ nodes: [{ kind: 'population', id: 'exc' }], projections: [] });
    const s = t.store.getState();
    s.setSetup('from', '10');
    s.setSetup('to', '20');
    s.setForm('points', '6');
    s.setForm('durationMs', '400');
    s.setForm('transientMs', '100');
    s.run();
    expect(t.store.getState().job).not.toBeNull();
    const first = await t.settled();
    expect(first.message).toBeNull();
    expect(first.curves).toHaveLength(1);
    const curve = first.curves[0];
    expect(curve.points.map((p) => p.current)).toEqual([10, 12, 14, 16, 18, 20]);
    expect(curve.points.map((p) => p.spikeCount > 0)).toEqual([false, false, true, true, true, true]);
    // (thr − v_rest)/R = 13 nA, refined inside [12, 14] by 10 more cells.
    expect(curve.simulated).toBe(16);
    expect(curve.rheobase.kind).toBe('bracket');
    if (curve.rheobase.kind === 'bracket') {
      expect(curve.rheobase.silent).toBeLessThan(13);
      expect(curve.rheobase.firing).toBeGreaterThan(13);
      expect(curve.rheobase.firing - curve.rheobase.silent).toBeCloseTo(2 / 11, 9);
    }
    expect(first.labels).toEqual(['exc (LIF)']);
    expect(t.progress.at(-1)).toBe(1);
    expect(t.workers).toHaveLength(1);
    expect(t.workers[0].terminated).toBe(true);

    // The inspector changes tau_m; the next run adds a curve named by what differs.
    t.setDoc(lifDoc('20 ms'));
    t.store.getState().run();
    const second = await t.settled();
    expect(second.curves).toHaveLength(2);
    expect(second.labels).toEqual(['tau_m = 10 ms', 'tau_m = 20 ms']);
    // A slower membrane fires less at the same current.
    expect(second.curves[1].points[5].rateHz).toBeLessThan(second.curves[0].points[5].rateHz);
    expect(second.curves[0].color).not.toBe(second.curves[1].color);

    t.store.getState().removeCurve(second.curves[0].id);
    expect(t.store.getState().labels).toEqual(['exc (LIF)']);
    t.store.getState().clear();
    expect(t.store.getState().curves).toEqual([]);
  });

  it('Cancel stops the sweep, terminates its worker and keeps the curves', async () => {
    const t = setup(lifDoc(10));
    t.store.getState().setForm('durationMs', '1000000');
    t.store.getState().run();
    await waitFor(t.store, (s) => (s.job?.fraction ?? 0) > 0);
    t.store.getState().cancel();
    const s = t.store.getState();
    expect(s.job).toBeNull();
    expect(s.message).toEqual({ kind: 'info', text: 'Sweep cancelled.' });
    expect(s.curves).toEqual([]);
    expect(t.workers[0].terminated).toBe(true);
  });

  it('reports a blow-up, and clears curves of another input unit', async () => {
    const t = setup(lifDoc(10));
    const s = t.store.getState();
    s.setForm('points', '3');
    s.setForm('durationMs', '60');
    s.setForm('transientMs', '10');
    s.run();
    await t.settled();
    expect(t.store.getState().curves).toHaveLength(1);

    t.store.getState().setSource('model:HodgkinHuxley1952');
    t.store.getState().setSetup('dtMs', '0.1');
    t.store.getState().setSetup('integrator', 'euler');
    t.store.getState().run();
    const failed = await t.settled();
    expect(failed.message?.kind).toBe('error');
    expect(failed.message?.text).toMatch(/blow-up/);
    expect(failed.curves).toHaveLength(1);

    t.store.getState().setSetup('dtMs', '0.025');
    t.store.getState().run();
    const hh = await t.settled();
    expect(hh.curves.map((c) => c.unit)).toEqual(['uA/cm2']);
    expect(hh.message?.text).toBe('Cleared 1 curve in nA: the new one is in µA/cm².');
  });
});
