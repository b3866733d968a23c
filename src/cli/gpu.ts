/**
 * WebGPU in Node through Dawn (the `webgpu` package, an optional dependency). Dawn finds the
 * Vulkan loader through the dynamic linker, so on a machine whose only Vulkan is Chromium's
 * SwiftShader (/usr/lib/chromium) the process must start with LD_LIBRARY_PATH and VK_ICD_FILENAMES
 * set; `bin/spikeflow.mjs` does that for the CLI, vitest.config.ts for the tests.
 */
import { acquireFromGpu, type AcquiredGpu } from '../engine/webgpu/acquire';

export type NodeGpu = AcquiredGpu;

/**
 * Dawn's instance must outlive every device made from it: a garbage-collected instance leaves the
 * device's event processing on freed memory (a crash some seconds later), so it is kept here.
 */
const instances: GPU[] = [];

/** A device from the first adapter, or a sentence saying why there is none. */
export async function acquireNodeGpu(): Promise<NodeGpu | string> {
  let dawn: typeof import('webgpu');
  try {
    dawn = await import('webgpu');
  } catch (e) {
    return `WebGPU is not available in Node: the optional package 'webgpu' could not be loaded (${(e as Error).message.split('\n')[0]})`;
  }
  Object.assign(globalThis, dawn.globals);
  const gpu = dawn.create([]);
  instances.push(gpu);
  exposeAsNavigatorGpu(gpu);
  const acquired = await acquireFromGpu(gpu);
  // Dawn's bindings poll the device from this thread while a read-back is pending (deviceWaits.ts).
  return typeof acquired === 'string' ? 'no WebGPU adapter was found (Dawn found no Vulkan driver; see docs/webgpu.md)' : { ...acquired, pollsWhileWaiting: true };
}

/**
 * Dawn's GPU as `navigator.gpu`, where a browser has it: @tensorflow/tfjs-backend-webgpu refuses to
 * make a backend without it (fit/tensorflowDevice.ts hands it the device acquired here). Node 20
 * has no `navigator`; Node 21 and later have one without `gpu`.
 */
function exposeAsNavigatorGpu(gpu: GPU): void {
  const global = globalThis as { navigator?: { gpu?: GPU } };
  if (global.navigator?.gpu) return;
  if (!global.navigator) Object.defineProperty(globalThis, 'navigator', { value: {}, configurable: true, writable: true });
  Object.defineProperty(global.navigator, 'gpu', { value: gpu, configurable: true });
}
