/**
 * Neuron selections as a person types them: `all`, `0, 5, 10`, or ranges `0-9, 20`. Stored in the
 * document as `'all'` or an array of indices (schema.ts Neurons).
 */

export type Neurons = 'all' | readonly number[];

export type NeuronsParse = { readonly ok: true; readonly value: Neurons } | { readonly ok: false; readonly error: string };

/** Ranges longer than this are refused (a typo such as `0-1000000000` would freeze the page). */
const MAX_LISTED = 1_000_000;

export function parseNeurons(text: string, size: number | undefined): NeuronsParse {
  const trimmed = text.trim();
  if (trimmed.toLowerCase() === 'all') return { ok: true, value: 'all' };
  if (trimmed === '') return { ok: false, error: "enter neuron indices such as '0, 5, 10' or 'all'" };
  const out: number[] = [];
  const seen = new Set<number>();
  for (const part of trimmed.split(/[\s,;]+/).filter((p) => p !== '')) {
    const range = /^(\d+)\s*(?:-|\.\.|–)\s*(\d+)$/.exec(part);
    const single = /^\d+$/.exec(part);
    if (!range && !single) return { ok: false, error: `'${part}' is not a neuron index (0, 1, 2, ...) or a range such as 0-9` };
    const lo = Number(range ? range[1] : part);
    const hi = Number(range ? range[2] : part);
    if (hi < lo) return { ok: false, error: `the range ${part} runs backwards` };
    if (out.length + (hi - lo + 1) > MAX_LISTED) return { ok: false, error: `too many neurons listed; use 'all'` };
    if (size !== undefined && hi >= size) return { ok: false, error: `neuron ${hi} does not exist: the population has ${size} (0 to ${size - 1})` };
    for (let k = lo; k <= hi; k++) {
      if (!seen.has(k)) {
        seen.add(k);
        out.push(k);
      }
    }
  }
  return { ok: true, value: out };
}

/** `all`, or the list with runs of three or more written as ranges: `0-9, 15, 20`. */
export function formatNeurons(neurons: Neurons | undefined, fallback: Neurons): string {
  const value = neurons ?? fallback;
  if (value === 'all') return 'all';
  const parts: string[] = [];
  let k = 0;
  while (k < value.length) {
    let j = k;
    while (j + 1 < value.length && value[j + 1] === value[j] + 1) j++;
    if (j - k >= 2) parts.push(`${value[k]}-${value[j]}`);
    else for (let i = k; i <= j; i++) parts.push(String(value[i]));
    k = j + 1;
  }
  return parts.join(', ');
}

/** Indices the document lists that are out of range for a population of `size`. */
export function neuronsOutOfRange(neurons: Neurons | undefined, size: number): number[] {
  return neurons === undefined || neurons === 'all' ? [] : neurons.filter((n) => n >= size);
}
