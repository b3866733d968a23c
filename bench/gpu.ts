/**
 * GPU benchmarks (`npm run bench -- gpu-*`): the same projects as the CPU benchmarks, run on the
 * WebGPU backend (Node + Dawn) beside the CPU backend and, where installed, Brian2, in one
 * invocation. Each side runs in its own Node process; the GPU side starts with the Vulkan loader's
 * path where Dawn needs it (src/cli/vulkanEnv.ts). On SwiftShader the GPU figures are a CPU
 * emulation (the record says `software_adapter: true`).
 *
 * `gpu-batch-B` is B independent single-neuron simulations with B parameter sets (the LIF
 * benchmark's per-neuron R) × 10,000 steps: one population of B neurons is one dispatch.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { vulkanEnvironment } from '../src/cli/vulkanEnv';
import { findBenchmark, type BenchmarkDef, type BenchSize } from './benchmarks';
import { runBrian, runOurs, runOursIsolated, type BrianResult } from './harness';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));

export interface GpuBenchDef {
  readonly name: string;
  readonly description: string;
  /** The CPU benchmark whose project (and Brian2 twin) this runs. */
  readonly base: BenchmarkDef;
  readonly size: BenchSize;
}

export interface GpuRunResult {
  adapter: string;
  software_adapter: boolean;
  /** How a chunk is dispatched (GpuSimulation.dispatchMode), and the dispatches a step takes (0: one a chunk). */
  dispatch_mode: string;
  dispatches_per_step: number;
  /** The projections whose spikes were pushed, not pulled (engine/webgpu/pushProjection.ts). */
  pushed_projections: string[];
  wall_s: number;
  setup_s: number;
  steps: number;
  spikes: number;
  rate_hz: number;
  peak_rss_mb: number;
}

const def = (name: string, base: string, size: BenchSize, description: string): GpuBenchDef => ({ name, base: findBenchmark(base)!, size, description });

export const GPU_BENCHMARKS: readonly GpuBenchDef[] = [
  def('gpu-lif-10k', 'lif-throughput', { n: 10_000, durationMs: 1000 }, '10k uncoupled LIF, euler, dt 0.1 ms, 1 s: WebGPU beside the CPU backend'),
  def('gpu-lif-100k', 'lif-throughput', { n: 100_000, durationMs: 1000 }, '100k uncoupled LIF, euler, dt 0.1 ms, 1 s: WebGPU beside the CPU backend'),
  def('gpu-lif-1m', 'lif-throughput', { n: 1_000_000, durationMs: 200 }, '1M uncoupled LIF, euler, dt 0.1 ms, 200 ms: WebGPU beside the CPU backend'),
  def('gpu-hh-10k', 'hh-10k', { n: 10_000, durationMs: 100 }, '10k Hodgkin-Huxley, exponential_euler, dt 0.01 ms, 100 ms: WebGPU beside the CPU backend'),
  def('gpu-hh-100k', 'hh-10k', { n: 100_000, durationMs: 20 }, '100k Hodgkin-Huxley, exponential_euler, dt 0.01 ms, 20 ms: WebGPU beside the CPU backend'),
  def('gpu-batch-1', 'lif-throughput', { n: 1, durationMs: 1000 }, '1 LIF parameter set x 10,000 steps (dt 0.1 ms): WebGPU beside the CPU backend'),
  def('gpu-batch-100', 'lif-throughput', { n: 100, durationMs: 1000 }, '100 LIF parameter sets x 10,000 steps: WebGPU beside the CPU backend'),
  def('gpu-batch-10k', 'lif-throughput', { n: 10_000, durationMs: 1000 }, '10,000 LIF parameter sets x 10,000 steps: WebGPU beside the CPU backend'),
  def('gpu-cuba-4k', 'cuba', { n: 4_000, durationMs: 1000 }, 'CUBA network, 4,000 LIF, p = 0.02, 1 s: on WebGPU the spikes pushed (a dispatch a step) and the populations stepped (another), beside the CPU backend'),
  def('gpu-cuba-64k', 'cuba-64k', { n: 64_000, durationMs: 1000 }, 'CUBA network, 64,000 LIF, 80 inputs each, 1 s: WebGPU beside the CPU backend'),
  def('gpu-cuba-256k', 'cuba', { n: 256_000, durationMs: 1000 }, 'CUBA network, 256,000 LIF, 80 inputs each (20 M synapses), 1 s: WebGPU beside the CPU backend'),
  def('gpu-coba-4k', 'coba', { n: 4_000, durationMs: 1000 }, 'COBA network, 4,000 LIF, p = 0.02, 1 s: WebGPU beside the CPU backend'),
];

/** Runs the GPU side in a fresh process (bench/gpuChild.ts); a missing adapter comes back as an error. */
export function runGpuIsolated(d: GpuBenchDef, size: BenchSize): GpuRunResult | { gpu_error: string } {
  const env = { ...process.env, ...(vulkanEnvironment() ?? {}) };
  // Under the test runner this process was not started through tsx; the child must be.
  const execArgv = process.execArgv.some((a) => a.includes('tsx')) ? process.execArgv : ['--import', 'tsx'];
  const r = spawnSync(process.execPath, [...execArgv, join(BENCH_DIR, 'gpuChild.ts'), d.base.name, String(size.n), String(size.durationMs)], {
    encoding: 'utf8',
    env,
    maxBuffer: 16 * 2 ** 20,
  });
  const line = (r.stdout ?? '')
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  if (r.status !== 0 || !line) return { gpu_error: `exit ${r.status}: ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}` };
  return JSON.parse(line) as GpuRunResult | { gpu_error: string };
}

/** One record: WebGPU, the CPU backend and Brian2 (when `brian`) on the same project. */
export function runGpuBenchmark(d: GpuBenchDef, options: { size?: BenchSize; brian: boolean; isolate?: boolean }): Record<string, unknown> {
  const size = options.size ?? d.size;
  const gpu = runGpuIsolated(d, size);
  const cpu = options.isolate === false ? runOurs(d.base, { size }) : runOursIsolated(d.base, { size });
  const head = { name: d.name, n: size.n, duration_s: cpu.duration_s, dt_ms: cpu.dt_ms, steps: cpu.steps, precision: 'f32' };
  const cpuFields = { cpu_wall_s: cpu.wall_s, cpu_s_per_bio_s: cpu.s_per_bio_s, cpu_neuron_updates_per_s: cpu.neuron_updates_per_s, cpu_rate_hz: cpu.rate_hz };
  if ('gpu_error' in gpu) return { ...head, backend: 'webgpu', gpu_error: gpu.gpu_error, ...cpuFields };
  const sPerBioS = gpu.wall_s / cpu.duration_s;
  const record: Record<string, unknown> = {
    ...head,
    backend: 'webgpu',
    adapter: gpu.adapter,
    software_adapter: gpu.software_adapter,
    dispatch_mode: gpu.dispatch_mode,
    dispatches_per_step: gpu.dispatches_per_step,
    pushed_projections: gpu.pushed_projections,
    wall_s: gpu.wall_s,
    setup_s: gpu.setup_s,
    s_per_bio_s: sPerBioS,
    neuron_updates_per_s: (size.n * gpu.steps) / gpu.wall_s,
    rate_hz: gpu.rate_hz,
    peak_rss_mb: gpu.peak_rss_mb,
    ...cpuFields,
    speedup_vs_cpu: cpu.wall_s / gpu.wall_s,
    rates_match_cpu: Math.abs(gpu.rate_hz - cpu.rate_hz) <= 0.1 * Math.max(cpu.rate_hz, 1e-12),
  };
  if (options.brian) {
    const brian = runBrian(d.base, cpu, { size });
    if ('brian_s_per_bio_s' in brian) {
      const b = brian as BrianResult;
      Object.assign(record, { brian_device: b.brian_device, brian_s_per_bio_s: b.brian_s_per_bio_s, brian_rate_hz: b.brian_rate_hz, ratio: sPerBioS / b.brian_s_per_bio_s, cpu_ratio: cpu.s_per_bio_s / b.brian_s_per_bio_s });
    } else Object.assign(record, brian);
  }
  return record;
}
