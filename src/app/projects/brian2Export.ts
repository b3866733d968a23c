/**
 * What Export ▸ Brian2 script makes of the open document (pure, no DOM): the script and its file
 * name, or the problems that stop it — the project's own (as opening it would list them) or what
 * Brian2 cannot express (src/export names it).
 */
import { ExportError, exportBrian2Script } from '../../export';
import { formatIssue } from '../../project/errors';
import { parseProject } from '../../project/validate';
import type { ProjectDoc } from '../store/document';

export type Brian2ExportResult =
  | { readonly ok: true; readonly fileName: string; readonly script: string; readonly lines: readonly string[] }
  | { readonly ok: false; readonly title: string; readonly lines: readonly string[] };

export function brian2ExportOf(doc: ProjectDoc): Brian2ExportResult {
  const parsed = parseProject(doc);
  if (!parsed.ok) {
    const n = parsed.errors.length;
    return { ok: false, title: `Could not export to Brian2: the project has ${n} problem${n === 1 ? '' : 's'}`, lines: parsed.errors.map((e) => formatIssue(e)) };
  }
  try {
    const { fileName, script, notes } = exportBrian2Script(parsed.project, { generator: 'Spikeflow, Export > Brian2 script' });
    return {
      ok: true,
      fileName,
      script,
      lines: [
        `Run it with Brian2: python3 ${fileName} --out results`,
        'It writes spikes.csv and traces.csv as spikeflow run does. Random draws follow the same distributions, not the same numbers.',
        ...notes,
      ],
    };
  } catch (e) {
    if (e instanceof ExportError) return { ok: false, title: 'Could not export to Brian2', lines: [e.message] };
    throw e;
  }
}
