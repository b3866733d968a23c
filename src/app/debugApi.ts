/**
 * `window.__spikeflow`: a small surface for end-to-end tests and for people poking at the app
 * from the devtools console. It exposes the stores and the run session the UI itself uses, plus
 * `run(project)`, which runs any project in a SEPARATE worker (so it never disturbs the editor)
 * and returns plain arrays that cross Playwright's page.evaluate unchanged.
 */
import { EngineClient, WorkerError, type CollectedRun } from '../worker/client';
import { getSession } from './run';
import { catalogStore, prefsStore, projectStore, runStore } from './store';

/** What `__spikeflow.run` returns. */
export interface PlainRun {
  readonly reason: 'completed' | 'stopped';
  readonly tMs: number;
  readonly chunks: number;
  readonly stepsPerSecond: number;
  readonly spikeCounts: Record<string, number>;
  readonly spikes: { tMs: number[]; population: string[]; neuron: number[] };
  readonly traces: { keys: string[]; units: string[]; timesMs: number[]; values: number[] }[];
}

export interface DebugApi {
  /** Resolves when the app's worker has said `ready`. */
  readonly ready: Promise<void>;
  run(project: unknown, options?: { durationMs?: number }): Promise<PlainRun>;
  readonly stores: { project: typeof projectStore; run: typeof runStore; catalog: typeof catalogStore; prefs: typeof prefsStore };
  readonly session: ReturnType<typeof getSession>;
}

declare global {
  interface Window {
    __spikeflow: DebugApi;
  }
}

function plain(run: CollectedRun): PlainRun {
  return {
    reason: run.reason,
    tMs: run.tMs,
    chunks: run.chunks,
    stepsPerSecond: run.stepsPerSecond,
    spikeCounts: run.spikeCounts,
    spikes: { tMs: Array.from(run.spikes.tMs), population: run.spikes.population, neuron: Array.from(run.spikes.neuron) },
    traces: run.traces.map((t) => ({
      keys: t.series.map((s) => s.key),
      units: t.series.map((s) => s.unit),
      timesMs: Array.from(t.timesMs),
      values: Array.from(t.values),
    })),
  };
}

let separateClient: EngineClient | null = null;

async function run(project: unknown, options: { durationMs?: number } = {}): Promise<PlainRun> {
  separateClient ??= new EngineClient();
  try {
    return plain(await separateClient.runProject(project, options));
  } catch (e) {
    if (e instanceof WorkerError) throw new Error(`${e.detail.code}${e.detail.path ? ` at ${e.detail.path}` : ''}: ${e.detail.message}`);
    throw e;
  }
}

export function installDebugApi(): void {
  const session = getSession();
  window.__spikeflow = {
    ready: session.client.ready.then(() => undefined),
    run,
    stores: { project: projectStore, run: runStore, catalog: catalogStore, prefs: prefsStore },
    session,
  };
}
