import { describe, expect, it } from 'vitest';
import { backendLabel } from './backendLabel';

describe('backendLabel', () => {
  it('names the adapter on WebGPU', () => {
    expect(backendLabel({ backend: 'webgpu', adapter: 'SwiftShader' }).text).toBe('WebGPU · SwiftShader');
  });

  it('says which CPU kernel steps the populations, and why one runs JavaScript', () => {
    const all = backendLabel({ backend: 'cpu', cpuKernels: [{ population: 'exc', kind: 'wasm-simd' }, { population: 'inh', kind: 'wasm-simd' }] });
    expect(all.text).toBe('CPU · SIMD');
    const mixed = backendLabel({ backend: 'cpu', note: 'no adapter', cpuKernels: [{ population: 'exc', kind: 'wasm-simd' }, { population: 'wta', kind: 'javascript', reason: 'population reductions' }] });
    expect(mixed.text).toBe('CPU (auto) · SIMD 1/2');
    expect(mixed.title).toBe('auto chose the CPU: no adapter\nexc: WebAssembly SIMD kernel (float32, four neurons at a time)\nwta: generated JavaScript (population reductions)');
    expect(backendLabel({ backend: 'cpu', cpuKernels: [{ population: 'a', kind: 'javascript' }] }).text).toBe('CPU · JavaScript');
    expect(backendLabel({ backend: 'cpu' }).text).toBe('CPU');
  });
});
