/**
 * The `spikeflow` command line. `main` is called by bin/spikeflow.mjs and, in-process, by the
 * tests; it never calls process.exit and writes only to the streams it is given.
 */
import { readFileSync } from 'node:fs';
import { checkCommand } from './check';
import { exportBrian2Command } from './exportBrian2';
import { fitCommand } from './fit';
import { EXIT_INVALID, EXIT_OK, EXIT_RUN_FAILED, InputError, println, type CliIo } from './io';
import { modelsCommand } from './models';
import { runCommand } from './run';
import { commandHelp, isCommand, overview, type CommandName } from './usage';
import { validateCommand } from './validate';

export type { CliIo } from './io';

const COMMAND_FUNCTIONS: Record<Exclude<CommandName, 'help'>, (args: readonly string[], io: CliIo) => Promise<number>> = {
  run: runCommand,
  validate: validateCommand,
  check: checkCommand,
  models: modelsCommand,
  'export-brian2': exportBrian2Command,
  fit: fitCommand,
};

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    println(io.stderr, overview());
    return EXIT_INVALID;
  }
  if (command === '--help' || command === '-h') return help([], io);
  if (command === '--version' || command === '-v') {
    println(io.stdout, version());
    return EXIT_OK;
  }
  if (!isCommand(command)) {
    println(io.stderr, `spikeflow: unknown command '${command}'`);
    println(io.stderr);
    println(io.stderr, overview());
    return EXIT_INVALID;
  }
  if (command === 'help') return help(rest, io);
  const options = rest.slice(0, rest.includes('--') ? rest.indexOf('--') : rest.length);
  if (options.includes('--help') || options.includes('-h')) return help([command], io);
  try {
    return await COMMAND_FUNCTIONS[command](rest, io);
  } catch (e) {
    if (e instanceof InputError) {
      println(io.stderr, e.message);
      for (const line of e.details) println(io.stderr, line);
      return EXIT_INVALID;
    }
    println(io.stderr, `spikeflow ${command}: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return EXIT_RUN_FAILED;
  }
}

function help(args: readonly string[], io: CliIo): number {
  if (args.length === 0) {
    println(io.stdout, overview());
    return EXIT_OK;
  }
  const [name] = args;
  if (args.length > 1 || !isCommand(name)) {
    println(io.stderr, `spikeflow help: unknown command '${args.join(' ')}'`);
    println(io.stderr);
    println(io.stderr, overview());
    return EXIT_INVALID;
  }
  println(io.stdout, commandHelp(name));
  return EXIT_OK;
}

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return `spikeflow ${pkg.version ?? 'unknown'}`;
  } catch {
    return 'spikeflow (version unknown)';
  }
}
