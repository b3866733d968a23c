/** Errors the engine reports to people: each says what went wrong and where. */

export type EngineErrorCode =
  | 'invalid-project'
  | 'invalid-model'
  | 'unknown-model'
  | 'invalid-value'
  | 'unsupported'
  | 'blowup';

export interface ModelProblem {
  readonly model: string;
  readonly line: number;
  readonly col: number;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    /** JSON path in the project document, when the problem is in the project. */
    readonly path?: string,
    /** Diagnostics in model sources, when the problem is in a model. */
    readonly modelProblems: readonly ModelProblem[] = [],
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

/** Numerical blow-up: a state became NaN or ±Inf. */
export class BlowUpError extends EngineError {
  constructor(
    readonly population: string,
    readonly neuron: number,
    readonly variable: string,
    readonly tMs: number,
    readonly value: number,
  ) {
    super(
      'blowup',
      `numerical blow-up: ${population}[${neuron}].${variable} became ${value} at t = ${tMs} ms (try a smaller dt or another integrator)`,
    );
    this.name = 'BlowUpError';
  }
}
