/** `spikeflow validate <project.json>`: everything `run` checks, without running. */
import { expectPositionals, parseCommandArgs } from './args';
import { EXIT_OK, println, type CliIo } from './io';
import { compileOrExplain, loadProject } from './load';

export async function validateCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { positionals } = parseCommandArgs('validate', args, {});
  const [file] = expectPositionals('validate', positionals, ['project.json']);
  const loaded = loadProject(io.cwd, file);
  compileOrExplain(loaded);
  const { populations, stimuli } = loaded.project;
  println(io.stdout, `ok: ${populations.length} population${populations.length === 1 ? '' : 's'}, ${stimuli.length} stimul${stimuli.length === 1 ? 'us' : 'i'}`);
  return EXIT_OK;
}
