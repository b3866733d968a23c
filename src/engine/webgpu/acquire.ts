/**
 * A device from a `GPU` object (the browser's navigator.gpu, or Dawn's in Node), with the adapter's
 * name as users see it and whether it is a software adapter (SwiftShader, llvmpipe: a CPU emulation,
 * slower than the CPU backend, which `auto` therefore passes by).
 */
import type { GpuTarget } from './gpuSimulation';

export interface AcquiredGpu extends GpuTarget {
  readonly software: boolean;
}

export async function acquireFromGpu(gpu: GPU): Promise<AcquiredGpu | string> {
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) return 'no WebGPU adapter is available';
  const info = adapter.info;
  // Browsers may leave the description empty (it identifies the machine); vendor and architecture remain.
  const vendor = [info.vendor, info.architecture].filter(Boolean).join(' ');
  const adapterName = info.description ? `${info.description}${vendor ? ` (${vendor})` : ''}` : vendor || 'unknown adapter';
  const software = /swiftshader|llvmpipe|lavapipe/i.test(`${info.description} ${info.architecture} ${info.device}`) || (info as { isFallbackAdapter?: boolean }).isFallbackAdapter === true;
  const device = await adapter.requestDevice({
    requiredLimits: {
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      maxBufferSize: adapter.limits.maxBufferSize,
    },
  });
  return { device, adapterName, software };
}
