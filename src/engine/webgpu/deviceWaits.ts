/**
 * The time a run spends awaiting the device (read-backs: the device's work and the transfers), so
 * that the rest can be told apart as host work: on a hardware GPU, where the kernels are fast, that
 * host work is what bounds a run.
 *
 * Wall time alone overstates the host work where the device is emulated on the same CPU
 * (SwiftShader): its threads keep running after a read-back and take the CPU from the host's next
 * steps. So, where the target can tell the awaiting thread's CPU time (`GpuTarget.threadCpuMs`:
 * benchmarks in Node on Linux), the CPU time spent in the waits is kept too, and the host's CPU work
 * is that thread's CPU time less it.
 */
export interface DeviceWaitTotals {
  /** Wall milliseconds spent awaiting the device. */
  readonly wallMs: number;
  /** The awaiting thread's CPU milliseconds in those waits; 0 without a thread clock. */
  readonly cpuMs: number;
}

/** Sleeps shorter than this are not taken: a timer's granularity is about a millisecond. */
const MIN_SLEEP_MS = 2;
/** The part of a chunk's expected time slept through before its read-back is awaited. */
const SLEEP_FRACTION = 0.8;

export class DeviceWaits {
  private wallMs = 0;
  private cpuMs = 0;
  /** The shortest wait per step of a chunk after the first (its sleep included; 0: none yet): what the next chunk is expected to take at least. */
  private chunkMsPerStep = 0;
  private chunksRead = 0;

  constructor(
    private readonly threadCpuMs: (() => number) | undefined,
    /** Whether awaiting the device keeps this thread busy (GpuTarget.pollsWhileWaiting). */
    private readonly pollsWhileWaiting = false,
  ) {}

  /** What has been awaited so far. */
  get totals(): DeviceWaitTotals {
    return { wallMs: this.wallMs, cpuMs: this.cpuMs };
  }

  /** Awaits `work`, counting the time as a wait for the device. */
  async around<T>(work: Promise<T>): Promise<T> {
    const start = performance.now();
    const cpuStart = this.threadCpuMs?.() ?? 0;
    try {
      return await work;
    } finally {
      this.wallMs += performance.now() - start;
      if (this.threadCpuMs) this.cpuMs += this.threadCpuMs() - cpuStart;
    }
  }

  /**
   * Reads a submitted chunk of `steps` steps back (`read` starts the read-back), counted as a wait.
   * Where awaiting the device keeps this thread busy, it first sleeps through most of the time the
   * chunk is expected to take, so that the polling covers only its end: 80% of the shortest wait
   * per step of the chunks after the first (which may include the shaders' compilation), so that a
   * slow chunk does not lengthen the next sleeps, and one that overran the device's work makes the
   * next 80% of it. In Node, Dawn
   * polls through setImmediate while a read-back is pending: a whole core (on a software adapter,
   * one the device's own threads then lack: a generation of 10,000 Hodgkin–Huxley candidates took
   * 3.70 s instead of 2.84 s) and about 100 MB/s of garbage.
   */
  async aroundChunk<T>(steps: number, read: () => Promise<T>): Promise<T> {
    const start = performance.now();
    const sleepMs = this.pollsWhileWaiting ? SLEEP_FRACTION * this.chunkMsPerStep * steps : 0;
    const work = sleepMs >= MIN_SLEEP_MS ? new Promise<void>((resolve) => setTimeout(resolve, sleepMs)).then(read) : read();
    try {
      return await this.around(work);
    } finally {
      const msPerStep = (performance.now() - start) / Math.max(1, steps);
      if (this.chunksRead++ > 0) this.chunkMsPerStep = this.chunkMsPerStep === 0 ? msPerStep : Math.min(this.chunkMsPerStep, msPerStep);
    }
  }
}

/** The waits between two totals. */
export function waitedSince(before: DeviceWaitTotals, now: DeviceWaitTotals): DeviceWaitTotals {
  return { wallMs: now.wallMs - before.wallMs, cpuMs: now.cpuMs - before.cpuMs };
}
