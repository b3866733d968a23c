/** The browser's WebGPU device for the simulation worker (navigator.gpu exists in workers too). */
import { acquireFromGpu, type AcquiredGpu } from '../engine/webgpu/acquire';

export function acquireBrowserGpu(): Promise<AcquiredGpu | string> {
  const gpu = (globalThis.navigator as { gpu?: GPU } | undefined)?.gpu;
  if (!gpu) return Promise.resolve('this browser has no WebGPU (navigator.gpu is missing)');
  return acquireFromGpu(gpu);
}
