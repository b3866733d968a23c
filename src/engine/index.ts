/**
 * The engine's public face, used by the CLI, the worker, the tests and the benchmarks.
 * It never imports React or the DOM.
 */
import { parseProject } from '../project/validate';
import { formatIssue } from '../project/errors';
import { compileProject, type CompileOptions } from './build';
import { mergeChunks } from './chunks';
import { smoothRates } from './rates';
import { EngineError } from './errors';
import type { Chunk, Simulation } from './simulation';

export { compileProject, projectRegistry } from './build';
export type { CompileOptions } from './build';
export { Simulation } from './simulation';
export type { Chunk, RunOptions, RunResult, SeriesInfo } from './simulation';
export { EngineError, BlowUpError } from './errors';
export { planLiveEdit } from './liveEdit';
export type { LiveEditPlan } from './liveEdit';
export { hotSwap, hotSwapWithReport, transferState, RECORDING_CHANGED } from './hotSwap';
export type { HotSwapOptions, TransferReport } from './hotSwap';
export { planUpdate, modelsInUse } from './updatePlan';
export type { UpdatePlan } from './updatePlan';
export { concatTyped, mergeChunks } from './chunks';
export type { ModelProblem } from './errors';

export interface SpikeList {
  readonly tMs: Float64Array;
  readonly population: string[];
  readonly neuron: Int32Array;
}

export interface ProjectRun {
  readonly simulation: Simulation;
  /** Per recorder: sample times and values (time-major), concatenated over chunks. */
  readonly recordings: { timesMs: Float64Array; values: Float32Array | Float64Array }[];
  readonly spikes: SpikeList;
  /** Per rate monitor: bin start times and rates (spikes per neuron per second). */
  readonly rates: { timesMs: Float64Array; rateHz: Float32Array }[];
  readonly steps: number;
  readonly wallMs: number;
}

/**
 * Validates, compiles and runs a project document to the end, collecting everything recorded.
 * For interactive use (pause, live parameters), use compileProject and Simulation.run directly.
 */
export function runProject(json: unknown, options: CompileOptions = {}): ProjectRun {
  const parsed = parseProject(json);
  if (!parsed.ok) throw new EngineError('invalid-project', parsed.errors.map((e) => formatIssue(e)).join('\n'), parsed.errors[0]?.path);
  const simulation = compileProject(parsed.project, options);
  const chunks: Chunk[] = [];
  const result = simulation.run({ onChunk: (c) => void chunks.push(c) });
  return { simulation, ...collect(simulation, chunks), steps: result.stepsRun, wallMs: result.wallMs };
}

export function collect(simulation: Simulation, chunks: readonly Chunk[]): Pick<ProjectRun, 'recordings' | 'spikes' | 'rates'> {
  if (chunks.length === 0) {
    const Values = simulation.precision === 'f64' ? Float64Array : Float32Array;
    return {
      recordings: simulation.recorders.map(() => ({ timesMs: new Float64Array(0), values: new Values(0) })),
      spikes: { tMs: new Float64Array(0), population: [], neuron: new Int32Array(0) },
      rates: simulation.rateMonitors.map(() => ({ timesMs: new Float64Array(0), rateHz: new Float32Array(0) })),
    };
  }
  const merged = mergeChunks(chunks);
  return {
    recordings: merged.recordings.map(({ timesMs, values }) => ({ timesMs, values })),
    // Chunks carry raw bins (a live plot smooths what it shows); whole-run results apply smoothMs.
    rates: merged.rates.map(({ timesMs, rateHz }, k) => {
      const monitor = simulation.rateMonitors[k];
      return { timesMs, rateHz: smoothRates(rateHz, monitor.binSteps * simulation.dtMs, monitor.smoothMs) };
    }),
    spikes: {
      tMs: Float64Array.from(merged.spikes.steps, (s) => s * simulation.dtMs),
      population: Array.from(merged.spikes.populations, (p) => simulation.populations[p].id),
      neuron: merged.spikes.neurons,
    },
  };
}
