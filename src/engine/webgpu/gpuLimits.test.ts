/**
 * What bounds a network on the GPU is the size of its buffers (one of each kind for the whole
 * network), not a population's neuron count: a network whose buffers exceed what the device holds
 * is refused with the buffer, the sizes and the limit; `auto` then runs it on the CPU and says why.
 * Runs on Dawn in Node, with the device's storage-binding limit shrunk to 64 KiB.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { acquireNodeGpu } from '../../cli/gpu';
import { WorkerGpu } from '../../worker/gpuChoice';
import { compileProject } from '../build';
import { EngineError } from '../errors';
import { project } from './backendComparison';
import { GpuSimulation } from './gpuSimulation';

const gpu = await acquireNodeGpu();

/** The device as it is, but binding at most `bytes` of a storage buffer. */
function withLimit(device: GPUDevice, bytes: number): GPUDevice {
  const limits = new Proxy(device.limits, { get: (target, key) => (key === 'maxStorageBufferBindingSize' ? bytes : Reflect.get(target, key, target)) });
  return new Proxy(device, {
    get(target, key) {
      if (key === 'limits') return limits;
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const lif = (size: number) =>
  project({
    simulation: { dtMs: 0.1, durationMs: 5, seed: 1, precision: 'f32' },
    populations: [{ id: 'big', model: 'LIF', size }],
    stimuli: [{ id: 's', type: 'step', target: 'big', amplitude: '20 nA' }],
  });

if (typeof gpu === 'string') {
  it.skip(`WebGPU device limits: no WebGPU adapter here (${gpu})`, () => {});
} else {
  afterAll(() => gpu.device.destroy());

  describe(`device limits on ${gpu.adapterName}`, () => {
    it('refuses a network whose states exceed one buffer, naming the buffer, its size and the limit', () => {
      const small = { ...gpu, device: withLimit(gpu.device, 64 * 1024) };
      // 20,000 LIF cells: 80 KB of v alone.
      const error = (() => {
        try {
          GpuSimulation.create(compileProject(lif(20_000)), small).destroy();
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(EngineError);
      expect((error as EngineError).code).toBe('unsupported');
      expect((error as EngineError).message).toMatch(/^the network's [a-z -]+ need \d+ KiB on the GPU, more than the 64 KiB this WebGPU device holds in one buffer$/);
      // A network that fits runs.
      GpuSimulation.create(compileProject(lif(2_000)), small).destroy();
    });

    it('auto runs such a network on the CPU and says why; webgpu is an error with the reason', async () => {
      const acquire = async () => ({ ...gpu, device: withLimit(gpu.device, 64 * 1024), software: false });
      const choice = await new WorkerGpu(acquire).choose('auto', compileProject(lif(20_000)));
      expect(choice).toMatchObject({ backend: 'cpu', note: expect.stringMatching(/need \d+ KiB on the GPU, more than the 64 KiB/) });
      const forced = await new WorkerGpu(acquire).choose('webgpu', compileProject(lif(20_000)));
      expect(forced).toMatchObject({ error: expect.stringMatching(/^the WebGPU backend cannot run this project: the network's .* need \d+ KiB on the GPU/) });
    });
  });
}
