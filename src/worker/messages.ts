/**
 * Worker-side message helpers: engine chunks and errors turned into protocol messages, and the
 * check that an incoming message is one of ours (the page is trusted, but a bug there should give
 * a readable `bad-message`, not a crash).
 */
import { BlowUpError, EngineError, mergeChunks as mergeEngineChunks, type Chunk, type Simulation } from '../engine';
import type { BackendMessage, ChunkMessage, ErrorCode, ErrorMessage, PageToWorker, RunMessage, StepMessage } from './protocol';

/** Concatenates consecutive engine chunks into one protocol chunk. */
export function mergeChunks(runId: number, chunks: readonly Chunk[], dtMs: number): ChunkMessage {
  const merged = mergeEngineChunks(chunks);
  return { type: 'chunk', runId, firstStep: merged.firstStep, stepCount: merged.stepCount, dtMs, recordings: merged.recordings, spikes: merged.spikes, rates: merged.rates };
}

/** Turns anything thrown by the engine into an `error` message. */
export function errorMessage(e: unknown, runId: number | undefined): ErrorMessage {
  if (e instanceof BlowUpError) {
    return {
      type: 'error',
      runId,
      code: 'blowup',
      message: e.message,
      blowup: { population: e.population, neuron: e.neuron, variable: e.variable, tMs: e.tMs, value: e.value },
    };
  }
  if (e instanceof EngineError) {
    return {
      type: 'error',
      runId,
      code: e.code as ErrorCode,
      message: e.message,
      path: e.path,
      modelProblems: e.modelProblems.length > 0 ? e.modelProblems.map((p) => ({ ...p })) : undefined,
    };
  }
  const message = e instanceof Error ? `${e.name}: ${e.message}` : safeString(e);
  return { type: 'error', runId, code: 'internal', message: `internal error in the simulation worker: ${message}` };
}

const MESSAGE_TYPES: ReadonlySet<string> = new Set<PageToWorker['type']>(['load', 'run', 'pause', 'resume', 'stop', 'step', 'update', 'models']);

/** How many steps a `run` (its duration, from t = 0) or `step` asks for, or what is wrong with it. */
export function requestedSteps(message: RunMessage | StepMessage, sim: Simulation): number | string {
  if (message.type === 'run') {
    const duration = message.durationMs ?? sim.durationMs;
    if (!(duration >= 0) || !Number.isFinite(duration)) return `run: durationMs must be a finite number ≥ 0, got ${duration}`;
    return sim.stepsFor(duration);
  }
  const steps = message.steps;
  if (!Number.isInteger(steps) || steps < 0) return `step: steps must be an integer ≥ 0, got ${steps}`;
  return steps;
}

export function isMessage(m: unknown): m is PageToWorker {
  if (typeof m !== 'object' || m === null || !MESSAGE_TYPES.has((m as { type?: unknown }).type as string)) return false;
  const { type, runId, requestId } = m as { type: string; runId?: unknown; requestId?: unknown };
  if (type === 'update') return typeof requestId === 'number';
  if (type === 'models') return isSourceRecord((m as { models?: unknown }).models);
  return type === 'load' ? runId === undefined || typeof runId === 'number' : typeof runId === 'number';
}

export function safeString(v: unknown): string {
  try {
    return JSON.stringify(v)?.slice(0, 200) ?? String(v);
  } catch {
    return String(v);
  }
}

/** `{ name: source }` with string sources. */
function isSourceRecord(v: unknown): v is Record<string, string> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((s) => typeof s === 'string');
}

/**
 * The `backend` message of a run: on the GPU its adapter; on the CPU each population's kernel (the
 * WebAssembly SIMD kernel or JavaScript, and why) and, when there is one, why the GPU is not used.
 */
export function backendMessage(runId: number, choice: { readonly backend: 'webgpu'; readonly adapter: string } | { readonly backend: 'cpu'; readonly note?: string }, sim: Simulation): BackendMessage {
  if (choice.backend === 'webgpu') return { type: 'backend', runId, backend: 'webgpu', adapter: choice.adapter };
  const cpuKernels = sim.populations.map((p) => ({ population: p.id, ...p.cpuKernel }));
  return { type: 'backend', runId, backend: 'cpu', ...(choice.note ? { note: choice.note } : {}), cpuKernels };
}
