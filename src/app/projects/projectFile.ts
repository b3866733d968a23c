/**
 * Project files as text: reading one (validated with the project validator, errors with JSON path
 * and line:column), writing one (the same pretty-printed JSON the CLI reads), and its file name.
 */
import { formatIssue, isPlainObject, type ProjectIssue } from '../../project/errors';
import { migrateProject, parseProjectText } from '../../project/validate';
import type { ProjectDoc } from '../store/document';

export type ReadProjectResult =
  | { readonly ok: true; readonly doc: ProjectDoc }
  | { readonly ok: false; readonly issues: readonly ProjectIssue[]; readonly lines: readonly string[] };

/**
 * Reads project text. The document returned is the file as written (migrated to the current
 * version, defaults not filled in), so saving it again keeps the user's keys and their order.
 */
export function readProjectText(text: string, fileName: string): ReadProjectResult {
  const parsed = parseProjectText(text, fileName);
  if (!parsed.ok) return { ok: false, issues: parsed.errors, lines: parsed.errors.map((issue) => formatIssue(issue, fileName)) };
  // parseProjectText accepted it, so it is JSON (a leading byte-order mark is allowed).
  const json: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
  return { ok: true, doc: migrateProject(json) as ProjectDoc };
}

/** The text of a saved project: two-space indentation, keys in the document's own order. */
export function serializeProject(doc: ProjectDoc): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** `<project name>.json`, with the characters file systems refuse replaced. */
export function projectFileName(doc: Pick<ProjectDoc, 'name'>): string {
  const cleaned = (doc.name ?? '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s-]+|[.\s]+$/g, '')
    .slice(0, 120)
    .trim();
  return `${cleaned || 'project'}.json`;
}

/**
 * Whether the editor can show a document that failed validation: a Spikeflow project object whose
 * lists are lists of objects with string ids. Such a document is what an edit in progress looks
 * like (a stimulus stop before its start, a neuron index past the size); it opens with a warning
 * rather than being set aside, so reloading mid-edit never hides the user's project.
 */
export function isOpenableProject(json: unknown): json is ProjectDoc {
  if (!isPlainObject(json) || json.format !== 'spikeflow-project' || json.version !== 1) return false;
  if (!isPlainObject(json.simulation)) return false;
  if (json.models !== undefined && !isPlainObject(json.models)) return false;
  if (json.layout !== undefined && !isPlainObject(json.layout)) return false;
  const listOfItems = (list: unknown, required: boolean, keys: readonly string[], objects: readonly string[] = [], arrays: readonly string[] = []) => {
    if (list === undefined) return !required;
    return (
      Array.isArray(list) &&
      list.every(
        (item) =>
          isPlainObject(item) &&
          keys.every((k) => typeof item[k] === 'string') &&
          objects.every((k) => isPlainObject(item[k])) &&
          arrays.every((k) => Array.isArray(item[k])),
      )
    );
  };
  return (
    listOfItems(json.populations, true, ['id', 'model']) &&
    listOfItems(json.projections, false, ['id', 'pre', 'post', 'synapse'], ['connectivity']) &&
    listOfItems(json.stimuli, false, ['id', 'type', 'target']) &&
    listOfItems(json.recordings, false, ['population'], [], ['variables'])
  );
}
