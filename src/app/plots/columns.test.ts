import { describe, expect, it } from 'vitest';
import { ColumnSet } from './columns';
import { packPixel, parseHexColor, populationColor } from './colors';

describe('ColumnSet', () => {
  it('grows geometrically and keeps rows in order', () => {
    const set = new ColumnSet([Float64Array, Int32Array], 1_000_000);
    for (let i = 0; i < 5000; i++) {
      const r = set.reserve(1);
      set.raw(0)[r] = i / 2;
      set.raw(1)[r] = i;
    }
    expect(set.length).toBe(5000);
    expect(set.view(1)[4999]).toBe(4999);
    expect(set.view(0)[10]).toBe(5);
    expect(set.bytes).toBeLessThan(5000 * 12 * 2 + 1);
  });

  it('drops the oldest rows at the limit and counts them', () => {
    const set = new ColumnSet([Int32Array], 100);
    for (let i = 0; i < 250; i++) set.raw(0)[set.reserve(1)] = i;
    expect(set.length).toBeLessThanOrEqual(100);
    expect(set.view(0)[set.length - 1]).toBe(249);
    expect(set.view(0)[0]).toBe(set.dropped);
    expect(() => set.reserve(101)).toThrow();
  });
});

describe('colors', () => {
  it('population colours cycle through a fixed palette', () => {
    expect(populationColor(0)).toMatch(/^#[0-9a-f]{6}$/);
    expect(populationColor(10)).toBe(populationColor(0));
    expect(populationColor(-1)).toBe(populationColor(9));
    expect(new Set(Array.from({ length: 10 }, (_, i) => populationColor(i))).size).toBe(10);
  });

  it('parses hex colours and packs opaque pixels', () => {
    expect(parseHexColor('#ff8000')).toEqual([255, 128, 0]);
    expect(parseHexColor('#f80')).toEqual([255, 136, 0]);
    expect(parseHexColor('red')).toBeNull();
    const px = new Uint32Array([packPixel('#102030')]);
    expect(Array.from(new Uint8Array(px.buffer))).toEqual([16, 32, 48, 255]);
  });
});
