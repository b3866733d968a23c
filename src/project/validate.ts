/**
 * Reading a project document: JSON text → migrated → schema-checked (with defaults) → cross-checked.
 * Every problem is a ProjectIssue naming its JSON path (and, from text, its line and column).
 */
import type { z } from 'zod';
import { dimEquals, parseQuantityText } from '../model/units';
import { parseCsv, formatCsvIssue } from './csv';
import {
  describeValue,
  formatPath,
  quoteList,
  suggestion,
  type PathSegment,
  type ProjectIssue,
} from './errors';
import {
  PROJECT_FORMAT,
  PROJECT_VERSION,
  Project as ProjectSchema,
  type Amount,
  type ParamValue,
  type Project,
} from './schema';

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

interface RawIssue {
  path: PathSegment[];
  message: string;
}

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

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

// ---------------------------------------------------------------------------------------------
// zod issues → readable messages

type ZIssue = z.core.$ZodIssue;

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let cur = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

/** Root-level "wrong kind of value" failures of a union branch: that branch simply did not apply. */
function branchDidNotApply(branch: readonly ZIssue[]): boolean {
  return (
    branch.length === 1 &&
    branch[0].path.length === 0 &&
    (branch[0].code === 'invalid_type' || branch[0].code === 'invalid_value')
  );
}

function withGot(message: string, input: unknown): string {
  return `${message}, got ${describeValue(input)}`;
}

function missing(path: PathSegment[], expectation: string): RawIssue {
  const last = path[path.length - 1];
  const what = expectation.startsWith('expected ') ? ` (${expectation})` : '';
  return { path, message: typeof last === 'string' ? `missing required field '${last}'${what}` : `missing value${what}` };
}

function translateZodIssues(issues: readonly ZIssue[], base: PathSegment[], root: unknown): RawIssue[] {
  const out: RawIssue[] = [];
  for (const issue of issues) {
    const path = [...base, ...(issue.path as PathSegment[])];
    const input = 'input' in issue ? issue.input : undefined;
    const custom = issue.message.startsWith('expected ');
    switch (issue.code) {
      case 'invalid_union': {
        if ('note' in issue && issue.note === 'No matching discriminator') {
          const disc = (issue as { discriminator?: string }).discriminator ?? 'type';
          const options = ((issue as { options?: unknown[] }).options ?? []).map(String);
          const value = isPlainObject(input) ? input[disc] : undefined;
          if (!isPlainObject(input)) {
            out.push({ path: path.slice(0, -1), message: withGot(custom ? issue.message : 'expected an object', input) });
          } else if (value === undefined) {
            out.push({ path, message: `missing required field '${disc}' (one of ${quoteList(options)})` });
          } else {
            out.push({
              path,
              message:
                withGot(`expected one of ${quoteList(options)}`, value) +
                (typeof value === 'string' ? suggestion(value, options) : ''),
            });
          }
          break;
        }
        const applicable = issue.errors.filter((b) => !branchDidNotApply(b));
        if (applicable.length === 1) out.push(...translateZodIssues(applicable[0], path, root));
        else if (input === undefined && valueAt(root, path) === undefined) out.push(missing(path, issue.message));
        else out.push({ path, message: withGot(custom ? issue.message : 'expected a different value', input) });
        break;
      }
      case 'unrecognized_keys': {
        const known = objectKeysAt(ProjectSchema, path, root);
        for (const key of issue.keys) {
          const hint = known ? suggestion(key, known) || `; allowed fields: ${known.join(', ')}` : '';
          out.push({ path: [...path, key], message: `unknown field '${key}'${hint}` });
        }
        break;
      }
      case 'invalid_key': {
        const inner = issue.issues[0];
        const what = inner && inner.message.startsWith('expected ') ? inner.message : 'expected a valid name';
        out.push({ path, message: withGot(what, input) });
        break;
      }
      case 'invalid_value': {
        const values = issue.values.map((v) => String(v));
        const msg = custom ? issue.message : `expected one of ${quoteList(values)}`;
        out.push({
          path,
          message: withGot(msg, input) + (typeof input === 'string' ? suggestion(input, values) : ''),
        });
        break;
      }
      case 'custom':
        out.push({ path, message: issue.message });
        break;
      default: {
        const present = input !== undefined || valueAt(root, path) !== undefined;
        if (issue.code === 'invalid_type' && !present) {
          out.push(missing(path, issue.message));
        } else {
          out.push({ path, message: custom ? withGot(issue.message, input) : issue.message });
        }
      }
    }
  }
  return out;
}

// Walking the schema (for "allowed fields" and did-you-mean on unknown keys).

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  valueType?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
  values?: unknown[];
}
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

function unwrap(s: z.ZodType): z.ZodType {
  for (;;) {
    const d = defOf(s);
    if (d.innerType && ['default', 'optional', 'nullable', 'prefault', 'readonly', 'catch', 'nonoptional'].includes(d.type)) {
      s = d.innerType;
    } else if (d.type === 'pipe' && d.in) s = d.in;
    else return s;
  }
}

/** The union option that `input` is meant to be (by discriminator, else by kind of value). */
function resolve(s: z.ZodType, input: unknown): z.ZodType | undefined {
  s = unwrap(s);
  const d = defOf(s);
  if (d.type !== 'union' || !d.options) return s;
  if (d.discriminator && isPlainObject(input)) {
    for (const opt of d.options) {
      const od = defOf(unwrap(opt));
      const lit = od.shape?.[d.discriminator];
      if (lit && defOf(lit).values?.includes(input[d.discriminator])) return resolve(opt, input);
    }
    return undefined;
  }
  for (const opt of d.options) {
    const r = resolve(opt, input);
    if (!r) continue;
    const t = defOf(r).type;
    if (Array.isArray(input) ? t === 'array' : isPlainObject(input) ? t === 'object' || t === 'record' : false) return r;
  }
  return undefined;
}

function objectKeysAt(schema: z.ZodType, path: readonly PathSegment[], root: unknown): string[] | undefined {
  let s: z.ZodType | undefined = schema;
  let value = root;
  for (const seg of path) {
    s = resolve(s, value);
    if (!s) return undefined;
    const d = defOf(s);
    if (d.type === 'object' && typeof seg === 'string') s = d.shape?.[seg];
    else if (d.type === 'array') s = d.element;
    else if (d.type === 'record') s = d.valueType;
    else return undefined;
    if (!s) return undefined;
    value = valueAt(value, [seg]);
  }
  s = resolve(s, value);
  if (!s) return undefined;
  const d = defOf(s);
  return d.type === 'object' && d.shape ? Object.keys(d.shape) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Cross-reference checks (what one field's schema cannot see)

function crossCheck(p: Project): RawIssue[] {
  const out: RawIssue[] = [];
  const add = (path: PathSegment[], message: string) => out.push({ path, message });

  if (p.simulation.dtMs > p.simulation.durationMs) {
    add(
      ['simulation', 'dtMs'],
      `the time step (${p.simulation.dtMs} ms) is longer than the simulation (durationMs = ${p.simulation.durationMs} ms)`,
    );
  }

  // Populations.
  const sizes = new Map<string, number>();
  const firstIndex = new Map<string, number>();
  p.populations.forEach((pop, i) => {
    const prev = firstIndex.get(pop.id);
    if (prev !== undefined) {
      add(['populations', i, 'id'], `duplicate population id '${pop.id}' (also used by $.populations[${prev}])`);
    } else {
      firstIndex.set(pop.id, i);
      sizes.set(pop.id, pop.size);
    }
    const base: PathSegment[] = ['populations', i];
    checkParamMap(pop.params, [...base, 'params'], pop.size, pop.id, add);
    checkParamMap(pop.init, [...base, 'init'], pop.size, pop.id, add);
    const channelAt = new Map<string, number>();
    (pop.channels ?? []).forEach((ch, j) => {
      const seen = channelAt.get(ch.model);
      if (seen !== undefined) {
        add(
          [...base, 'channels', j, 'model'],
          `channel '${ch.model}' is already inserted in population '${pop.id}' ($.populations[${i}].channels[${seen}])`,
        );
      } else channelAt.set(ch.model, j);
      checkParamMap(ch.params, [...base, 'channels', j, 'params'], pop.size, pop.id, add);
      checkParamMap(ch.init, [...base, 'channels', j, 'init'], pop.size, pop.id, add);
    });
    if (pop.update === 'sequential' && pop.integrator !== 'euler' && pop.integrator !== 'rk1' && pop.integrator !== 'exponential_euler') {
      add(
        [...base, 'update'],
        `update 'sequential' works with integrator 'euler' or 'exponential_euler', not '${pop.integrator}'`,
      );
    }
  });

  const ids = [...sizes.keys()];
  const knownPopulation = (id: string, path: PathSegment[]): number | undefined => {
    const size = sizes.get(id);
    if (size === undefined) {
      const list = ids.length > 0 ? `populations are: ${ids.join(', ')}` : 'the project has no populations';
      add(path, `unknown population '${id}'${suggestion(id, ids)}; ${list}`);
    }
    return size;
  };
  const checkNeurons = (neurons: number[] | 'all', size: number, id: string, path: PathSegment[]) => {
    if (neurons === 'all') return;
    neurons.forEach((k, j) => {
      if (k >= size) add([...path, j], `neuron ${k} does not exist: population '${id}' has ${size} neurons (0 to ${size - 1})`);
    });
  };

  // Stimuli.
  const stimulusIds = new Map<string, number>();
  p.stimuli.forEach((s, i) => {
    const base: PathSegment[] = ['stimuli', i];
    const prev = stimulusIds.get(s.id);
    if (prev !== undefined) add([...base, 'id'], `duplicate stimulus id '${s.id}' (also used by $.stimuli[${prev}])`);
    else stimulusIds.set(s.id, i);
    const size = knownPopulation(s.target, [...base, 'target']);
    if (size !== undefined) checkNeurons(s.neurons, size, s.target, [...base, 'neurons']);
    if (s.stopMs !== undefined && s.stopMs <= s.startMs) {
      add([...base, 'stopMs'], `stopMs (${s.stopMs}) must be greater than startMs (${s.startMs})`);
    }
    switch (s.type) {
      case 'step':
      case 'sine':
      case 'noise':
      case 'expression':
        break;
      case 'ramp':
        if (s.stopMs === undefined) {
          add([...base, 'stopMs'], "missing required field 'stopMs' (a ramp reaches 'to' at stopMs)");
        }
        break;
      case 'pulses':
        if (s.widthMs > s.periodMs) {
          add([...base, 'widthMs'], `the pulse width (${s.widthMs} ms) is longer than the period (periodMs = ${s.periodMs} ms)`);
        }
        break;
      case 'sampled':
        checkSampled(s, base, add);
        break;
      default: {
        const never: never = s;
        throw new Error(`unhandled stimulus ${JSON.stringify(never)}`);
      }
    }
    if (s.type === 'noise') checkSameDimension([...base], { mean: s.mean, std: s.std }, add);
    if (s.type === 'noise' && isNegative(s.std)) add([...base, 'std'], withGot('expected a standard deviation >= 0', s.std));
  });

  // Recordings.
  p.recordings.forEach((r, i) => {
    const base: PathSegment[] = ['recordings', i];
    const size = knownPopulation(r.population, [...base, 'population']);
    if (size !== undefined) checkNeurons(r.neurons, size, r.population, [...base, 'neurons']);
    if (r.intervalMs !== undefined && r.intervalMs < p.simulation.dtMs) {
      add([...base, 'intervalMs'], `the interval (${r.intervalMs} ms) is shorter than the time step (dtMs = ${p.simulation.dtMs} ms)`);
    }
    const seen = new Set<string>();
    r.variables.forEach((v, j) => {
      if (seen.has(v)) add([...base, 'variables', j], `variable '${v}' is listed twice`);
      seen.add(v);
    });
  });

  if (p.spikes.populations !== 'all') {
    p.spikes.populations.forEach((id, j) => knownPopulation(id, ['spikes', 'populations', j]));
  }
  return out;
}

type Add = (path: PathSegment[], message: string) => void;

function checkParamMap(
  map: Record<string, ParamValue> | undefined,
  path: PathSegment[],
  size: number,
  popId: string,
  add: Add,
) {
  if (!map) return;
  for (const [name, value] of Object.entries(map)) {
    const at = [...path, name];
    if (Array.isArray(value)) {
      if (value.length !== size) {
        add(at, `expected ${size} values (one per neuron of '${popId}'), got ${value.length}`);
      }
    } else if (typeof value === 'object') {
      if (value.dist === 'uniform') {
        checkSameDimension(at, { low: value.low, high: value.high }, add);
        const lo = comparable(value.low);
        const hi = comparable(value.high);
        if (lo && hi && sameUnit(lo, hi) && lo.value > hi.value) {
          add([...at, 'high'], `high (${describeAmount(value.high)}) must not be below low (${describeAmount(value.low)})`);
        }
      } else {
        checkSameDimension(at, { mean: value.mean, std: value.std, min: value.min, max: value.max }, add);
        if (isNegative(value.std)) add([...at, 'std'], withGot('expected a standard deviation >= 0', value.std));
        const lo = value.min !== undefined ? comparable(value.min) : undefined;
        const hi = value.max !== undefined ? comparable(value.max) : undefined;
        if (lo && hi && sameUnit(lo, hi) && lo.value > hi.value) {
          add([...at, 'max'], `max (${describeAmount(value.max!)}) must not be below min (${describeAmount(value.min!)})`);
        }
      }
    }
  }
}

interface Comparable {
  /** In canonical units for quantities; as written for bare numbers. */
  value: number;
  /** undefined for a bare number (unit: the declared one, unknown here). */
  dim?: readonly number[];
}

function comparable(a: Amount): Comparable | undefined {
  if (typeof a === 'number') return { value: a };
  const q = parseQuantityText(a);
  return q ? { value: q.value * q.unit.scale, dim: q.unit.dim } : undefined;
}

function sameUnit(a: Comparable, b: Comparable): boolean {
  if (a.dim === undefined || b.dim === undefined) return a.dim === b.dim;
  return dimEquals(a.dim as never, b.dim as never);
}

function isNegative(a: Amount): boolean {
  const c = comparable(a);
  return c !== undefined && c.value < 0;
}

function describeAmount(a: Amount): string {
  return typeof a === 'number' ? String(a) : a;
}

/** Quantity strings that set one thing together (low/high, mean/std) must share a dimension. */
function checkSameDimension(path: PathSegment[], amounts: Record<string, Amount | undefined>, add: Add) {
  let first: { key: string; text: string; dim: readonly number[] } | undefined;
  for (const [key, a] of Object.entries(amounts)) {
    if (typeof a !== 'string') continue;
    const q = parseQuantityText(a);
    if (!q) continue;
    if (!first) first = { key, text: q.unit.text, dim: q.unit.dim };
    else if (!dimEquals(first.dim as never, q.unit.dim)) {
      add([...path, key], `${key} is in ${q.unit.text} but ${first.key} is in ${first.text}; they must have the same dimension`);
    }
  }
}

function checkSampled(s: Extract<Project['stimuli'][number], { type: 'sampled' }>, base: PathSegment[], add: Add) {
  if (s.values !== undefined && s.csv !== undefined) {
    add(base, "give exactly one of 'values' and 'csv', not both");
    return;
  }
  if (s.values === undefined && s.csv === undefined) {
    add(base, "missing samples: give 'values' (with 'sampleIntervalMs') or 'csv'");
    return;
  }
  if (s.values !== undefined) {
    if (s.sampleIntervalMs === undefined) {
      add([...base, 'sampleIntervalMs'], "missing required field 'sampleIntervalMs' (the time between 'values', in ms)");
    }
    if (s.column !== undefined) add([...base, 'column'], "'column' is only used with 'csv'");
    return;
  }
  if (s.sampleIntervalMs !== undefined) {
    add([...base, 'sampleIntervalMs'], "'sampleIntervalMs' is only used with 'values' (the CSV's first column holds the times)");
  }
  const parsed = parseCsv(s.csv!);
  if (!parsed.ok) {
    for (const e of parsed.errors) add([...base, 'csv'], `CSV ${formatCsvIssue(e)}`);
    return;
  }
  const { columns } = parsed.table;
  const dataColumns = columns.slice(1);
  if (s.column === undefined) {
    if (dataColumns.length > 1) {
      add(
        [...base, 'column'],
        `missing required field 'column': the CSV has ${dataColumns.length} data columns (${quoteList(dataColumns)})`,
      );
    }
  } else if (s.column === columns[0]) {
    add([...base, 'column'], `'${s.column}' is the time column; choose one of ${quoteList(dataColumns)}`);
  } else if (!dataColumns.includes(s.column)) {
    add(
      [...base, 'column'],
      `the CSV has no column '${s.column}'${suggestion(s.column, dataColumns)}; its data columns are ${quoteList(dataColumns)}`,
    );
  }
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

// ---------------------------------------------------------------------------------------------
// JSON text positions
//
// A small JSON scanner that knows where things are: the line and column of a syntax error (JSON.parse's
// messages differ between engines and often omit the position) and the offset of every value of a
// valid document by JSON path, so that schema errors can point into the file.

export interface TextPosition {
  /** 0-based offset into the text. */
  offset: number;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
}

export interface JsonSyntaxError {
  message: string;
  path: string;
  position: TextPosition;
}

/** Line and column of an offset. */
export function positionAt(text: string, offset: number): TextPosition {
  const clamped = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < clamped; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) {
      line++;
      lineStart = i + 1;
    } else if (ch === 13) {
      if (text.charCodeAt(i + 1) !== 10) {
        line++;
        lineStart = i + 1;
      }
    }
  }
  return { offset: clamped, line, column: clamped - lineStart + 1 };
}

class ScanError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly path: PathSegment[],
  ) {
    super(message);
  }
}

/**
 * Scans `text` as JSON. Returns the offset of every value by formatted path (for object members:
 * the offset of the member's key, which is where an editor should point), or the first syntax error.
 */
export function scanJson(text: string): { ok: true; offsets: Map<string, number> } | { ok: false; error: JsonSyntaxError } {
  const offsets = new Map<string, number>();
  let i = 0;
  const n = text.length;
  const path: PathSegment[] = [];

  const fail = (message: string, at = i): never => {
    throw new ScanError(message, at, [...path]);
  };
  const describeAt = (at: number): string => {
    if (at >= n) return 'the end of the file';
    const ch = text[at];
    return ch === '\n' || ch === '\r' ? 'the end of the line' : `'${ch}'`;
  };

  const skipWs = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
    if (text.startsWith('//', i) || text.startsWith('/*', i)) fail('comments are not allowed in JSON');
  };

  const scanString = (): string => {
    const start = i;
    if (text[i] === "'") fail('strings must use double quotes (") in JSON');
    i++; // opening quote
    let out = '';
    for (;;) {
      if (i >= n) fail('unterminated string (missing closing ")', start);
      const ch = text[i];
      const code = text.charCodeAt(i);
      if (ch === '"') {
        i++;
        return out;
      }
      if (code < 0x20) fail('line break or control character inside a string (write \\n instead)');
      if (ch === '\\') {
        const esc = text[i + 1];
        if (esc === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('invalid \\u escape (expected 4 hex digits)');
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
          continue;
        }
        const map: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (esc === undefined || !(esc in map)) fail(`invalid escape '\\${esc ?? ''}' in a string`);
        out += map[esc];
        i += 2;
        continue;
      }
      out += ch;
      i++;
    }
  };

  const scanNumber = () => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) fail(`invalid number`);
    const next = text[i + m![0].length];
    if (next !== undefined && /[0-9.eE]/.test(next)) fail('invalid number (no leading zeros, no trailing dot)');
    i += m![0].length;
  };

  const scanValue = (): void => {
    skipWs();
    const key = formatPath(path);
    if (!offsets.has(key)) offsets.set(key, i);
    if (i >= n) fail('unexpected end of the file: expected a value');
    const ch = text[i];
    if (ch === '{') return scanObject();
    if (ch === '[') return scanArray();
    if (ch === '"' || ch === "'") {
      scanString();
      return;
    }
    if (ch === '-' || (ch >= '0' && ch <= '9')) return scanNumber();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    for (const word of ['NaN', 'Infinity', '-Infinity', 'undefined']) {
      if (text.startsWith(word, i)) fail(`${word} is not a JSON value`);
    }
    fail(`expected a value (a number, string, object, array, true, false or null), got ${describeAt(i)}`);
  };

  const scanObject = () => {
    i++; // {
    skipWs();
    if (text[i] === '}') {
      i++;
      return;
    }
    for (;;) {
      skipWs();
      if (text[i] === '}') fail('trailing comma before } is not allowed in JSON');
      if (text[i] !== '"' && text[i] !== "'") fail(`expected a property name in double quotes, got ${describeAt(i)}`);
      const keyAt = i;
      const name = scanString();
      path.push(name);
      offsets.set(formatPath(path), keyAt);
      skipWs();
      if (text[i] !== ':') fail(`expected ':' after property name "${name}", got ${describeAt(i)}`);
      i++;
      scanValue();
      path.pop();
      skipWs();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return;
      }
      fail(`expected ',' or '}' after the value of "${name}", got ${describeAt(i)}`);
    }
  };

  const scanArray = () => {
    i++; // [
    skipWs();
    if (text[i] === ']') {
      i++;
      return;
    }
    for (let index = 0; ; index++) {
      skipWs();
      if (text[i] === ']') fail('trailing comma before ] is not allowed in JSON');
      path.push(index);
      scanValue();
      path.pop();
      skipWs();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        return;
      }
      fail(`expected ',' or ']' after an array element, got ${describeAt(i)}`);
    }
  };

  try {
    if (text.charCodeAt(0) === 0xfeff) i = 1;
    scanValue();
    skipWs();
    if (i < n) fail(`unexpected text after the end of the JSON document: ${describeAt(i)}`);
    return { ok: true, offsets };
  } catch (err) {
    if (!(err instanceof ScanError)) throw err;
    return {
      ok: false,
      error: { message: err.message, path: formatPath(err.path), position: positionAt(text, err.offset) },
    };
  }
}
