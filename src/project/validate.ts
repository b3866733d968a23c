/**
 * Reading a project document: JSON text → migrated → schema-checked (with defaults) → cross-checked.
 * Every problem is a ProjectIssue naming its JSON path (and, from text, its line and column).
 * The pieces live beside it: jsonText.ts (scanner, positions), zodIssues.ts (schema messages),
 * crossChecks.ts (whole-document checks).
 */
import { crossCheck } from './crossChecks';
import {
  describeValue,
  formatPath,
  isPlainObject,
  suggestion,
  type PathSegment,
  type ProjectIssue,
  type RawIssue,
} from './errors';
import { positionAt, scanJson } from './jsonText';
import { PROJECT_FORMAT, PROJECT_VERSION, Project as ProjectSchema, type Project } from './schema';
import { translateZodIssues } from './zodIssues';

export { positionAt, scanJson, type JsonSyntaxError, type TextPosition } from './jsonText';

export type ParseProjectResult = { ok: true; project: Project } | { ok: false; errors: ProjectIssue[] };

// ---------------------------------------------------------------------------------------------
// Migrations

/**
 * Upgrades from version `v` to `v + 1`, keyed by `v`. The single place where older documents are
 * brought up to date: when format v2 appears, add `1: (doc) => ({ ...doc, version: 2, ... })` and
 * bump PROJECT_VERSION. Each step gets a copy and must return a new object.
 */
const MIGRATIONS: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>> = {};

/**
 * Brings a project document of an older version up to the current one (v1 → v1 is the identity
 * today). Anything that is not a Spikeflow project of a known older version is returned unchanged,
 * for the validator to report. Never mutates its argument.
 */
export function migrateProject(json: unknown): unknown {
  if (!isPlainObject(json) || json.format !== PROJECT_FORMAT) return json;
  let doc: Record<string, unknown> = json;
  let version = doc.version;
  while (typeof version === 'number' && Number.isInteger(version) && version < PROJECT_VERSION) {
    const step = MIGRATIONS[version];
    if (!step) break;
    doc = step(structuredClone(doc));
    version = doc.version;
  }
  return doc;
}

// ---------------------------------------------------------------------------------------------
// Entry points

const toIssue = (r: RawIssue): ProjectIssue => ({ path: formatPath(r.path), message: r.message });

/** Validates a parsed JSON value as a project document and fills in every default. */
export function parseProject(json: unknown): ParseProjectResult {
  const raw = parseProjectRaw(json);
  return raw.ok ? raw : { ok: false, errors: raw.errors.map(toIssue) };
}

function parseProjectRaw(json: unknown): { ok: true; project: Project } | { ok: false; errors: RawIssue[] } {
  const header = checkHeader(json);
  if (header) return { ok: false, errors: [header] };
  const migrated = migrateProject(json);
  const result = ProjectSchema.safeParse(migrated, { reportInput: true });
  if (!result.success) return { ok: false, errors: translateZodIssues(result.error.issues, [], migrated) };
  const errors = crossCheck(result.data);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, project: result.data };
}

/**
 * Parses project text (JSON). Syntax errors and schema errors carry the line and column in `text`.
 * `fileName` is only used in messages about the file as a whole.
 */
export function parseProjectText(text: string, fileName?: string): ParseProjectResult {
  const what = fileName ?? 'the project file';
  if (text.trim() === '' || text === '\uFEFF') {
    return {
      ok: false,
      errors: [{ path: '$', message: `${what} is empty; expected a Spikeflow project (JSON)`, line: 1, column: 1 }],
    };
  }
  const scan = scanJson(text);
  if (!scan.ok) {
    const { message, path, position } = scan.error;
    return {
      ok: false,
      errors: [{ path, message: `invalid JSON: ${message}`, line: position.line, column: position.column }],
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    // The scanner accepted it, so this should not happen; report JSON.parse's own words.
    const message = err instanceof Error ? err.message : String(err);
    const pos = /position (\d+)/.exec(message);
    const at = positionAt(text, pos ? Number(pos[1]) : text.length);
    return { ok: false, errors: [{ path: '$', message: `invalid JSON: ${message}`, line: at.line, column: at.column }] };
  }
  const raw = parseProjectRaw(json);
  if (raw.ok) return raw;
  return {
    ok: false,
    errors: raw.errors.map((r) => {
      const issue = toIssue(r);
      const offset = nearestOffset(scan.offsets, r.path);
      if (offset === undefined) return issue;
      const at = positionAt(text, offset);
      return { ...issue, line: at.line, column: at.column };
    }),
  };
}

function nearestOffset(offsets: Map<string, number>, path: PathSegment[]): number | undefined {
  for (let len = path.length; len >= 0; len--) {
    const off = offsets.get(formatPath(path.slice(0, len)));
    if (off !== undefined) return off;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Header: is this a project at all, and of a version we understand?

function checkHeader(json: unknown): RawIssue | undefined {
  if (!isPlainObject(json)) {
    return {
      path: [],
      message: `this is not a Spikeflow project (expected a JSON object, got ${describeValue(json)})`,
    };
  }
  if (json.format !== PROJECT_FORMAT) {
    return {
      path: ['format'],
      message:
        `this is not a Spikeflow project (format must be '${PROJECT_FORMAT}'` +
        (json.format === undefined ? ', and it is missing)' : `, got ${describeValue(json.format)})`),
    };
  }
  const v = json.version;
  if (v === undefined) {
    return { path: ['version'], message: `missing required field 'version' (this Spikeflow understands version ${PROJECT_VERSION})` };
  }
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    return { path: ['version'], message: `expected version ${PROJECT_VERSION}, got ${describeValue(v)}` };
  }
  if (v > PROJECT_VERSION) {
    return {
      path: ['version'],
      message: `version ${v} is newer than this Spikeflow understands (${PROJECT_VERSION}); update Spikeflow to open it`,
    };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Model names (checked by the engine, which knows the library)

/**
 * Issues for every population or channel model that is neither in `available` (e.g. the library's
 * names) nor defined in the project's own `models`. Paths carry no line/column.
 */
export function checkModelNames(project: Project, available: readonly string[]): ProjectIssue[] {
  const names = [...new Set([...available, ...Object.keys(project.models)])];
  const sorted = [...names].sort((a, b) => a.localeCompare(b));
  const out: ProjectIssue[] = [];
  const check = (model: string, path: PathSegment[]) => {
    if (names.includes(model)) return;
    out.push({
      path: formatPath(path),
      message:
        `unknown model '${model}'${suggestion(model, names)}; ` +
        (sorted.length > 0 ? `available models: ${sorted.join(', ')}` : 'no models are available'),
    });
  };
  project.populations.forEach((pop, i) => {
    check(pop.model, ['populations', i, 'model']);
    (pop.channels ?? []).forEach((ch, j) => check(ch.model, ['populations', i, 'channels', j, 'model']));
  });
  return out;
}
