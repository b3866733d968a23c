/**
 * A GPU chunk's spikes in the order the CPU backend emits them. The kernels append (step in chunk,
 * neuron number among all populations) pairs through an atomic counter, so their order is the
 * threads'; chunks hand them out by step, then population, then neuron.
 */

export interface ChunkSpikes {
  readonly steps: Int32Array;
  readonly populations: Int32Array;
  readonly neurons: Int32Array;
  /** Where in its step each spike crossed, when the kernels stored it (a third word per spike). */
  readonly fractions: Float32Array | undefined;
  /** Spikes of population p in step s of the chunk at [s · P + p] (recorded or not: the rate monitors count them). */
  readonly perStep: Float64Array;
}

/**
 * `pairs`: the first `count` spikes, `words` words each (step in chunk, neuron number among all, and
 * with 3 the fraction of the step as f32 bits); population p has `sizes[p]` neurons from number `firstNeuron[p]`
 * (ascending); only populations with `recordSpikes[p]` are listed. Adds each population's spikes to
 * `spikeCounts`.
 */
export function orderChunkSpikes(pairs: Uint32Array, words: 2 | 3, count: number, firstNeuron: readonly number[], sizes: readonly number[], recordSpikes: readonly boolean[], firstStep: number, stepCount: number, spikeCounts: Float64Array): ChunkSpikes {
  const P = firstNeuron.length;
  const maxN = Math.max(1, ...sizes);
  const perStep = new Float64Array(stepCount * P);
  // Each listed spike's group (step · P + population), neuron within its population, and which it was.
  const group = new Int32Array(count);
  const local = new Int32Array(count);
  const source = new Int32Array(count);
  let listed = 0;
  for (let c = 0; c < count; c++) {
    const s = pairs[words * c];
    const neuron = pairs[words * c + 1];
    let p = P - 1;
    while (firstNeuron[p] > neuron) p--;
    perStep[s * P + p]++;
    spikeCounts[p]++;
    if (!recordSpikes[p]) continue;
    group[listed] = s * P + p;
    source[listed] = c;
    local[listed++] = neuron - firstNeuron[p];
  }
  // Two stable counting sorts, by neuron and then by group: O(spikes + neurons + steps). For
  // 300,000 spikes of 10,000 neurons over 6,000 steps (a generation's case of 10,000 AdEx
  // candidates) 12–16 ms, where sorting numeric keys took 34–47 ms.
  const byNeuron = countingOrder(local, listed, maxN, undefined);
  const order = countingOrder(group, listed, stepCount * P, byNeuron);
  const steps = new Int32Array(listed);
  const populations = new Int32Array(listed);
  const neurons = new Int32Array(listed);
  const bits = words === 3 ? new Float32Array(pairs.buffer, pairs.byteOffset, words * count) : undefined;
  const fractions = bits ? new Float32Array(listed) : undefined;
  for (let j = 0; j < listed; j++) {
    const c = order[j];
    if (fractions) fractions[j] = bits![words * source[c] + 2];
    neurons[j] = local[c];
    populations[j] = group[c] % P;
    steps[j] = firstStep + Math.floor(group[c] / P);
  }
  return { steps, populations, neurons, fractions, perStep };
}

/** The indices of `keys[0..n)` (each in [0, range)) ordered by key, stably, visiting them in `within`'s order (default 0, 1, …). */
function countingOrder(keys: Int32Array, n: number, range: number, within: Int32Array | undefined): Int32Array {
  const start = new Int32Array(range + 1);
  for (let i = 0; i < n; i++) start[keys[i] + 1]++;
  for (let k = 0; k < range; k++) start[k + 1] += start[k];
  const order = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    const i = within ? within[j] : j;
    order[start[keys[i]]++] = i;
  }
  return order;
}
