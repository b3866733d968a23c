/**
 * Batched-fit benchmarks (`npm run bench -- gpu-fit-*`): one CMA-ES generation of B candidates of a
 * fitting example, simulated as one batch on the CPU (float64, fit/cellBatch.ts) and on the GPU
 * (float32, fit/gpuCellBatch.ts), in one fresh process with the Vulkan loader's path where Dawn
 * needs it. The record gives both wall times (a warm-up generation first on each side), the
 * throughput in candidate-steps per second, `speedup_vs_cpu` (the issue's target on a hardware
 * GPU: ≥ 100×) and the worst relative loss difference between the two. On SwiftShader the GPU side
 * is a CPU emulation (`software_adapter: true`). `gpu_host_s` is the GPU generation's time not spent
 * awaiting the device (host work: values, spikes, losses); `speedup_bound_host` = cpu_s / gpu_host_s
 * is the most a faster device could give, a bound, not a measurement. Where Linux tells a thread's
 * CPU time, `gpu_host_cpu_s` is the main thread's CPU time outside the waits: on SwiftShader the
 * wall time also counts the emulated device taking the CPU from the host (deviceWaits.ts), and
 * `speedup_bound_host_cpu` is the bound by it. The GPU figures are medians of five generations.
 *
 *   node --import tsx bench/gpuFit.ts EXAMPLE B   (one run, one JSON line; what run.ts spawns)
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { vulkanEnvironment } from '../src/cli/vulkanEnv';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));

export interface GpuFitBenchDef {
  readonly name: string;
  readonly description: string;
  readonly example: 'fit_hh' | 'fit_adex';
  readonly candidates: number;
}

const def = (example: GpuFitBenchDef['example'], candidates: number, what: string): GpuFitBenchDef => ({
  name: `gpu-fit-${example.slice(4)}-${candidates >= 1000 ? `${candidates / 1000}k` : candidates}`,
  example,
  candidates,
  description: `one CMA-ES generation of ${candidates.toLocaleString('en-US')} candidates of examples/${example}.json (${what}): the GPU batch beside the CPU batch`,
});

export const GPU_FIT_BENCHMARKS: readonly GpuFitBenchDef[] = [
  def('fit_hh', 100, 'Hodgkin–Huxley, 4,000 steps, a trace'),
  def('fit_hh', 10_000, 'Hodgkin–Huxley, 4,000 steps, a trace'),
  def('fit_adex', 100, 'AdEx, 3 cases × 6,000 steps, spike times'),
  def('fit_adex', 10_000, 'AdEx, 3 cases × 6,000 steps, spike times'),
];

/** Runs one generation benchmark in a fresh process; a missing adapter comes back as `gpu_error`. */
export function runGpuFitBenchmark(d: GpuFitBenchDef): Record<string, unknown> {
  const env = { ...process.env, ...(vulkanEnvironment() ?? {}) };
  const execArgv = process.execArgv.some((a) => a.includes('tsx')) ? process.execArgv : ['--import', 'tsx'];
  const r = spawnSync(process.execPath, ['--expose-gc', ...execArgv, join(BENCH_DIR, 'gpuFit.ts'), d.example, String(d.candidates)], { encoding: 'utf8', env, maxBuffer: 16 * 2 ** 20 });
  const line = (r.stdout ?? '')
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  const result = r.status === 0 && line ? (JSON.parse(line) as Record<string, unknown>) : { gpu_error: `exit ${r.status}: ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}` };
  return { benchmark: d.name, description: d.description, candidates: d.candidates, ...result };
}

/**
 * This thread's CPU milliseconds, from Linux's /proc/thread-self/schedstat (nanoseconds on the CPU
 * first), or undefined where there is none. The kernel updates a running thread's figure at each
 * scheduler tick or switch (every 4 ms here, measured), so each reading lags by up to that.
 */
function threadCpuClock(): (() => number) | undefined {
  const read = (): number => Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  try {
    return Number.isFinite(read()) ? read : undefined;
  } catch {
    return undefined;
  }
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * GPU generations timed after the warm-up one; the medians are reported. One generation's host work
 * varies by 2× here: in Node, Dawn polls the device through setImmediate while a read-back is
 * pending (about 100 MB/s of garbage while SwiftShader runs a kernel), and whichever host step
 * allocates next pays for collecting it.
 */
const TIMED_GPU_GENERATIONS = 5;

/** The child: one warm-up and one timed generation on the CPU; one warm-up and five timed on the GPU. */
async function child(example: string, B: number): Promise<void> {
  const { acquireNodeGpu } = await import('../src/cli/gpu');
  const { parseProject } = await import('../src/project/validate');
  const { FitProblem } = await import('../src/fit/fitProblem');
  const acquired = await acquireNodeGpu();
  if (typeof acquired === 'string') {
    console.log(JSON.stringify({ gpu_error: acquired }));
    return;
  }
  const threadCpuMs = threadCpuClock();
  const gpu = { ...acquired, threadCpuMs };
  const parsed = parseProject(JSON.parse(readFileSync(join(BENCH_DIR, '..', 'examples', `${example}.json`), 'utf8')));
  if (!parsed.ok) throw new Error(`${example}: invalid project`);
  const problem = new FitProblem(parsed.project);
  // Candidates scattered ±30% around the start, deterministic.
  const thetas = Array.from({ length: B }, (_, b) => Float64Array.from(problem.params, (q, k) => q.initial * (1 + 0.3 * Math.sin(1.7 * b + 2.3 * k))));
  // A warm-up generation of as many candidates elsewhere: the JIT on the CPU side; on the GPU side
  // the simulation a fit keeps between generations, so the timed ones are what every later one costs.
  const warm = thetas.map((theta) => theta.map((v) => v * 1.05));
  // Each timed generation starts from a collected heap, so that neither pays for the other's garbage.
  const collect = (): void => (globalThis as { gc?: () => void }).gc?.();
  problem.evaluateMany(warm);
  collect();
  let t = performance.now();
  const onCpu = problem.evaluateMany(thetas);
  const cpuS = (performance.now() - t) / 1000;
  // Only the losses are kept: B traces on the heap (320 MB for hh-10k) would make every collection
  // of the GPU generations slower than a fit's.
  const cpuLosses = onCpu.map((e) => e.loss);
  const steps = onCpu[0].observations.reduce((n, o) => n + o.steps, 0);
  onCpu.length = 0;
  await problem.evaluateManyOnGpu(warm, gpu);
  let onGpu: Awaited<ReturnType<typeof problem.evaluateManyOnGpu>> = [];
  const generations: { wallS: number; hostS: number; hostCpuS: number | undefined }[] = [];
  for (let g = 0; g < TIMED_GPU_GENERATIONS; g++) {
    collect();
    const cpuStart = threadCpuMs?.() ?? 0;
    t = performance.now();
    onGpu = await problem.evaluateManyOnGpu(thetas, gpu);
    const wallS = (performance.now() - t) / 1000;
    const wait = problem.lastDeviceWait;
    // What the generation spent not awaiting the device: on a hardware GPU, where the kernels take a
    // fraction of this, it bounds the generation's time, and so the speed-up. Its wall time counts
    // the emulated device's threads taking the CPU too; its CPU time does not.
    const hostCpuS = threadCpuMs ? (threadCpuMs() - cpuStart - wait.cpuMs) / 1000 : undefined;
    generations.push({ wallS, hostS: wallS - wait.wallMs / 1000, hostCpuS });
  }
  const gpuS = median(generations.map((g) => g.wallS));
  const hostS = median(generations.map((g) => g.hostS));
  const hostCpuS = threadCpuMs ? median(generations.map((g) => g.hostCpuS!)) : undefined;
  const lossDiff = cpuLosses.reduce((worst, loss, b) => (Number.isFinite(loss) ? Math.max(worst, Math.abs(onGpu[b].loss - loss) / Math.max(Math.abs(loss), 1e-12)) : worst), 0);
  const round = (x: number) => Number(x.toPrecision(4));
  console.log(
    JSON.stringify({
      adapter: gpu.adapterName,
      software_adapter: gpu.software,
      steps_per_candidate: steps,
      cpu_s: round(cpuS),
      gpu_s: round(gpuS),
      cpu_candidate_steps_per_s: round((B * steps) / cpuS),
      gpu_candidate_steps_per_s: round((B * steps) / gpuS),
      speedup_vs_cpu: round(cpuS / gpuS),
      gpu_host_s: round(hostS),
      speedup_bound_host: round(cpuS / hostS),
      ...(hostCpuS !== undefined ? { gpu_host_cpu_s: round(hostCpuS), speedup_bound_host_cpu: round(cpuS / hostCpuS) } : {}),
      worst_loss_rel_diff: round(lossDiff),
    }),
  );
  gpu.device.destroy();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [example, B] = process.argv.slice(2);
  await child(example, Number(B));
}
