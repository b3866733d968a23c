import { describe, expect, it } from 'vitest';
import { numberText, parseNumberText } from './numberText';

describe('parseNumberText', () => {
  it('parses numbers', () => {
    expect(parseNumberText('0.1')).toEqual({ ok: true, value: 0.1 });
    expect(parseNumberText(' -3e2 ')).toEqual({ ok: true, value: -300 });
  });
  it('applies the schema constraints', () => {
    expect(parseNumberText('0', { min: 0, exclusiveMin: true })).toEqual({ ok: false, error: 'must be > 0' });
    expect(parseNumberText('-1', { min: 0 })).toEqual({ ok: false, error: 'must be ≥ 0' });
    expect(parseNumberText('1.5', { integer: true })).toEqual({ ok: false, error: 'enter a whole number' });
    expect(parseNumberText('2', { max: 1 })).toEqual({ ok: false, error: 'must be ≤ 1' });
    expect(parseNumberText('abc').ok).toBe(false);
    expect(parseNumberText('1e999').ok).toBe(false);
  });
  it('treats an empty optional field as not set', () => {
    expect(parseNumberText('', { optional: true })).toEqual({ ok: true, value: undefined });
    expect(parseNumberText('')).toEqual({ ok: false, error: 'enter a number' });
  });
  it('formats without noise', () => {
    expect(numberText(0.1 + 0.2)).toBe('0.3');
    expect(numberText(undefined)).toBe('');
  });
});
