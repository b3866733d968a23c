/**
 * Why a project cannot be exported: the message names the thing (population, projection, stimulus,
 * model, expression) and says what Brian2 cannot express, so the user gets no broken script.
 */
export class ExportError extends Error {
  constructor(
    message: string,
    /** JSON path of the project part that could not be exported, when there is one. */
    readonly path?: string,
  ) {
    super(message);
    this.name = 'ExportError';
  }
}
