/** What a command needs from the outside world; tests pass strings-collecting fakes. */
export interface CliStream {
  write(text: string): unknown;
}

export interface CliIo {
  readonly stdout: CliStream;
  readonly stderr: CliStream;
  /** Directory that relative paths on the command line are resolved against. */
  readonly cwd: string;
}

/** Exit statuses: 0 success, 1 invalid input (arguments, files, projects, models), 2 failure while running. */
export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_RUN_FAILED = 2;

/** A problem with the user's input: printed as is, exit status 1. */
export class InputError extends Error {
  constructor(
    message: string,
    /** Extra lines printed after the message (e.g. one per model diagnostic). */
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'InputError';
  }
}

export function println(stream: CliStream, text = ''): void {
  stream.write(`${text}\n`);
}
