import { describe, expect, it } from 'vitest';
import { compileModel } from './compile';
import type { Expr, ModelIR } from './ir';
import { evaluate } from './evaluate';

const SOURCE = `## A small test cell.
## Second doc line.
model Small : cell

params
  tau   = 10 ms       # membrane time constant
  gL    = 0.1 mS/cm2  # leak conductance density
  cm    = 1 uF/cm2    # capacitance density
  E     = -65 mV
  thr   = -50 mV
  a     = 0.02/ms
  inc   = 2 nA
  t_ref = 2 ms
  vmin  = -90 mV

inputs
  I : uA/cm2          # injected current density

states
  v = E               # membrane potential
  w : nA = 0 nA       # adaptation current
  x : 1 = 0

definitions
  total = leak + I    # summed current density
  leak  = gL * (E - v)
  rate  = a * 2

equations
  dv/dt = total / cm (unless refractory)
  dw/dt = -w / tau
  dx/dt = -rate * x

clamp
  v = max(v, vmin)

spike v >= thr

reset
  v = E
  w += inc
  x -= 1

refractory t_ref
`;

function compile(source: string): ModelIR {
  const r = compileModel(source);
  if (!r.ir) throw new Error(JSON.stringify(r.diagnostics));
  return r.ir;
}

describe('the IR of a small model', () => {
  const ir = compile(SOURCE);

  it('has the header, doc and no diagnostics', () => {
    expect(compileModel(SOURCE).diagnostics).toEqual([]);
    expect(ir.name).toBe('Small');
    expect(ir.kind).toBe('cell');
    expect(ir.doc).toBe('A small test cell.\nSecond doc line.');
    expect(ir.source).toBe(SOURCE);
  });

  it('stores parameter defaults in canonical units, with the unit as written', () => {
    const p = Object.fromEntries(ir.params.map((q) => [q.name, q]));
    expect(p.tau).toMatchObject({ defaultValue: 10, unit: { text: 'ms' }, description: 'membrane time constant', span: { line: 6, col: 3 } });
    expect(p.gL.unit.text).toBe('mS/cm2');
    expect(p.gL.defaultValue).toBeCloseTo(1e-6, 18); // 0.1 mS/cm2 = 1e-6 uS/um2
    expect(p.cm.defaultValue).toBeCloseTo(1e-5, 18); // 1 uF/cm2 = 1e-5 nF/um2
    expect(p.E).toMatchObject({ defaultValue: -65, unit: { text: 'mV' }, description: '' });
    expect(p.a).toMatchObject({ defaultValue: 0.02, unit: { text: '1/ms' } });
    expect(p.inc.defaultValue).toBe(2);
  });

  it('gives states their units (annotation, or from the initial value)', () => {
    expect(ir.states.map((s) => [s.name, s.unit.text])).toEqual([
      ['v', 'mV'],
      ['w', 'nA'],
      ['x', '1'],
    ]);
    expect(ir.states[0].init).toEqual({ k: 'sym', name: 'E' });
    expect(ir.states[0].description).toBe('membrane potential');
    expect(ir.inputs).toMatchObject([{ name: 'I', unit: { text: 'uA/cm2' }, description: 'injected current density' }]);
  });

  it('orders definitions topologically', () => {
    expect(ir.definitions.map((d) => d.name)).toEqual(['leak', 'total', 'rate']);
    expect(ir.definitions[1]).toMatchObject({ description: 'summed current density', unit: { text: 'nA/um2' } });
    expect(ir.definitions[2].unit.text).toBe('kHz');
  });

  it('marks (unless refractory) per equation', () => {
    expect(ir.equations.map((e) => [e.state, e.unlessRefractory])).toEqual([
      ['v', true],
      ['w', false],
      ['x', false],
    ]);
  });

  it('evaluates dv/dt in canonical units: (I + gL(E - v)) / cm', () => {
    const env: Record<string, number> = { E: -65, gL: 1e-6, cm: 1e-5, v: -70, I: 1e-5 /* 1 uA/cm2 */ };
    const defs = Object.fromEntries(ir.definitions.map((d) => [d.name, d.expr]));
    const look = (n: string): number => (n in env ? env[n] : evaluate(defs[n], look));
    // (1 uA/cm2 + 0.1 mS/cm2 * 5 mV) / 1 uF/cm2 = (1 + 0.5) uA/uF = 1.5 mV/ms
    expect(evaluate(ir.equations[0].rhs, look)).toBeCloseTo(1.5, 12);
  });

  it('keeps reset operators, clamp, spike and refractory as separate fields', () => {
    expect(ir.reset.map((r) => [r.target, r.op])).toEqual([
      ['v', '='],
      ['w', '+='],
      ['x', '-='],
    ]);
    expect(ir.reset[1].expr).toEqual({ k: 'sym', name: 'inc' });
    expect(ir.clamp).toMatchObject([{ target: 'v', op: '=', expr: { k: 'call', fn: 'max' } }]);
    expect(ir.spike).toEqual({ k: 'bin', op: '>=', a: { k: 'sym', name: 'v' }, b: { k: 'sym', name: 'thr' } });
    expect(ir.refractory).toEqual({ k: 'sym', name: 't_ref' });
    expect(ir.onPre).toEqual([]);
    expect(ir.current).toBeUndefined();
  });
});

describe('quantities: declared names take precedence over unit names', () => {
  const withV = (rhs: string) => `model A : cell
states
  V = 1 mV
  S : 1 = 0
equations
  dV/dt = ${rhs}
  dS/dt = 0/ms
`;
  const rhsOf = (source: string): Expr => compile(source).equations[0].rhs;

  it('`5 mV/ms * V / (1 mV)` multiplies by the state V, not by a volt', () => {
    expect(rhsOf(withV('5 mV/ms * V / (1 mV)'))).toEqual({
      k: 'bin',
      op: '/',
      a: { k: 'bin', op: '*', a: { k: 'num', v: 5 }, b: { k: 'sym', name: 'V' } },
      b: { k: 'num', v: 1 },
    });
  });
  it('after `/` too: `3 mV / S / ms` divides by the state S', () => {
    const e = rhsOf(withV('3 mV / S / ms')) as Extract<Expr, { k: 'bin' }>;
    expect(e.op).toBe('/');
    expect(e.a).toEqual({ k: 'bin', op: '/', a: { k: 'num', v: 3 }, b: { k: 'sym', name: 'S' } });
  });
  it('undeclared unit names still form quantities', () => {
    const ir = compile(`model A : cell
params
  g = 0.12 S/cm2
  r = 8 mV/ms
  k = 0.04 /mV/ms
  q = 2 cm^2
  p = 3 mV^-1
states
  v = 0 mV
equations
  dv/dt = g * q / (1 nF) * v * 1 ms/ms + r + k * v^2 + p * v * 1 mV/ms
`);
    const p = Object.fromEntries(ir.params.map((q) => [q.name, q.defaultValue]));
    expect(p.g).toBeCloseTo(0.0012, 15);
    expect(p.r).toBe(8);
    expect(p.k).toBeCloseTo(0.04, 15);
    expect(p.q).toBeCloseTo(2e8, 6);
    // `3 mV^-1` is 3 per mV, not (3 mV)^-1
    expect(p.p).toBeCloseTo(3, 15);
    expect(ir.params.find((q) => q.name === 'p')!.unit.text).toBe('mV^-1');
  });
  it('a unit alone is that unit: 0.02/ms', () => {
    expect(compile(`model A : cell
params
  a = 0.02/ms
states
  v = 0 mV
equations
  dv/dt = -a * v
`).params[0].defaultValue).toBe(0.02);
  });
  it('(unless refractory) still follows a quantity', () => {
    const ir = compile(`model A : cell
params
  thr = 1 mV
states
  v = 0 mV
equations
  dv/dt = 5 mV/ms (unless refractory)
spike v >= thr
refractory 2 ms
`);
    expect(ir.equations[0]).toMatchObject({ unlessRefractory: true, rhs: { k: 'num', v: 5 } });
  });
  it('a name declared in a parameter default context is not a unit there either', () => {
    const r = compileModel(`model A : cell
params
  g = 1 * mV
  mV = 3
states
  v = 0 uV
equations
  dv/dt = g * mV / 1 ms
`);
    expect(r.ir).toBeUndefined();
    expect(r.diagnostics.find((d) => d.code === 'not-constant')).toMatchObject({ line: 3, col: 11 });
  });
  it('a parenthesised expression may continue over lines', () => {
    const ir = compile(`model A : cell
params
  tau = 10 ms
states
  v = 0 mV
equations
  dv/dt = (-v
           + 1 mV) / tau
`);
    expect(ir.equations).toHaveLength(1);
  });
});

describe('channels', () => {
  it('compile with a current and may assign their inputs in reset', () => {
    const r = compileModel(`model Ch : channel
params
  g = 1 uS
  E = -80 mV
inputs
  v : mV
states
  n = steady
equations
  dn/dt = (1 - n) / (2 ms) - n / (3 ms)
current
  i = g * n * (v - E)
`);
    expect(r.diagnostics).toEqual([]);
    expect(r.ir!.current).toMatchObject({ name: 'i', unit: { text: 'nA' } });
    expect(r.ir!.states[0].init).toBe('steady');
  });
});
