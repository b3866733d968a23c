/**
 * Plain numbers typed into fields whose unit is part of their name (dtMs, size, p, seed): parsing
 * with the schema's constraints, so a field shows the same problem the validator would, as the
 * user types.
 */

export interface NumberConstraints {
  readonly integer?: boolean;
  readonly min?: number;
  /** `min` itself is not allowed (dtMs > 0). */
  readonly exclusiveMin?: boolean;
  readonly max?: number;
  /** An empty field means "not set" (stopMs, count, intervalMs). */
  readonly optional?: boolean;
}

export type NumberParse = { readonly ok: true; readonly value: number | undefined } | { readonly ok: false; readonly error: string };

const NUMBER_RE = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

export function parseNumberText(text: string, c: NumberConstraints = {}): NumberParse {
  const trimmed = text.trim();
  if (trimmed === '') return c.optional ? { ok: true, value: undefined } : { ok: false, error: 'enter a number' };
  if (!NUMBER_RE.test(trimmed)) return { ok: false, error: `'${trimmed}' is not a number` };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { ok: false, error: 'the number is too large' };
  if (c.integer && !Number.isInteger(value)) return { ok: false, error: 'enter a whole number' };
  if (c.min !== undefined) {
    if (c.exclusiveMin ? value <= c.min : value < c.min) return { ok: false, error: `must be ${c.exclusiveMin ? '>' : '≥'} ${c.min}` };
  }
  if (c.max !== undefined && value > c.max) return { ok: false, error: `must be ≤ ${c.max}` };
  return { ok: true, value };
}

/** The text a number field shows for a value (empty for "not set"). */
export function numberText(value: number | undefined): string {
  if (value === undefined) return '';
  return String(Number.parseFloat(value.toPrecision(12)));
}
