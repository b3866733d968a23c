/**
 * `spikeflow fit --backend`: CMA-ES simulates its generations on the GPU (Dawn in Node; SwiftShader
 * here) and says so in its output and report; `auto` passes a software adapter by, with the reason;
 * a gradient optimiser stays on the CPU and says why. Without a WebGPU adapter the GPU test is
 * reported as skipped with the reason.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { syntheticTargets } from '../fit/synthetic';
import { parseProject } from '../project/validate';
import { acquireNodeGpu } from './gpu';
import { cli, removeTempDirs, tempDir } from './testing';

afterAll(removeTempDirs);

const gpu = await acquireNodeGpu();

/** A LIF cell driven to spike, τm fitted to the spike times it gives at τm = 14 ms (the library's start: 10 ms). */
function spikingLif(): { doc: Record<string, unknown>; spikes: readonly number[] } {
  const doc = {
    format: 'spikeflow-project',
    version: 1,
    simulation: { dtMs: 0.1, durationMs: 60, seed: 1, precision: 'f64' },
    populations: [{ id: 'cell', model: 'LIF', size: 1, integrator: 'euler' }],
    stimuli: [{ type: 'step', id: 'step', target: 'cell', input: 'j', amplitude: '40 nA', startMs: 5 }],
    fit: { population: 'cell', params: [{ name: 'tau_m', min: 4, max: 30 }], loss: [{ kind: 'first-spike' }, { kind: 'isi', weight: 0.5 }], optimizer: { kind: 'cmaes', iterations: 30 } },
  };
  const parsed = parseProject(doc);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const spikes = Array.from(syntheticTargets(parsed.project, { tau_m: 14 })[0].spikeTimesMs);
  return { doc: { ...doc, fit: { ...doc.fit, cases: [{ spikeTimesMs: spikes }] } }, spikes };
}

if (typeof gpu === 'string') {
  it.skip(`spikeflow fit on WebGPU: no WebGPU adapter here (${gpu})`, () => {});
} else {
  afterAll(() => gpu.device.destroy());

  describe('spikeflow fit --backend', () => {
    it('webgpu: CMA-ES generations on the GPU find τm as on the CPU, and the output and report say where', async () => {
      const { doc, spikes } = spikingLif();
      expect(spikes.length).toBeGreaterThan(3);
      const dir = tempDir();
      writeFileSync(join(dir, 'p.json'), JSON.stringify(doc));
      const r = await cli(['fit', 'p.json', '--backend', 'webgpu', '--out', 'gpu'], dir);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`backend: webgpu on ${gpu.adapterName} (CMA-ES generations, float32)`);
      const report = JSON.parse(readFileSync(join(dir, 'gpu', 'fitted-params.json'), 'utf8'));
      expect(report).toMatchObject({ backend: 'webgpu', adapter: gpu.adapterName, optimizer: 'cmaes' });
      expect(Math.abs(report.params[0].value - 14) / 14).toBeLessThan(0.02);

      // auto: a software adapter is slower than the CPU batch, so the CPU, with the reason.
      const auto = await cli(['fit', 'p.json', '--backend', 'auto', '--iterations', '2', '--out', 'auto'], dir);
      expect(auto.code).toBe(0);
      if (gpu.software) {
        expect(auto.stdout).toContain('backend: cpu (the only WebGPU adapter is a software one');
        expect(JSON.parse(readFileSync(join(dir, 'auto', 'fitted-params.json'), 'utf8'))).toMatchObject({ backend: 'cpu', backendNote: expect.stringContaining('software') });
      }
      // A gradient optimiser runs on the CPU whatever the backend, and says why.
      const lm = await cli(['fit', 'p.json', '--backend', 'webgpu', '--optimizer', 'adam', '--iterations', '1', '--out', 'adam'], dir);
      expect(lm.code).toBe(0);
      expect(lm.stdout).toContain('backend: cpu (adam follows float64 gradients, which run on the CPU; CMA-ES generations run on the GPU)');
      // The project's own backend (cpu by default) prints nothing about it.
      expect((await cli(['fit', 'p.json', '--iterations', '1', '--out', 'cpu'], dir)).stdout).not.toContain('backend:');
    });
  });
}
