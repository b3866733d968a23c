/**
 * Runs a sweep project in its own simulation worker (a fresh EngineClient: the main run and the
 * editor are untouched) and measures every neuron's train (cancel and errors: ../workerJob.ts).
 */
import { SWEEP_POPULATION, combinationCount, type SweepBuild } from '../../../analysis/sweep';
import { measureTrains, type SweepMeasure } from '../../../analysis/sweepMeasures';
import type { EngineClient } from '../../../worker/client';
import type { BackendInfo } from '../../../worker/protocol';
import { startWorkerJob, type WorkerJob } from '../workerJob';

export interface SweepJobResult {
  /** The measure of each combination (NaN: the train has none). */
  readonly values: readonly number[];
  readonly wallMs: number;
  /** Where it computed (the worker's `backend` message). */
  readonly backend?: BackendInfo;
}

export type SweepJob = WorkerJob<SweepJobResult>;

export interface SweepJobOptions {
  readonly createClient?: () => EngineClient;
  readonly onProgress?: (fraction: number) => void;
}

export function startSweepJob(build: SweepBuild, measure: SweepMeasure, options: SweepJobOptions = {}): SweepJob {
  return startWorkerJob(async (client, cancelled) => {
    const started = performance.now();
    options.onProgress?.(0);
    const run = await client.runProject(build.project, { onProgress: (p) => options.onProgress?.(p.endMs > 0 ? Math.min(1, p.tMs / p.endMs) : 0) });
    if (run.reason === 'stopped' || cancelled()) return null;
    const values = measureTrains(run.spikes, combinationCount(build.axes), measure, { durationMs: build.durationMs, onsetMs: build.onsetMs }, SWEEP_POPULATION);
    return { values, wallMs: performance.now() - started, backend: run.backend };
  }, options.createClient);
}
