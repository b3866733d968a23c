/**
 * Which backend a `spikeflow run` uses. `cpu` is the CPU backend; `webgpu` insists on the GPU and
 * fails with the reason when it cannot run the project there; `auto` takes the GPU when there is a
 * hardware adapter and the project is supported, and otherwise says why it stayed on the CPU. A
 * software adapter (SwiftShader, llvmpipe) is slower than the CPU backend, so `auto` passes it by.
 */
import { EngineError, type Simulation } from '../engine';
import { GpuSimulation } from '../engine/webgpu/gpuSimulation';
import { gpuUnsupportedReason } from '../engine/webgpu/support';
import { acquireNodeGpu } from './gpu';

export type BackendName = 'cpu' | 'webgpu' | 'auto';

export interface BackendChoice {
  readonly backend: 'cpu' | 'webgpu';
  readonly gpu?: GpuSimulation;
  readonly adapter?: string;
  /** Why `auto` stayed on the CPU. */
  readonly note?: string;
}

/** Resolves the backend; throws the reason (a string) when `webgpu` was asked for and cannot run. */
export async function chooseBackend(requested: BackendName, simulation: Simulation): Promise<BackendChoice> {
  if (requested === 'cpu') return { backend: 'cpu' };
  const unsupported = gpuUnsupportedReason(simulation);
  if (unsupported && requested === 'auto') return { backend: 'cpu', note: unsupported };
  if (unsupported) throw new BackendRefused(unsupported);
  const gpu = await acquireNodeGpu();
  if (typeof gpu === 'string') {
    if (requested === 'auto') return { backend: 'cpu', note: gpu };
    throw new BackendRefused(gpu);
  }
  if (requested === 'auto' && gpu.software) {
    gpu.device.destroy();
    return { backend: 'cpu', note: `the only WebGPU adapter is a software one (${gpu.adapterName}), slower than the CPU backend; --backend webgpu uses it anyway` };
  }
  try {
    return { backend: 'webgpu', gpu: GpuSimulation.create(simulation, gpu), adapter: gpu.adapterName };
  } catch (e) {
    if (e instanceof EngineError) throw new BackendRefused(e.message);
    throw e;
  }
}

export class BackendRefused extends Error {}
