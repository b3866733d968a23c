/** summary.json of `spikeflow run` and the one-line summary printed after it. */
import type { Simulation } from '../engine';
import type { Project } from '../project/schema';

export interface PopulationSummary {
  readonly id: string;
  readonly model: string;
  readonly size: number;
  readonly spikeCount: number;
  /** Spikes per neuron per second of simulated time. */
  readonly meanRateHz: number;
  /** Whether this population's spikes are in spikes.csv. */
  readonly spikesRecorded: boolean;
  /** Unit of each recorded column of this population in traces.csv, by column name. */
  readonly columns: Record<string, string>;
  /** On the CPU backend: what stepped it, the WebAssembly SIMD kernel or generated JavaScript. */
  readonly cpuKernel?: 'wasm-simd' | 'javascript';
  /** Why a float32 population ran JavaScript. */
  readonly cpuKernelNote?: string;
}

export interface RunSummary {
  readonly name: string | null;
  readonly dtMs: number;
  readonly durationMs: number;
  readonly steps: number;
  readonly seed: number;
  readonly precision: 'f32' | 'f64';
  readonly backend: 'cpu' | 'webgpu';
  /** The WebGPU adapter's name, when the run was on the GPU. */
  readonly adapter?: string;
  /** Why `auto` chose the CPU backend, or that the WebGPU device was lost and the CPU finished the run. */
  readonly backendNote?: string;
  /** Wall-clock time of the simulation itself (not counting writing the output files). */
  readonly wallMs: number;
  /** Wall-clock time spent formatting and writing spikes.csv and traces.csv. */
  readonly outputMs: number;
  readonly stepsPerSecond: number;
  readonly neuronUpdatesPerSecond: number;
  readonly spikeCount: number;
  readonly populations: PopulationSummary[];
  /** Every column of traces.csv after t_ms, in order, with its unit. */
  readonly traces: { readonly column: string; readonly unit: string }[];
  readonly files: { readonly spikes: string; readonly traces: string };
}

const round = (x: number, digits: number): number => (Number.isFinite(x) ? Number(x.toPrecision(digits)) : 0);

export function buildSummary(
  project: Project,
  simulation: Simulation,
  steps: number,
  wallMs: number,
  outputMs = 0,
  backend: { backend: 'cpu' | 'webgpu'; adapter?: string; note?: string } = { backend: 'cpu' },
): RunSummary {
  const simulatedMs = Number((steps * simulation.dtMs).toPrecision(12));
  const seconds = wallMs / 1000;
  const neurons = simulation.populations.reduce((n, p) => n + p.size, 0);
  const series = simulation.series.flat();
  const populations = simulation.populations.map((pop, p): PopulationSummary => {
    const spikeCount = simulation.spikeCounts[p];
    const columns: Record<string, string> = {};
    for (const s of series) if (s.population === pop.id) columns[s.key] = s.unit;
    return {
      id: pop.id,
      model: project.populations[p].model,
      size: pop.size,
      spikeCount,
      meanRateHz: simulatedMs > 0 ? round(spikeCount / pop.size / (simulatedMs / 1000), 6) : 0,
      spikesRecorded: simulation.recordSpikes[p],
      columns,
      ...(backend.backend === 'cpu' ? { cpuKernel: pop.cpuKernel.kind } : {}),
      ...(backend.backend === 'cpu' && pop.cpuKernel.reason ? { cpuKernelNote: pop.cpuKernel.reason } : {}),
    };
  });
  return {
    name: project.name ?? null,
    dtMs: simulation.dtMs,
    durationMs: simulatedMs,
    steps,
    seed: project.simulation.seed,
    precision: simulation.precision,
    backend: backend.backend,
    ...(backend.adapter ? { adapter: backend.adapter } : {}),
    ...(backend.note ? { backendNote: backend.note } : {}),
    wallMs: round(wallMs, 6),
    outputMs: round(outputMs, 6),
    stepsPerSecond: seconds > 0 ? Math.round(steps / seconds) : 0,
    neuronUpdatesPerSecond: seconds > 0 ? Math.round((steps * neurons) / seconds) : 0,
    spikeCount: populations.reduce((n, p) => n + p.spikeCount, 0),
    populations,
    traces: series.map((s) => ({ column: s.key, unit: s.unit })),
    files: { spikes: 'spikes.csv', traces: 'traces.csv' },
  };
}

/** ' (WebAssembly SIMD)', ' (JavaScript)', or per population where they differ. */
function cpuKernels(s: RunSummary): string {
  const name = { 'wasm-simd': 'WebAssembly SIMD', javascript: 'JavaScript' } as const;
  const kinds = new Set(s.populations.map((p) => p.cpuKernel));
  if (kinds.size === 0 || kinds.has(undefined)) return '';
  if (kinds.size === 1) return ` (${name[[...kinds][0]!]})`;
  return ` (${s.populations.map((p) => `${p.id}: ${name[p.cpuKernel!]}`).join(', ')})`;
}

const compact = (x: number): string => (x >= 1e6 ? `${(x / 1e6).toPrecision(3)}M` : x >= 1e4 ? `${(x / 1e3).toPrecision(3)}k` : String(Math.round(x)));

/** `name: 20 neurons, 5000 steps of 0.1 ms (500 ms) in 41 ms (122k steps/s, 2.44M neuron updates/s); 312 spikes (exc 31.2 Hz)` */
export function summaryLine(s: RunSummary): string {
  const neurons = s.populations.reduce((n, p) => n + p.size, 0);
  const rates = s.populations.map((p) => `${p.id} ${Number(p.meanRateHz.toPrecision(3))} Hz`).join(', ');
  return (
    `${s.name ?? 'project'}: ${neurons} neuron${neurons === 1 ? '' : 's'}, ${s.steps} steps of ${s.dtMs} ms (${s.durationMs} ms) ` +
    `in ${Math.round(s.wallMs)} ms on ${s.backend === 'webgpu' ? `WebGPU (${s.adapter})` : `the CPU${cpuKernels(s)}`} (${compact(s.stepsPerSecond)} steps/s, ${compact(s.neuronUpdatesPerSecond)} neuron updates/s); ` +
    `${s.spikeCount} spike${s.spikeCount === 1 ? '' : 's'} (${rates})`
  );
}
