/**
 * Benchmark harness: runs one benchmark on Spikeflow's CPU engine (set-up and run phase timed
 * separately) and, where Brian2 is installed, the same model in Brian2 (bench/brian2/*.py).
 * Each run gives one flat record, printed by bench/run.ts as one JSON line.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileProject } from '../src/engine';
import { formatIssue } from '../src/project/errors';
import { parseProject } from '../src/project/validate';
import type { BenchmarkDef, BenchSize } from './benchmarks';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));

export interface OursOptions {
  readonly size?: BenchSize;
  readonly precision?: 'f32' | 'f64';
  /** Also collect every spike (as the CLI does); off by default, the rate comes from spike counts. */
  readonly recordSpikes?: boolean;
  /** float32 populations on the WebAssembly SIMD kernel (default) or generated JavaScript (false). */
  readonly simd?: boolean;
}

export interface OursResult {
  name: string;
  model: string;
  integrator: string;
  n: number;
  /** Connections of every projection (0 without projections). */
  synapses: number;
  duration_s: number;
  dt_ms: number;
  steps: number;
  precision: 'f32' | 'f64';
  /** Run phase only (Simulation.run), wall clock. */
  wall_s: number;
  /** Validation + compileProject (code generation, parameter sampling, initial values). */
  setup_s: number;
  s_per_bio_s: number;
  neuron_updates_per_s: number;
  spikes: number;
  rate_hz: number;
  /** Networks: mean rate of each population (id -> Hz). */
  rate_hz_by_population?: Record<string, number>;
  peak_rss_mb: number;
  /** What stepped the populations: 'wasm-simd', 'javascript', or per population where they differ. */
  cpu_kernel: string;
  node: string;
}

export interface BrianResult {
  brian_device: string;
  brian_s_per_bio_s: number;
  brian_run_s: number;
  brian_binary_s: number | null;
  brian_build_s: number | null;
  brian_measure: string;
  brian_spikes: number;
  brian_rate_hz: number;
  /** Networks: Brian2's synapse count, per-population rates and mean CV of ISIs (spike monitor). */
  brian_synapses?: number;
  brian_rate_hz_exc?: number;
  brian_rate_hz_inh?: number;
  brian_cv_isi?: number;
  ratio: number;
  rate_rel_diff: number;
  /** Firing rates within 10% of each other: only then does the speed comparison count. */
  rates_match: boolean;
}

export interface BrianFailure {
  brian_device: string;
  brian_error: string;
}

export type BenchRecord = OursResult & Partial<BrianResult> & Partial<BrianFailure>;

/** Runs the benchmark on Spikeflow's engine once. */
export function runOurs(def: BenchmarkDef, options: OursOptions = {}): OursResult {
  const size = options.size ?? def.size;
  const precision = options.precision ?? def.precision;
  const setupStart = performance.now();
  const parsed = parseProject(def.project(size, precision, options.recordSpikes ?? false));
  if (!parsed.ok) throw new Error(`${def.name}: invalid project:\n${parsed.errors.map((e) => formatIssue(e)).join('\n')}`);
  const simulation = compileProject(parsed.project, { simd: options.simd ?? true });
  const setupS = (performance.now() - setupStart) / 1000;

  const result = simulation.run();
  // The process's high-water mark as the OS keeps it (kB): every run has a process of its own, and
  // reading it costs nothing inside the timed loop (sampling rss after every chunk cost ~7% on CUBA).
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const wallS = result.wallMs / 1000;
  const durationS = (result.stepsRun * simulation.dtMs) / 1000;
  const spikes = simulation.spikeCounts.reduce((a, b) => a + b, 0);
  const synapses = simulation.projections.reduce((total, p) => total + p.size, 0);
  const byPopulation = def.network
    ? Object.fromEntries(simulation.populations.map((p, k) => [p.id, simulation.spikeCounts[k] / p.size / durationS]))
    : undefined;
  return {
    name: def.name,
    model: def.model,
    integrator: def.integrator,
    n: size.n,
    synapses,
    duration_s: durationS,
    dt_ms: simulation.dtMs,
    steps: result.stepsRun,
    precision,
    wall_s: wallS,
    setup_s: setupS,
    s_per_bio_s: wallS / durationS,
    neuron_updates_per_s: (size.n * result.stepsRun) / wallS,
    spikes,
    rate_hz: spikes / size.n / durationS,
    ...(byPopulation ? { rate_hz_by_population: byPopulation } : {}),
    peak_rss_mb: peakRss / 2 ** 20,
    cpu_kernel: describeKernels(simulation.populations),
    node: process.version,
  };
}

/** 'wasm-simd' or 'javascript' when every population agrees, else `id: kind` for each. */
function describeKernels(populations: readonly { id: string; cpuKernel: { kind: string } }[]): string {
  const kinds = new Set(populations.map((p) => p.cpuKernel.kind));
  return kinds.size === 1 ? [...kinds][0] : populations.map((p) => `${p.id}: ${p.cpuKernel.kind}`).join(', ');
}

/**
 * runOurs in a fresh Node process (same flags as this one). Every measured run gets its own V8:
 * V8 caches compiled `new Function` sources, so a third compile of an identical project in one
 * process shares code with the earlier ones and runs 2-2.5x slower (see BENCHMARKS.md).
 */
export function runOursIsolated(def: BenchmarkDef, options: OursOptions = {}): OursResult {
  const size = options.size ?? def.size;
  const args = [...process.execArgv, join(BENCH_DIR, 'child.ts'), def.name, String(size.n), String(size.durationMs), options.precision ?? def.precision, options.recordSpikes ? '1' : '0', options.simd === false ? '0' : '1'];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 16 * 2 ** 20 });
  const line = (r.stdout ?? '')
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  if (r.status !== 0 || !line) throw new Error(`${def.name}: benchmark process failed (exit ${r.status}): ${(r.stderr ?? '').trim().split('\n').slice(-5).join(' | ')}`);
  return JSON.parse(line) as OursResult;
}

export const PYTHON = process.env.SPIKEFLOW_BENCH_PYTHON ?? '/usr/bin/python3';

let brianChecked: boolean | undefined;
/** Whether `python3 -c "import brian2"` succeeds (checked once). */
export function brianAvailable(): boolean {
  if (brianChecked === undefined) {
    const r = spawnSync(PYTHON, ['-c', 'import brian2'], { stdio: 'ignore', timeout: 120_000 });
    brianChecked = r.status === 0;
  }
  return brianChecked;
}

export interface BrianOptions {
  readonly size?: BenchSize;
  /** 'auto' (default): C++ standalone, falling back to the runtime (cython) device if that fails. */
  readonly device?: 'auto' | 'cpp_standalone' | 'runtime';
  readonly timeoutMs?: number;
}

interface BrianJson {
  brian_device: string;
  run_s: number;
  s_per_bio_s: number;
  binary_s: number | null;
  build_s: number | null;
  measure: string;
  spikes: number;
  rate_hz: number;
  synapses?: number;
  rate_hz_exc?: number;
  rate_hz_inh?: number;
  cv_isi?: number | null;
}

/** Runs the Brian2 twin of the benchmark; returns its raw JSON line, or throws with its stderr. */
export function runBrianRaw(def: BenchmarkDef, device: 'cpp_standalone' | 'runtime', options: BrianOptions = {}): BrianJson {
  const size = options.size ?? def.size;
  const args = [join(BENCH_DIR, 'brian2', def.brian.script), ...def.brian.args(size, def.dtMs), '--device', device];
  if (device === 'cpp_standalone') {
    // One project directory per benchmark and size: a later run with unchanged code skips compilation.
    const dir = join(tmpdir(), 'spikeflow-bench-brian2', `${def.name}-n${size.n}-d${size.durationMs}-dt${def.dtMs}`);
    mkdirSync(dir, { recursive: true });
    args.push('--build-dir', dir);
  }
  const r = spawnSync(PYTHON, args, { encoding: 'utf8', timeout: options.timeoutMs ?? 600_000, maxBuffer: 64 * 2 ** 20 });
  const line = (r.stdout ?? '')
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  if (r.status !== 0 || !line) {
    const why = r.error ? String(r.error) : `exit ${r.status}`;
    throw new Error(`brian2 ${def.brian.script} (${device}) failed (${why}): ${(r.stderr ?? '').split('\n').filter(Boolean).slice(-5).join(' | ')}`);
  }
  return JSON.parse(line) as BrianJson;
}

/** Runs Brian2 and compares with our result; a failure is reported in the record, not thrown. */
export function runBrian(def: BenchmarkDef, ours: OursResult, options: BrianOptions = {}): BrianResult | BrianFailure {
  const device = options.device ?? 'auto';
  const tries: ('cpp_standalone' | 'runtime')[] = device === 'auto' ? ['cpp_standalone', 'runtime'] : [device];
  const errors: string[] = [];
  for (const d of tries) {
    try {
      const b = runBrianRaw(def, d, options);
      const relDiff = Math.abs(ours.rate_hz - b.rate_hz) / Math.max(b.rate_hz, 1e-12);
      const fallback = errors.length > 0 ? ` (fallback: cpp_standalone failed: ${errors[0].slice(0, 200)})` : '';
      return {
        brian_device: b.brian_device + fallback,
        brian_s_per_bio_s: b.s_per_bio_s,
        brian_run_s: b.run_s,
        brian_binary_s: b.binary_s,
        brian_build_s: b.build_s,
        brian_measure: b.measure,
        brian_spikes: b.spikes,
        brian_rate_hz: b.rate_hz,
        ...(def.network
          ? { brian_synapses: b.synapses, brian_rate_hz_exc: b.rate_hz_exc, brian_rate_hz_inh: b.rate_hz_inh, ...(b.cv_isi != null ? { brian_cv_isi: b.cv_isi } : {}) }
          : {}),
        ratio: ours.s_per_bio_s / b.s_per_bio_s,
        rate_rel_diff: relDiff,
        rates_match: relDiff <= 0.1,
      };
    } catch (e) {
      errors.push((e as Error).message);
    }
  }
  return { brian_device: tries.join(' -> '), brian_error: errors.join(' ; ') };
}

/**
 * One complete benchmark run: ours, then Brian2 where available (unless `brian` is false).
 * `isolate` (default true) runs our side in a fresh Node process (runOursIsolated).
 */
export function runBenchmark(def: BenchmarkDef, options: OursOptions & BrianOptions & { brian?: boolean; isolate?: boolean } = {}): BenchRecord {
  const ours = options.isolate === false ? runOurs(def, options) : runOursIsolated(def, options);
  if (options.brian === false || !brianAvailable()) return ours;
  return { ...ours, ...runBrian(def, ours, options) };
}
