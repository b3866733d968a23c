/**
 * The worker's GPU side. The choice of backend for a run, as the CLI's (src/cli/backendChoice.ts):
 * `webgpu` insists and fails with the reason; `auto` uses a hardware adapter when the project runs
 * there, else the CPU with the reason (the device is acquired once per worker and kept). And who
 * holds the newest states: while a GPU simulation does, page messages wait, and are given back to be
 * handled once the states are back in the host simulation.
 */
import { EngineError, type Simulation } from '../engine';
import type { PageToWorker } from './protocol';
import type { AcquiredGpu } from '../engine/webgpu/acquire';
import { GpuSimulation } from '../engine/webgpu/gpuSimulation';
import { gpuUnsupportedReason } from '../engine/webgpu/support';

export type AcquireGpu = () => Promise<AcquiredGpu | string>;

export type GpuChoice =
  | { readonly backend: 'webgpu'; readonly gpu: GpuSimulation; readonly adapter: string }
  | { readonly backend: 'cpu'; readonly note?: string }
  | { readonly error: string };

export class WorkerGpu {
  private device: Promise<AcquiredGpu | string> | null = null;
  /** The GPU simulation that holds the newest states, while a run computes on the GPU. */
  private owner: GpuSimulation | null = null;
  private waiting: PageToWorker[] = [];

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

  /** After a device loss: the next run that wants the GPU asks for a new device. */
  forgetDevice(): void {
    this.device = null;
  }

  get simulation(): GpuSimulation | null {
    return this.owner;
  }

  /** From now on `gpu` holds the newest states. */
  own(gpu: GpuSimulation): void {
    this.owner = gpu;
  }

  /** Keeps the message for later when the GPU holds the states; false when it can be handled now. */
  defer(message: PageToWorker): boolean {
    if (!this.owner) return false;
    this.waiting.push(message);
    return true;
  }

  get messagesWaiting(): boolean {
    return this.waiting.length > 0;
  }

  /** States back to the host (unless `download` is false: lost or broken), then the waiting messages. */
  async release(download: boolean): Promise<PageToWorker[]> {
    const gpu = this.owner;
    if (gpu) {
      if (download) await gpu.download().catch(() => undefined);
      gpu.destroy();
      this.owner = null;
    }
    return this.waiting.splice(0);
  }
}
