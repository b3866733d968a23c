import { describe, expect, it } from 'vitest';
import { checkSpikeTimes, resampleLinear, resampleToSteps, sampleTimesMs, spikesInWindow } from './targets.ts';

const f64 = (...xs: number[]): Float64Array => Float64Array.from(xs);

describe('resampleLinear', () => {
  const trace = { tMs: f64(0, 1, 3, 4), values: f64(10, 20, 0, 5) };

  it('hits the samples and interpolates linearly between them', () => {
    const out = resampleLinear(trace, f64(0, 0.5, 1, 2, 2.5, 3.5, 4));
    expect(Array.from(out)).toEqual([10, 15, 20, 10, 5, 2.5, 5]);
  });

  it('is exact for any linear function on an irregular grid', () => {
    const tMs = f64(0.3, 0.35, 1.7, 2.05, 9.9);
    const line = (t: number): number => 2.5 * t - 7;
    const at = f64(0.3, 0.31, 1, 2, 5.5, 9.9);
    const out = resampleLinear({ tMs, values: tMs.map(line) }, at);
    at.forEach((t, i) => expect(out[i]).toBeCloseTo(line(t), 12));
  });

  it('gives NaN (no data) outside the target range, and keeps ends within rounding', () => {
    const out = resampleLinear(trace, f64(-0.1, 4.0000000000001, 4.1, -1e-12));
    expect(Number.isNaN(out[0])).toBe(true);
    expect(out[1]).toBe(5);
    expect(Number.isNaN(out[2])).toBe(true);
    expect(out[3]).toBe(10);
  });

  it('rejects malformed traces', () => {
    expect(() => resampleLinear({ tMs: f64(0, 1), values: f64(1) }, f64(0))).toThrow(/samples/);
    expect(() => resampleLinear({ tMs: f64(0, 0), values: f64(1, 2) }, f64(0))).toThrow(/strictly increasing/);
    expect(() => resampleLinear({ tMs: f64(), values: f64() }, f64(0))).toThrow(/empty/);
    expect(() => resampleLinear({ tMs: f64(0, Number.NaN), values: f64(1, 2) }, f64(0))).toThrow(/finite/);
  });

  it('handles a single-sample target (defined only at that time)', () => {
    const out = resampleLinear({ tMs: f64(2), values: f64(7) }, f64(1, 2, 3));
    expect(Number.isNaN(out[0])).toBe(true);
    expect(out[1]).toBe(7);
    expect(Number.isNaN(out[2])).toBe(true);
  });
});

describe('grid helpers', () => {
  it('samples the simulation grid at t = n·dt (the state before step n, as the engine records)', () => {
    expect(Array.from(sampleTimesMs(0.5, 3))).toEqual([0, 0.5, 1]);
    const out = resampleToSteps({ tMs: f64(0, 10), values: f64(0, 100) }, 0.1, 100);
    expect(out[0]).toBeCloseTo(0, 12);
    expect(out[99]).toBeCloseTo(99, 12);
    expect(() => resampleToSteps({ tMs: f64(0), values: f64(0) }, 0, 3)).toThrow(/dtMs/);
  });

  it('keeps target spikes inside [0, T] only', () => {
    expect(Array.from(spikesInWindow(f64(-1, 0, 3, 10, 10.5), 10))).toEqual([0, 3, 10]);
    expect(spikesInWindow(f64(), 10).length).toBe(0);
  });

  it('checks spike times', () => {
    expect(() => checkSpikeTimes(f64(1, 2, 2, 5))).not.toThrow();
    expect(() => checkSpikeTimes(f64(3, 1))).toThrow(/sorted/);
    expect(() => checkSpikeTimes(f64(Infinity))).toThrow(/finite/);
  });
});
