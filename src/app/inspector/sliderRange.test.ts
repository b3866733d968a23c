import { describe, expect, it } from 'vitest';
import { niceAbove, niceBelow, rangeAround, sliderRangeFor, snap, stepFor } from './sliderRange';

describe('nice numbers', () => {
  it('rounds onto the 1-2-5 grid', () => {
    expect(niceAbove(3)).toBe(5);
    expect(niceAbove(120)).toBe(200);
    expect(niceAbove(1000)).toBe(1000);
    expect(niceBelow(0.13)).toBeCloseTo(0.1);
    expect(niceBelow(0.37)).toBeCloseTo(0.2);
    expect(niceBelow(7)).toBe(5);
  });
  it('makes about 500 steps per range', () => {
    expect(stepFor(0, 50)).toBe(0.1);
    expect(stepFor(-115, -15)).toBe(0.2);
    expect(stepFor(0, 0)).toBe(1);
  });
});

describe('sliderRangeFor', () => {
  const base = { min: 0, max: 50 };
  it('uses the catalog range when the value is inside', () => {
    expect(sliderRangeFor(base, 12)).toEqual({ min: 0, max: 50, step: 0.1 });
    expect(sliderRangeFor(base, undefined)).toEqual({ min: 0, max: 50, step: 0.1 });
  });
  it('widens to take in a value above, onto a nice bound', () => {
    const r = sliderRangeFor(base, 80);
    expect(r.min).toBe(0);
    expect(r.max).toBe(100);
    expect(r.max).toBeGreaterThanOrEqual(80);
  });
  it('widens to take in a value below', () => {
    const r = sliderRangeFor({ min: -115, max: -15 }, -300);
    expect(r.min).toBeLessThanOrEqual(-300);
    expect(r.max).toBe(-15);
    const pos = sliderRangeFor({ min: 10, max: 20 }, 4);
    expect(pos.min).toBeLessThanOrEqual(4);
    expect(pos.min).toBeGreaterThanOrEqual(0);
  });
  it('keeps a widened range while the value moves back inside', () => {
    const wide = sliderRangeFor(base, 80);
    expect(sliderRangeFor(base, 20, wide)).toBe(wide);
    const wider = sliderRangeFor(base, 700, wide);
    expect(wider.min).toBe(0);
    expect(wider.max).toBeGreaterThanOrEqual(700);
  });
  it('opens up a degenerate range', () => {
    const r = sliderRangeFor({ min: 0, max: 0 }, 0);
    expect(r.max).toBeGreaterThan(r.min);
  });
});

describe('snap', () => {
  it('removes the noise of summed steps', () => {
    expect(snap(12.300000000000001, { min: 0, max: 50, step: 0.1 })).toBe(12.3);
    expect(snap(-64.80000000001, { min: -115, max: -15, step: 0.2 })).toBe(-64.8);
  });
});

describe('rangeAround', () => {
  it('gives potentials a window around the value', () => {
    const r = rangeAround(-65, 'mV');
    expect(r.min).toBeLessThan(-65);
    expect(r.max).toBeGreaterThan(-65);
  });
  it('starts magnitudes at 0 and goes past the value', () => {
    expect(rangeAround(5, 'ms')).toEqual({ min: 0, max: 20 });
    expect(rangeAround(0, '1')).toEqual({ min: 0, max: 1 });
  });
  it('is symmetric for amplitudes, from 0 for non-negative ones', () => {
    expect(rangeAround(14, 'nA', { symmetric: true })).toEqual({ min: -50, max: 50 });
    expect(rangeAround(20, 'nA', { symmetric: true, nonNegative: true })).toEqual({ min: 0, max: 50 });
    expect(rangeAround(0, 'nA', { symmetric: true })).toEqual({ min: -1, max: 1 });
  });
});
