import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FitHandler } from './fitHandler';
import type { FitResponse } from './fitProtocol';

function lifProject(fit?: Record<string, unknown>): Record<string, unknown> {
  const json = JSON.parse(readFileSync(new URL('../../examples/LIF.json', import.meta.url), 'utf8')) as Record<string, unknown>;
  json.simulation = { dtMs: 0.1, durationMs: 60, seed: 1 };
  json.recordings = [];
  // Below threshold: a smooth trace, so a few iterations find the time constant.
  (json.stimuli as { amplitude: string }[])[0].amplitude = '1 nA';
  if (fit) json.fit = fit;
  return json;
}

function setup() {
  const sent: FitResponse[] = [];
  const handler = new FitHandler((m) => sent.push(m));
  const waitFor = async (pred: (m: FitResponse) => boolean, what: string): Promise<FitResponse> => {
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const found = sent.find(pred);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`timed out waiting for ${what}`);
  };
  return { sent, handler, waitFor };
}

describe('FitHandler', () => {
  it('makes a synthetic target, fits it, and reports progress, overlay and the best parameters in declared units', async () => {
    const { sent, handler, waitFor } = setup();
    const fit = { population: 'cell', params: [{ name: 'tau_m', min: 2, max: 40 }], loss: [{ kind: 'trace-mse' }], optimizer: { kind: 'adam', learningRate: 0.1, iterations: 150 } };
    await handler.handle({ type: 'target', requestId: 7, project: lifProject(fit), values: { tau_m: 14 } });
    const made = await waitFor((m) => m.type === 'target-made', 'the target');
    if (made.type !== 'target-made') throw new Error('unreachable');
    expect(made.cases).toHaveLength(1);
    expect(made.cases[0].trace.unit).toBe('mV');
    const project = lifProject({ ...fit, cases: [{ trace: made.cases[0].trace }] });
    await handler.handle({ type: 'start', fitId: 1, project });
    const done = await waitFor((m) => m.type === 'done', 'the end of the fit');
    const started = sent.find((m) => m.type === 'started');
    expect(started).toMatchObject({ params: [{ name: 'tau_m', unit: 'ms', initial: 10, min: 2, max: 40 }], optimizer: 'adam' });
    const progress = sent.filter((m) => m.type === 'progress');
    expect(progress.length).toBeGreaterThan(1);
    const first = progress[0];
    const last = progress.at(-1)!;
    if (first.type !== 'progress' || last.type !== 'progress' || done.type !== 'done') throw new Error('unreachable');
    expect(first.iteration).toBe(1);
    expect(first.overlay?.unit).toBe('mV');
    expect(last.iteration).toBe(150);
    expect(last.overlay).toBeDefined();
    expect(done).toMatchObject({ reason: 'completed', iterations: 150 });
    expect(done.best.loss).toBeLessThan(first.loss / 100);
    expect(done.best.values[0]).toBeCloseTo(14, 1);
  });

  it('pauses, resumes and stops a fit; a new start ends the previous one', async () => {
    const { sent, handler, waitFor } = setup();
    const target = { timesMs: [0, 60], values: [-60, -60], unit: 'mV' };
    const project = lifProject({ population: 'cell', params: [{ name: 'tau_m' }], cases: [{ trace: target }], optimizer: { iterations: 100000 } });
    await handler.handle({ type: 'start', fitId: 1, project });
    await waitFor((m) => m.type === 'progress', 'progress');
    await handler.handle({ type: 'pause', fitId: 1 });
    await new Promise((r) => setTimeout(r, 100));
    const count = sent.length;
    await new Promise((r) => setTimeout(r, 150));
    expect(sent.length).toBe(count);
    await handler.handle({ type: 'resume', fitId: 1 });
    await handler.handle({ type: 'start', fitId: 2, project });
    expect(sent.find((m) => m.type === 'done' && m.fitId === 1)).toMatchObject({ reason: 'stopped' });
    await handler.handle({ type: 'stop', fitId: 2 });
    expect(sent.find((m) => m.type === 'done' && m.fitId === 2)).toMatchObject({ reason: 'stopped' });
  });

  it('says what is wrong, and where', async () => {
    const { handler, waitFor } = setup();
    await handler.handle({ type: 'start', fitId: 3, project: lifProject() });
    expect(await waitFor((m) => m.type === 'failed', 'failure')).toMatchObject({ fitId: 3, path: '$.fit', message: expect.stringMatching(/no fit section/) });
    await handler.handle({ type: 'start', fitId: 4, project: lifProject({ population: 'cell', params: [{ name: 'tau_x' }] }) });
    expect(await waitFor((m) => m.type === 'failed' && m.fitId === 4, 'failure')).toMatchObject({ message: expect.stringMatching(/'tau_x' is not a parameter of population 'cell'/) });
    await handler.handle({ type: 'start', fitId: 5, project: lifProject({ population: 'cell', params: [{ name: 'tau_m' }], cases: [{}], loss: [{ kind: 'van-rossum' }] }) });
    expect(await waitFor((m) => m.type === 'failed' && m.fitId === 5, 'failure')).toMatchObject({ path: '$.fit.cases[0]', message: expect.stringMatching(/needs target spike times/) });
  });
});
