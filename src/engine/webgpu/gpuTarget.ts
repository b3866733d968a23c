/** The device a GPU simulation runs on, and what the host knows about it. */
export interface GpuTarget {
  readonly device: GPUDevice;
  /** The adapter's name as shown to users ("NVIDIA H100", "SwiftShader Device (Subzero)"). */
  readonly adapterName: string;
  /** A CPU emulation (SwiftShader, llvmpipe): one workgroup runs on one CPU thread there. */
  readonly software?: boolean;
  /** The calling thread's CPU milliseconds, where the platform tells them: benchmarks tell host work from waits by it (deviceWaits.ts). */
  readonly threadCpuMs?: () => number;
  /** Whether awaiting the device keeps the awaiting thread busy (Dawn in Node polls): chunks' read-backs then sleep first (deviceWaits.ts). */
  readonly pollsWhileWaiting?: boolean;
}
