import { describe, expect, it } from 'vitest';
import { DiagnosticList } from '../model/diagnostics';
import type { Expr } from '../model/ir';
import { lowerExpr } from '../model/lower';
import { parseExpressionText } from '../model/parser';
import { DIMENSIONLESS, dimDiv, parseUnitText, type Dimension } from '../model/units';
import { printBrian2, type ExprContext } from './brian2Expr';
import { SECOND, VOLT } from './brian2Units';

/** Symbols of a small model: name → unit text. */
const SYMBOLS: Record<string, string> = { v: 'mV', v_rest: 'mV', R: 'Mohm', j: 'nA', tau_m: 'ms', m: '1', gNa: 'S/cm2', x: '1', I: 'nA', t: 'ms' };
const dimOf = (name: string): Dimension => parseUnitText(SYMBOLS[name])!.dim;

const ctx: ExprContext = {
  resolve: (name) => (name in SYMBOLS ? { text: name === 'I' ? 'I_ext' : name, dim: dimOf(name) } : name === 'pi' ? { text: 'pi', dim: DIMENSIONLESS } : undefined),
};

/** Lowers model-language text to IR, as the compiler does (numbers in canonical units). */
function ir(text: string): Expr {
  const diags = new DiagnosticList();
  const ast = parseExpressionText(text, diags)!;
  const lowered = lowerExpr(ast, { lookup: (name) => (name in SYMBOLS ? dimOf(name) : name === 'pi' ? DIMENSIONLESS : undefined), names: () => Object.keys(SYMBOLS), allowReductions: false, constantOnly: false }, diags);
  expect(diags.sorted().filter((d) => d.severity === 'error')).toEqual([]);
  return lowered.expr;
}

const print = (text: string, expected: Dimension | 'bool') => printBrian2(ir(text), expected, ctx);

describe('IR to Brian2 expressions with units', () => {
  it('gives each number the unit its place asks for', () => {
    expect(print('((v_rest - v) + R*j) / tau_m', dimDiv(VOLT, SECOND))).toEqual({ text: '(v_rest - v + R*j)/tau_m', canonical: false });
    expect(print('-(v + 40 mV) / (10 mV)', DIMENSIONLESS).text).toBe('-(v + 40*mV)/(10*mV)');
    expect(print('0.32 /ms * x / (exp(x) - 1)', dimDiv(DIMENSIONLESS, SECOND)).text).toBe('0.32/ms*x/(exp(x) - 1)');
    expect(print('gNa * m^3 * (v - 50 mV)', parseUnitText('uA/cm2')!.dim).text).toBe('gNa*m**3*(v - 50*mV)');
  });

  it('translates conditions, min/max, heaviside and conditionals', () => {
    expect(print('v >= -52 mV and m < 0.5', 'bool').text).toBe('v >= -52*mV and m < 0.5');
    expect(print('max(v, v_rest)', VOLT).text).toBe('clip(v, v_rest, inf*mV)');
    expect(print('min(v, -40 mV)', VOLT).text).toBe('clip(v, -inf*mV, -40*mV)');
    expect(print('heaviside(v - v_rest) * 2 mV', VOLT).text).toBe('int(v - v_rest >= 0*mV)*(2*mV)');
    let used = false;
    expect(printBrian2(ir('v > 0 mV ? v : v_rest'), VOLT, { ...ctx, onIfelse: () => (used = true) }).text).toBe('ifelse(v > 0*mV, v, v_rest)');
    expect(used).toBe(true);
  });

  it('uses the Brian2 spelling of symbols and keeps the grouping of the tree', () => {
    expect(print('I * R', VOLT).text).toBe('I_ext*R');
    expect(print('v - (v_rest - v)', VOLT).text).toBe('v - (v_rest - v)');
    expect(print('-(x^2)', DIMENSIONLESS).text).toBe('-x**2');
    expect(print('(-x)^2', DIMENSIONLESS).text).toBe('(-x)**2');
    expect(print('2*pi*t/(7 ms)', DIMENSIONLESS).text).toBe('2/ms*pi*t/7');
  });

  it('writes a value whose unit was simplified away as a unit conversion', () => {
    // `v / (1 mV)` lowers to v / 1, which simplification turns into v: dimensionless by declaration.
    expect(printBrian2({ k: 'sym', name: 'v' }, DIMENSIONLESS, ctx)).toEqual({ text: 'v/mV', canonical: false });
  });

  it('falls back to canonical numbers where the numbers cannot be given consistent units', () => {
    // v + 3: the 3 would have to be a voltage and, through exp, dimensionless at the same time.
    const e: Expr = { k: 'bin', op: '+', a: { k: 'sym', name: 'v' }, b: { k: 'call', fn: 'exp', args: [{ k: 'sym', name: 'v' }] } };
    expect(printBrian2(e, VOLT, ctx)).toEqual({ text: '(v/mV + exp(v/mV))*mV', canonical: true });
  });

  it('names rand() sites through the context', () => {
    const draw: Expr = { k: 'call', fn: 'rand', args: [] };
    const e: Expr = { k: 'bin', op: '<', a: draw, b: { k: 'sym', name: 'x' } };
    expect(printBrian2(e, 'bool', ctx).text).toBe('rand() < x');
    expect(printBrian2(e, 'bool', { ...ctx, draw: (node) => (node === draw ? 'rand_1' : undefined) }).text).toBe('rand_1 < x');
  });
});
