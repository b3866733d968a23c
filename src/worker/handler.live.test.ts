import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runProject } from '../engine';
import type { ProjectInput } from '../project/schema';
import { harness, ticks } from './harness';
import type { CatalogMessage, ChunkMessage, ErrorMessage, PageToWorker, UpdatedMessage, WorkerToPage } from './protocol';

const network = JSON.parse(readFileSync(new URL('../../e2e/fixtures/network.json', import.meta.url), 'utf8')) as ProjectInput;

/** One LIF population driven by a step current; v of neuron 0 recorded every step. */
function lif(params: Record<string, string>, amplitude: string, durationMs = 200): ProjectInput {
  return {
    format: 'spikeflow-project',
    version: 1,
    simulation: { dtMs: 0.1, durationMs, seed: 1 },
    populations: [{ id: 'exc', model: 'LIF', size: 3, params }],
    stimuli: [{ type: 'step', id: 'drive', target: 'exc', amplitude }],
    recordings: [{ population: 'exc', variables: ['v'], neurons: [0] }],
  };
}

/** Poisson inputs onto one silent LIF cell through a summed ExpCurrent synapse; its current recorded. */
function feedForward(weight: string): ProjectInput {
  return {
    format: 'spikeflow-project',
    version: 1,
    simulation: { dtMs: 0.1, durationMs: 200, seed: 5 },
    populations: [
      { id: 'src', model: 'PoissonSource', size: 10, params: { rate: '200 Hz' } },
      { id: 'exc', model: 'LIF', size: 1, params: { thr: '0 mV' } },
    ],
    projections: [{ id: 'ee', pre: 'src', post: 'exc', synapse: 'ExpCurrent', connectivity: { rule: 'all_to_all' }, weight, params: { tau: '5 ms' } }],
    recordings: [{ population: 'exc', variables: ['ee.I', 'v'], neurons: [0] }],
  };
}

/** Loads and runs `project` (runId 1) and pauses it at the first progress at or after `atMs`. */
async function pausedRun(project: unknown, atMs: number) {
  let paused = false;
  const h = harness({ sliceMs: 0, flushIntervalMs: 0, chunkSteps: 100 }, (m, handler) => {
    if (!paused && m.type === 'progress' && m.tMs >= atMs) {
      paused = true;
      handler.handle({ type: 'pause', runId: 1 });
    }
  });
  h.send({ type: 'load', project });
  h.send({ type: 'run', runId: 1 });
  while (!paused) await ticks(1);
  await ticks(5);
  expect(h.handler.busy).toBe(true);
  expect(h.messages(1).some((m) => m.type === 'done')).toBe(false);
  const update = async (edited: unknown, requestId = 7) => {
    h.send({ type: 'update', project: edited, requestId });
    return h.waitFor((m): m is UpdatedMessage => m.type === 'updated' && m.requestId === requestId);
  };
  const finish = async () => {
    h.send({ type: 'resume', runId: 1 });
    await h.until('done', 1);
    return results(h.messages(), 1);
  };
  return { h, update, finish };
}

/** Recorder 0's samples (time-major) and spike times of a run, from its chunks. */
function results(messages: WorkerToPage[], runId: number) {
  const chunks = messages.filter((m): m is ChunkMessage => m.type === 'chunk' && m.runId === runId);
  return {
    timesMs: chunks.flatMap((c) => Array.from(c.recordings[0].timesMs)),
    values: chunks.flatMap((c) => Array.from(c.recordings[0].values)),
    spikesMs: chunks.flatMap((c) => Array.from(c.spikes.steps, (s) => s * c.dtMs)),
  };
}

describe('WorkerHandler: catalog', () => {
  it('describes the library right after ready, and project models after a load that brings them', async () => {
    const h = harness();
    h.handler.announce();
    expect(h.sent.map((s) => s.message.type)).toEqual(['ready', 'catalog']);
    const library = (h.sent[1].message as CatalogMessage).models;
    expect(library.find((m) => m.name === 'LIF')).toMatchObject({ kind: 'cell', origin: 'classic' });
    expect(library.some((m) => m.origin === 'project')).toBe(false);

    const withModel = {
      ...lif({}, '1 nA'),
      models: { Leaky: 'model Leaky : cell\nparams\n  tau = 20 ms\ninputs\n  j : mV\nstates\n  v = 0 mV\nequations\n  dv/dt = (j - v) / tau\n' },
    };
    h.send({ type: 'load', project: withModel, runId: 1 });
    await h.until('loaded', 1);
    const catalogs = () => h.sent.filter((s) => s.message.type === 'catalog').map((s) => (s.message as CatalogMessage).models);
    expect(catalogs()).toHaveLength(2);
    expect(catalogs()[1].find((m) => m.name === 'Leaky')).toMatchObject({ kind: 'cell', origin: 'project', params: [{ name: 'tau', unit: 'ms', defaultValue: 20 }] });
    expect(catalogs()[1].length).toBe(library.length + 1);
    // The same models again: no new catalog. A project without them: the library alone again.
    h.send({ type: 'load', project: withModel, runId: 2 });
    await h.until('loaded', 2);
    expect(catalogs()).toHaveLength(2);
    h.send({ type: 'load', project: network, runId: 3 });
    await h.until('loaded', 3);
    expect(catalogs()).toHaveLength(3);
    expect(catalogs()[2]).toEqual(library);
  });
});

describe('WorkerHandler: live updates', () => {
  it('a parameter edit while paused changes what follows: a higher threshold stops the spiking', async () => {
    const project = lif({ thr: '-52 mV' }, '40 nA');
    const control = await pausedRun(project, 50);
    const unedited = await control.finish();
    const run = await pausedRun(project, 50);
    const answer = await run.update(lif({ thr: '0 mV' }, '40 nA'));
    expect(answer).toEqual({ type: 'updated', requestId: 7, live: true, applied: ['exc.thr'] });
    const edited = await run.finish();
    const before = (r: { spikesMs: number[] }) => r.spikesMs.filter((t) => t < 50);
    expect(before(unedited).length).toBeGreaterThan(5);
    expect(before(edited)).toEqual(before(unedited));
    expect(unedited.spikesMs.filter((t) => t >= 50).length).toBeGreaterThan(10);
    expect(edited.spikesMs.filter((t) => t >= 50)).toEqual([]);
  });

  it('a stimulus edit moves the trace, during a run and after it finished', async () => {
    const run = await pausedRun(lif({ thr: '0 mV' }, '5 nA'), 100);
    expect(await run.update(lif({ thr: '0 mV' }, '10 nA'))).toMatchObject({ live: true, applied: ['drive.amplitude'] });
    const r = await run.finish();
    const at = (ms: number) => r.values[r.timesMs.findIndex((t) => Math.abs(t - ms) < 1e-9)];
    // v relaxes to v_rest + R·I: -60 mV with 5 nA, -55 mV after the edit (100 ms = 10 τm later).
    expect(at(99.9)).toBeCloseTo(-60, 2);
    expect(r.values.at(-1)).toBeCloseTo(-55, 2);
    // Finished: the simulation is still there; an edit applies to the steps that follow.
    expect(await run.update(lif({ thr: '0 mV' }, '0 nA'), 8)).toMatchObject({ live: true, applied: ['drive.amplitude'] });
    run.h.send({ type: 'step', runId: 2, steps: 1000 });
    await run.h.until('done', 2);
    expect(results(run.h.messages(), 2).values.at(-1)).toBeCloseTo(-65, 2);
  });

  it('a weight edit changes the post-synaptic response: with weight 0 the synaptic current only decays', async () => {
    const control = await pausedRun(feedForward('0.5 nA'), 100);
    const unedited = await control.finish();
    const run = await pausedRun(feedForward('0.5 nA'), 100);
    expect(await run.update(feedForward('0 nA'))).toMatchObject({ live: true, applied: ['ee.weight'] });
    const edited = await run.finish();
    const current = (r: ReturnType<typeof results>, from: number, to: number) => r.values.filter((_, k) => k % 2 === 0).slice(from, to);
    const beforeEdit = current(edited, 0, 1000);
    expect(beforeEdit).toEqual(current(unedited, 0, 1000));
    const peak = Math.max(...beforeEdit);
    expect(peak).toBeGreaterThan(1);
    // 100 ms after the edit (20 τ) the current has decayed to nothing; without it, spikes keep it up.
    expect(Math.abs(edited.values.at(-2)!)).toBeLessThan(1e-6 * peak);
    expect(unedited.values.at(-2)!).toBeGreaterThan(0.1 * peak);
  });

  it('a size change answers live: false with the reason, and the run goes on untouched', async () => {
    const run = await pausedRun(network, 100);
    const bigger = structuredClone(network);
    bigger.populations[0].size = 30;
    expect(await run.update(bigger)).toEqual({ type: 'updated', requestId: 7, live: false, applied: [], reason: 'changing the size of exc needs a restart' });
    const got = await run.finish();
    const want = runProject(network);
    expect(got.values).toEqual(Array.from(want.recordings[0].values));
    expect(got.spikesMs).toEqual(Array.from(want.spikes.tMs));
  });

  it('treats a live edit as the loaded document: later updates diff against it, and run starts from it', async () => {
    const run = await pausedRun(lif({ thr: '-52 mV' }, '40 nA'), 50);
    const edited = lif({ thr: '-50 mV', tau_m: '12 ms' }, '30 nA');
    expect(await run.update(edited, 1)).toMatchObject({ live: true, applied: ['exc.thr', 'exc.tau_m', 'drive.amplitude'] });
    expect(await run.update(edited, 2)).toMatchObject({ live: true, applied: [] });
    expect(await run.update(lif({ thr: '-50 mV' }, '30 nA'), 3)).toMatchObject({ live: true, applied: ['exc.tau_m'] });
    run.h.send({ type: 'run', runId: 2 });
    await run.h.until('done', 2);
    const want = runProject(lif({ thr: '-50 mV' }, '30 nA'));
    const got = results(run.h.messages(), 2);
    expect(got.spikesMs).toEqual(Array.from(want.spikes.tMs));
    expect(got.values).toEqual(Array.from(want.recordings[0].values));
  });

  it('answers an invalid document with its validation message, and an update before any load with an error', async () => {
    const h = harness();
    h.send({ type: 'update', project: lif({}, '1 nA'), requestId: 1 });
    expect(h.sent[0].message).toMatchObject({ type: 'error', requestId: 1, code: 'not-loaded' } satisfies Partial<ErrorMessage>);
    expect((h.sent[0].message as ErrorMessage).runId).toBeUndefined();
    h.send({ type: 'update', project: {} } as unknown as PageToWorker);
    expect(h.sent[1].message).toMatchObject({ type: 'error', code: 'bad-message' });

    const run = await pausedRun(network, 30);
    const invalid = structuredClone(network);
    invalid.populations[0].size = -1;
    const answer = await run.update(invalid);
    expect(answer).toMatchObject({ live: false, applied: [] });
    expect(answer.reason).toMatch(/^the project is not valid: \$\.populations\[0\]\.size: /);
    const badValue = structuredClone(network);
    badValue.populations[1].params = { nope: 3 };
    expect((await run.update(badValue, 8)).reason).toMatch(/\$\.populations\[1\]\.params\.nope: 'nope' is not a parameter of this model/);
    // Neither touched the run.
    const got = await run.finish();
    expect(got.spikesMs).toEqual(Array.from(runProject(network).spikes.tMs));
  });
});
