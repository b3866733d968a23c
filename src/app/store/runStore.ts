/**
 * The run status the toolbar and status bar show. Small and slow-changing by design: traces and
 * spikes never come here (they stream into the plots' buffers), and progress is coalesced by the
 * worker to at most ~30 updates a second.
 */
import { createStore } from 'zustand/vanilla';
import type { BackendMessage, ErrorMessage, LoadedMessage } from '../../worker/protocol';

export type RunPhase = 'starting' | 'idle' | 'loading' | 'running' | 'paused' | 'done' | 'error';

export interface RunState {
  readonly phase: RunPhase;
  /** Simulated time reached by the current (or last) run. */
  readonly tMs: number;
  readonly endMs: number;
  /** Biological seconds simulated per wall-clock second. */
  readonly bioSecondsPerSecond: number;
  readonly loaded: LoadedMessage | null;
  /** The last error from the worker (invalid project, blow-up, crash), until dismissed. */
  readonly error: ErrorMessage | null;
  /** A note for the user that is not an error (e.g. "the worker was restarted"). */
  readonly notice: string | null;
  /** The project changed during a run in a way that needs a restart to take effect. */
  readonly staleReason: string | null;
  /** Where the current (or last) run computes, from the worker's `backend` message. */
  readonly backend: Omit<BackendMessage, 'type' | 'runId'> | null;
  set(patch: Partial<Omit<RunState, 'set'>>): void;
}

export function createRunStore() {
  return createStore<RunState>()((set) => ({
    phase: 'starting',
    tMs: 0,
    endMs: 0,
    bioSecondsPerSecond: 0,
    loaded: null,
    error: null,
    notice: null,
    staleReason: null,
    backend: null,
    set(patch) {
      set(patch);
    },
  }));
}
