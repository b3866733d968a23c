/**
 * The time window the three plots share. `null` means "follow the run": the whole run range
 * [0, end], so traces grow left to right while a run streams. A drag-zoom, wheel or button on any
 * plot sets a window here and every plot follows it; double-click or Reset goes back to null.
 */

export interface XRange {
  readonly min: number;
  readonly max: number;
}

/** Narrowest window, ms (below this float ticks stop making sense). */
export const MIN_SPAN_MS = 1e-3;

/** `range` moved/shrunk to lie inside `bounds`; null if it covers them (back to following the run). */
export function clampRange(range: XRange, bounds: XRange, minSpan = MIN_SPAN_MS): XRange | null {
  const full = bounds.max - bounds.min;
  let span = Math.max(minSpan, range.max - range.min);
  if (!(full > 0) || span >= full) return null;
  span = Math.min(span, full);
  let min = Math.max(bounds.min, Math.min(range.min, bounds.max - span));
  if (!Number.isFinite(min)) min = bounds.min;
  return { min, max: min + span };
}

/** Zooms by `factor` (< 1: in, > 1: out) about `centerMs`, which stays at the same place on screen. */
export function zoomRange(range: XRange, factor: number, centerMs: number, bounds: XRange): XRange | null {
  const c = Math.min(range.max, Math.max(range.min, centerMs));
  return clampRange({ min: c - (c - range.min) * factor, max: c + (range.max - c) * factor }, bounds);
}

/** Pans by `fraction` of the window's width (negative: earlier). */
export function panRange(range: XRange, fraction: number, bounds: XRange): XRange | null {
  const d = (range.max - range.min) * fraction;
  return clampRange({ min: range.min + d, max: range.max + d }, bounds);
}

export type XViewListener = () => void;

export class XView {
  private zoomed: XRange | null = null;
  private readonly listeners = new Set<XViewListener>();

  /** The user's window, or null when following the run. */
  get zoom(): XRange | null {
    return this.zoomed;
  }

  /** The window to draw, given the run's full range. */
  current(full: XRange): XRange {
    return this.zoomed ?? full;
  }

  /** Sets the window (clamped to `bounds`; null or a window covering them: follow the run). */
  set(range: XRange | null, bounds?: XRange): void {
    const next = range && bounds ? clampRange(range, bounds) : range;
    const prev = this.zoomed;
    if (next === prev || (next && prev && next.min === prev.min && next.max === prev.max)) return;
    this.zoomed = next;
    for (const l of [...this.listeners]) l();
  }

  zoomBy(factor: number, full: XRange, centerMs?: number): void {
    const r = this.current(full);
    this.set(zoomRange(r, factor, centerMs ?? (r.min + r.max) / 2, full));
  }

  panBy(fraction: number, full: XRange): void {
    const r = this.current(full);
    this.set(panRange(r, fraction, full));
  }

  reset(): void {
    this.set(null);
  }

  subscribe(listener: XViewListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}

/** The one window shared by the app's plots. */
export const xView = new XView();
