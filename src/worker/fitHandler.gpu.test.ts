/**
 * The fit worker on WebGPU (Dawn in Node; SwiftShader here): a CMA-ES fit of a project whose backend
 * is webgpu simulates its generations on the GPU and says so in `started`; a gradient fit stays on
 * the CPU and says why; a project on the CPU says nothing more. Without a WebGPU adapter the test is
 * reported as skipped with the reason.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { acquireNodeGpu } from '../cli/gpu';
import { FitHandler } from './fitHandler';
import type { FitResponse } from './fitProtocol';

const gpu = await acquireNodeGpu();

/** examples/LIF.json driven to spike, τm fitted to spike times, on `backend`. */
function lifProject(backend: string, optimizer: Record<string, unknown>): Record<string, unknown> {
  const json = JSON.parse(readFileSync(new URL('../../examples/LIF.json', import.meta.url), 'utf8')) as Record<string, unknown>;
  json.simulation = { dtMs: 0.1, durationMs: 60, seed: 1, backend };
  json.recordings = [];
  (json.stimuli as { amplitude: string }[])[0].amplitude = '40 nA';
  json.fit = { population: 'cell', params: [{ name: 'tau_m', min: 4, max: 30 }], loss: [{ kind: 'first-spike' }], cases: [{ spikeTimesMs: [8, 15, 22] }], optimizer };
  return json;
}

async function fit(project: Record<string, unknown>): Promise<FitResponse[]> {
  const sent: FitResponse[] = [];
  const handler = new FitHandler((m) => sent.push(m), () => performance.now(), async () => gpu);
  await handler.handle({ type: 'start', fitId: 1, project });
  const deadline = Date.now() + 30_000;
  while (!sent.some((m) => m.type === 'done' || m.type === 'failed') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  return sent;
}

if (typeof gpu === 'string') {
  it.skip(`fit worker on WebGPU: no WebGPU adapter here (${gpu})`, () => {});
} else {
  describe(`FitHandler on ${gpu.adapterName}`, () => {
    it('a CMA-ES fit on webgpu runs its generations on the GPU and says so; adam stays on the CPU with the reason', async () => {
      const onGpu = await fit(lifProject('webgpu', { kind: 'cmaes', iterations: 5 }));
      expect(onGpu.find((m) => m.type === 'started')).toMatchObject({ backend: { backend: 'webgpu', adapter: gpu.adapterName } });
      expect(onGpu.at(-1)).toMatchObject({ type: 'done', reason: 'completed', iterations: 5 });
      const adam = await fit(lifProject('webgpu', { kind: 'adam', iterations: 2 }));
      expect(adam.find((m) => m.type === 'started')).toMatchObject({ backend: { backend: 'cpu', note: 'adam follows float64 gradients, which run on the CPU; CMA-ES generations run on the GPU' } });
      const onCpu = await fit(lifProject('cpu', { kind: 'cmaes', iterations: 2 }));
      expect(onCpu.find((m) => m.type === 'started')).toMatchObject({ backend: { backend: 'cpu' } });
      expect((onCpu.find((m) => m.type === 'started') as { backend: { note?: string } }).backend.note).toBeUndefined();
    });

    it('a device lost during a fit: the fit goes on on the CPU, and a progress message says so', async () => {
      const own = await acquireNodeGpu();
      if (typeof own === 'string') throw new Error(own);
      const sent: FitResponse[] = [];
      let destroyed = false;
      const handler = new FitHandler(
        (m) => {
          sent.push(m);
          if (!destroyed && m.type === 'progress') {
            destroyed = true;
            own.device.destroy();
          }
        },
        () => performance.now(),
        async () => own,
      );
      await handler.handle({ type: 'start', fitId: 1, project: lifProject('webgpu', { kind: 'cmaes', iterations: 6 }) });
      const deadline = Date.now() + 30_000;
      while (!sent.some((m) => m.type === 'done' || m.type === 'failed') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      expect(sent.find((m) => m.type === 'started')).toMatchObject({ backend: { backend: 'webgpu' } });
      const moved = sent.filter((m) => m.type === 'progress' && m.backend);
      expect(moved).toHaveLength(1);
      expect(moved[0]).toMatchObject({ backend: { backend: 'cpu', note: expect.stringMatching(/^the WebGPU device was lost \(.*\) at iteration 2; the fit went on on the CPU$/) } });
      expect(sent.at(-1)).toMatchObject({ type: 'done', reason: 'completed', iterations: 6 });
    });
  });
}
