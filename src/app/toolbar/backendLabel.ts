/** The status bar's words for where a run computes: the backend, and on the CPU which kernel. */
import type { BackendInfo } from '../../worker/protocol';

export type { BackendInfo };

export function backendLabel(backend: BackendInfo): { text: string; title: string } {
  if (backend.backend === 'webgpu') return { text: `WebGPU · ${backend.adapter}`, title: `WebGPU adapter: ${backend.adapter}` };
  const kernels = backend.cpuKernels ?? [];
  const simd = kernels.filter((k) => k.kind === 'wasm-simd');
  const kernel = kernels.length === 0 ? '' : simd.length === kernels.length ? ' · SIMD' : simd.length === 0 ? ' · JavaScript' : ` · SIMD ${simd.length}/${kernels.length}`;
  const lines = [
    backend.note ? `auto chose the CPU: ${backend.note}` : 'the CPU backend, in a Web Worker',
    ...kernels.map((k) =>
      k.kind === 'wasm-simd' ? `${k.population}: WebAssembly SIMD kernel (float32, four neurons at a time)` : `${k.population}: generated JavaScript${k.reason ? ` (${k.reason})` : ''}`,
    ),
  ];
  return { text: `${backend.note ? 'CPU (auto)' : 'CPU'}${kernel}`, title: lines.join('\n') };
}
