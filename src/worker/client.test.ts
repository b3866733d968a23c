import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runProject } from '../engine';
import { EngineClient, MAX_RESTARTS, WorkerError, type WorkerLike } from './client';
import { WorkerHandler } from './handler';
import { PROTOCOL_VERSION, type PageToWorker, type WorkerToPage } from './protocol';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../e2e/fixtures/${name}.json`, import.meta.url), 'utf8'));
const network = fixture('network');

/** A Worker stand-in running a WorkerHandler in this thread, with asynchronous delivery both ways. */
class FakeWorker implements WorkerLike {
  private readonly listeners: Record<string, ((e: never) => void)[]> = {};
  readonly handler: WorkerHandler;
  terminated = false;
  received: PageToWorker[] = [];
  /** Messages the page side would receive are routed through here (tests may rewrite them). */
  tamper: (m: WorkerToPage) => WorkerToPage = (m) => m;

  constructor() {
    this.handler = new WorkerHandler((message) => setTimeout(() => this.deliver(this.tamper(message)), 0));
    setTimeout(() => this.handler.announce(), 0);
  }

  postMessage(message: PageToWorker): void {
    this.received.push(message);
    const copy = structuredClone(message);
    setTimeout(() => !this.terminated && this.handler.handle(copy), 0);
  }

  addEventListener(type: string, listener: (e: never) => void): void {
    (this.listeners[type] ??= []).push(listener);
  }

  terminate(): void {
    this.terminated = true;
    this.handler.handle({ type: 'stop', runId: -1 });
  }

  deliver(data: WorkerToPage): void {
    if (this.terminated) return;
    for (const l of this.listeners.message ?? []) (l as (e: { data: WorkerToPage }) => void)({ data: data });
  }

  crash(message: string): void {
    for (const l of this.listeners.error ?? []) (l as (e: { message: string; preventDefault(): void }) => void)({ message, preventDefault() {} });
  }
}

function setup() {
  const workers: FakeWorker[] = [];
  const client = new EngineClient({
    createWorker: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
  });
  return { client, workers };
}

describe('EngineClient', () => {
  it('waits for ready, loads and runs a project to the same numbers as runProject', async () => {
    const { client } = setup();
    expect(await client.ready).toEqual({ type: 'ready', backend: 'cpu', protocolVersion: PROTOCOL_VERSION });
    let progress = 0;
    const run = await client.runProject(network, { onProgress: () => progress++ });
    const want = runProject(network);
    expect(run.reason).toBe('completed');
    expect(run.tMs).toBe(300);
    expect(progress).toBeGreaterThan(0);
    expect(Array.from(run.spikes.tMs)).toEqual(Array.from(want.spikes.tMs));
    expect(run.spikes.population).toEqual(want.spikes.population);
    expect(Array.from(run.spikes.neuron)).toEqual(Array.from(want.spikes.neuron));
    run.traces.forEach((t, k) => {
      expect(Array.from(t.values)).toEqual(Array.from(want.recordings[k].values));
      expect(Array.from(t.timesMs)).toEqual(Array.from(want.recordings[k].timesMs));
    });
    expect(run.traces[0].series.map((s) => s.key)).toEqual(['exc[0].v', 'exc[3].v']);
    expect(Object.values(run.spikeCounts).reduce((a, b) => a + b, 0)).toBe(want.spikes.neuron.length);
    // Where it computed, as the worker's backend message said (the analysis panels show it).
    expect(run.backend).toMatchObject({ backend: 'cpu' });
  });

  it('rejects an invalid project with a WorkerError carrying the JSON path', async () => {
    const { client } = setup();
    const error = await client.runProject(fixture('invalid')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerError);
    expect((error as WorkerError).detail).toMatchObject({ code: 'invalid-project', path: '$.populations[0].size' });
  });

  it('drops messages of stale runs', async () => {
    const { client } = setup();
    await client.load(network);
    const seen: number[] = [];
    client.on('chunk', (c) => seen.push(c.runId));
    client.on('done', (d) => seen.push(d.runId));
    const first = client.run();
    const second = client.run({ durationMs: 20 });
    await new Promise<void>((resolve) => client.on('done', (d) => d.runId === second && resolve()));
    expect(seen.every((id) => id === second)).toBe(true);
    expect(seen).not.toContain(first);
  });

  it('restarts a crashed worker, reports it, and reloads the project', async () => {
    const { client, workers } = setup();
    await client.load(network);
    const errors: WorkerToPage[] = [];
    client.on('error', (e) => errors.push(e));
    const reloaded = new Promise<void>((resolve) => client.on('loaded', () => resolve()));
    const runId = client.run();
    workers[0].crash('out of memory');
    expect(workers[0].terminated).toBe(true);
    expect(workers).toHaveLength(2);
    expect(client.restarts).toBe(1);
    expect(errors[0]).toMatchObject({ type: 'error', code: 'worker-crashed', runId });
    expect(errors[0].type === 'error' && errors[0].message).toContain('out of memory');
    await reloaded;
    expect(workers[1].received[0]).toMatchObject({ type: 'load' });
    const again = await client.runProject(network, { durationMs: 10 });
    expect(again.reason).toBe('completed');
  });

  it('gives up after MAX_RESTARTS crashes instead of restarting forever', () => {
    const { client, workers } = setup();
    const errors: string[] = [];
    client.on('error', (e) => errors.push(e.message));
    for (let k = 0; k <= MAX_RESTARTS; k++) workers[k].crash('script failed to load');
    expect(workers).toHaveLength(MAX_RESTARTS + 1);
    expect(errors.at(-1)).toMatch(/after 3 restarts; reload the page/);
    expect(() => client.run()).toThrow(/disposed/);
  });

  it('reports a worker that speaks another protocol version', async () => {
    const { client, workers } = setup();
    workers[0].tamper = (m) => (m.type === 'ready' ? { ...m, protocolVersion: PROTOCOL_VERSION + 1 } : m);
    const error = await new Promise<WorkerToPage>((resolve) => client.on('error', resolve));
    expect(error).toMatchObject({ code: 'protocol-mismatch' });
  });

  it('pauses, resumes and stops the current run', async () => {
    const { client } = setup();
    await client.load(network);
    const done = new Promise<WorkerToPage>((resolve) => client.on('done', resolve));
    client.run();
    client.pause();
    client.resume();
    client.stop();
    expect(await done).toMatchObject({ type: 'done', reason: 'stopped' });
  });

  it('receives the catalog after ready', async () => {
    const { client } = setup();
    const catalog = await new Promise<WorkerToPage>((resolve) => client.on('catalog', resolve));
    expect(catalog.type === 'catalog' && catalog.models.find((m) => m.name === 'LIF')).toMatchObject({ kind: 'cell', params: expect.any(Array) });
  });

  it('setModels: the worker answers with a catalog that has the project models, with nothing loaded', async () => {
    const { client, workers } = setup();
    await client.ready;
    const source = 'model Leaky : cell\nparams\n  tau = 20 ms\ninputs\n  j : mV\nstates\n  v = 0 mV\nequations\n  dv/dt = (j - v) / tau\n';
    const catalog = new Promise<WorkerToPage>((resolve) => client.on('catalog', (m) => m.models.some((x) => x.origin === 'project') && resolve(m)));
    client.setModels({ Leaky: source });
    expect(workers[0].received.at(-1)).toEqual({ type: 'models', models: { Leaky: source } });
    const got = await catalog;
    expect(got.type === 'catalog' && got.models.at(-1)).toMatchObject({ name: 'Leaky', origin: 'project', params: [{ name: 'tau', unit: 'ms', defaultValue: 20 }] });
  });

  it('update: a live edit round trip, a restart answer, and the edited project is what a crash reloads', async () => {
    const { client, workers } = setup();
    await client.load(network);
    const edited = structuredClone(network) as { populations: { params?: Record<string, unknown>; size: number }[] };
    edited.populations[0].params = { tau_m: '12 ms' };
    const updated: WorkerToPage[] = [];
    client.on('updated', (m) => updated.push(m));
    expect(await client.update(edited)).toEqual({ live: true, applied: ['exc.tau_m'], reason: undefined });
    expect(updated).toHaveLength(1);
    const resized = structuredClone(edited);
    resized.populations[0].size = 21;
    expect(await client.update(resized)).toEqual({ live: false, applied: [], reason: 'changing the size of exc needs a restart' });
    // Concurrent updates are answered to their own callers.
    const [a, b] = await Promise.all([client.update(resized), client.update(edited)]);
    expect([a.live, b.live]).toEqual([false, true]);
    workers[0].crash('gone');
    await new Promise<void>((resolve) => client.on('loaded', () => resolve()));
    expect(workers[1].received[0]).toMatchObject({ type: 'load', project: edited });
  });

  it('update rejects with a WorkerError when nothing is loaded, without reporting a run error', async () => {
    const { client } = setup();
    const errors: WorkerToPage[] = [];
    client.on('error', (e) => errors.push(e));
    const error = await client.update(network).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerError);
    expect((error as WorkerError).detail).toMatchObject({ code: 'not-loaded', requestId: 1 });
    expect(errors).toEqual([]);
  });

  it('update rejects when the worker crashes before answering, and after dispose', async () => {
    const { client, workers } = setup();
    await client.load(network);
    const pending = client.update(network);
    workers[0].crash('boom');
    const error = await pending.catch((e: unknown) => e);
    expect((error as WorkerError).detail).toMatchObject({ code: 'worker-crashed' });
    client.dispose();
    await expect(client.update(network)).rejects.toThrow(/disposed/);
  });
});
