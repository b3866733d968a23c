/**
 * The worker's choice of backend for a run, as the CLI's (src/cli/backendChoice.ts): `webgpu`
 * insists and fails with the reason; `auto` uses a hardware adapter when the project runs there,
 * else the CPU with the reason. The device is acquired once per worker and kept.
 */
import { EngineError, type Simulation } from '../engine';
import type { AcquiredGpu } from '../engine/webgpu/acquire';
import { GpuSimulation } from '../engine/webgpu/gpuSimulation';
import { gpuUnsupportedReason } from '../engine/webgpu/support';

export type AcquireGpu = () => Promise<AcquiredGpu | string>;

export type GpuChoice =
  | { readonly backend: 'webgpu'; readonly gpu: GpuSimulation; readonly adapter: string }
  | { readonly backend: 'cpu'; readonly note?: string }
  | { readonly error: string };

export class GpuChooser {
  private device: Promise<AcquiredGpu | string> | null = null;

  constructor(private readonly acquire: AcquireGpu | undefined) {}

  async choose(requested: 'cpu' | 'webgpu' | 'auto', sim: Simulation): Promise<GpuChoice> {
    if (requested === 'cpu') return { backend: 'cpu' };
    const refuse = (reason: string): GpuChoice => (requested === 'auto' ? { backend: 'cpu', note: reason } : { error: `the WebGPU backend cannot run this project: ${reason}; choose the CPU or auto backend` });
    const unsupported = gpuUnsupportedReason(sim);
    if (unsupported) return refuse(unsupported);
    if (!this.acquire) return refuse('WebGPU is not available in this worker');
    this.device ??= this.acquire().catch((e: unknown) => `the WebGPU device could not be created (${(e as Error).message})`);
    const target = await this.device;
    if (typeof target === 'string') return refuse(target);
    if (requested === 'auto' && target.software) return refuse(`the only WebGPU adapter is a software one (${target.adapterName}), slower than the CPU backend`);
    try {
      return { backend: 'webgpu', gpu: GpuSimulation.create(sim, target), adapter: target.adapterName };
    } catch (e) {
      if (e instanceof EngineError) return refuse(e.message);
      throw e;
    }
  }
}
