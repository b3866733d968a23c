import { describe, expect, it } from 'vitest';
import { CodeBuilder, moduleBytes, OP, SIMD, sleb, uleb, wasmSimdSupported } from './binary';
import { emitCos2Pi, emitExp, emitExprel, emitLog, emitTanh } from './vectorMath';

/** Runs an emitter over float32 inputs, four at a time, in a one-function module. */
function vectorFunction(emit: (c: CodeBuilder) => void): (xs: readonly number[]) => Float32Array {
  const c = new CodeBuilder(1);
  // step(offset): memory[offset + 16] = f(memory[offset])
  c.get(0).get(0).simdMem(SIMD.load, 0);
  emit(c);
  c.simdMem(SIMD.store, 16).i32(0);
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 1 });
  const run = new WebAssembly.Instance(new WebAssembly.Module(moduleBytes([{ name: 'step', params: ['i32'], code: c }], 1)), { env: { memory } }).exports.step as (offset: number) => number;
  const lanes = new Float32Array(memory.buffer, 0, 8);
  return (xs) => {
    const out = new Float32Array(xs.length);
    for (let k = 0; k < xs.length; k += 4) {
      for (let j = 0; j < 4; j++) lanes[j] = xs[k + j] ?? 0;
      run(0);
      for (let j = 0; j < 4 && k + j < xs.length; j++) out[k + j] = lanes[4 + j];
    }
    return out;
  };
}

const grid = (from: number, to: number, count: number): number[] => Array.from({ length: count }, (_, k) => Math.fround(from + ((to - from) * k) / (count - 1)));

/** Largest error relative to the float64 value, counted in float32 epsilons (2^-23). */
function worstUlps(f: (xs: readonly number[]) => Float32Array, reference: (x: number) => number, xs: readonly number[]): number {
  const ys = f(xs);
  let worst = 0;
  xs.forEach((x, k) => {
    const want = reference(x);
    if (!Number.isFinite(want) || want === 0) return;
    worst = Math.max(worst, Math.abs(ys[k] - want) / Math.abs(want) / 2 ** -23);
  });
  return worst;
}

describe.runIf(wasmSimdSupported())('vector elementary functions (float32 lanes)', () => {
  it('exp is within 2 ulp over the normal range, with JavaScript special values', () => {
    const exp = vectorFunction(emitExp);
    expect(worstUlps(exp, Math.exp, grid(-87, 88.5, 20001))).toBeLessThan(2);
    expect(worstUlps(exp, Math.exp, grid(-1e-3, 1e-3, 2001))).toBeLessThan(2);
    expect([...exp([0, 89, -88, NaN, Infinity, -Infinity, 1, -1])]).toEqual([1, Infinity, 0, NaN, Infinity, 0, Math.fround(Math.E), Math.fround(1 / Math.E)]);
  });

  it('log is within 2 ulp on positive numbers; 0 → −∞, negative → NaN', () => {
    const log = vectorFunction(emitLog);
    const xs = [...grid(1e-30, 1e-20, 1001), ...grid(1e-3, 10, 20001), ...grid(10, 3e38, 2001)];
    expect(worstUlps(log, Math.log, xs.filter((x) => Math.abs(Math.log(x)) > 1e-3))).toBeLessThan(2);
    const nearOne = grid(0.999, 1.001, 2001).filter((x) => x !== 1);
    const absolute = log(nearOne).reduce((m, y, k) => Math.max(m, Math.abs(y - Math.log(nearOne[k]))), 0);
    expect(absolute).toBeLessThan(1e-10);
    expect([...log([0, -1, NaN, Infinity, 1])]).toEqual([-Infinity, NaN, NaN, Infinity, 0]);
  });

  it('exprel (e^x − 1)/x is within 3 ulp everywhere, 1 at 0, with no cancellation near 0', () => {
    const exprel = vectorFunction(emitExprel);
    const reference = (x: number) => (x === 0 ? 1 : Math.expm1(x) / x);
    expect(worstUlps(exprel, reference, [...grid(-80, 80, 20001), ...grid(-0.6, 0.6, 20001), ...grid(-1e-6, 1e-6, 101)])).toBeLessThan(3);
    expect([...exprel([0, 100, -Infinity])]).toEqual([1, Infinity, 0]);
  });

  it('cos(2πu) is within 2e-7 of Math.cos over (0, 1) and beyond', () => {
    const cos2pi = vectorFunction(emitCos2Pi);
    const us = [...grid(1e-7, 1, 40001), ...grid(-3, 3, 10001)];
    const ys = cos2pi(us);
    expect(us.reduce((m, u, k) => Math.max(m, Math.abs(ys[k] - Math.cos(2 * Math.PI * u))), 0)).toBeLessThan(2e-7);
  });

  it('tanh is within 3 ulp and odd; ±∞ → ±1', () => {
    const tanh = vectorFunction(emitTanh);
    expect(worstUlps(tanh, Math.tanh, [...grid(-20, 20, 20001), ...grid(-0.2, 0.2, 20001)])).toBeLessThan(3);
    expect([...tanh([Infinity, -Infinity, 0, NaN])]).toEqual([1, -1, 0, NaN]);
  });
});

describe('WebAssembly binary encoding', () => {
  it('writes LEB128 integers', () => {
    expect(uleb(0)).toEqual([0]);
    expect(uleb(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(sleb(-1)).toEqual([0x7f]);
    expect(sleb(-123456)).toEqual([0xc0, 0xbb, 0x78]);
    expect(sleb(64)).toEqual([0xc0, 0x00]);
  });

  it('builds a module that validates and runs', () => {
    const c = new CodeBuilder(1);
    c.get(0).i32(40).op(OP.i32Add);
    const run = new WebAssembly.Instance(new WebAssembly.Module(moduleBytes([{ name: 'step', params: ['i32'], code: c }], 1)), { env: { memory: new WebAssembly.Memory({ initial: 1 }) } }).exports.step as (x: number) => number;
    expect(run(2)).toBe(42);
  });
});
