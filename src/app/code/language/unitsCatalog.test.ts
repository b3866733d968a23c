import { describe, expect, it } from 'vitest';
import { lookupUnitAtom, parseUnitText } from '../../../model/units';
import { COMMON_UNITS, COMPOUND_UNITS, describeUnitAtom, UNIT_ATOMS } from './unitsCatalog';

const LETTERS = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZµ'];

/**
 * Every string of 1 to 3 letters that the compiler accepts, and every SI prefix in front of one of
 * those (units.ts prefixes only base units, which are accepted on their own): `kohm`, `mmol`.
 */
function* candidates(): Generator<string> {
  let level = [''];
  const bases: string[] = [];
  for (let n = 1; n <= 3; n++) {
    level = level.flatMap((s) => LETTERS.map((c) => s + c));
    for (const s of level) if (lookupUnitAtom(s) !== undefined) bases.push(s);
  }
  yield* bases;
  for (const s of bases) for (const p of 'pnuµmckMG') yield p + s;
}

describe('unit catalog', () => {
  it('lists exactly the atoms the compiler accepts', () => {
    const listed = new Set(UNIT_ATOMS.map((u) => u.atom));
    for (const atom of listed) expect(lookupUnitAtom(atom), atom).toBeDefined();
    const missing = new Set<string>();
    for (const c of candidates()) {
      if (lookupUnitAtom(c) === undefined) continue;
      for (const atom of [c, `${c}2`, `${c}3`]) if (lookupUnitAtom(atom) !== undefined && !listed.has(atom)) missing.add(atom);
    }
    expect([...missing]).toEqual([]);
  });

  it('describes atoms in words', () => {
    expect(describeUnitAtom('mS')).toBe('mS — millisiemens, conductance');
    expect(describeUnitAtom('Mohm')).toBe('Mohm — megaohm, resistance');
    expect(describeUnitAtom('ms')).toBe('ms — millisecond, time');
    expect(describeUnitAtom('cm2')).toBe('cm2 — square centimetre, area');
    expect(describeUnitAtom('uF')).toBe('uF — microfarad, capacitance');
    expect(describeUnitAtom('tau')).toBeUndefined();
  });

  it('offers only units the compiler accepts', () => {
    for (const u of COMMON_UNITS) expect(lookupUnitAtom(u), u).toBeDefined();
    for (const c of COMPOUND_UNITS) expect(parseUnitText(c.text), c.text).toBeDefined();
  });
});
