/**
 * The engine's public face, used by the CLI, the worker, the tests and the benchmarks.
 * It never imports React or the DOM.
 */
import { parseProject } from '../project/validate';
import { formatIssue } from '../project/errors';
import { compileProject, type CompileOptions } from './build';
import { EngineError } from './errors';
import type { Chunk, Simulation } from './simulation';

export { compileProject, projectRegistry } from './build';
export type { CompileOptions } from './build';
export { Simulation } from './simulation';
export type { Chunk, RunOptions, RunResult, SeriesInfo } from './simulation';
export { EngineError, BlowUpError } from './errors';
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

export function collect(simulation: Simulation, chunks: readonly Chunk[]): Pick<ProjectRun, 'recordings' | 'spikes'> {
  const recordings = simulation.recorders.map((_, k) => {
    const blocks = chunks.map((c) => c.recordings[k]);
    const Values = simulation.precision === 'f64' ? Float64Array : Float32Array;
    return { timesMs: concat(Float64Array, blocks.map((b) => b.timesMs)), values: concat<Float32Array | Float64Array>(Values, blocks.map((b) => b.values)) };
  });
  const steps = concat(Int32Array, chunks.map((c) => c.spikes.steps));
  const pops = concat(Int32Array, chunks.map((c) => c.spikes.populations));
  return {
    recordings,
    spikes: {
      tMs: Float64Array.from(steps, (s) => s * simulation.dtMs),
      population: Array.from(pops, (p) => simulation.populations[p].id),
      neuron: concat(Int32Array, chunks.map((c) => c.spikes.neurons)),
    },
  };
}

function concat<T extends Float64Array | Float32Array | Int32Array>(Type: { new (n: number): T }, parts: readonly T[]): T {
  const out = new Type(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p as never, offset);
    offset += p.length;
  }
  return out;
}
