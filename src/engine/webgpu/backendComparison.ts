/**
 * Running a project on both backends and comparing what they give, for the WebGPU tests: spike
 * trains neuron by neuron (each spike within one step), and traces relative to their range.
 */
import { expect } from 'vitest';
import type { Project } from '../../project/schema';
import { parseProject } from '../../project/validate';
import { compileProject } from '../build';
import type { Chunk, Simulation } from '../simulation';
import { GpuSimulation, type GpuTarget } from './gpuSimulation';

export interface Outcome {
  sim: Simulation;
  chunks: Chunk[];
  /** On the GPU: the dispatches each step took, and how a chunk was dispatched (GpuSimulation). */
  dispatchesPerStep?: number;
  dispatchMode?: string;
  /** On the GPU: the projections whose spikes were pushed (pushProjection.ts). */
  pushed?: readonly string[];
}

/** A project document from its parts (the format header added), or the parse errors thrown. */
export function project(json: Record<string, unknown>): Project {
  const parsed = parseProject({ format: 'spikeflow-project', version: 1, ...json });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.project;
}

export function runCpu(p: Project): Outcome {
  const sim = compileProject(p);
  const chunks: Chunk[] = [];
  sim.run({ onChunk: (c) => void chunks.push(c) });
  return { sim, chunks };
}

/** Runs on the GPU (chunks of `chunkSteps` when given), reads the states back, frees the buffers. */
export async function runGpu(gpu: GpuTarget, p: Project, chunkSteps?: number, options: { workgroup?: boolean; push?: boolean } = {}): Promise<Outcome> {
  const sim = compileProject(p);
  const gpuSim = GpuSimulation.create(sim, gpu, { chunkSteps, ...options });
  const chunks: Chunk[] = [];
  await gpuSim.runAsync({ chunkSteps, onChunk: (c) => void chunks.push(c) });
  await gpuSim.download();
  gpuSim.destroy();
  return { sim, chunks, dispatchesPerStep: gpuSim.dispatchesPerStep, dispatchMode: gpuSim.dispatchMode, pushed: gpuSim.pushedProjections };
}

/** Spike steps per neuron ("population:neuron"). */
export function spikeTrains(chunks: readonly Chunk[]): Map<string, number[]> {
  const trains = new Map<string, number[]>();
  for (const c of chunks) {
    c.spikes.steps.forEach((step, j) => {
      const key = `${c.spikes.populations[j]}:${c.spikes.neurons[j]}`;
      trains.set(key, [...(trains.get(key) ?? []), step]);
    });
  }
  return trains;
}

/**
 * Neuron by neuron: `off` lists those whose trains differ by more than ±1 step (another count, or a
 * spike moved further); `worstShift` is the largest shift among the others.
 */
export function compareTrains(a: Outcome, b: Outcome): { off: string[]; worstShift: number; maxCountGap: number } {
  const [x, y] = [spikeTrains(a.chunks), spikeTrains(b.chunks)];
  const off: string[] = [];
  let worstShift = 0;
  let maxCountGap = 0;
  for (const key of new Set([...x.keys(), ...y.keys()])) {
    const [s, t] = [x.get(key) ?? [], y.get(key) ?? []];
    maxCountGap = Math.max(maxCountGap, Math.abs(s.length - t.length));
    const shift = s.length === t.length ? Math.max(0, ...s.map((step, j) => Math.abs(step - t[j]))) : Infinity;
    if (shift > 1) off.push(`${key}: [${s}] vs [${t}]`);
    else worstShift = Math.max(worstShift, shift);
  }
  return { off, worstShift, maxCountGap };
}

/** Every recorder's sample times and values, concatenated over the chunks. */
export function traces(o: Outcome): { times: number[]; values: number[] }[] {
  const out = o.sim.recorders.map(() => ({ times: [] as number[], values: [] as number[] }));
  for (const c of o.chunks) {
    for (const r of c.recordings) {
      out[r.recorder].times.push(...r.timesMs);
      out[r.recorder].values.push(...r.values);
    }
  }
  return out;
}

/**
 * Checks that both backends sampled at the same times (throws otherwise) and returns, over the series of the neurons
 * `include` accepts, the largest |GPU − CPU| relative to the range of the CPU's series (a constant
 * series, a parameter, relative to its magnitude).
 */
export function worstTraceError(a: Outcome, b: Outcome, include: (neuron: number) => boolean = () => true): number {
  const [ta, tb] = [traces(a), traces(b)];
  let worst = 0;
  a.sim.recorders.forEach((rec, r) => {
    if (tb[r].times.length !== ta[r].times.length || tb[r].times.some((t, k) => t !== ta[r].times[k])) throw new Error(`recorder ${r}: the backends sampled at different times`);
    if (tb[r].values.length !== ta[r].values.length) throw new Error(`recorder ${r}: ${tb[r].values.length} values against ${ta[r].values.length}`);
    const width = rec.series.length;
    rec.series.forEach((series, col) => {
      if (!include(series.neuron)) return;
      let [lo, hi, diff] = [Infinity, -Infinity, 0];
      for (let k = col; k < ta[r].values.length; k += width) {
        [lo, hi] = [Math.min(lo, ta[r].values[k]), Math.max(hi, ta[r].values[k])];
        diff = Math.max(diff, Math.abs(ta[r].values[k] - tb[r].values[k]));
      }
      worst = Math.max(worst, diff / Math.max(hi - lo, 1e-6 * Math.max(Math.abs(hi), Math.abs(lo)), 1e-12));
    });
  });
  return worst;
}

/**
 * Runs `p` on the GPU both ways — a dispatch per phase of each step (chunks of 300 steps), and
 * every step of a chunk in one workgroup — and expects the CPU's spikes neuron by neuron and traces
 * within `tolerance` of their range on each.
 */
export async function expectOnBothPaths(gpu: GpuTarget, cpu: Outcome, p: Project, tolerance: number): Promise<{ perStep: Outcome; inWorkgroup: Outcome }> {
  const perStep = await runGpu(gpu, p, 300, { workgroup: false });
  const inWorkgroup = await runGpu(gpu, p, 300, { workgroup: true });
  expect(perStep.dispatchMode).toMatch(/^per-step/);
  expect(inWorkgroup.dispatchMode).toBe('workgroup');
  for (const onGpu of [perStep, inWorkgroup]) {
    expect(compareTrains(cpu, onGpu).off).toEqual([]);
    expect(worstTraceError(cpu, onGpu)).toBeLessThan(tolerance);
  }
  return { perStep, inWorkgroup };
}
