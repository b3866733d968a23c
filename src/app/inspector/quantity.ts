/**
 * Values with units as the inspector shows and writes them. A value in a project file is a number
 * in the declared unit (`12`) or a quantity string (`"12 ms"`, `"0.01 s"`); the inspector shows the
 * number in the declared unit next to that unit, and writes what the user types back as a quantity
 * string in the declared unit, so that saved files say what they mean.
 */
import { describeDim, dimEquals, parseUnitText, type Unit } from '../../model/units';
import { QUANTITY_RE } from '../../project/valueSchema';

/** A scalar as written in a project file: a number in the declared unit or a quantity string. */
export type Amount = number | string;

const unitCache = new Map<string, Unit | undefined>();

/** The parsed declared unit (`ms`, `S/cm2`, `1`), or undefined for text that is not a unit. */
export function unitOf(text: string): Unit | undefined {
  if (!unitCache.has(text)) unitCache.set(text, parseUnitText(text));
  return unitCache.get(text);
}

/** True for a unit that shows nothing after the number (`1`, empty). */
export function isUnitless(unitText: string): boolean {
  const t = unitText.trim();
  return t === '' || t === '1';
}

/** The unit as a label next to a field: empty for dimensionless. */
export function unitLabel(unitText: string): string {
  return isUnitless(unitText) ? '' : unitText;
}

/** A number without binary noise (0.30000000000000004 → "0.3"). */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  return String(Number.parseFloat(x.toPrecision(10)));
}

/** Splits `"12 ms"` into the number and the unit text; undefined if it is not number-then-unit. */
export function splitQuantity(text: string): { value: number; unitText: string } | undefined {
  const m = QUANTITY_RE.exec(text);
  if (!m) return undefined;
  const value = Number(m[1]);
  return Number.isFinite(value) ? { value, unitText: m[2] } : undefined;
}

/**
 * An amount in the declared unit, as a number: `"0.01 s"` with unit `ms` is 10. Undefined when the
 * text is not a quantity or its dimension differs from the declared unit's.
 */
export function toDeclared(amount: Amount, unitText: string): number | undefined {
  if (typeof amount === 'number') return Number.isFinite(amount) ? amount : undefined;
  const q = splitQuantity(amount);
  if (!q) return undefined;
  const declared = unitOf(unitText);
  const own = unitOf(q.unitText);
  if (!declared || !own) return undefined;
  if (!dimEquals(declared.dim, own.dim)) return undefined;
  return Number.parseFloat(((q.value * own.scale) / declared.scale).toPrecision(12));
}

/** What a field writes for a number in the declared unit: `"12.5 ms"`, or a bare number if unitless. */
export function quantityValue(value: number, unitText: string): Amount {
  return isUnitless(unitText) ? Number.parseFloat(formatNumber(value)) : `${formatNumber(value)} ${unitText.trim()}`;
}

/**
 * The text a field shows for an amount: the bare number when it is in the declared unit (the unit
 * is shown beside the field), the whole string when it carries another unit (`"0.01 s"`).
 */
export function amountFieldText(amount: Amount, unitText: string): string {
  if (typeof amount === 'number') return formatNumber(amount);
  const q = splitQuantity(amount);
  if (q && (q.unitText.trim() === unitText.trim() || (isUnitless(q.unitText) && isUnitless(unitText)))) return formatNumber(q.value);
  return amount.trim();
}

/** `"= 10 ms"` for an amount written in another unit than the declared one; empty otherwise. */
export function conversionHint(amount: Amount, unitText: string): string {
  if (typeof amount === 'number') return '';
  const q = splitQuantity(amount);
  if (!q || q.unitText.trim() === unitText.trim() || isUnitless(q.unitText)) return '';
  const v = toDeclared(amount, unitText);
  return v === undefined ? '' : `= ${formatNumber(v)}${isUnitless(unitText) ? '' : ` ${unitText}`}`;
}

export type AmountParse = { readonly ok: true; readonly value: Amount; readonly declared: number } | { readonly ok: false; readonly error: string };

/**
 * Parses what a user typed into an amount field. A bare number is in the declared unit and is
 * written as a quantity string with that unit; a quantity with another unit of the same dimension
 * (`0.01 s` for a value in ms) is kept as typed.
 */
export function parseAmountText(text: string, unitText: string): AmountParse {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: 'enter a value' };
  const q = splitQuantity(trimmed);
  if (!q) return { ok: false, error: `'${trimmed}' is not a number${isUnitless(unitText) ? '' : ` or a quantity such as "1 ${unitText}"`}` };
  if (q.unitText === '' || q.unitText.trim() === unitText.trim()) return { ok: true, value: quantityValue(q.value, unitText), declared: q.value };
  const own = unitOf(q.unitText);
  if (!own) return { ok: false, error: `unknown unit '${q.unitText}'` };
  const declared = toDeclared(trimmed, unitText);
  if (declared === undefined) {
    const expected = unitOf(unitText);
    const what = expected ? (isUnitless(unitText) ? 'dimensionless' : `in ${unitText}`) : `in '${unitText}'`;
    return { ok: false, error: `${q.unitText} (${describeDim(own.dim)}) cannot be converted: this value is ${what}` };
  }
  return { ok: true, value: `${formatNumber(q.value)} ${q.unitText.trim()}`, declared };
}

/** Why an amount from the document cannot be read in the declared unit, or undefined if it can. */
export function amountProblem(amount: Amount, unitText: string): string | undefined {
  if (toDeclared(amount, unitText) !== undefined) return undefined;
  const parsed = parseAmountText(String(amount), unitText);
  return parsed.ok ? undefined : parsed.error;
}
