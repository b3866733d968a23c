/**
 * Where a fit's simulations run. Gradient fits (Adam, SGD, Levenberg–Marquardt) need float64
 * forward-mode sensitivities and run on the CPU. CMA-ES asks for a generation of candidates at a
 * time, which the GPU simulates as copies of the cell in one batch (gpuCellBatch.ts), when the
 * project's backend is `webgpu` or `auto`. A fit never fails for want of a GPU: it runs on the CPU
 * and says why (`auto` also passes by a software adapter, slower than the CPU batch; `webgpu` uses it).
 */
import type { AcquiredGpu } from '../engine/webgpu/acquire';
import type { FitProblem } from './fitProblem';

export type FitBackend = { readonly backend: 'webgpu'; readonly gpu: AcquiredGpu; readonly adapter: string } | { readonly backend: 'cpu'; readonly note?: string };

export async function chooseFitBackend(problem: FitProblem, requested: 'cpu' | 'webgpu' | 'auto', acquire: () => Promise<AcquiredGpu | string>): Promise<FitBackend> {
  if (requested === 'cpu') return { backend: 'cpu' };
  const kind = problem.settings.optimizer.kind;
  if (kind !== 'cmaes') return { backend: 'cpu', note: `${kind} follows float64 gradients, which run on the CPU; CMA-ES generations run on the GPU` };
  const problemOnGpu = problem.cell.gpuBatchProblem ? problem.cell.gpuBatchProblem() : 'the fit simulates the network (other cells\' spikes move with the trained values), which runs on the CPU';
  if (problemOnGpu) return { backend: 'cpu', note: `CMA-ES candidates stay on the CPU: ${problemOnGpu}` };
  const gpu = await acquire().catch((e: unknown) => `the WebGPU device could not be created (${(e as Error).message})`);
  if (typeof gpu === 'string') return { backend: 'cpu', note: gpu };
  if (requested === 'auto' && gpu.software) return { backend: 'cpu', note: `the only WebGPU adapter is a software one (${gpu.adapterName}), slower than the CPU` };
  return { backend: 'webgpu', gpu, adapter: gpu.adapterName };
}
