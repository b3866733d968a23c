import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runProject } from '../engine';
import { harness, ticks } from './harness';
import { PROTOCOL_VERSION, type ChunkMessage, type PageToWorker, type WorkerToPage } from './protocol';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../e2e/fixtures/${name}.json`, import.meta.url), 'utf8'));
const network = fixture('network');

/** What the page would assemble from the chunks of a run, in runProject's shape. */
function assemble(messages: WorkerToPage[], runId: number, populations: string[]) {
  const chunks = messages.filter((m): m is ChunkMessage => m.type === 'chunk' && m.runId === runId);
  const recorders = chunks[0]?.recordings.length ?? 0;
  const recordings = Array.from({ length: recorders }, (_, k) => ({
    timesMs: chunks.flatMap((c) => Array.from(c.recordings[k].timesMs)),
    values: chunks.flatMap((c) => Array.from(c.recordings[k].values)),
  }));
  const spikes = {
    tMs: chunks.flatMap((c) => Array.from(c.spikes.steps, (s) => s * c.dtMs)),
    population: chunks.flatMap((c) => Array.from(c.spikes.populations, (p) => populations[p])),
    neuron: chunks.flatMap((c) => Array.from(c.spikes.neurons)),
  };
  // Chunks tile the run without gaps.
  for (let i = 1; i < chunks.length; i++) expect(chunks[i].firstStep).toBe(chunks[i - 1].firstStep + chunks[i - 1].stepCount);
  return { recordings, spikes, chunks };
}

function reference(project: unknown, options: { durationMs?: number } = {}) {
  const r = runProject(project, options);
  return {
    recordings: r.recordings.map((x) => ({ timesMs: Array.from(x.timesMs), values: Array.from(x.values) })),
    spikes: { tMs: Array.from(r.spikes.tMs), population: r.spikes.population, neuron: Array.from(r.spikes.neuron) },
  };
}

const POPS = ['exc', 'izh', 'adex'];

describe('WorkerHandler', () => {
  it('announces itself, loads, runs in chunks and finishes with exactly runProject’s results', async () => {
    const h = harness();
    h.handler.announce();
    expect(h.sent[0].message).toEqual({ type: 'ready', backend: 'cpu', protocolVersion: PROTOCOL_VERSION });
    h.send({ type: 'load', project: network, runId: 1 });
    const loaded = await h.until('loaded', 1);
    expect(loaded.populations.map((p) => p.id)).toEqual(POPS);
    expect(loaded.series[0].map((s) => s.key)).toEqual(['exc[0].v', 'exc[3].v']);
    expect(loaded.series[1].map((s) => s.unit)).toEqual(['mV', 'mV/ms']);
    h.send({ type: 'run', runId: 2 });
    const done = await h.until('done', 2);
    expect(done).toMatchObject({ reason: 'completed', tMs: 300 });
    const got = assemble(h.messages(), 2, POPS);
    const want = reference(network);
    expect(got.spikes).toEqual(want.spikes);
    expect(got.recordings).toEqual(want.recordings);
    expect(want.spikes.tMs.length).toBeGreaterThan(100);
    // The last progress reaches the end; every chunk's buffers are in its transfer list.
    const progress = h.messages(2).filter((m) => m.type === 'progress');
    expect(progress.at(-1)).toMatchObject({ tMs: 300, endMs: 300 });
    for (const s of h.sent.filter((x) => x.message.type === 'chunk')) {
      const c = s.message as ChunkMessage;
      for (const a of [c.spikes.steps, c.spikes.neurons, c.spikes.populations, ...c.recordings.flatMap((r) => [r.timesMs, r.values])]) {
        expect(s.transfer).toContain(a.buffer);
      }
    }
  });

  it('coalesces engine chunks: one chunk when the flush interval is long, many when it is 0, same data', async () => {
    const few = harness({ flushIntervalMs: Number.POSITIVE_INFINITY });
    few.send({ type: 'load', project: network });
    few.send({ type: 'run', runId: 1 });
    await few.until('done', 1);
    const many = harness({ flushIntervalMs: 0, sliceMs: 0, chunkSteps: 50 });
    many.send({ type: 'load', project: network });
    many.send({ type: 'run', runId: 1 });
    await many.until('done', 1);
    const a = assemble(few.messages(), 1, POPS);
    const b = assemble(many.messages(), 1, POPS);
    expect(a.chunks.length).toBe(1);
    expect(b.chunks.length).toBe(3000 / 50);
    expect(a.spikes).toEqual(b.spikes);
    expect(a.recordings).toEqual(b.recordings);
  });

  it('a second run starts again from t = 0 and gives the same numbers', async () => {
    const h = harness();
    h.send({ type: 'load', project: network });
    h.send({ type: 'run', runId: 1, durationMs: 120 });
    await h.until('done', 1);
    h.send({ type: 'run', runId: 2, durationMs: 120 });
    await h.until('done', 2);
    const first = assemble(h.messages(), 1, POPS);
    const second = assemble(h.messages(), 2, POPS);
    expect(second.chunks[0].firstStep).toBe(0);
    expect(second.spikes).toEqual(first.spikes);
    expect(second.recordings).toEqual(first.recordings);
    expect(first.spikes).toEqual(reference(network, { durationMs: 120 }).spikes);
  });

  it('pauses mid-run, stays paused, and resumes to the same result', async () => {
    let paused = false;
    const h = harness({ sliceMs: 0, flushIntervalMs: 0, chunkSteps: 100 }, (m, handler) => {
      if (!paused && m.type === 'progress') {
        paused = true;
        handler.handle({ type: 'pause', runId: 1 });
      }
    });
    h.send({ type: 'load', project: network });
    h.send({ type: 'run', runId: 1 });
    await ticks(20);
    const count = h.sent.length;
    const last = h.messages(1).filter((m) => m.type === 'progress').at(-1);
    expect(last?.type === 'progress' && last.tMs).toBeLessThan(300);
    expect(h.messages(1).some((m) => m.type === 'done')).toBe(false);
    expect(h.handler.busy).toBe(true);
    await ticks(20);
    expect(h.sent.length).toBe(count); // nothing happens while paused
    h.send({ type: 'pause', runId: 99 }); // other runs are ignored
    h.send({ type: 'resume', runId: 1 });
    await h.until('done', 1);
    const got = assemble(h.messages(), 1, POPS);
    const want = reference(network);
    expect(got.spikes).toEqual(want.spikes);
    expect(got.recordings).toEqual(want.recordings);
  });

  it('stops mid-run with done: stopped and sends nothing more for that run', async () => {
    let stopped = false;
    const h = harness({ sliceMs: 0, flushIntervalMs: 0, chunkSteps: 100 }, (m, handler) => {
      if (!stopped && m.type === 'progress') {
        stopped = true;
        handler.handle({ type: 'stop', runId: 1 });
      }
    });
    h.send({ type: 'load', project: network });
    h.send({ type: 'run', runId: 1 });
    const done = await h.until('done', 1);
    expect(done.reason).toBe('stopped');
    expect(done.tMs).toBeLessThan(300);
    const count = h.sent.length;
    await ticks(20);
    expect(h.sent.length).toBe(count);
    expect(h.handler.busy).toBe(false);
  });

  it('a new run supersedes the running one (done: stopped for the old runId)', async () => {
    const h = harness({ sliceMs: 0, chunkSteps: 100 });
    h.send({ type: 'load', project: network });
    h.send({ type: 'run', runId: 1 });
    await ticks(3);
    h.send({ type: 'run', runId: 2, durationMs: 50 });
    expect(await h.until('done', 1)).toMatchObject({ reason: 'stopped' });
    expect(await h.until('done', 2)).toMatchObject({ reason: 'completed', tMs: 50 });
    const afterStop = h.sent.findIndex((s) => s.message.type === 'done');
    expect(h.sent.slice(afterStop).some((s) => 'runId' in s.message && s.message.runId === 1 && s.message.type !== 'done')).toBe(false);
  });

  it('steps continue from the current time: 2 × step(500) = run(100 ms)', async () => {
    const h = harness();
    h.send({ type: 'load', project: network });
    h.send({ type: 'step', runId: 1, steps: 500 });
    expect(await h.until('done', 1)).toMatchObject({ tMs: 50 });
    h.send({ type: 'step', runId: 2, steps: 500 });
    expect(await h.until('done', 2)).toMatchObject({ tMs: 100 });
    const a = assemble(h.messages(), 1, POPS);
    const b = assemble(h.messages(), 2, POPS);
    expect(b.chunks[0].firstStep).toBe(500);
    const want = reference(network, { durationMs: 100 });
    expect([...a.spikes.tMs, ...b.spikes.tMs]).toEqual(want.spikes.tMs);
    expect([...a.spikes.neuron, ...b.spikes.neuron]).toEqual(want.spikes.neuron);
    expect([...a.recordings[1].values, ...b.recordings[1].values]).toEqual(want.recordings[1].values);
  });

  it('reports an invalid project with its JSON path, and refuses to run it', async () => {
    const h = harness();
    h.send({ type: 'load', project: fixture('invalid'), runId: 5 });
    const error = await h.until('error', 5);
    expect(error.code).toBe('invalid-project');
    expect(error.path).toBe('$.populations[0].size');
    expect(error.message).toContain('$.populations[0].size');
    expect(error.issues?.[0]).toMatchObject({ path: '$.populations[0].size' });
    h.send({ type: 'run', runId: 6 });
    expect(await h.until('error', 6)).toMatchObject({ code: 'not-loaded' });
  });

  it('reports engine errors from compilation with their path', async () => {
    const h = harness();
    const project = structuredClone(network) as { recordings: { variables: string[] }[] };
    project.recordings[2].variables = ['v'];
    h.send({ type: 'load', project, runId: 1 });
    const error = await h.until('error', 1);
    expect(error.code).toBe('invalid-value');
    expect(error.path).toBe('$.recordings[2].variables[0]');
    expect(error.message).toMatch(/has no variable 'v'/);
  });

  it('reports a model with errors with its diagnostics', async () => {
    const h = harness();
    const project = {
      format: 'spikeflow-project',
      version: 1,
      simulation: { durationMs: 10 },
      models: { Bad: 'model Bad : cell\nstates\n  v = 0 mV\nequations\n  dv/dt = v / (1 mV)\n' },
      populations: [{ id: 'p', model: 'Bad', size: 1 }],
    };
    h.send({ type: 'load', project, runId: 1 });
    const error = await h.until('error', 1);
    expect(error.code).toBe('invalid-model');
    expect(error.path).toBe('$.populations[0].model');
    expect(error.modelProblems?.length).toBeGreaterThan(0);
    expect(error.modelProblems?.[0]).toMatchObject({ model: 'Bad', severity: 'error' });
  });

  it('reports a numerical blow-up naming population, neuron, variable and time, after the data before it', async () => {
    const h = harness({ chunkSteps: 5, flushIntervalMs: 0, sliceMs: 0 });
    h.send({ type: 'load', project: fixture('blowup') });
    h.send({ type: 'run', runId: 3 });
    const error = await h.until('error', 3);
    expect(error.code).toBe('blowup');
    expect(error.blowup).toMatchObject({ population: 'boom', neuron: 2, variable: 'v', tMs: 1.3 });
    expect(error.message).toMatch(/boom\[2\]\.v .* at t = 1\.3 ms/);
    expect(h.messages(3).some((m) => m.type === 'done')).toBe(false);
    expect(h.messages(3).filter((m) => m.type === 'chunk').length).toBeGreaterThan(0);
    expect(h.handler.busy).toBe(false);
  });

  it('rejects malformed messages without throwing', () => {
    const h = harness();
    h.send({ type: 'explode' } as unknown as PageToWorker);
    h.send({ type: 'run' } as unknown as PageToWorker);
    h.send({ type: 'step', runId: 1, steps: 10 });
    expect(h.messages().map((m) => m.type === 'error' && m.code)).toEqual(['bad-message', 'bad-message', 'not-loaded']);
  });
});
