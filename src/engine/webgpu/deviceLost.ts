/**
 * What a GPU simulation hands its callers beyond chunks: the error for a lost device, and the hook
 * for work on a chunk's recordings where they are (gpuSimulation.ts).
 */
import { EngineError } from '../errors';

/**
 * The GPU device was lost (driver reset, the browser reclaimed it, the device was destroyed). The
 * host simulation holds the states and clock of the last completed chunk (a checkpoint after every
 * chunk), so a run can go on from `tMs` on the CPU backend.
 */
export class DeviceLostError extends EngineError {
  constructor(
    readonly reason: string,
    readonly tMs: number,
  ) {
    super('unsupported', `the WebGPU device was lost (${reason}) at t = ${tMs} ms`);
  }
}

/** Work on a chunk's recordings where they are, on the device (a fit's losses, say). */
export interface DeviceRecordings {
  /**
   * Called once a chunk's commands are submitted and before the next chunk's: work submitted to the
   * device's queue now reads the chunk's samples in `recordings` (a chunk may run twice: write, do
   * not accumulate).
   */
  afterSubmit(recordings: GPUBuffer, firstStep: number, stepCount: number): void;
}
