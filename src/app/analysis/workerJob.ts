/**
 * A job that runs simulations in its own worker (a fresh EngineClient: the main run and the editor
 * are untouched), shared by the f–I curve and the sweep tools. `work(client, isCancelled)` does the
 * runs; Cancel stops the run and terminates the worker at once, and the job settles with null.
 * Errors reject with a message for people.
 */
import { EngineClient, WorkerError } from '../../worker/client';

export interface WorkerJob<T> {
  /** The result, null when cancelled; rejects with an Error whose message is for people. */
  readonly done: Promise<T | null>;
  cancel(): void;
}

export function startWorkerJob<T>(
  work: (client: EngineClient, isCancelled: () => boolean) => Promise<T | null>,
  createClient: () => EngineClient = () => new EngineClient(),
): WorkerJob<T> {
  const client = createClient();
  let cancelled = false;
  let resolveCancel!: (v: null) => void;
  const cancelledPromise = new Promise<null>((r) => (resolveCancel = r));
  const done = Promise.race([work(client, () => cancelled), cancelledPromise])
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

/** A worker error as one line for people: `invalid-project at $.populations[0].params.R: ...`. */
export function describeError(e: unknown): string {
  if (e instanceof WorkerError) {
    const d = e.detail;
    if (d.code === 'blowup') return d.message;
    return `${d.message}${d.path && !d.message.includes(d.path) ? ` (at ${d.path})` : ''}`;
  }
  return e instanceof Error ? e.message : String(e);
}
