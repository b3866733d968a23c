/**
 * The typed arrays of one population inside a WebAssembly memory, so that the SIMD kernel and the
 * JavaScript around it (recording, projections, live edits, the JavaScript step it falls back to)
 * share them without copies. Every region starts on a 16-byte boundary and holds the population
 * size rounded up to whole vectors of four lanes; the memory never grows, so views stay valid.
 */

/** Scalar slots (per-step values computed in JavaScript, read by the kernel) at the start. */
export const SCALAR_SLOTS = 1024;

export interface KernelLayout {
  readonly size: number;
  /** Size rounded up to a multiple of 4 (whole vectors). */
  readonly padded: number;
  /** Byte offsets. */
  readonly scalars: number;
  readonly states: readonly number[];
  readonly lastSpike: number;
  readonly spikes: number;
  /** float32 copies of the parameters that are per-neuron when the population is built (else null). */
  readonly params: readonly (number | null)[];
  /** float64 per-neuron external inputs (every input has a region). */
  readonly inputs: readonly number[];
  readonly bytes: number;
}

export function kernelLayout(size: number, stateCount: number, paramIsArray: readonly boolean[], inputCount: number): KernelLayout {
  const padded = Math.ceil(size / 4) * 4;
  let offset = 0;
  const take = (bytes: number): number => {
    const at = offset;
    offset += Math.ceil(bytes / 16) * 16;
    return at;
  };
  const scalars = take(SCALAR_SLOTS * 4);
  const states = Array.from({ length: stateCount }, () => take(padded * 4));
  const lastSpike = take(padded * 4);
  const spikes = take(padded * 4);
  const params = paramIsArray.map((isArray) => (isArray ? take(padded * 4) : null));
  const inputs = Array.from({ length: inputCount }, () => take(padded * 8));
  return { size, padded, scalars, states, lastSpike, spikes, params, inputs, bytes: offset };
}

export class KernelMemory {
  readonly states: Float32Array[];
  readonly lastSpike: Int32Array;
  readonly spikes: Int32Array;
  readonly params: (Float32Array | null)[];
  readonly inputs: Float64Array[];
  readonly scalarsF32: Float32Array;
  readonly scalarsI32: Int32Array;

  private constructor(
    readonly memory: WebAssembly.Memory,
    readonly layout: KernelLayout,
  ) {
    const { buffer } = memory;
    const { size } = layout;
    this.states = layout.states.map((at) => new Float32Array(buffer, at, size));
    this.lastSpike = new Int32Array(buffer, layout.lastSpike, size);
    this.spikes = new Int32Array(buffer, layout.spikes, size);
    this.params = layout.params.map((at) => (at === null ? null : new Float32Array(buffer, at, size)));
    this.inputs = layout.inputs.map((at) => new Float64Array(buffer, at, size));
    this.scalarsF32 = new Float32Array(buffer, layout.scalars, SCALAR_SLOTS);
    this.scalarsI32 = new Int32Array(buffer, layout.scalars, SCALAR_SLOTS);
  }

  /** A memory for the population, or null where the engine cannot provide one that large. */
  static allocate(layout: KernelLayout): KernelMemory | null {
    const pages = Math.ceil(layout.bytes / 65536);
    if (pages > 32768) return null; // 2 GiB: beyond what browsers grant reliably
    try {
      return new KernelMemory(new WebAssembly.Memory({ initial: pages, maximum: pages }), layout);
    } catch {
      return null;
    }
  }
}
