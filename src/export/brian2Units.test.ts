import { describe, expect, it } from 'vitest';
import { DIMENSIONLESS, parseUnitText, type Unit } from '../model/units';
import { AMPERE, canonicalQuantity, canonicalUnitExpr, declarationUnit, declaredUnitExpr, isReservedInBrian2, OHM, quantityInUnit, SECOND, SIEMENS, VOLT } from './brian2Units';
import { dimDiv, dimMul, dimPow } from '../model/units';

const unit = (text: string): Unit => parseUnitText(text)!;
const per = (d: typeof VOLT, e: typeof VOLT) => dimDiv(d, e);

describe('units for Brian2', () => {
  it('declares variables in base units, preferring one named unit', () => {
    expect(declarationUnit(VOLT)).toBe('volt');
    expect(declarationUnit(OHM)).toBe('ohm');
    expect(declarationUnit(DIMENSIONLESS)).toBe('1');
    expect(declarationUnit(per(VOLT, SECOND))).toBe('volt/second');
    expect(declarationUnit(per(SIEMENS, dimPow([1, 0, 0, 0, 0, 0], 2)))).toBe('siemens/metre**2');
    expect(declarationUnit(per(DIMENSIONLESS, SECOND))).toBe('1/second');
    expect(declarationUnit(per(DIMENSIONLESS, VOLT))).toBe('1/volt');
  });

  it('writes numbers in the canonical unit of their dimension (the engine’s numbers)', () => {
    expect(canonicalQuantity(-65, VOLT)).toBe('-65*mV');
    expect(canonicalQuantity(0.32, per(DIMENSIONLESS, SECOND))).toBe('0.32/ms');
    expect(canonicalQuantity(2.5, DIMENSIONLESS)).toBe('2.5');
    expect(canonicalQuantity(1.5, per(VOLT, SECOND))).toBe('1.5*mV/ms');
    expect(canonicalQuantity(-Infinity, AMPERE)).toBe('-inf*nA');
    expect(canonicalUnitExpr(dimMul(SIEMENS, dimPow([1, 0, 0, 0, 0, 0], -2)))).toBe('uS/um**2');
  });

  it('spells declared units the Brian2 way, and values in them', () => {
    expect(declaredUnitExpr(unit('S/cm2'))).toBe('siemens/cm**2');
    expect(declaredUnitExpr(unit('uA/cm2'))).toBe('uA/cm**2');
    expect(declaredUnitExpr(unit('Mohm'))).toBe('Mohm');
    expect(declaredUnitExpr(unit('1/ms'))).toBe('1/ms');
    expect(declaredUnitExpr(unit('mV^2'))).toBe('mV**2');
    expect(declaredUnitExpr(unit('µm'))).toBe('um');
    expect(quantityInUnit(0.05 * unit('S/cm2').scale, unit('S/cm2'))).toBe('0.05*siemens/cm**2');
    expect(quantityInUnit(-65, unit('mV'))).toBe('-65*mV');
    expect(quantityInUnit(0.04, unit('Hz'))).toBe('40*Hz');
    expect(quantityInUnit(0.5, unit('1/ms'))).toBe('0.5/ms');
    expect(quantityInUnit(3, unit('1'))).toBe('3');
  });

  it('knows the names Brian2 refuses for variables', () => {
    for (const name of ['i', 't', 'dt', 'N', 'xi_1', 'mV', 'cm', 'um2', 'msecond', 'ohm', 'exp', 'rand', 'pi', 'e', 'lambda', 'v_pre', '_x']) {
      expect(isReservedInBrian2(name), name).toBe(true);
    }
    for (const name of ['v', 'm', 'h', 'n', 'j', 'u', 'w', 'g', 'tau_m', 'Na_m', 'C', 'R', 'thr']) expect(isReservedInBrian2(name), name).toBe(false);
  });
});
