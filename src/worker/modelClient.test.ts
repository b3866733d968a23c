import { describe, expect, it } from 'vitest';
import { answerModelRequest } from './modelCheck';
import { ModelChecker, SupersededCheckError, type ModelWorkerLike } from './modelClient';
import type { ModelWorkerRequest, ModelWorkerResponse } from './modelProtocol';

/** A model worker stand-in: answers with the real handler, asynchronously, in order. */
class FakeModelWorker implements ModelWorkerLike {
  private readonly listeners: Record<string, ((e: never) => void)[]> = {};
  received: ModelWorkerRequest[] = [];
  terminated = false;
  /** When false, requests wait in `queue` until `release()`. */
  auto = true;
  private queue: ModelWorkerRequest[] = [];

  postMessage(message: ModelWorkerRequest): void {
    this.received.push(message);
    const copy = structuredClone(message);
    if (this.auto) setTimeout(() => this.answer(copy), 0);
    else this.queue.push(copy);
  }

  release(): void {
    const queued = this.queue;
    this.queue = [];
    for (const m of queued) setTimeout(() => this.answer(m), 0);
  }

  private answer(request: ModelWorkerRequest): void {
    if (this.terminated) return;
    const data: ModelWorkerResponse = answerModelRequest(request);
    for (const l of this.listeners.message ?? []) (l as (e: { data: ModelWorkerResponse }) => void)({ data });
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
  const workers: FakeModelWorker[] = [];
  const checker = new ModelChecker({
    createWorker: () => {
      const w = new FakeModelWorker();
      workers.push(w);
      return w;
    },
  });
  return { checker, workers };
}

const cell = (tau: string, name = 'Leaky') => `model ${name} : cell\nparams\n  tau = ${tau}\ninputs\n  j : mV\nstates\n  v = 0 mV\nequations\n  dv/dt = (j - v) / tau\n`;

describe('ModelChecker', () => {
  it('starts its worker on the first check and answers every check with its own result, in order', async () => {
    const { checker, workers } = setup();
    expect(workers).toHaveLength(0);
    const order: string[] = [];
    const checks = ['20 ms', '3 mV', '5 ms'].map((tau) => checker.check(cell(tau), {}).then((r) => (order.push(tau), r)));
    const [a, b, c] = await Promise.all(checks);
    expect(workers).toHaveLength(1);
    expect(order).toEqual(['20 ms', '3 mV', '5 ms']);
    expect(a.info?.params[0]).toMatchObject({ name: 'tau', unit: 'ms', defaultValue: 20 });
    expect(b.diagnostics).toMatchObject([{ line: 9, severity: 'error', code: 'unit-mismatch' }]);
    expect(b.info).toBeUndefined();
    expect(c.info?.params[0]).toMatchObject({ defaultValue: 5 });
  });

  it('sends the project models along, so a name taken in the project is an error', async () => {
    const { checker, workers } = setup();
    const result = await checker.check(cell('20 ms', 'Taken'), { Taken: cell('1 ms', 'Taken') });
    expect(result.diagnostics).toMatchObject([{ code: 'name', message: "the project already has a model called 'Taken'" }]);
    expect(workers[0].received[0]).toMatchObject({ type: 'check', projectModels: { Taken: expect.any(String) } });
  });

  it('latestOnly: while a check of a document runs, only its newest text waits; replaced ones reject', async () => {
    const { checker, workers } = setup();
    const tauOf = (r: ModelWorkerRequest) => r.source.match(/tau = (\S+)/)?.[1];
    const first = checker.check(cell('1 ms'), {}, { latestOnly: 'Leaky' });
    workers[0].auto = false;
    workers[0].received.length = 0;
    const second = checker.check(cell('2 ms'), {}, { latestOnly: 'Leaky' });
    const third = checker.check(cell('3 ms'), {}, { latestOnly: 'Leaky' });
    const other = checker.check(cell('4 ms', 'Other'), {}, { latestOnly: 'Other' });
    const secondError = second.catch((e: unknown) => e);
    // Leaky's first check is in the worker: its newer texts wait (only the newest); Other goes at once.
    expect(workers[0].received.map(tauOf)).toEqual(['4']);
    expect((await first).info?.params[0].defaultValue).toBe(1);
    expect(await secondError).toBeInstanceOf(SupersededCheckError);
    expect(workers[0].received.map(tauOf)).toEqual(['4', '3']);
    workers[0].release();
    expect((await third).info?.params[0].defaultValue).toBe(3);
    expect((await other).info?.name).toBe('Other');
  });

  it('rejects the checks of a crashed worker and starts a new one at the next check', async () => {
    const { checker, workers } = setup();
    workers.length = 0;
    const pending = checker.check(cell('1 ms'), {}, { latestOnly: 'Leaky' });
    workers[0].auto = false;
    const held = checker.check(cell('2 ms'), {}, { latestOnly: 'Leaky' });
    workers[0].crash('out of memory');
    await expect(pending).rejects.toThrow(/model checker crashed \(out of memory\)/);
    await expect(held).rejects.toThrow(/crashed/);
    expect(workers[0].terminated).toBe(true);
    expect(checker.restarts).toBe(1);
    const again = await checker.check(cell('7 ms'), {}, { latestOnly: 'Leaky' });
    expect(workers).toHaveLength(2);
    expect(again.info?.params[0].defaultValue).toBe(7);
  });

  it('dispose stops the worker and rejects what is waiting and what comes after', async () => {
    const { checker, workers } = setup();
    const pending = checker.check(cell('1 ms'), {});
    checker.dispose();
    await expect(pending).rejects.toThrow(/disposed/);
    expect(workers[0].terminated).toBe(true);
    await expect(checker.check(cell('1 ms'), {})).rejects.toThrow(/disposed/);
  });
});
