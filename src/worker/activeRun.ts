/** The worker's state of the run in progress (one at a time). */
import type { Chunk } from '../engine';

export interface ActiveRun {
  readonly runId: number;
  remaining: number;
  readonly endStep: number;
  paused: boolean;
  /** A loop for this run is scheduled or running. */
  looping: boolean;
  pending: Chunk[];
  lastFlush: number;
  stepsRun: number;
  /** Wall time spent simulating (pauses excluded). */
  busyMs: number;
  /** Set when the GPU device was lost during this run: it goes on, and stays, on the CPU. */
  gpuLost?: string;
}
