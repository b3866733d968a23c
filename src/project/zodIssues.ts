/**
 * zod issues → readable ProjectIssue messages (as RawIssues: path segments plus message), including
 * "allowed fields" and did-you-mean hints found by walking the project schema.
 */
import type { z } from 'zod';
import { isPlainObject, quoteList, suggestion, withGot, type PathSegment, type RawIssue } from './errors';
import { Project as ProjectSchema } from './schema';

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

function missing(path: PathSegment[], expectation: string): RawIssue {
  const last = path[path.length - 1];
  const what = expectation.startsWith('expected ') ? ` (${expectation})` : '';
  return { path, message: typeof last === 'string' ? `missing required field '${last}'${what}` : `missing value${what}` };
}

export function translateZodIssues(issues: readonly ZIssue[], base: PathSegment[], root: unknown): RawIssue[] {
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
