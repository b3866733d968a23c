import { it } from 'vitest';
import { acquireNodeGpu } from '../../cli/gpu';
import { parseProject } from '../../project/validate';
import { compileProject } from '../../engine/build';
import { singlePopulationProject } from '../../engine/testing';
import { GpuSimulation } from '../../engine/webgpu/gpuSimulation';
import type { Chunk } from '../../engine/simulation';
it('x', async () => {
  const gpu = await acquireNodeGpu();
  if (typeof gpu === 'string') throw new Error(gpu);
  const size = 500;
  const parsed = parseProject(singlePopulationProject({ model: 'LIF', size, params: { tau_m: { dist: 'normal', mean: 10, std: 2, min: 4 }, t_ref: 2 } },
    { precision: 'f32', seed: 7, durationMs: 200, record: ['v'], neurons: [413],
      stimuli: [
        { id: 'noise', type: 'noise', target: 'pop', mean: '11 nA', std: '25 nA' },
        { id: 'step', type: 'step', target: 'pop', neurons: [...Array.from({ length: 50 }, (_, i) => i), 3], amplitude: '4 nA', startMs: 50, stopMs: 150 },
      ] }));
  if (!parsed.ok) throw new Error('bad');
  const cpu = compileProject(parsed.project);
  const a: Chunk[] = []; cpu.run({ onChunk: (c) => void a.push(c) });
  const host = compileProject(parsed.project);
  const g = GpuSimulation.create(host, gpu);
  const b: Chunk[] = []; await g.runAsync({ onChunk: (c) => void b.push(c) });
  const va = a.flatMap((c) => [...c.recordings[0].values]);
  const vb = b.flatMap((c) => [...c.recordings[0].values]);
  for (let n = 1430; n < 1442; n++) console.log(n, va[n], vb[n], va[n] - vb[n]);
});
