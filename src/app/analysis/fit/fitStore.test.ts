/**
 * The fit panel's store driven headlessly with a scripted fit client: a run streams into the
 * series, pause/resume/stop, Apply best and Revert as single undo steps, the previous run's curve
 * kept for comparison, synthetic targets and CSV data into the cases, failures reported.
 */
import { describe, expect, it } from 'vitest';
import type { FitCaseTarget, FitDone, FitHandle, FitParamInfo, FitProgress } from '../../../worker/fitClient';
import { libraryCatalog } from '../../graph/testCatalog';
import type { ProjectDoc } from '../../store/document';
import { createProjectStore } from '../../store/projectStore';
import { createFitStore, currentTruth, type FitClientLike } from './fitStore';
import { startProblem } from './fitSettings';

type Events = Parameters<FitClientLike['start']>[1];

class ScriptedClient implements FitClientLike {
  fits: { project: ProjectDoc; events: Events; sent: string[]; handle: FitHandle }[] = [];
  targets: { project: ProjectDoc; values: Readonly<Record<string, number>>; maxSamples?: number; resolve: (c: FitCaseTarget[]) => void; reject: (e: Error) => void }[] = [];
  private nextId = 1;

  start(project: unknown, events: Events): FitHandle {
    const sent: string[] = [];
    const fitId = this.nextId++;
    const handle: FitHandle = { fitId, finished: new Promise(() => {}), pause: () => sent.push('pause'), resume: () => sent.push('resume'), stop: () => sent.push('stop') };
    this.fits.push({ project: structuredClone(project) as ProjectDoc, events, sent, handle });
    return handle;
  }

  makeTarget(project: unknown, values: Readonly<Record<string, number>>, maxSamples?: number): Promise<FitCaseTarget[]> {
    return new Promise((resolve, reject) => this.targets.push({ project: structuredClone(project) as ProjectDoc, values, maxSamples, resolve, reject }));
  }
}

const doc: ProjectDoc = {
  format: 'spikeflow-project',
  version: 1,
  name: 'hh',
  simulation: { dtMs: 0.01, durationMs: 100, seed: 1 },
  populations: [{ id: 'cell', model: 'HodgkinHuxley1952', size: 1, params: { gNa: '80 mS/cm2' } }],
  stimuli: [{ type: 'step', id: 'step', target: 'cell', input: 'I', amplitude: '10 uA/cm2', startMs: 10, stopMs: 90 }],
  fit: { population: 'cell', params: [{ name: 'gNa', min: 0, max: 500 }, { name: 'gK', min: 0, max: 200 }], cases: [{ label: 'case 1', amplitudes: {} }] },
};

const params: FitParamInfo[] = [
  { name: 'gNa', unit: 'mS/cm2', initial: 80, min: 0, max: 500 },
  { name: 'gK', unit: 'mS/cm2', initial: 36, min: 0, max: 200 },
];

function setup(initial: ProjectDoc = doc) {
  const project = createProjectStore(structuredClone(initial));
  const client = new ScriptedClient();
  const store = createFitStore({ getDoc: () => project.getState().doc, getCatalog: () => libraryCatalog(), dispatch: (e) => project.getState().dispatch(e), client: () => client });
  return { project, client, store };
}

const progress = (fitId: number, iteration: number, loss: number, values: number[], overlay = false): FitProgress => ({
  type: 'progress',
  fitId,
  iteration,
  evaluations: iteration * 2,
  loss,
  values,
  best: { iteration, loss, values },
  iterationsPerSecond: 40,
  ...(overlay ? { overlay: { timesMs: new Float64Array([0, 1]), model: new Float64Array([-65, -64]), target: new Float64Array([-65, Number.NaN]), unit: 'mV', modelSpikesMs: new Float64Array(), targetSpikesMs: new Float64Array([0.5]) } } : {}),
});

async function withTarget(s: ReturnType<typeof setup>) {
  const made = s.store.getState().makeTarget({ gNa: 120, gK: 36 }, 500);
  s.client.targets[0].resolve([{ trace: { timesMs: [0, 1, 2], values: [-65, -64, -60], unit: 'mV' }, spikeTimesMs: [1.5] }]);
  await made;
}

describe('fit store', () => {
  it('a synthetic target fills the cases in one edit and remembers the true values for those cases', async () => {
    const s = setup();
    await withTarget(s);
    expect(s.client.targets[0]).toMatchObject({ values: { gNa: 120, gK: 36 }, maxSamples: 500 });
    const cases = s.project.getState().doc.fit?.cases;
    expect(cases).toEqual([{ label: 'case 1', amplitudes: {}, trace: { timesMs: [0, 1, 2], values: [-65, -64, -60], unit: 'mV' }, spikeTimesMs: [1.5] }]);
    expect(s.project.getState().past).toHaveLength(1);
    expect(currentTruth(s.store.getState().truth, s.project.getState().doc)).toEqual({ gNa: 120, gK: 36 });
    expect(s.store.getState().message?.text).toMatch(/Synthetic target made: 1 case, 3 samples each, 1 spike/);
    // Undo takes the target away, and with it the truth.
    s.project.getState().undo();
    expect(currentTruth(s.store.getState().truth, s.project.getState().doc)).toBeUndefined();
  });

  it('a failed target is reported and leaves the document alone', async () => {
    const s = setup();
    const made = s.store.getState().makeTarget({ gNa: -5 });
    expect(s.store.getState().makingTarget).toBe(true);
    s.client.targets[0].reject(new Error('gNa must be ≥ 0'));
    await made;
    expect(s.store.getState().makingTarget).toBe(false);
    expect(s.store.getState().message).toEqual({ kind: 'error', text: 'Could not make the target: gNa must be ≥ 0' });
    expect(s.project.getState().past).toHaveLength(0);
  });

  it('Start refuses with a reason until there is target data', () => {
    const s = setup();
    expect(startProblem(s.project.getState().doc, libraryCatalog())).toBe('case 1 has no target data: load a CSV or make a synthetic target.');
    s.store.getState().start();
    expect(s.client.fits).toHaveLength(0);
    expect(s.store.getState().message?.kind).toBe('error');
  });

  it('a run streams into the series; pause, resume, stop; then Apply best and Revert', async () => {
    const s = setup();
    await withTarget(s);
    s.store.getState().start();
    const fit = s.client.fits[0];
    expect(fit.project.fit?.params?.map((p) => p.name)).toEqual(['gNa', 'gK']);
    let run = s.store.getState().run!;
    expect(run).toMatchObject({ phase: 'starting', label: 'Adam, lr 0.05', truth: { gNa: 120, gK: 36 }, params: [{ name: 'gNa', unit: 'mS/cm2', initial: 80 }, { name: 'gK', unit: 'mS/cm2', initial: 36 }] });
    fit.events.started?.({ params, optimizer: 'adam' });
    fit.events.progress?.(progress(fit.handle.fitId, 1, 100, [80, 36], true));
    fit.events.progress?.(progress(fit.handle.fitId, 2, 20, [100, 36.5]));
    run = s.store.getState().run!;
    expect(run).toMatchObject({ phase: 'running', iteration: 2, evaluations: 4, loss: 20, firstLoss: 100, iterationsPerSecond: 40 });
    expect(Array.from(run.series.losses)).toEqual([100, 20]);
    expect(Array.from(run.series.values(0))).toEqual([80, 100]);
    expect(run.overlay?.unit).toBe('mV');
    expect(run.overlayIteration).toBe(1);

    s.store.getState().pause();
    expect(s.store.getState().run?.phase).toBe('paused');
    s.store.getState().resume();
    s.store.getState().stop();
    expect(fit.sent).toEqual(['pause', 'resume', 'stop']);
    expect(s.store.getState().run?.phase).toBe('stopping');
    const best = { iteration: 7, loss: 0.5, values: [119.6, 36.1] };
    fit.events.done?.({ type: 'done', fitId: fit.handle.fitId, reason: 'stopped', best, iterations: 7, wallMs: 300 } satisfies FitDone);
    expect(s.store.getState().run).toMatchObject({ phase: 'done', best, done: { reason: 'stopped', wallMs: 300 } });

    const historyBefore = s.project.getState().past.length;
    s.store.getState().applyBest();
    expect(s.project.getState().doc.populations[0].params).toEqual({ gNa: '119.6 mS/cm2', gK: '36.1 mS/cm2' });
    expect(s.project.getState().past).toHaveLength(historyBefore + 1);
    expect(s.store.getState().applied?.before).toEqual({ gNa: '80 mS/cm2', gK: undefined });
    s.store.getState().revert();
    expect(s.project.getState().doc.populations[0].params).toEqual({ gNa: '80 mS/cm2' });
    expect(s.store.getState().applied).toBeNull();
  });

  it('a new run keeps the previous run’s loss curve, labelled with its optimiser', async () => {
    const s = setup();
    await withTarget(s);
    s.store.getState().start();
    const first = s.client.fits[0];
    first.events.progress?.(progress(first.handle.fitId, 1, 9, [1, 2]));
    first.events.progress?.(progress(first.handle.fitId, 2, 3, [1, 2]));
    first.events.progress?.(progress(first.handle.fitId, 3, 5, [1, 2]));
    first.events.done?.({ type: 'done', fitId: first.handle.fitId, reason: 'completed', best: { iteration: 2, loss: 3, values: [1, 2] }, iterations: 2, wallMs: 10 });
    s.project.getState().dispatch({ type: 'setFit', fit: { ...s.project.getState().doc.fit!, optimizer: { kind: 'cmaes', sigma0: 0.5 } } });
    s.store.getState().start();
    const state = s.store.getState();
    expect(state.previous?.label).toBe('Adam, lr 0.05');
    expect(Array.from(state.previous!.bestLosses)).toEqual([9, 3, 3]);
    expect(state.run?.label).toBe('CMA-ES, σ₀ 0.5');
    // Messages of the old fit no longer touch the new run.
    first.events.progress?.(progress(first.handle.fitId, 3, 1, [1, 2]));
    expect(s.store.getState().run?.series.length).toBe(0);
  });

  it('a failed fit shows the worker message with its path', async () => {
    const s = setup();
    await withTarget(s);
    s.store.getState().start();
    s.client.fits[0].events.failed?.({ message: 'gNa: the simulation blew up at 12 ms', path: '$.fit.params[0]' });
    expect(s.store.getState().run).toMatchObject({ phase: 'failed', error: 'gNa: the simulation blew up at 12 ms (at $.fit.params[0])' });
    expect(s.store.getState().message?.text).toMatch(/^The fit failed: gNa/);
    // A new fit can start at once.
    s.store.getState().start();
    expect(s.client.fits).toHaveLength(2);
  });

  it('CSV data go into the case (a trace, or spike times) and drop the synthetic truth', async () => {
    const s = setup();
    await withTarget(s);
    s.store.getState().loadCaseCsv(0, 't (ms), v (mV)\n0, -65\n5, -60\n', 'rec.csv');
    expect(s.project.getState().doc.fit?.cases?.[0].trace).toEqual({ timesMs: [0, 5], values: [-65, -60], unit: 'mV' });
    expect(currentTruth(s.store.getState().truth, s.project.getState().doc)).toBeUndefined();
    expect(s.store.getState().message?.text).toBe('rec.csv: a trace of 2 samples for case 1.');
    s.store.getState().loadCaseCsv(0, '12\n30\n', 'spikes.csv');
    expect(s.project.getState().doc.fit?.cases?.[0].spikeTimesMs).toEqual([12, 30]);
    s.store.getState().loadCaseCsv(0, 't (ms), I (nA)\n0, 1\n', 'bad.csv');
    expect(s.store.getState().message).toEqual({ kind: 'error', text: "bad.csv: column 'I (nA)' is in nA, which cannot be compared with v (in mV)" });
  });
});
