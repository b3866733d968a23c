/**
 * Runs one benchmark's project on the WebGPU backend in this (fresh) process and prints its JSON:
 *   node --import tsx bench/gpuChild.ts BASE_NAME N DURATION_MS
 * Set-up (validation, compilation, WGSL pipelines, uploads) and the run are timed separately.
 */
import { acquireNodeGpu } from '../src/cli/gpu';
import { compileProject } from '../src/engine';
import { GpuSimulation } from '../src/engine/webgpu/gpuSimulation';
import { parseProject } from '../src/project/validate';
import { findBenchmark } from './benchmarks';

const [name, n, durationMs] = process.argv.slice(2);
const def = findBenchmark(name);
if (!def) {
  console.error(`unknown benchmark '${name}'`);
  process.exit(2);
}
const gpu = await acquireNodeGpu();
if (typeof gpu === 'string') {
  console.log(JSON.stringify({ gpu_error: gpu }));
  process.exit(0);
}
let peakRss = process.memoryUsage.rss();
const setupStart = performance.now();
const parsed = parseProject(def.project({ n: Number(n), durationMs: Number(durationMs) }, 'f32', false));
if (!parsed.ok) throw new Error(`${name}: invalid project`);
const host = compileProject(parsed.project);
const sim = GpuSimulation.create(host, gpu);
// Pipelines compile on first use on some drivers: one step outside the timing, then back to t = 0.
await sim.runAsync({ steps: 1 });
host.reset();
host.spikeCounts.fill(0);
sim.upload();
const setupS = (performance.now() - setupStart) / 1000;
const result = await sim.runAsync({ onChunk: () => void (peakRss = Math.max(peakRss, process.memoryUsage.rss())) });
const spikes = host.spikeCounts.reduce((a, b) => a + b, 0);
const durationS = (result.stepsRun * host.dtMs) / 1000;
console.log(
  JSON.stringify({
    adapter: gpu.adapterName,
    software_adapter: gpu.software,
    dispatch_mode: sim.dispatchMode,
    dispatches_per_step: sim.dispatchesPerStep,
    pushed_projections: sim.pushedProjections,
    wall_s: result.wallMs / 1000,
    setup_s: setupS,
    steps: result.stepsRun,
    spikes,
    rate_hz: spikes / Number(n) / durationS,
    peak_rss_mb: peakRss / 2 ** 20,
  }),
);
process.exit(0);
