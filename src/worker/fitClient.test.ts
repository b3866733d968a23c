import { describe, expect, it } from 'vitest';
import { FitClient, type FitOutcome, type FitProgress, type FitWorkerLike } from './fitClient';
import type { FitRequest, FitResponse } from './fitProtocol';

/**
 * A fit worker stand-in: records requests and lets the test answer them. `autoTarget` answers
 * target requests with one case per value at once (asynchronously, as a worker would).
 */
class FakeFitWorker implements FitWorkerLike {
  private readonly listeners: Record<string, ((e: never) => void)[]> = {};
  received: FitRequest[] = [];
  terminated = false;

  postMessage(message: FitRequest): void {
    // A real worker receives a structured clone.
    this.received.push(structuredClone(message));
  }

  reply(data: FitResponse): void {
    if (this.terminated) return;
    for (const l of this.listeners.message ?? []) (l as (e: { data: FitResponse }) => void)({ data: structuredClone(data) });
  }

  addEventListener(type: string, listener: (e: never) => void): void {
    (this.listeners[type] ??= []).push(listener);
  }

  terminate(): void {
    this.terminated = true;
  }

  crash(message: string): void {
    for (const l of this.listeners.error ?? []) (l as (e: { message: string; preventDefault(): void }) => void)({ message, preventDefault() {} });
  }
}

function setup() {
  const workers: FakeFitWorker[] = [];
  const client = new FitClient({
    createWorker: () => {
      const w = new FakeFitWorker();
      workers.push(w);
      return w;
    },
  });
  return { client, workers };
}

const best = { iteration: 3, loss: 0.5, values: [1.5] };
const progress = (fitId: number, iteration: number, loss: number): FitResponse => ({
  type: 'progress',
  fitId,
  iteration,
  evaluations: iteration,
  loss,
  values: [1 + iteration / 10],
  best,
  iterationsPerSecond: 50,
});

describe('FitClient', () => {
  it('starts its worker on first use and sends the project with a fresh fit id', () => {
    const { client, workers } = setup();
    expect(workers).toHaveLength(0);
    const project = { name: 'p', fit: { population: 'cell' } };
    const a = client.start(project);
    const b = client.start(project);
    expect(workers).toHaveLength(1);
    expect(a.fitId).not.toBe(b.fitId);
    expect(workers[0].received).toEqual([
      { type: 'start', fitId: a.fitId, project },
      { type: 'start', fitId: b.fitId, project },
    ]);
  });

  it('passes started, progress and done of its own fit to the events and settles once', async () => {
    const { client, workers } = setup();
    const seen: string[] = [];
    const losses: number[] = [];
    const handle = client.start({}, {
      started: (m) => seen.push(`started ${m.params.map((p) => `${p.name} ${p.unit}`).join(',')}`),
      progress: (m: FitProgress) => losses.push(m.loss),
      done: (m) => seen.push(`done ${m.reason} ${m.iterations}`),
      failed: () => seen.push('failed'),
    });
    const other = client.start({});
    const w = workers[0];
    w.reply({ type: 'started', fitId: handle.fitId, params: [{ name: 'gNa', unit: 'mS/cm2', initial: 60 }], optimizer: 'adam', cases: 1, gradient: 'cell', simulatedNeurons: 1, backend: { backend: 'cpu' } });
    w.reply(progress(handle.fitId, 1, 10));
    w.reply(progress(other.fitId, 1, 99));
    w.reply(progress(handle.fitId, 2, 4));
    w.reply({ type: 'done', fitId: handle.fitId, reason: 'completed', best, iterations: 2, wallMs: 12 });
    // A late message of an ended fit is dropped.
    w.reply(progress(handle.fitId, 3, 1));
    const outcome = await handle.finished;
    expect(outcome).toMatchObject({ type: 'done', reason: 'completed', best });
    expect(seen).toEqual(['started gNa mS/cm2', 'done completed 2']);
    expect(losses).toEqual([10, 4]);
    expect(client.isRunning(handle.fitId)).toBe(false);
    expect(client.isRunning(other.fitId)).toBe(true);
  });

  it('pause, resume and stop address the fit; after it ended they send nothing', async () => {
    const { client, workers } = setup();
    const handle = client.start({});
    handle.pause();
    handle.resume();
    handle.stop();
    expect(workers[0].received.slice(1)).toEqual([
      { type: 'pause', fitId: handle.fitId },
      { type: 'resume', fitId: handle.fitId },
      { type: 'stop', fitId: handle.fitId },
    ]);
    workers[0].reply({ type: 'done', fitId: handle.fitId, reason: 'stopped', best, iterations: 3, wallMs: 5 });
    expect(await handle.finished).toMatchObject({ reason: 'stopped' });
    handle.stop();
    expect(workers[0].received).toHaveLength(4);
  });

  it('a failed fit reports its message and path', async () => {
    const { client, workers } = setup();
    const failures: string[] = [];
    const handle = client.start({}, { failed: (f) => failures.push(`${f.message} @ ${f.path}`) });
    workers[0].reply({ type: 'failed', fitId: handle.fitId, message: "'gX' is not a parameter of HodgkinHuxley1952", path: '$.fit.params[0].name' });
    const outcome: FitOutcome = await handle.finished;
    expect(outcome).toEqual({ type: 'failed', fitId: handle.fitId, message: "'gX' is not a parameter of HodgkinHuxley1952", path: '$.fit.params[0].name' });
    expect(failures).toEqual(["'gX' is not a parameter of HodgkinHuxley1952 @ $.fit.params[0].name"]);
  });

  it('makeTarget resolves with the cases of its own request, or rejects with the failure', async () => {
    const { client, workers } = setup();
    const project = { fit: { population: 'cell' } };
    const first = client.makeTarget(project, { gNa: 120 }, 500);
    const second = client.makeTarget(project, { gNa: -1 });
    const [r1, r2] = workers[0].received as Extract<FitRequest, { type: 'target' }>[];
    expect(r1).toEqual({ type: 'target', requestId: r1.requestId, project, values: { gNa: 120 }, maxSamples: 500 });
    expect(r2).not.toHaveProperty('maxSamples');
    const cases = [{ trace: { timesMs: [0, 1], values: [-65, -64], unit: 'mV' }, spikeTimesMs: [0.5] }];
    workers[0].reply({ type: 'failed', requestId: r2.requestId, message: 'gNa must be ≥ 0', path: '$.values.gNa' });
    workers[0].reply({ type: 'target-made', requestId: r1.requestId, cases });
    await expect(first).resolves.toEqual(cases);
    await expect(second).rejects.toThrow('gNa must be ≥ 0 (at $.values.gNa)');
  });

  it('a crashed worker fails its fits and targets, and is replaced at the next request', async () => {
    const { client, workers } = setup();
    const failed: string[] = [];
    const fit = client.start({}, { failed: (f) => failed.push(f.message) });
    const target = client.makeTarget({}, {});
    workers[0].crash('out of memory');
    expect(await fit.finished).toMatchObject({ type: 'failed', message: expect.stringMatching(/fit worker crashed \(out of memory\)/) });
    await expect(target).rejects.toThrow(/crashed/);
    expect(failed).toHaveLength(1);
    expect(workers[0].terminated).toBe(true);
    expect(client.restarts).toBe(1);
    // Controls of the failed fit go nowhere (no worker is started for them).
    fit.stop();
    expect(workers).toHaveLength(1);
    const again = client.start({});
    expect(workers).toHaveLength(2);
    expect(workers[1].received).toEqual([{ type: 'start', fitId: again.fitId, project: {} }]);
  });

  it('dispose stops the worker and fails what is running and what comes after', async () => {
    const { client, workers } = setup();
    const fit = client.start({});
    const target = client.makeTarget({}, {});
    client.dispose();
    expect(workers[0].terminated).toBe(true);
    expect(await fit.finished).toMatchObject({ type: 'failed', message: /disposed/ });
    await expect(target).rejects.toThrow(/disposed/);
    await expect(client.makeTarget({}, {})).rejects.toThrow(/disposed/);
    const late: string[] = [];
    const after = client.start({}, { failed: (f) => late.push(f.message) });
    expect(await after.finished).toMatchObject({ type: 'failed' });
    expect(late).toEqual(['the fit client was disposed']);
    expect(workers).toHaveLength(1);
  });
});
