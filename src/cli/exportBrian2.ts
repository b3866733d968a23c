/**
 * `spikeflow export-brian2 <project.json> [--out script.py]`: writes the project as a runnable Brian2
 * script (src/export). The project is first checked as `validate` checks it, so problems are reported
 * with their file:line:col; what Brian2 cannot express is reported the same way, and no file is written.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ExportError, exportBrian2Script } from '../export';
import { expectPositionals, parseCommandArgs } from './args';
import { EXIT_OK, InputError, println, type CliIo } from './io';
import { compileOrExplain, loadProject, locatePath } from './load';

export async function exportBrian2Command(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('export-brian2', args, { out: { type: 'string' } });
  const [file] = expectPositionals('export-brian2', positionals, ['project.json']);
  if (values.out === '') throw new InputError('spikeflow export-brian2: --out needs a file name (or - for standard output)');
  const loaded = loadProject(io.cwd, file);
  compileOrExplain(loaded);
  let exported;
  try {
    exported = exportBrian2Script(loaded.project, { generator: `spikeflow export-brian2 ${file}` });
  } catch (e) {
    if (e instanceof ExportError) throw new InputError(`${locatePath(loaded, e.path)}: cannot export to Brian2: ${e.message}`);
    throw e;
  }
  const out = typeof values.out === 'string' ? values.out : exported.fileName;
  if (out === '-') {
    io.stdout.write(exported.script);
  } else {
    const path = resolve(io.cwd, out);
    try {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, exported.script);
    } catch (e) {
      throw new InputError(`--out ${out}: cannot write the script (${(e as Error).message})`);
    }
    println(io.stdout, `wrote ${out} (run it with: python3 ${out} --out <dir>)`);
  }
  // Notes go to stderr so that `--out -` output stays a clean script.
  for (const note of exported.notes) println(io.stderr, `note: ${note}`);
  return EXIT_OK;
}
