import { describe, expect, it } from 'vitest';
import { amountFieldText, amountProblem, conversionHint, formatNumber, parseAmountText, quantityValue, toDeclared, unitLabel } from './quantity';

describe('formatNumber', () => {
  it('drops binary noise and keeps short numbers short', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(-65)).toBe('-65');
    expect(formatNumber(1e-10)).toBe('1e-10');
    expect(formatNumber(10000000)).toBe('10000000');
    expect(formatNumber(-0)).toBe('0');
  });
});

describe('toDeclared', () => {
  it('reads numbers as already in the declared unit', () => {
    expect(toDeclared(12, 'ms')).toBe(12);
  });
  it('converts quantity strings to the declared unit', () => {
    expect(toDeclared('12 ms', 'ms')).toBe(12);
    expect(toDeclared('0.01 s', 'ms')).toBe(10);
    expect(toDeclared('-0.065 V', 'mV')).toBe(-65);
    expect(toDeclared('0.12 S/cm2', 'mS/cm2')).toBe(120);
    expect(toDeclared('3', '1')).toBe(3);
  });
  it('refuses another dimension or text that is not a quantity', () => {
    expect(toDeclared('5 mV', 'ms')).toBeUndefined();
    expect(toDeclared('fast', 'ms')).toBeUndefined();
    expect(toDeclared('5 parsecs', 'ms')).toBeUndefined();
  });
});

describe('quantityValue', () => {
  it('writes a quantity string in the declared unit, a number when dimensionless', () => {
    expect(quantityValue(12.5, 'ms')).toBe('12.5 ms');
    expect(quantityValue(0.1 + 0.2, 'nA')).toBe('0.3 nA');
    expect(quantityValue(0.7, '1')).toBe(0.7);
    expect(quantityValue(2, '')).toBe(2);
  });
});

describe('amountFieldText and conversionHint', () => {
  it('shows the bare number when the value is in the declared unit', () => {
    expect(amountFieldText('12 ms', 'ms')).toBe('12');
    expect(amountFieldText(-65, 'mV')).toBe('-65');
    expect(conversionHint('12 ms', 'ms')).toBe('');
  });
  it('shows the whole string and its conversion when it has another unit', () => {
    expect(amountFieldText('0.01 s', 'ms')).toBe('0.01 s');
    expect(conversionHint('0.01 s', 'ms')).toBe('= 10 ms');
  });
  it('hides the unit label of dimensionless values', () => {
    expect(unitLabel('1')).toBe('');
    expect(unitLabel('mV')).toBe('mV');
  });
});

describe('parseAmountText', () => {
  it('turns a bare number into a quantity in the declared unit', () => {
    expect(parseAmountText('12.5', 'ms')).toEqual({ ok: true, value: '12.5 ms', declared: 12.5 });
    expect(parseAmountText(' -70 ', 'mV')).toEqual({ ok: true, value: '-70 mV', declared: -70 });
    expect(parseAmountText('0.4', '1')).toEqual({ ok: true, value: 0.4, declared: 0.4 });
  });
  it('normalises a quantity typed in the declared unit', () => {
    expect(parseAmountText('12.5ms', 'ms')).toEqual({ ok: true, value: '12.5 ms', declared: 12.5 });
  });
  it('keeps a quantity typed in another unit of the same dimension', () => {
    expect(parseAmountText('0.01 s', 'ms')).toEqual({ ok: true, value: '0.01 s', declared: 10 });
    expect(parseAmountText('20 pA', 'nA')).toEqual({ ok: true, value: '20 pA', declared: 0.02 });
  });
  it('explains what is wrong', () => {
    expect(parseAmountText('', 'ms')).toEqual({ ok: false, error: 'enter a value' });
    const notNumber = parseAmountText('abc', 'ms');
    expect(notNumber.ok).toBe(false);
    expect(!notNumber.ok && notNumber.error).toMatch(/not a number/);
    const wrongDim = parseAmountText('5 mV', 'ms');
    expect(!wrongDim.ok && wrongDim.error).toMatch(/cannot be converted.*in ms/);
    const unknown = parseAmountText('5 furlongs', 'ms');
    expect(!unknown.ok && unknown.error).toMatch(/unknown unit 'furlongs'/);
    expect(parseAmountText('1.2.3', 'ms').ok).toBe(false);
  });
  it('amountProblem reports document values that do not fit the unit', () => {
    expect(amountProblem('5 mV', 'ms')).toMatch(/cannot be converted/);
    expect(amountProblem('5 ms', 'ms')).toBeUndefined();
    expect(amountProblem(5, 'ms')).toBeUndefined();
  });
});
