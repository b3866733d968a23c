/**
 * Lines for a vector figure at a sensible resolution: a series is cut to the visible x range (plus
 * one point beyond each edge, so it runs to the frame) and, when it has more points than the plot
 * has room for, reduced per pixel column to the samples that carry the column's first, last,
 * lowest and highest value, which looks the same as every sample at that width. A file of a long
 * run then holds a few thousand points per series, not millions.
 */

export interface XRangeData {
  readonly min: number;
  readonly max: number;
}

/** A piece of a line: [x0, y0, x1, y1, …] in data units (gaps split a line into pieces). */
export type Piece = number[];

/** Points kept per pixel column at most (first, min, max, last). */
export const POINTS_PER_COLUMN = 4;

function isAscending(xs: ArrayLike<number>, from: number, to: number): boolean {
  for (let i = from + 1; i < to; i++) if (xs[i] < xs[i - 1]) return false;
  return true;
}

function lowerBound(a: ArrayLike<number>, value: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const defined = (v: number | null | undefined): v is number => v != null && Number.isFinite(v);

/**
 * The visible pieces of (xs, ys) over `range`, at most about POINTS_PER_COLUMN × `columns` points in
 * all (+ 2 edge points). `spanGaps`: missing values (null/NaN) are skipped instead of breaking the line.
 */
export function visiblePieces(xs: ArrayLike<number>, ys: ArrayLike<number | null | undefined>, range: XRangeData, columns: number, spanGaps: boolean): Piece[] {
  const n = Math.min(xs.length, ys.length);
  if (n === 0 || !(range.max > range.min)) return [];
  let i0 = 0;
  let i1 = n;
  if (isAscending(xs, 0, n)) {
    // One point before and after the window so the line reaches the plot's edges.
    i0 = Math.max(0, lowerBound(xs, range.min, 0, n) - 1);
    i1 = Math.min(n, lowerBound(xs, range.max, i0, n) + 1);
  }
  const cols = Math.max(1, Math.floor(columns));
  const pieces: Piece[] = [];
  let piece: Piece = [];
  const flush = () => {
    if (piece.length >= 2) pieces.push(piece);
    piece = [];
  };
  if (i1 - i0 <= POINTS_PER_COLUMN * cols) {
    for (let i = i0; i < i1; i++) {
      const y = ys[i];
      if (!defined(y) || !Number.isFinite(xs[i])) {
        if (!spanGaps) flush();
        continue;
      }
      piece.push(xs[i], y);
    }
    flush();
    return pieces;
  }
  // Per column: indices of first, last, min and max (in index order, without repeats).
  const span = range.max - range.min;
  const column = (x: number) => Math.min(cols, Math.max(-1, Math.floor(((x - range.min) / span) * cols)));
  let current = Number.NaN;
  let first = -1;
  let last = -1;
  let lo = -1;
  let hi = -1;
  const emit = () => {
    if (first < 0) return;
    const idx = [first, lo, hi, last].sort((a, b) => a - b);
    for (let k = 0; k < idx.length; k++) if (k === 0 || idx[k] !== idx[k - 1]) piece.push(xs[idx[k]], ys[idx[k]] as number);
    first = last = lo = hi = -1;
  };
  for (let i = i0; i < i1; i++) {
    const y = ys[i];
    if (!defined(y) || !Number.isFinite(xs[i])) {
      if (!spanGaps) {
        emit();
        flush();
      }
      continue;
    }
    const c = column(xs[i]);
    if (c !== current) {
      emit();
      current = c;
    }
    if (first < 0) first = lo = hi = i;
    last = i;
    if (y < (ys[lo] as number)) lo = i;
    if (y > (ys[hi] as number)) hi = i;
  }
  emit();
  flush();
  return pieces;
}

/**
 * A parametric curve in pixels ([x0, y0, …]) thinned to points at least `minPx` apart (the last
 * point is always kept); if that still leaves more than `maxPoints`, the spacing doubles until not.
 */
export function thinPixels(points: ArrayLike<number>, minPx = 0.75, maxPoints = 20_000): number[] {
  let spacing = Math.max(0, minPx);
  for (;;) {
    const out: number[] = [];
    const n = points.length - (points.length % 2);
    for (let i = 0; i < n; i += 2) {
      const x = points[i];
      const y = points[i + 1];
      const isLast = i === n - 2;
      if (out.length > 0 && !isLast) {
        const dx = x - out[out.length - 2];
        const dy = y - out[out.length - 1];
        if (dx * dx + dy * dy < spacing * spacing) continue;
      }
      out.push(x, y);
    }
    if (out.length / 2 <= maxPoints || spacing > 1e6) return out;
    spacing = Math.max(1, spacing * 2);
  }
}

/** SVG `points` / path data for pixel pairs: "x,y x,y …" with 2 decimals. */
export function pointList(px: ArrayLike<number>, fmt: (v: number) => string): string {
  const parts: string[] = [];
  for (let i = 0; i + 1 < px.length; i += 2) parts.push(`${fmt(px[i])},${fmt(px[i + 1])}`);
  return parts.join(' ');
}
