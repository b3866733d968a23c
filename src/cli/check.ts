/** `spikeflow check <model-file>`: compile one model source and print its diagnostics. */
import { compileModel } from '../model/compile';
import { formatDiagnostic } from '../model/diagnostics';
import { expectPositionals, parseCommandArgs } from './args';
import { EXIT_INVALID, EXIT_OK, println, type CliIo } from './io';
import { readInputFile } from './load';

export async function checkCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { positionals } = parseCommandArgs('check', args, {});
  const [file] = expectPositionals('check', positionals, ['model-file']);
  const source = readInputFile(io.cwd, file, 'model');
  const result = compileModel(source);
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  for (const d of result.diagnostics) println(errors > 0 ? io.stderr : io.stdout, formatDiagnostic(d, file));
  if (errors > 0 || !result.ir) {
    const warnings = result.diagnostics.length - errors;
    println(io.stderr, `${errors} error${errors === 1 ? '' : 's'}${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}`);
    return EXIT_INVALID;
  }
  println(io.stdout, `ok: model ${result.ir.name} (${result.ir.kind})`);
  return EXIT_OK;
}
