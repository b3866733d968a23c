/**
 * Parallel typed-array columns that grow geometrically and, past a row limit, keep the most recent
 * rows: the storage under every run buffer (trace samples, spikes, rate bins).
 *
 * Rows stay contiguous from index 0 (no ring), so a column's filled part is one `subarray` that
 * uPlot and the raster painter can read directly. When the limit is reached the oldest quarter
 * (at least what is needed) is dropped with `copyWithin`: each row is moved a bounded number of
 * times, so appends stay amortised O(rows appended).
 */

export type NumericArray = Float64Array | Float32Array | Int32Array;
export type NumericArrayConstructor = Float64ArrayConstructor | Float32ArrayConstructor | Int32ArrayConstructor;

/** Fraction of `maxRows` kept when the limit is hit (the rest makes room for future appends). */
const KEEP_FRACTION = 0.75;
const INITIAL_CAPACITY = 1024;

export class ColumnSet {
  private arrays: NumericArray[];
  private capacity: number;
  /** Filled rows. */
  length = 0;
  /** Rows dropped from the front since creation (so absolute row = index + dropped). */
  dropped = 0;

  constructor(
    private readonly types: readonly NumericArrayConstructor[],
    /** Most rows kept; older ones are dropped. */
    readonly maxRows: number,
  ) {
    if (!(maxRows >= 1)) throw new Error(`maxRows must be >= 1, got ${maxRows}`);
    this.capacity = Math.min(INITIAL_CAPACITY, maxRows);
    this.arrays = types.map((T) => new T(this.capacity));
  }

  /** The whole backing array of column `k` (rows past `length` are garbage); re-read after `reserve`. */
  raw(k: number): NumericArray {
    return this.arrays[k];
  }

  /** The filled rows of column `k`, as a view (valid until the next `reserve`). */
  view(k: number): NumericArray {
    return this.arrays[k].subarray(0, this.length);
  }

  /**
   * Makes room for `n` more rows (n <= maxRows) at the end, dropping the oldest rows if the limit
   * requires it, and returns the index of the first new row. New rows hold stale values until the
   * caller writes them.
   */
  reserve(n: number): number {
    if (n > this.maxRows) throw new Error(`cannot append ${n} rows to a set of at most ${this.maxRows}`);
    if (this.length + n > this.maxRows) {
      const target = Math.floor(this.maxRows * KEEP_FRACTION);
      const drop = Math.min(this.length, Math.max(this.length + n - this.maxRows, this.length + n - target));
      for (const a of this.arrays) a.copyWithin(0, drop, this.length);
      this.length -= drop;
      this.dropped += drop;
    }
    const needed = this.length + n;
    if (needed > this.capacity) {
      const capacity = Math.min(this.maxRows, Math.max(needed, this.capacity * 2));
      this.arrays = this.arrays.map((old, k) => {
        const a = new this.types[k](capacity);
        a.set(old.subarray(0, this.length) as never);
        return a;
      });
      this.capacity = capacity;
    }
    const start = this.length;
    this.length = needed;
    return start;
  }

  /** Bytes held by the backing arrays. */
  get bytes(): number {
    return this.arrays.reduce((n, a) => n + a.byteLength, 0);
  }
}
