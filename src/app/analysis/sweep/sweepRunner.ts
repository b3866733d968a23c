/**
 * Runs a sweep project in its own simulation worker (a fresh EngineClient: the main run and the
 * editor are untouched) and measures every neuron's train. Cancel stops the run and terminates the
 * worker at once; the job then settles with null.
 */
import { SWEEP_POPULATION, combinationCount, type SweepBuild } from '../../../analysis/sweep';
import { measureTrains, type SweepMeasure } from '../../../analysis/sweepMeasures';
import { EngineClient } from '../../../worker/client';
import { describeError } from '../fi/fiRunner';

export interface SweepJobResult {
  /** The measure of each combination (NaN: the train has none). */
  readonly values: readonly number[];
  readonly wallMs: number;
}

export interface SweepJob {
  /** The result, null when cancelled; rejects with an Error whose message is for people. */
  readonly done: Promise<SweepJobResult | null>;
  cancel(): void;
}

export interface SweepJobOptions {
  readonly createClient?: () => EngineClient;
  readonly onProgress?: (fraction: number) => void;
}

export function startSweepJob(build: SweepBuild, measure: SweepMeasure, options: SweepJobOptions = {}): SweepJob {
  const client = (options.createClient ?? (() => new EngineClient()))();
  let cancelled = false;
  let resolveCancel!: (v: null) => void;
  const cancelledPromise = new Promise<null>((r) => (resolveCancel = r));

  const work = async (): Promise<SweepJobResult | null> => {
    const started = performance.now();
    options.onProgress?.(0);
    const run = await client.runProject(build.project, { onProgress: (p) => options.onProgress?.(p.endMs > 0 ? Math.min(1, p.tMs / p.endMs) : 0) });
    if (run.reason === 'stopped' || cancelled) return null;
    const values = measureTrains(run.spikes, combinationCount(build.axes), measure, { durationMs: build.durationMs, onsetMs: build.onsetMs }, SWEEP_POPULATION);
    return { values, wallMs: performance.now() - started };
  };

  const done = Promise.race([work(), cancelledPromise])
    .catch((e: unknown) => {
      if (cancelled) return null;
      throw new Error(describeError(e));
    })
    .finally(() => client.dispose());

  return {
    done,
    cancel() {
      if (cancelled) return;
      cancelled = true;
      try {
        client.stop();
      } catch {
        // Already disposed: nothing to stop.
      }
      client.dispose();
      resolveCancel(null);
    },
  };
}
