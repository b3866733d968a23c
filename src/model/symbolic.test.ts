import { describe, expect, it } from 'vitest';
import { compileModel, definitionMap } from './compile';
import { evaluate } from './evaluate';
import type { Expr } from './ir';
import { dependsOn, differentiate, inlineDefinitions, linearIn, simplify, substitute, symbolsOf } from './symbolic';
import { LIBRARY_SOURCES } from '../library';

/** A tiny seeded PRNG (mulberry32), so failures reproduce. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const x: Expr = { k: 'sym', name: 'x' };
const y: Expr = { k: 'sym', name: 'y' };
const num = (v: number): Expr => ({ k: 'num', v });
const bin = (op: '+' | '-' | '*' | '/' | '^' | '<' | '>' | '>=', a: Expr, b: Expr): Expr => ({ k: 'bin', op, a, b });
const call = (fn: 'exp' | 'log' | 'sqrt' | 'abs' | 'tanh' | 'sin' | 'cos' | 'pow' | 'min' | 'max' | 'clip' | 'heaviside', ...args: Expr[]): Expr => ({ k: 'call', fn, args });
const cond = (c: Expr, a: Expr, b: Expr): Expr => ({ k: 'cond', c, a, b });
const neg = (a: Expr): Expr => ({ k: 'un', op: 'neg', a });

/** Expressions over x (> 0 at the sample points) and y, covering every function and operator. */
const EXPRESSIONS: [string, Expr][] = [
  ['exp', call('exp', bin('*', num(0.3), x))],
  ['log', call('log', bin('+', x, y))],
  ['sqrt', call('sqrt', bin('*', x, y))],
  ['abs', call('abs', bin('-', x, num(1.7)))],
  ['tanh', call('tanh', bin('/', x, y))],
  ['sin', call('sin', bin('*', x, y))],
  ['cos', neg(call('cos', bin('-', x, y)))],
  ['pow const', call('pow', x, num(2.5))],
  ['pow var', call('pow', x, y)],
  ['pow base const', call('pow', num(1.3), bin('*', x, y))],
  ['^ const', bin('^', bin('+', x, num(1)), num(3))],
  ['^ negative', bin('^', x, num(-2))],
  ['^ variable', bin('^', x, bin('/', y, x))],
  ['min', call('min', bin('*', x, num(2)), bin('+', y, num(1)), num(2.2))],
  ['max', call('max', x, bin('*', y, y), bin('-', num(3), x))],
  ['clip', call('clip', bin('*', x, y), num(0.5), num(2))],
  ['clip var bounds', call('clip', bin('*', num(2), x), y, bin('+', bin('*', num(2), y), num(1)))],
  ['conditional', cond(bin('>', x, y), bin('*', x, x), bin('/', y, x))],
  ['heaviside', bin('*', call('heaviside', bin('-', x, num(1.5))), x)],
  ['quotient', bin('/', bin('-', x, y), bin('+', num(1), bin('*', x, x)))],
  ['hh rate', bin('/', bin('*', num(0.1), bin('+', x, num(40))), bin('-', num(1), call('exp', bin('/', neg(bin('+', x, num(40))), num(10)))))],
];

describe('differentiate', () => {
  it.each(EXPRESSIONS)('%s matches central differences at random points', (_, e) => {
    const random = rng(42);
    const dx = differentiate(e, 'x');
    const dy = differentiate(e, 'y');
    for (let k = 0; k < 200; k++) {
      const p = { x: 0.2 + 3 * random(), y: 0.2 + 3 * random() };
      const at = (q: { x: number; y: number }) => evaluate(e, (n) => q[n as 'x' | 'y']);
      const h = 1e-6;
      for (const [v, d] of [['x', dx], ['y', dy]] as const) {
        const plus = at({ ...p, [v]: p[v] + h });
        const minus = at({ ...p, [v]: p[v] - h });
        const here = at(p);
        // Skip points next to a kink or jump (min/max/clip/abs/conditional switching within ±h).
        if (Math.abs(plus - here - (here - minus)) > 1e-4 * Math.max(1, Math.abs(here))) continue;
        const fd = (plus - minus) / (2 * h);
        const exact = evaluate(d, (n) => p[n as 'x' | 'y']);
        expect(Math.abs(exact - fd), `${v} at ${JSON.stringify(p)}: ${exact} vs ${fd}`).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd)));
      }
    }
  });

  it('is zero for expressions that do not depend on the variable, and for heaviside/comparisons', () => {
    expect(differentiate(call('exp', y), 'x')).toEqual(num(0));
    expect(differentiate(call('heaviside', x), 'x')).toEqual(num(0));
    expect(differentiate(bin('>=', x, y), 'x')).toEqual(num(0));
    expect(differentiate({ k: 'reduce', op: 'sum', a: x }, 'x')).toEqual(num(0));
  });

  it('keeps simple derivatives small', () => {
    expect(differentiate(bin('*', num(3), x), 'x')).toEqual(num(3));
    expect(differentiate(bin('+', x, y), 'x')).toEqual(num(1));
    expect(differentiate(neg(x), 'x')).toEqual(num(-1));
  });
});

/** Compiles a model and returns dX/dt with definitions inlined. */
function inlinedRhs(source: string, state: string): Expr {
  const r = compileModel(source);
  if (!r.ir) throw new Error(JSON.stringify(r.diagnostics));
  const eq = r.ir.equations.find((e) => e.state === state)!;
  return inlineDefinitions(eq.rhs, definitionMap(r.ir));
}

const library = (name: string) => LIBRARY_SOURCES.find((s) => new RegExp(`^model ${name} :`, 'm').test(s.source))!.source;

describe('linearIn', () => {
  it('HH gate equations are linear in their gate, with B = -(alpha + beta)', () => {
    for (const gate of ['m', 'h']) {
      const f = inlinedRhs(library('Na'), gate);
      const split = linearIn(f, gate);
      expect(split, gate).toBeDefined();
      expect(dependsOn(split!.B, gate)).toBe(false);
      expect(dependsOn(split!.A, gate)).toBe(false);
      // A + B·g reproduces f at random points
      const random = rng(7);
      for (let k = 0; k < 20; k++) {
        const values: Record<string, number> = { v: -80 + 100 * random(), vt: -60, [gate]: random() };
        const look = (n: string) => values[n] ?? 1;
        const fv = evaluate(f, look);
        const lin = evaluate(split!.A, look) + evaluate(split!.B, look) * values[gate];
        expect(Math.abs(fv - lin)).toBeLessThan(1e-9 * Math.max(1, Math.abs(fv)));
      }
    }
  });

  it('the Izhikevich v equation is not linear in v; its u equation is', () => {
    const src = library('Izhikevich2003');
    expect(linearIn(inlinedRhs(src, 'v'), 'v')).toBeUndefined();
    expect(linearIn(inlinedRhs(src, 'u'), 'u')).toBeDefined();
  });

  it('LIF is linear with B = -1/tau_m and A = (v_rest + R j)/tau_m', () => {
    const f = inlinedRhs(library('LIF'), 'v');
    const split = linearIn(f, 'v')!;
    expect(split).toBeDefined();
    const values: Record<string, number> = { tau_m: 10, R: 1, v_rest: -65, j: 2 };
    const look = (n: string) => values[n] ?? NaN;
    expect(evaluate(split.B, look)).toBeCloseTo(-0.1, 12);
    expect(evaluate(split.A, look)).toBeCloseTo(-6.3, 12);
  });

  it('piecewise terms in the variable make an equation non-linear', () => {
    expect(linearIn(bin('*', call('abs', x), num(2)), 'x')).toBeUndefined();
    expect(linearIn(cond(bin('>', x, num(0)), x, neg(x)), 'x')).toBeUndefined();
    expect(linearIn(call('max', x, y), 'x')).toBeUndefined();
    // ... but piecewise terms in other symbols do not
    expect(linearIn(bin('+', call('abs', y), bin('*', cond(bin('>', y, num(0)), num(1), num(2)), x)), 'x')).toBeDefined();
    expect(linearIn(bin('*', x, x), 'x')).toBeUndefined();
    expect(linearIn(call('exp', x), 'x')).toBeUndefined();
  });
});

describe('simplify', () => {
  it.each<[string, Expr, Expr]>([
    ['x + 0', bin('+', x, num(0)), x],
    ['0 + x', bin('+', num(0), x), x],
    ['x - 0', bin('-', x, num(0)), x],
    ['0 - x', bin('-', num(0), x), neg(x)],
    ['x * 1', bin('*', x, num(1)), x],
    ['1 * x', bin('*', num(1), x), x],
    ['x * 0', bin('*', x, num(0)), num(0)],
    ['0 / x', bin('/', num(0), x), num(0)],
    ['x / 1', bin('/', x, num(1)), x],
    ['x ^ 0', bin('^', x, num(0)), num(1)],
    ['x ^ 1', bin('^', x, num(1)), x],
    ['--x', neg(neg(x)), x],
    ['-(3)', neg(num(3)), num(-3)],
    ['2 * 3 + 1', bin('+', bin('*', num(2), num(3)), num(1)), num(7)],
    ['2 ^ 10', bin('^', num(2), num(10)), num(1024)],
    ['exp(0)', call('exp', num(0)), num(1)],
    ['max(1, 4, 2)', call('max', num(1), num(4), num(2)), num(4)],
    ['c ? 2 : 2', cond(bin('>', x, y), num(2), num(2)), num(2)],
  ])('%s', (_, e, expected) => {
    expect(simplify(e)).toEqual(expected);
  });

  it('keeps what it cannot fold', () => {
    expect(simplify(bin('+', x, y))).toEqual(bin('+', x, y));
    expect(simplify(call('heaviside', num(1)))).toEqual(call('heaviside', num(1)));
  });
});

describe('substitute / symbolsOf', () => {
  it('renames symbols and lists them', () => {
    const e = bin('+', x, call('exp', y));
    expect([...symbolsOf(e)].sort()).toEqual(['x', 'y']);
    const renamed = substitute(e, (n) => (n === 'x' ? { k: 'sym', name: 'Na.x' } : undefined));
    expect([...symbolsOf(renamed)].sort()).toEqual(['Na.x', 'y']);
  });
});
