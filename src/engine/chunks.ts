/** Joining consecutive chunks of a run (for whole-run results and for coalesced worker messages). */
import type { Chunk } from './simulation';

type TypedArray = Float64Array | Float32Array | Int32Array;

/** A new array holding the parts one after another (always a copy, so the parts may be transferred). */
export function concatTyped<T extends TypedArray>(Type: { new (n: number): T }, parts: readonly T[]): T {
  const out = new Type(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p as never, offset);
    offset += p.length;
  }
  return out;
}

/** Consecutive chunks as one: recordings and spikes concatenated, in order. */
export function mergeChunks(chunks: readonly Chunk[]): Chunk {
  const first = chunks[0];
  return {
    firstStep: first.firstStep,
    stepCount: chunks.reduce((n, c) => n + c.stepCount, 0),
    dtMs: first.dtMs,
    recordings: first.recordings.map((r, k) => {
      const blocks = chunks.map((c) => c.recordings[k]);
      const Values = r.values instanceof Float64Array ? Float64Array : Float32Array;
      return {
        recorder: r.recorder,
        timesMs: concatTyped(Float64Array, blocks.map((b) => b.timesMs)),
        values: concatTyped<Float32Array | Float64Array>(Values, blocks.map((b) => b.values)),
      };
    }),
    rates: first.rates.map((r, k) => ({
      monitor: r.monitor,
      timesMs: concatTyped(Float64Array, chunks.map((c) => c.rates[k].timesMs)),
      rateHz: concatTyped(Float32Array, chunks.map((c) => c.rates[k].rateHz)),
    })),
    spikes: {
      steps: concatTyped(Int32Array, chunks.map((c) => c.spikes.steps)),
      populations: concatTyped(Int32Array, chunks.map((c) => c.spikes.populations)),
      neurons: concatTyped(Int32Array, chunks.map((c) => c.spikes.neurons)),
    },
  };
}
