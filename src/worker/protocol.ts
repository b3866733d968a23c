/**
 * The typed message protocol between the page (worker client) and the simulation worker.
 *
 * Every message is a plain object with a `type` discriminant; both sides handle them with
 * exhaustive switches. Every run-scoped message carries the `runId` the page chose for it, and the
 * page drops messages whose `runId` is not its current one (stale runs).
 *
 * Lifecycle of a run: the page sends `load` (optionally with a runId, echoed in `loaded` or in the
 * `error`), then `run` or `step` with a fresh runId. The worker answers with `chunk` and `progress`
 * messages (coalesced: at most ~30 per second) and ends the run with exactly one `done` or `error`
 * carrying that runId. `run` starts again from t = 0; `step` continues from where the last run or
 * step stopped. `pause`/`resume`/`stop` name the run they address and are ignored for other runs.
 *
 * Typed arrays in `chunk` are transferred (postMessage transfer list), never copied.
 *
 * The worker describes the models it knows in a `catalog`: right after `ready` (the built-in
 * library), again after a `load` whose project brings (or stops bringing) its own models, and in
 * answer to every `models` message (the project's model sources, sent by the page whenever they
 * change, with or without a loaded project or a run).
 *
 * Live edits: while a project is loaded (running, paused or finished) the page may send `update`
 * with the edited document. The worker answers `updated` with the same requestId: `live: true` when
 * it applied the change between chunks (parameter values, synapse weights, stimuli) and from then
 * on treats the new document as loaded; `live: false` with a reason when the change needs a restart
 * (or the document does not validate), leaving the simulation untouched. An update that cannot be
 * answered at all (nothing loaded) gets an `error` carrying the requestId.
 *
 * Hot reload: an `update` whose document differs from the loaded one in the code of models in use
 * (plus, perhaps, live-editable values) is answered live: true, applied `model NAME reloaded`: the
 * worker built a new simulation from it and carried the run's time and state over (engine/hotSwap.ts),
 * so the run goes on with the same runId and recording layout. A changed model with errors is
 * answered live: false, reason `model NAME has errors: line:col message`, and the old simulation keeps
 * running; so is a change of the recorded variables ("the recorded variables changed; restart").
 *
 * This module holds types and constants only; it imports nothing at run time, so the page can use
 * it without pulling in the engine.
 */
import type { RateBlock, SeriesInfo } from '../engine/simulation';
import type { ModelInfo } from '../library/catalog';

/** Bumped whenever a message changes shape. The worker announces it in `ready`. */
export const PROTOCOL_VERSION = 3;

/** At most this many `chunk` (and `progress`) messages per second reach the page. */
export const MAX_CHUNKS_PER_SECOND = 30;

/** One recorded series (a type-only import: the page bundle still carries no engine code). */
export type { SeriesInfo };
/** What the editor knows about a model (a type-only import). */
export type { ModelInfo };

export interface PopulationInfo {
  readonly id: string;
  readonly model: string;
  readonly size: number;
  /** Whether this population's spikes are recorded (and sent in chunks). */
  readonly recordSpikes: boolean;
}

// -------------------------------------------------------------------------------------------------
// Page → worker

export interface LoadMessage {
  readonly type: 'load';
  /** The project document (plain JSON value); validated by the worker. */
  readonly project: unknown;
  /** Echoed in `loaded` / `error` so the page can match the answer. */
  readonly runId?: number;
}

export interface RunMessage {
  readonly type: 'run';
  readonly runId: number;
  /** Simulated time to run from t = 0; default: the project's `simulation.durationMs`. */
  readonly durationMs?: number;
}

export interface PauseMessage {
  readonly type: 'pause';
  readonly runId: number;
}

export interface ResumeMessage {
  readonly type: 'resume';
  readonly runId: number;
}

export interface StopMessage {
  readonly type: 'stop';
  readonly runId: number;
}

export interface StepMessage {
  readonly type: 'step';
  readonly runId: number;
  /** Steps to advance from the current time (no reset). */
  readonly steps: number;
}

/** A live edit: the whole edited document; answered by `updated` (or an `error`) with requestId. */
export interface UpdateMessage {
  readonly type: 'update';
  readonly project: unknown;
  readonly requestId: number;
}

/**
 * The project's own model sources (`doc.models`: name → source), whenever they change: answered by a
 * `catalog` of the library plus those of them that compile (origin `project`), so the palette and
 * inspector know a saved model before anything is loaded or run. Changes nothing else.
 */
export interface ModelsMessage {
  readonly type: 'models';
  readonly models: Readonly<Record<string, string>>;
}

export type PageToWorker = LoadMessage | RunMessage | PauseMessage | ResumeMessage | StopMessage | StepMessage | UpdateMessage | ModelsMessage;

// -------------------------------------------------------------------------------------------------
// Worker → page

export interface ReadyMessage {
  readonly type: 'ready';
  readonly backend: 'cpu';
  readonly protocolVersion: number;
}

/** The models the worker can build: the library, plus the loaded project's own models. */
export interface CatalogMessage {
  readonly type: 'catalog';
  readonly models: ModelInfo[];
}

/** The answer to `update`. */
export interface UpdatedMessage {
  readonly type: 'updated';
  readonly requestId: number;
  /** Whether the edit was applied to the simulation now (no restart needed). */
  readonly live: boolean;
  /** What changed, when live: `model LIF2 reloaded`, `exc.tau_m`, `exc.Na.gNa`, `ee.weight`, `hold.amplitude`, ... */
  readonly applied: string[];
  /** When not live: why, for people (e.g. "changing the size of exc needs a restart"). */
  readonly reason?: string;
}

export interface LoadedMessage {
  readonly type: 'loaded';
  readonly runId?: number;
  /** Per recorder (one per `recordings` entry), its series in column order. */
  readonly series: SeriesInfo[][];
  readonly populations: PopulationInfo[];
  readonly dtMs: number;
  /** The project's default duration. */
  readonly durationMs: number;
  readonly precision: 'f32' | 'f64';
}

export interface ChunkRecording {
  /** Index of the recorder (matches `loaded.series[recorder]`). */
  readonly recorder: number;
  readonly timesMs: Float64Array;
  /** Time-major: values[sample * series.length + s]. Float64Array when the project runs in f64. */
  readonly values: Float32Array | Float64Array;
}

export interface ChunkSpikes {
  /** Step index of each spike; its time is steps[i] * dtMs (the start of the step). */
  readonly steps: Int32Array;
  /** Population index (into `loaded.populations`). */
  readonly populations: Int32Array;
  readonly neurons: Int32Array;
}

export interface ChunkMessage {
  readonly type: 'chunk';
  readonly runId: number;
  readonly firstStep: number;
  readonly stepCount: number;
  readonly dtMs: number;
  readonly recordings: readonly ChunkRecording[];
  readonly spikes: ChunkSpikes;
  /** Population rate monitors: the bins completed in this chunk (raw, unsmoothed). */
  readonly rates: readonly RateBlock[];
}

export interface ProgressMessage {
  readonly type: 'progress';
  readonly runId: number;
  /** Simulated time reached. */
  readonly tMs: number;
  /** Simulation speed over the run so far (wall clock, pauses excluded). */
  readonly stepsPerSecond: number;
  /** Simulated time at which this run will end. */
  readonly endMs: number;
}

/**
 * Where a run computes: sent when it starts (and again when it resumes). `webgpu` names the
 * adapter; `cpu` after asking for `auto` says why the GPU was not used.
 */
export interface BackendMessage {
  readonly type: 'backend';
  readonly runId: number;
  readonly backend: 'cpu' | 'webgpu';
  readonly adapter?: string;
  readonly note?: string;
  /** On the CPU: what steps each population (the WebAssembly SIMD kernel or JavaScript, and why). */
  readonly cpuKernels?: readonly CpuKernelInfo[];
}

/** Where a run computed, as its `backend` message said. */
export type BackendInfo = Omit<BackendMessage, 'type' | 'runId'>;

export interface CpuKernelInfo {
  readonly population: string;
  readonly kind: 'wasm-simd' | 'javascript';
  readonly reason?: string;
}

export interface DoneMessage {
  readonly type: 'done';
  readonly runId: number;
  readonly reason: 'completed' | 'stopped';
  readonly tMs: number;
}

export interface ModelProblemInfo {
  readonly model: string;
  readonly line: number;
  readonly col: number;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

export type ErrorCode =
  // from the engine (EngineErrorCode)
  | 'invalid-project'
  | 'invalid-model'
  | 'unknown-model'
  | 'invalid-value'
  | 'unsupported'
  | 'blowup'
  // from the worker / client
  | 'not-loaded'
  | 'bad-message'
  | 'protocol-mismatch'
  | 'worker-crashed'
  | 'internal';

export interface BlowUpInfo {
  readonly population: string;
  readonly neuron: number;
  readonly variable: string;
  readonly tMs: number;
  readonly value: number;
}

export interface ErrorMessage {
  readonly type: 'error';
  /** The run (or load) it ends; absent for errors outside any run. */
  readonly runId?: number;
  /** The `update` it answers. */
  readonly requestId?: number;
  readonly code: ErrorCode;
  /** For people: says what went wrong and where. */
  readonly message: string;
  /** JSON path in the project document (e.g. `$.populations[0].size`), when the problem is there. */
  readonly path?: string;
  /** Every problem found in the project document, when it did not validate. */
  readonly issues?: { readonly path: string; readonly message: string }[];
  readonly modelProblems?: ModelProblemInfo[];
  readonly blowup?: BlowUpInfo;
}

export type WorkerToPage = ReadyMessage | CatalogMessage | LoadedMessage | ChunkMessage | ProgressMessage | BackendMessage | DoneMessage | UpdatedMessage | ErrorMessage;

export type WorkerMessageType = WorkerToPage['type'];
export type WorkerMessageOf<T extends WorkerMessageType> = Extract<WorkerToPage, { type: T }>;

/** The buffers of a chunk, for the postMessage transfer list. */
export function chunkTransferables(chunk: ChunkMessage): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const r of chunk.recordings) {
    buffers.add(r.timesMs.buffer as ArrayBuffer);
    buffers.add(r.values.buffer as ArrayBuffer);
  }
  buffers.add(chunk.spikes.steps.buffer as ArrayBuffer);
  buffers.add(chunk.spikes.populations.buffer as ArrayBuffer);
  buffers.add(chunk.spikes.neurons.buffer as ArrayBuffer);
  for (const r of chunk.rates) {
    buffers.add(r.timesMs.buffer as ArrayBuffer);
    buffers.add(r.rateHz.buffer as ArrayBuffer);
  }
  return [...buffers];
}

/** Exhaustiveness check for switches over message unions. */
export function assertNever(value: never, what = 'message'): never {
  throw new Error(`unhandled ${what}: ${JSON.stringify(value)}`);
}
