import { describe, expect, it } from 'vitest';
import { orderChunkSpikes } from './chunkSpikes';

describe('orderChunkSpikes', () => {
  it('lists a chunk’s spikes by step, then population, then neuron, whatever order the threads wrote them in', () => {
    // Three populations of 4, 7 and 3 neurons (numbers 0–3, 4–10, 11–13); the second is not recorded.
    const firstNeuron = [0, 4, 11];
    const sizes = [4, 7, 3];
    const stepCount = 5;
    const all: [number, number][] = [];
    for (let s = 0; s < stepCount; s++) for (let n = 0; n < 14; n++) if ((s * 7 + n * 3) % 4 === 0) all.push([s, n]);
    // A fixed shuffle.
    const shuffled = all.map((pair, i) => ({ pair, key: (i * 7919) % all.length })).sort((a, b) => a.key - b.key);
    const pairs = Uint32Array.from(shuffled.flatMap(({ pair }) => pair));
    const spikeCounts = new Float64Array(3).fill(1);
    const out = orderChunkSpikes(pairs, 2, all.length, firstNeuron, sizes, [true, false, true], 100, stepCount, spikeCounts);
    const popOf = (n: number): number => (n >= 11 ? 2 : n >= 4 ? 1 : 0);
    const want = all.filter(([, n]) => popOf(n) !== 1).sort((a, b) => a[0] - b[0] || popOf(a[1]) - popOf(b[1]) || a[1] - b[1]);
    expect(Array.from(out.steps)).toEqual(want.map(([s]) => 100 + s));
    expect(Array.from(out.populations)).toEqual(want.map(([, n]) => popOf(n)));
    expect(Array.from(out.neurons)).toEqual(want.map(([, n]) => n - firstNeuron[popOf(n)]));
    // Every spike is counted, recorded or not.
    for (let p = 0; p < 3; p++) expect(spikeCounts[p]).toBe(1 + all.filter(([, n]) => popOf(n) === p).length);
    for (let s = 0; s < stepCount; s++) for (let p = 0; p < 3; p++) expect(out.perStep[s * 3 + p]).toBe(all.filter(([t, n]) => t === s && popOf(n) === p).length);
    expect(out.fractions).toBeUndefined();
  });

  it('carries each spike’s fraction of its step along with it, when the kernels stored one', () => {
    // Two populations of 5 and 4; a fraction that names its spike: step / 10 + neuron / 100.
    const spikes = [
      [3, 7],
      [0, 2],
      [3, 1],
      [1, 8],
      [0, 6],
      [3, 4],
    ];
    const words = new Uint32Array(3 * spikes.length);
    const asFloat = new Float32Array(words.buffer);
    spikes.forEach(([s, n], c) => {
      words[3 * c] = s;
      words[3 * c + 1] = n;
      asFloat[3 * c + 2] = s / 10 + n / 100;
    });
    const out = orderChunkSpikes(words, 3, spikes.length, [0, 5], [5, 4], [true, true], 0, 4, new Float64Array(2));
    const want = [...spikes].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(Array.from(out.steps)).toEqual(want.map(([s]) => s));
    expect(Array.from(out.neurons)).toEqual(want.map(([, n]) => (n >= 5 ? n - 5 : n)));
    Array.from(out.fractions!).forEach((f, j) => expect(f).toBeCloseTo(want[j][0] / 10 + want[j][1] / 100, 6));
  });

  it('lists nothing from an empty chunk', () => {
    const out = orderChunkSpikes(new Uint32Array(0), 2, 0, [0], [10], [true], 0, 3, new Float64Array(1));
    expect(out.steps.length).toBe(0);
    expect(Array.from(out.perStep)).toEqual([0, 0, 0]);
  });
});
