import { describe, expect, it } from 'vitest';
import {
  DIMENSIONLESS,
  canonicalUnit,
  describeDim,
  dimDiv,
  dimEquals,
  dimMul,
  dimPow,
  isDimensionless,
  lookupUnitAtom,
  parseQuantityText,
  parseUnitText,
  unitDiv,
  unitMul,
  unitPow,
  type Dimension,
} from './units';

const unit = (name: string) => {
  const u = lookupUnitAtom(name);
  if (!u) throw new Error(`no unit ${name}`);
  return u;
};
const close = (a: number, b: number) => expect(Math.abs(a - b) / Math.max(Math.abs(b), 1e-300)).toBeLessThan(1e-12);

describe('lookupUnitAtom', () => {
  it.each([
    // canonical set: mV, ms, nA, MΩ, µS, nF, µm
    ['mV', 1, 'mV'],
    ['V', 1e3, 'mV'],
    ['uV', 1e-3, 'mV'],
    ['nA', 1, 'nA'],
    ['pA', 1e-3, 'nA'],
    ['uA', 1e3, 'nA'],
    ['mA', 1e6, 'nA'],
    ['nS', 1e-3, 'uS'],
    ['uS', 1, 'uS'],
    ['mS', 1e3, 'uS'],
    ['S', 1e6, 'uS'],
    ['Mohm', 1, 'Mohm'],
    ['kohm', 1e-3, 'Mohm'],
    ['ohm', 1e-6, 'Mohm'],
    ['Gohm', 1e3, 'Mohm'],
    ['pF', 1e-3, 'nF'],
    ['nF', 1, 'nF'],
    ['uF', 1e3, 'nF'],
    ['ms', 1, 'ms'],
    ['s', 1e3, 'ms'],
    ['us', 1e-3, 'ms'],
    ['Hz', 1e-3, 'kHz'],
    ['kHz', 1, 'kHz'],
    ['um', 1, 'um'],
    ['µm', 1, 'um'],
    ['cm', 1e4, 'um'],
    ['mm', 1e3, 'um'],
  ])('%s = %d canonical (%s)', (name, scale, canonical) => {
    const u = unit(name);
    close(u.scale, scale);
    expect(u.text).toBe(name);
    expect(canonicalUnit(u.dim).text).toBe(canonical);
  });

  it('area shorthands square the length', () => {
    close(unit('cm2').scale, 1e8);
    close(unit('um2').scale, 1);
    close(unit('mm3').scale, 1e9);
    expect(dimEquals(unit('cm2').dim, dimPow(unit('cm').dim, 2))).toBe(true);
  });

  it('rejects non-units, including Object.prototype names', () => {
    for (const name of ['m', 'M', 'x', 'v', 'mv', 'MV', 'ohms', 'S2', 'ms2', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'constructor2', 'xV', 'qms', '']) {
      expect(lookupUnitAtom(name), name).toBeUndefined();
    }
  });
});

describe('canonical scales of derived units', () => {
  it('1 S/cm2 is 0.01 uS/um2', () => {
    const u = parseUnitText('S/cm2')!;
    close(u.scale, 0.01);
    expect(canonicalUnit(u.dim).text).toBe('uS/um2');
  });
  it('1 uF/cm2 is 1e-5 nF/um2', () => {
    const u = parseUnitText('uF/cm2')!;
    close(u.scale, 1e-5);
    expect(canonicalUnit(u.dim).text).toBe('nF/um2');
  });
  it('1 Hz is 0.001 /ms', () => {
    close(unit('Hz').scale, 0.001);
    const perMs = parseUnitText('1/ms')!;
    expect(dimEquals(perMs.dim, unit('Hz').dim)).toBe(true);
    close(perMs.scale, 1);
  });
  it('uA/cm2 is nA/um2 · 1e-5, and mV/ms is canonical', () => {
    close(parseUnitText('uA/cm2')!.scale, 1e-5);
    expect(canonicalUnit(parseUnitText('uA/cm2')!.dim).text).toBe('nA/um2');
    close(parseUnitText('mV/ms')!.scale, 1);
  });
  it('Ohm’s law holds in canonical units: Mohm · nA = mV, nA / mV = uS, uS · ms = nF', () => {
    expect(dimEquals(dimMul(unit('Mohm').dim, unit('nA').dim), unit('mV').dim)).toBe(true);
    expect(dimEquals(dimDiv(unit('nA').dim, unit('mV').dim), unit('uS').dim)).toBe(true);
    expect(dimEquals(dimMul(unit('uS').dim, unit('ms').dim), unit('nF').dim)).toBe(true);
    // and the scales are consistent: 1 Mohm * 1 nA is exactly 1 mV
    close(unit('Mohm').scale * unit('nA').scale, unit('mV').scale);
  });
});

describe('parseUnitText / parseQuantityText', () => {
  it('parses products, quotients, powers and 1', () => {
    expect(parseUnitText('')!.text).toBe('1');
    expect(parseUnitText('1')!.text).toBe('1');
    expect(isDimensionless(parseUnitText('mV/mV')!.dim)).toBe(true);
    close(parseUnitText('S/cm^2')!.scale, 0.01);
    close(parseUnitText('mV*ms')!.scale, 1);
    close(parseUnitText(' mS / cm2 ')!.scale, 1e-5);
    close(parseUnitText('ms^-1')!.scale, 1);
    expect(dimEquals(parseUnitText('ms^-1')!.dim, unit('kHz').dim)).toBe(true);
    expect(parseUnitText('S/cm2')!.text).toBe('S/cm2');
  });
  it('rejects unknown atoms and junk', () => {
    for (const t of ['foo', 'mV/foo', 'mV+ms', 'mV)', '2', 'constructor', '__proto__/ms', 'mV ms x']) expect(parseUnitText(t), t).toBeUndefined();
  });
  it('parses quantities', () => {
    expect(parseQuantityText('-65 mV')).toMatchObject({ value: -65, unit: { text: 'mV' } });
    expect(parseQuantityText('0.12 S/cm2')?.value).toBe(0.12);
    expect(parseQuantityText('3')).toMatchObject({ value: 3, unit: { text: '1' } });
    expect(parseQuantityText('1e-3 ms')?.value).toBe(1e-3);
    expect(parseQuantityText('.5nA')?.value).toBe(0.5);
    expect(parseQuantityText('mV')).toBeUndefined();
    expect(parseQuantityText('5 furlongs')).toBeUndefined();
  });
});

describe('dimension algebra', () => {
  const V = unit('V').dim;
  const s = unit('s').dim;
  it('mul/div/pow are exponent arithmetic', () => {
    expect(dimEquals(dimDiv(dimMul(V, s), s), V)).toBe(true);
    expect(dimEquals(dimPow(dimPow(V, 2), 0.5), V)).toBe(true);
    expect(isDimensionless(dimDiv(V, V))).toBe(true);
    expect(isDimensionless(dimPow(V, 0))).toBe(true);
    expect(dimEquals(DIMENSIONLESS, [0, 0, 0, 0, 0, 0] as Dimension)).toBe(true);
    expect(dimEquals(V, s)).toBe(false);
  });
  it('unitMul/unitDiv/unitPow combine text, dimension and scale', () => {
    const perCm2 = unitDiv(unit('mS'), unitPow(unit('cm'), 2));
    expect(perCm2.text).toBe('mS/cm^2');
    close(perCm2.scale, 1e-5);
    const product = unitMul(unit('mV'), unit('ms'));
    expect(product.text).toBe('mV*ms');
    expect(unitDiv(unit('mV'), product).text).toBe('mV/(mV*ms)');
    close(unitPow(unit('V'), -1).scale, 1e-3);
  });
  it('describeDim names canonical units, or base-unit products', () => {
    expect(describeDim(unit('mV').dim)).toBe('mV');
    expect(describeDim(dimDiv(unit('mV').dim, unit('ms').dim))).toBe('mV/ms');
    expect(describeDim(DIMENSIONLESS)).toBe('1');
    expect(describeDim(dimPow(unit('mV').dim, 2))).toMatch(/\^/);
  });
});
