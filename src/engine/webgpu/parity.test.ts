/**
 * Backend parity: every example the WebGPU backend runs gives the CPU backend's results within
 * float32 tolerance — the same spikes (each within one step; Poisson sources exactly, since both
 * backends draw the same counter-based numbers) and traces within 1% of each trace's range. The
 * recurrent networks (CUBA, COBA, COBAHH, the default E/I network) are chaotic, so for them the
 * statistics are compared instead: each population's spike count (over 50 ms of the 4,000-neuron
 * networks, 200 ms of the default one).
 * Runs on Dawn in Node (SwiftShader where no GPU is present). Without a WebGPU adapter these tests
 * are reported as skipped with the reason, never passed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireNodeGpu } from '../../cli/gpu';
import { parseProject } from '../../project/validate';
import type { Project } from '../../project/schema';
import { compileProject } from '../build';
import type { Chunk } from '../simulation';
import { GpuSimulation } from './gpuSimulation';
import { gpuUnsupportedReason } from './support';
import { planGpu } from './gpuPlan';

const EXAMPLES = join(__dirname, '../../../examples');
const gpu = await acquireNodeGpu();

function load(name: string): Project {
  const parsed = parseProject(JSON.parse(readFileSync(join(EXAMPLES, name), 'utf8')));
  if (!parsed.ok) throw new Error(`${name} does not validate`);
  return parsed.project;
}

interface Outcome {
  spikes: Map<string, number[]>;
  traces: Float32Array[];
}

function outcome(chunks: readonly Chunk[], recorders: number): Outcome {
  const spikes = new Map<string, number[]>();
  const parts: number[][] = Array.from({ length: recorders }, () => []);
  for (const c of chunks) {
    c.spikes.steps.forEach((step, j) => {
      const key = `${c.spikes.populations[j]}:${c.spikes.neurons[j]}`;
      spikes.set(key, [...(spikes.get(key) ?? []), step]);
    });
    c.recordings.forEach((r) => parts[r.recorder].push(...r.values));
  }
  return { spikes, traces: parts.map((p) => Float32Array.from(p)) };
}

const supported: string[] = [];
const networks: string[] = [];
const refused: [string, string][] = [];
for (const name of readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).sort()) {
  const project = load(name);
  const reason = gpuUnsupportedReason(compileProject(project));
  if (reason) refused.push([name, reason]);
  else if (project.projections.length > 0) networks.push(name);
  else supported.push(name);
}

/**
 * Tolerance of a chaotic network's spike counts. Measured on SwiftShader: equal counts in every
 * population of all four networks; rounding differences (sums in another order) could move a few.
 */
const NETWORK_COUNT_TOLERANCE = 0.02;

if (typeof gpu === 'string') {
  it.skip(`WebGPU parity: no WebGPU adapter here (${gpu})`, () => {});
} else {
  afterAll(() => gpu.device.destroy());

  describe(`WebGPU backend on ${gpu.adapterName} matches the CPU backend`, () => {
    it.each(supported)('%s', async (name) => {
      const project = load(name);
      const cpu = compileProject(project);
      const cpuChunks: Chunk[] = [];
      cpu.run({ onChunk: (c) => void cpuChunks.push(c) });
      const host = compileProject(project);
      const sim = GpuSimulation.create(host, gpu);
      const gpuChunks: Chunk[] = [];
      await sim.runAsync({ onChunk: (c) => void gpuChunks.push(c) });
      sim.destroy();

      const a = outcome(cpuChunks, cpu.recorders.length);
      const b = outcome(gpuChunks, cpu.recorders.length);
      expect([...b.spikes.keys()].sort()).toEqual([...a.spikes.keys()].sort());
      let worstShift = 0;
      for (const [key, steps] of a.spikes) {
        const other = b.spikes.get(key)!;
        expect(other.length, `spike count of ${key}`).toBe(steps.length);
        steps.forEach((s, j) => (worstShift = Math.max(worstShift, Math.abs(s - other[j]))));
      }
      expect(worstShift).toBeLessThanOrEqual(1);
      // Poisson spikes are uniform draws against a threshold: the same u32 hashes on both backends.
      if (project.populations.every((p) => p.model === 'PoissonSource')) expect(worstShift).toBe(0);
      expect(host.spikeCounts).toEqual(cpu.spikeCounts);

      // Traces: per series, the largest difference relative to the series' range (1% allowed).
      a.traces.forEach((values, r) => {
        const width = cpu.recorders[r].series.length;
        expect(b.traces[r].length).toBe(values.length);
        for (let col = 0; col < width; col++) {
          let lo = Infinity;
          let hi = -Infinity;
          let diff = 0;
          for (let k = col; k < values.length; k += width) {
            lo = Math.min(lo, values[k]);
            hi = Math.max(hi, values[k]);
            diff = Math.max(diff, Math.abs(values[k] - b.traces[r][k]));
          }
          const range = Math.max(hi - lo, 1e-6 * Math.max(Math.abs(hi), Math.abs(lo)), 1e-12);
          expect(diff / range, `${cpu.recorders[r].series[col].key}: max |Δ| ${diff} over a range of ${hi - lo}`).toBeLessThan(0.01);
        }
      });
    });

    // Small networks run twice: with a dispatch per step, and every step of a chunk in one workgroup.
    const small = (name: string) => planGpu(compileProject(load(name)), 1000, { workgroup: true }).mode === 'workgroup';
    const runs = networks.flatMap((name) => [[name, 'the default dispatch'], ...(small(name) ? [[name, 'one workgroup a chunk']] : [])]);
    it.each(runs)('%s (a network, %s): every population spikes as often as on the CPU backend, within 2 percent', async (name, how) => {
      const project = load(name);
      // 50 ms of the 4,000-neuron networks; the small default network's drive starts at 50 ms.
      const durationMs = project.populations.reduce((n, p) => n + p.size, 0) > 1000 ? 50 : 200;
      const cpu = compileProject(project, { durationMs });
      cpu.run();
      const host = compileProject(project, { durationMs });
      const sim = GpuSimulation.create(host, gpu, how === 'one workgroup a chunk' ? { workgroup: true } : {});
      if (how === 'one workgroup a chunk') expect(sim.dispatchMode).toBe('workgroup');
      await sim.runAsync();
      sim.destroy();
      cpu.spikeCounts.forEach((count, p) => {
        expect(count, `${cpu.populations[p].id} spikes on the CPU`).toBeGreaterThan(0);
        const relative = Math.abs(host.spikeCounts[p] - count) / count;
        expect(relative, `${cpu.populations[p].id}: ${host.spikeCounts[p]} spikes on the GPU, ${count} on the CPU`).toBeLessThan(NETWORK_COUNT_TOLERANCE);
      });
    });
  });
}

describe('what the WebGPU backend refuses, with the reason', () => {
  it('float64 runs stay on the CPU backend; every float32 example runs on the GPU', () => {
    expect(networks).toEqual(expect.arrayContaining(['coba.json', 'cobahh.json', 'cuba.json', 'default.json', 'stdp_demo.json', 'jaxley_network.json']));
    expect(supported).toContain('WTASCell.json');
    expect(refused.every(([, reason]) => /float32/.test(reason))).toBe(true);
    const f64 = load('LIF.json');
    expect(gpuUnsupportedReason(compileProject({ ...f64, simulation: { ...f64.simulation, precision: 'f64' } }))).toMatch(/float32/);
    expect(supported.length).toBeGreaterThanOrEqual(20);
  });
});
