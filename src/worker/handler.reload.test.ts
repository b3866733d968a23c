import { describe, expect, it } from 'vitest';
import { collect, compileProject, type Chunk } from '../engine';
import type { ProjectInput } from '../project/schema';
import { parseProject } from '../project/validate';
import { harness, ticks } from './harness';
import type { CatalogMessage, ChunkMessage, PageToWorker, ProgressMessage, UpdatedMessage } from './protocol';

/** A leaky cell whose time constant is written into its equation (line 10), not a parameter. */
const leaky = (tauMs: number, rhs = '(v_rest - v) + R*j') => `model Leaky : cell
params
  v_rest = -65 mV
  R = 1 Mohm
inputs
  j : nA
states
  v = v_rest
equations
  dv/dt = (${rhs}) / (${tauMs} ms)
`;

function project(source: string): ProjectInput {
  return {
    format: 'spikeflow-project',
    version: 1,
    simulation: { dtMs: 0.1, durationMs: 150, seed: 1, precision: 'f64' },
    models: { Leaky: source },
    populations: [{ id: 'exc', model: 'Leaky', size: 2, params: { v_rest: [-70, -60] } }],
    stimuli: [{ type: 'step', id: 'drive', target: 'exc', amplitude: '10 nA', startMs: 20, stopMs: 80 }],
    recordings: [{ population: 'exc', variables: ['v'], neurons: 'all' }],
  };
}

const parse = (doc: ProjectInput) => {
  const parsed = parseProject(doc);
  if (!parsed.ok) throw new Error(parsed.errors[0].message);
  return parsed.project;
};

/** Loads and runs `doc` as run 1, paused at the first progress at or after `atMs`. */
async function pausedRun(doc: ProjectInput, atMs: number) {
  let paused = false;
  const h = harness({ sliceMs: 0, flushIntervalMs: 0, chunkSteps: 50 }, (m, handler) => {
    if (!paused && m.type === 'progress' && m.tMs >= atMs) {
      paused = true;
      handler.handle({ type: 'pause', runId: 1 });
    }
  });
  h.send({ type: 'load', project: doc });
  h.send({ type: 'run', runId: 1 });
  while (!paused) await ticks(1);
  await ticks(5);
  const progress = h.messages(1).filter((m): m is ProgressMessage => m.type === 'progress');
  const pausedAtStep = Math.round(progress.at(-1)!.tMs / 0.1);
  const update = async (edited: unknown, requestId: number) => {
    h.send({ type: 'update', project: edited, requestId });
    return h.waitFor((m): m is UpdatedMessage => m.type === 'updated' && m.requestId === requestId);
  };
  const finish = async () => {
    h.send({ type: 'resume', runId: 1 });
    await h.until('done', 1);
    const chunks = h.messages().filter((m): m is ChunkMessage => m.type === 'chunk');
    return {
      runIds: new Set(chunks.map((c) => c.runId)),
      timesMs: chunks.flatMap((c) => Array.from(c.recordings[0].timesMs)),
      values: chunks.flatMap((c) => Array.from(c.recordings[0].values)),
    };
  };
  return { h, pausedAtStep, update, finish };
}

/** Recorded values (time-major) of `steps` steps of a fresh simulation of `doc`, states set first. */
function engineRun(doc: ProjectInput, steps: number, v?: Float64Array, skip = 0) {
  const sim = compileProject(parse(doc));
  if (skip) sim.run({ steps: skip });
  if (v) sim.setState('exc', 'v', v);
  const chunks: Chunk[] = [];
  sim.run({ steps, onChunk: (c) => void chunks.push(c) });
  return { values: Array.from(collect(sim, chunks).recordings[0].values), v: sim.getState('exc', 'v') };
}

describe('WorkerHandler: hot reload of a model during a run', () => {
  it('swaps the changed model in: the run goes on under the same id, the trace follows the new equation', async () => {
    const run = await pausedRun(project(leaky(10)), 60);
    const swap = run.pausedAtStep;
    expect(swap).toBeGreaterThanOrEqual(600);
    expect(await run.update(project(leaky(40)), 3)).toEqual({ type: 'updated', requestId: 3, live: true, applied: ['model Leaky reloaded'] });
    const got = await run.finish();
    expect([...got.runIds]).toEqual([1]);
    // Every step recorded once, in order, across the swap.
    expect(got.timesMs).toHaveLength(1500);
    got.timesMs.forEach((t, k) => expect(t).toBeCloseTo(k * 0.1, 9));

    // Up to the swap: the old model. After it: a fresh simulation of the new model, run to the swap
    // step (so the drive, on from 20 to 80 ms, lines up) and then given the states at the swap.
    const before = engineRun(project(leaky(10)), swap);
    expect(got.values.slice(0, 2 * swap)).toEqual(before.values);
    const after = engineRun(project(leaky(40)), 1500 - swap, before.v, swap);
    expect(got.values.slice(2 * swap)).toEqual(after.values);
    // Which is not what the old model would have done: after the drive stops it decays 4 times slower.
    const unchanged = engineRun(project(leaky(10)), 1500).values;
    expect(Math.abs(got.values.at(-1)! - unchanged.at(-1)!)).toBeGreaterThan(0.5);
  });

  it('a changed model with errors is refused with its first error, and the old simulation runs on untouched', async () => {
    const run = await pausedRun(project(leaky(10)), 40);
    const answer = await run.update(project(leaky(10, '(v_rest - v) + j')), 4);
    expect(answer).toMatchObject({ live: false, applied: [] });
    expect(answer.reason).toMatch(/^model Leaky has errors: 10:\d+ unit mismatch in '\+'/);
    // A later valid update is diffed against the document that is still loaded.
    expect(await run.update(project(leaky(10)), 5)).toMatchObject({ live: true, applied: [] });
    const got = await run.finish();
    expect(got.values).toEqual(engineRun(project(leaky(10)), 1500).values);
  });

  it('refuses a reload that changes the recorded variables', async () => {
    const run = await pausedRun(project(leaky(10)), 30);
    const inVolts = leaky(10).replace('  v = v_rest', '  v : V = v_rest');
    expect(await run.update(project(inVolts), 6)).toMatchObject({ live: false, reason: 'the recorded variables changed; restart' });
    const got = await run.finish();
    expect(got.values).toEqual(engineRun(project(leaky(10)), 1500).values);
  });
});

describe('WorkerHandler: models', () => {
  const catalogs = (h: ReturnType<typeof harness>) => h.sent.filter((s) => s.message.type === 'catalog').map((s) => (s.message as CatalogMessage).models);

  it('answers `models` with the library plus the project models that compile, with nothing loaded', () => {
    const h = harness();
    h.handler.announce();
    const library = catalogs(h)[0];
    h.send({
      type: 'models',
      models: {
        Leaky: leaky(10),
        Broken: 'model Broken : cell\nparams\n  x = 1 parsec\n',
        LIF: leaky(10).replace('Leaky', 'LIF'),
        Misfiled: leaky(10),
      },
    });
    const catalog = catalogs(h)[1];
    expect(catalog.slice(0, library.length)).toEqual(library);
    expect(catalog.slice(library.length)).toMatchObject([{ name: 'Leaky', kind: 'cell', origin: 'project', params: [{ name: 'v_rest', unit: 'mV', defaultValue: -65 }, { name: 'R' }] }]);
    expect(catalog.filter((m) => m.name === 'LIF')).toHaveLength(1);
    // Answered every time, even unchanged; and a load with the same models sends no second catalog.
    h.send({ type: 'models', models: { Leaky: leaky(10) } });
    expect(catalogs(h)).toHaveLength(3);
    h.send({ type: 'load', project: project(leaky(10)), runId: 1 });
    expect(catalogs(h)).toHaveLength(3);
    h.send({ type: 'models', models: {} });
    expect(catalogs(h)[3]).toEqual(library);
  });

  it('refuses a malformed `models` message', () => {
    const h = harness();
    h.send({ type: 'models', models: { A: 3 } } as unknown as PageToWorker);
    h.send({ type: 'models' } as unknown as PageToWorker);
    expect(h.sent.map((s) => s.message)).toMatchObject([
      { type: 'error', code: 'bad-message' },
      { type: 'error', code: 'bad-message' },
    ]);
  });
});
