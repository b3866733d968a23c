/**
 * Decimation for drawing: per screen pixel column keep the samples that carry the column's extremes
 * (first, last, min and max of every series), so a line drawn through them looks exactly like the
 * full trace at that width while costing O(pixel columns) to draw.
 *
 * `MinMaxColumns` is incremental: while a run streams into a fixed x range, each new chunk is
 * folded into the column extremes it touches, so a frame costs O(new samples + columns), not
 * O(samples held). Indices it returns are absolute (row + rows dropped from the buffer's front).
 */

/** First index i in [0, length) with a[i] >= value (length if none). `a` is sorted ascending. */
export function lowerBound(a: ArrayLike<number>, value: number, length = a.length): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index i in [0, length) with a[i] > value (length if none). `a` is sorted ascending. */
export function upperBound(a: ArrayLike<number>, value: number, length = a.length): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class MinMaxColumns {
  readonly columns: number;
  private readonly first: Int32Array;
  private readonly last: Int32Array;
  private readonly minIdx: Int32Array;
  private readonly maxIdx: Int32Array;
  private readonly minVal: Float64Array;
  private readonly maxVal: Float64Array;
  /** Last sample before the range and first one after it, so lines run to the plot's edges. */
  private before = -1;
  private after = -1;
  /** Absolute index of the next sample to fold in. */
  private next = 0;
  private readonly span: number;

  constructor(
    readonly fromMs: number,
    readonly toMs: number,
    columns: number,
    readonly seriesCount: number,
  ) {
    this.span = toMs - fromMs;
    this.columns = this.span > 0 ? Math.max(1, Math.floor(columns)) : 1;
    const n = this.columns;
    const k = Math.max(0, seriesCount);
    this.first = new Int32Array(n).fill(-1);
    this.last = new Int32Array(n).fill(-1);
    this.minIdx = new Int32Array(n * k);
    this.maxIdx = new Int32Array(n * k);
    this.minVal = new Float64Array(n * k);
    this.maxVal = new Float64Array(n * k);
  }

  /** The lowest absolute index held: a buffer that dropped rows past it needs a fresh instance. */
  get lowestIndex(): number {
    if (this.before >= 0) return this.before;
    for (let c = 0; c < this.columns; c++) if (this.first[c] >= 0) return this.first[c];
    return this.next;
  }

  /**
   * Folds in the samples not seen yet. `times` (sorted) and each of `values` hold `length` rows;
   * row i is absolute sample i + offset.
   */
  add(times: ArrayLike<number>, values: readonly ArrayLike<number>[], length: number, offset = 0): void {
    let start = Math.max(0, this.next - offset);
    // Samples before the range only matter through the last of them: skip straight to it.
    const jump = lowerBound(times, this.fromMs, length) - 1;
    if (jump > start) start = jump;
    const k = this.seriesCount;
    const n = this.columns;
    const scale = this.span > 0 ? n / this.span : 0;
    for (let i = start; i < length; i++) {
      const t = times[i];
      const a = i + offset;
      if (t < this.fromMs) {
        this.before = a;
        continue;
      }
      if (t > this.toMs) {
        if (this.after < 0) this.after = a;
        break;
      }
      const c = Math.min(n - 1, Math.floor((t - this.fromMs) * scale));
      if (this.first[c] < 0) {
        this.first[c] = a;
        for (let s = 0; s < k; s++) {
          const v = values[s][i];
          this.minIdx[c * k + s] = a;
          this.maxIdx[c * k + s] = a;
          this.minVal[c * k + s] = v;
          this.maxVal[c * k + s] = v;
        }
      } else {
        for (let s = 0; s < k; s++) {
          const v = values[s][i];
          const j = c * k + s;
          // NaN never wins a comparison, and a NaN first value is replaced by any real one.
          if (v < this.minVal[j] || this.minVal[j] !== this.minVal[j]) {
            this.minVal[j] = v;
            this.minIdx[j] = a;
          }
          if (v > this.maxVal[j] || this.maxVal[j] !== this.maxVal[j]) {
            this.maxVal[j] = v;
            this.maxIdx[j] = a;
          }
        }
      }
      this.last[c] = a;
    }
    this.next = length + offset;
  }

  /** The kept samples' absolute indices, ascending and unique (at most columns·(2 + 2·series) + 2). */
  indices(): Int32Array {
    const k = this.seriesCount;
    const out = new Int32Array(this.columns * (2 + 2 * k) + 2);
    const cell = new Int32Array(2 + 2 * k);
    let m = 0;
    if (this.before >= 0) out[m++] = this.before;
    for (let c = 0; c < this.columns; c++) {
      if (this.first[c] < 0) continue;
      let q = 0;
      cell[q++] = this.first[c];
      cell[q++] = this.last[c];
      for (let s = 0; s < k; s++) {
        cell[q++] = this.minIdx[c * k + s];
        cell[q++] = this.maxIdx[c * k + s];
      }
      // Insertion sort: a handful of entries.
      for (let i = 1; i < q; i++) {
        const v = cell[i];
        let j = i - 1;
        while (j >= 0 && cell[j] > v) {
          cell[j + 1] = cell[j];
          j--;
        }
        cell[j + 1] = v;
      }
      for (let i = 0; i < q; i++) if (i === 0 || cell[i] !== cell[i - 1]) out[m++] = cell[i];
    }
    if (this.after >= 0) out[m++] = this.after;
    return out.subarray(0, m);
  }
}

/**
 * One series decimated for `pixelColumns` columns over [fromMs, toMs]: the samples holding each
 * column's first, last, min and max, plus one sample either side of the range.
 */
export function decimateMinMax(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  fromMs: number,
  toMs: number,
  pixelColumns: number,
): { times: Float64Array; values: Float64Array } {
  const columns = new MinMaxColumns(fromMs, toMs, pixelColumns, 1);
  columns.add(times, [values], Math.min(times.length, values.length));
  const idx = columns.indices();
  const t = new Float64Array(idx.length);
  const v = new Float64Array(idx.length);
  for (let i = 0; i < idx.length; i++) {
    t[i] = times[idx[i]];
    v[i] = values[idx[i]];
  }
  return { times: t, values: v };
}

export interface SeriesPart {
  /** Sample times, ascending. */
  readonly x: ArrayLike<number>;
  /** One array per series, each as long as `x`. */
  readonly ys: readonly ArrayLike<number>[];
}

/**
 * Series sampled at different times (different recorders) on one shared x: the union of the times,
 * each series null where it has no sample (drawn with spanGaps). One part passes through unchanged.
 */
export function alignParts(parts: readonly SeriesPart[]): [ArrayLike<number>, ...ArrayLike<number | null>[]] {
  if (parts.length === 1) return [parts[0].x, ...parts[0].ys];
  const total = parts.reduce((n, p) => n + p.x.length, 0);
  const x: number[] = [];
  const ys: (number | null)[][] = parts.flatMap((p) => p.ys.map(() => new Array<number | null>(total)));
  const pos = new Int32Array(parts.length);
  let row = 0;
  while (true) {
    let t = Infinity;
    for (let p = 0; p < parts.length; p++) if (pos[p] < parts[p].x.length && parts[p].x[pos[p]] < t) t = parts[p].x[pos[p]];
    if (t === Infinity) break;
    x.push(t);
    let col = 0;
    for (let p = 0; p < parts.length; p++) {
      const part = parts[p];
      const hit = pos[p] < part.x.length && part.x[pos[p]] === t;
      for (let s = 0; s < part.ys.length; s++) ys[col + s][row] = hit ? part.ys[s][pos[p]] : null;
      if (hit) pos[p]++;
      col += part.ys.length;
    }
    row++;
  }
  for (const y of ys) y.length = row;
  return [x, ...ys];
}

/**
 * The index nearest to `idx` (within `reach` rows) whose value is defined: on an aligned x where
 * another recorder's row left this series null, the cursor readout shows the nearest real sample.
 */
export function nearestDefined(values: ArrayLike<number | null | undefined>, idx: number, reach = 64): number {
  if (values[idx] != null) return idx;
  for (let d = 1; d <= reach; d++) {
    if (idx - d >= 0 && values[idx - d] != null) return idx - d;
    if (idx + d < values.length && values[idx + d] != null) return idx + d;
  }
  return idx;
}
