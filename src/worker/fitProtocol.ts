/**
 * The messages between the page (fitClient.ts) and the fit worker (fitWorker.ts), which runs
 * parameter fits (src/fit) off the main thread. Types only: the page imports this without pulling
 * in the engine.
 *
 * A fit: the page sends `start` with the whole project document (its `fit` section says what to
 * fit); the worker answers `started` (the trained parameters with units and starting values), then
 * `progress` after iterations (at most ~20 per second, always after the first and the last), and
 * ends with exactly one `done` or `failed` carrying the same fitId. `pause`/`resume`/`stop` address
 * a fitId; messages for other fits are ignored. `target` asks for a synthetic target: the project's
 * fit cases simulated with the given "true" parameter values (answered `target-made` or `failed`).
 *
 * Parameter values in messages are in the parameters' declared units (what the inspector shows),
 * never canonical ones.
 */

/** Where a fit's simulations run: CMA-ES generations on the GPU (`adapter`), else the CPU (`note`: why not the GPU, when the project asked for it). */
export interface FitBackendInfo {
  readonly backend: 'cpu' | 'webgpu';
  readonly adapter?: string;
  readonly note?: string;
}

export interface FitParamInfo {
  /** `gNa`, `Na.gNa`, or `init:v`. */
  readonly name: string;
  /** Declared unit, e.g. `mS/cm2` (empty when dimensionless). */
  readonly unit: string;
  /** Starting value (declared unit): the project's value, kept inside the bounds. */
  readonly initial: number;
  readonly min?: number;
  readonly max?: number;
}

export interface FitOverlay {
  /** Case 0: sample times (ms), the model's trace and the target's on the same times (target NaN where it has none). */
  readonly timesMs: Float64Array;
  readonly model: Float64Array;
  readonly target: Float64Array;
  /** Unit of the observed state, e.g. `mV`. */
  readonly unit: string;
  readonly modelSpikesMs: Float64Array;
  readonly targetSpikesMs: Float64Array;
}

export interface FitBest {
  readonly iteration: number;
  readonly loss: number;
  /** Declared units, in the order of `started.params`. */
  readonly values: readonly number[];
}

export type FitRequest =
  | { readonly type: 'start'; readonly fitId: number; readonly project: unknown }
  | { readonly type: 'pause'; readonly fitId: number }
  | { readonly type: 'resume'; readonly fitId: number }
  | { readonly type: 'stop'; readonly fitId: number }
  | {
      readonly type: 'target';
      readonly requestId: number;
      readonly project: unknown;
      /** "True" values by parameter name (declared units); parameters not named keep the project's. */
      readonly values: Readonly<Record<string, number>>;
      /** Keep at most this many trace samples per case (evenly spaced; default 2000). */
      readonly maxSamples?: number;
    };

export interface FitCaseTarget {
  readonly trace: { readonly timesMs: number[]; readonly values: number[]; readonly unit: string };
  readonly spikeTimesMs: number[];
}

export type FitResponse =
  | {
      readonly type: 'started';
      readonly fitId: number;
      readonly params: readonly FitParamInfo[];
      readonly optimizer: string;
      readonly cases: number;
      /** What is differentiated: one cell (its inputs fixed) or the network, and how many cells are stepped with tangents per case. */
      readonly gradient: 'cell' | 'network';
      readonly simulatedNeurons: number;
      readonly backend: FitBackendInfo;
    }
  | {
      readonly type: 'progress';
      readonly fitId: number;
      readonly iteration: number;
      /** Model evaluations so far (CMA-ES evaluates a population per iteration). */
      readonly evaluations: number;
      readonly loss: number;
      /** Declared units, in the order of `started.params`. */
      readonly values: readonly number[];
      readonly best: FitBest;
      readonly iterationsPerSecond: number;
      /** Sent with some progress messages (at most ~4 per second, and the last). */
      readonly overlay?: FitOverlay;
      /** Where the simulations run from now on, when that changed (a lost device: the CPU, and why). */
      readonly backend?: FitBackendInfo;
    }
  | { readonly type: 'done'; readonly fitId: number; readonly reason: 'completed' | 'stopped'; readonly best: FitBest; readonly iterations: number; readonly wallMs: number }
  | { readonly type: 'target-made'; readonly requestId: number; readonly cases: readonly FitCaseTarget[] }
  | {
      readonly type: 'failed';
      readonly fitId?: number;
      readonly requestId?: number;
      /** For people: what went wrong and where (JSON path, population, time). */
      readonly message: string;
      readonly path?: string;
    };
