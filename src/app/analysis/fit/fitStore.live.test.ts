/**
 * The fit panel's store against the real fit worker logic (FitHandler, in this thread behind a
 * fake Worker): a synthetic Hodgkin–Huxley target made with gNa = 120 and gK = 36 mS/cm², a fit
 * started 33% and 39% off, the loss falling by more than 10×, Apply best writing values close to
 * the true ones — the same path the panel takes in the browser.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FitClient, type FitWorkerLike } from '../../../worker/fitClient';
import { FitHandler } from '../../../worker/fitHandler';
import type { FitRequest, FitResponse } from '../../../worker/fitProtocol';
import { libraryCatalog } from '../../graph/testCatalog';
import type { ProjectDoc } from '../../store/document';
import { createProjectStore } from '../../store/projectStore';
import { toggleFitParam, trainableInfo } from './fitDoc';
import { createFitStore } from './fitStore';

class HandlerWorker implements FitWorkerLike {
  private readonly listeners: ((e: { data: FitResponse }) => void)[] = [];
  private terminated = false;
  private readonly handler = new FitHandler((m) => setTimeout(() => !this.terminated && this.listeners.forEach((l) => l({ data: m })), 0));
  postMessage(message: FitRequest): void {
    const copy = structuredClone(message);
    setTimeout(() => !this.terminated && void this.handler.handle(copy), 0);
  }
  addEventListener(type: string, listener: (e: never) => void): void {
    if (type === 'message') this.listeners.push(listener as (e: { data: FitResponse }) => void);
  }
  terminate(): void {
    this.terminated = true;
  }
}

async function until(pred: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('fit store with the fit worker', () => {
  it('recovers two Hodgkin–Huxley conductances from a synthetic target, then applies them', async () => {
    const hh = JSON.parse(readFileSync(new URL('../../../../examples/HodgkinHuxley1952.json', import.meta.url), 'utf8')) as ProjectDoc;
    const project = createProjectStore(hh);
    const catalog = libraryCatalog();
    const client = new FitClient({ createWorker: () => new HandlerWorker() });
    const store = createFitStore({ getDoc: () => project.getState().doc, getCatalog: () => catalog, dispatch: (e) => project.getState().dispatch(e), client: () => client });
    const train = (name: string) => {
      const doc = project.getState().doc;
      project.getState().dispatch({ type: 'setFit', fit: toggleFitParam(doc, 'cell', trainableInfo(doc.populations[0], name, catalog)!, true) });
    };
    train('gNa');
    train('gK');
    project.getState().dispatch({ type: 'setFit', fit: { ...project.getState().doc.fit!, optimizer: { kind: 'adam', learningRate: 0.05, iterations: 150 } } });
    await store.getState().makeTarget({ gNa: 120, gK: 36 }, 1000);
    expect(store.getState().message?.kind).toBe('info');
    const target = project.getState().doc.fit!.cases![0];
    expect(target.trace?.values).toHaveLength(1000);
    expect(target.spikeTimesMs!.length).toBeGreaterThan(3);

    project.getState().dispatch({ type: 'setParam', population: 'cell', param: 'gNa', value: '80 mS/cm2' });
    project.getState().dispatch({ type: 'setParam', population: 'cell', param: 'gK', value: '50 mS/cm2' });
    store.getState().start();
    await until(() => store.getState().run?.phase === 'done' || store.getState().run?.phase === 'failed', 'the fit to end');
    const run = store.getState().run!;
    expect(run.error).toBeUndefined();
    expect(run.params.map((p) => `${p.name} ${p.unit} ${Number(p.initial.toPrecision(10))}`)).toEqual(['gNa mS/cm2 80', 'gK mS/cm2 50']);
    expect(run.truth).toEqual({ gNa: 120, gK: 36 });
    expect(run.series.length).toBeGreaterThan(2);
    expect(run.best!.loss).toBeLessThan(run.firstLoss! / 10);
    expect(run.overlay?.unit).toBe('mV');

    store.getState().applyBest();
    const params = project.getState().doc.populations[0].params as Record<string, string>;
    expect(Math.abs(parseFloat(params.gNa) - 120) / 120).toBeLessThan(0.05);
    expect(Math.abs(parseFloat(params.gK) - 36) / 36).toBeLessThan(0.05);
    store.getState().revert();
    expect(project.getState().doc.populations[0].params).toEqual({ gNa: '80 mS/cm2', gK: '50 mS/cm2' });
    client.dispose();
  }, 90_000);
});
