import { describe, expect, it } from 'vitest';
import { markerSize, paintSpikes, rowToNeuron, spikeIndexRange, type RasterView } from './raster';

const view = (patch: Partial<RasterView> = {}): RasterView => ({
  width: 100,
  height: 60,
  fromMs: 0,
  toMs: 100,
  rows: 6,
  dtMs: 1,
  minMarker: 1,
  maxMarker: 1,
  ...patch,
});

function spikes(list: [number, number, number][]) {
  return {
    steps: Int32Array.from(list, (s) => s[0]),
    populations: Int32Array.from(list, (s) => s[1]),
    neurons: Int32Array.from(list, (s) => s[2]),
    length: list.length,
  };
}

describe('raster', () => {
  it('finds the spikes of a time window by binary search', () => {
    const steps = Int32Array.from([0, 5, 5, 10, 20, 30]);
    expect(spikeIndexRange(steps, 6, 5, 20, 1)).toEqual([1, 5]);
    expect(spikeIndexRange(steps, 6, 0.5, 4.5, 1)).toEqual([1, 1]);
    expect(spikeIndexRange(steps, 6, 0, 1000, 1)).toEqual([0, 6]);
    // dt 0.1: 0.3 ms is step 3 despite float noise.
    expect(spikeIndexRange(Int32Array.from([2, 3, 4]), 3, 0.3, 0.3, 0.1)).toEqual([1, 2]);
  });

  it('paints each spike at its time and stacked row, in its population colour', () => {
    const pixels = new Uint32Array(100 * 60);
    const s = spikes([[50, 0, 0], [10, 1, 1]]);
    const inside = paintSpikes(pixels, view(), s, 0, 2, [0, 4], [7, 9]);
    expect(inside).toBe(2);
    // Row 0 (exc 0) is the bottom row: y centre = 60 - 0.5·10 = 55.
    expect(pixels[55 * 100 + 50]).toBe(7);
    // inh neuron 1 = row 5 (top): y = 60 - 5.5·10 = 5.
    expect(pixels[5 * 100 + 10]).toBe(9);
    expect(pixels.filter((p) => p !== 0).length).toBe(2);
  });

  it('bounds the drawing: many spikes in one cell paint one mark', () => {
    const pixels = new Uint32Array(100 * 60);
    const list: [number, number, number][] = [];
    for (let i = 0; i < 10_000; i++) list.push([50, 0, 0]);
    paintSpikes(pixels, view(), spikes(list), 0, list.length, [0, 4], [1, 2]);
    expect(pixels.filter((p) => p !== 0).length).toBe(1);
  });

  it('skips spikes outside the window or of hidden populations, and clips marks at the edges', () => {
    const pixels = new Uint32Array(100 * 60);
    const s = spikes([[150, 0, 0], [10, 1, 0], [100, 0, 3]]);
    const inside = paintSpikes(pixels, view({ maxMarker: 3, minMarker: 3 }), s, 0, 3, [0, -1], [1, 2]);
    expect(inside).toBe(1);
    // The mark at x = 100 (right edge) is clipped to the image.
    expect(pixels.filter((p) => p !== 0).length).toBeGreaterThan(0);
    expect(pixels.filter((p) => p !== 0).length).toBeLessThanOrEqual(3 * 3);
  });

  it('marker size follows steps and rows per pixel within the limits', () => {
    expect(markerSize(view({ width: 1000, toMs: 100, maxMarker: 3, minMarker: 1 }))).toEqual({ w: 3, h: 3 });
    expect(markerSize(view({ width: 100, toMs: 10_000, rows: 6000, maxMarker: 3, minMarker: 2 }))).toEqual({ w: 2, h: 1 });
  });

  it('maps a row back to population and neuron', () => {
    expect(rowToNeuron(4.5, [0, 4], [4, 2])).toEqual({ population: 1, neuron: 0 });
    expect(rowToNeuron(3.99, [0, 4], [4, 2])).toEqual({ population: 0, neuron: 3 });
    expect(rowToNeuron(6, [0, 4], [4, 2])).toBeNull();
    expect(rowToNeuron(1, [-1, 0], [4, 2])).toEqual({ population: 1, neuron: 1 });
  });
});
