/**
 * The data of one trace chart (one unit group): its series decimated to the chart's pixel columns
 * and aligned on one x.
 *
 * Recorders that sample at the same times (the usual case: every step) are decimated together,
 * keeping the same rows for all their series, so every series has a value at every x (no gaps,
 * and the cursor readout always shows all of them). Recorders on other time bases are merged on
 * the union of their times. Decimation state is kept between frames: while a run streams into an
 * unchanged window, only the new samples are folded in.
 */
import type uPlot from 'uplot';
import { alignParts, MinMaxColumns, type SeriesPart } from './decimate';
import type { RunData } from './runData';
import type { SeriesRef } from './traceSeries';
import type { XRange } from './xView';

interface Member {
  readonly recorder: number;
  /** Columns of this recorder shown here. */
  readonly indices: readonly number[];
  /** Positions of those series in `ordered`. */
  readonly positions: readonly number[];
}

interface Cache {
  readonly id: string;
  readonly columns: MinMaxColumns;
  readonly serial: number;
}

export class TraceSource {
  /** uPlot series order: the group's series, recorder by recorder. */
  readonly ordered: readonly SeriesRef[];
  private readonly members: Member[];
  private caches = new Map<string, Cache>();
  private lastVersion = -1;
  private lastKey = '';

  constructor(
    private readonly data: RunData,
    series: readonly SeriesRef[],
  ) {
    const byRecorder = new Map<number, SeriesRef[]>();
    for (const s of series) byRecorder.set(s.recorder, [...(byRecorder.get(s.recorder) ?? []), s]);
    this.ordered = [...byRecorder.values()].flat();
    let position = 0;
    this.members = [...byRecorder].map(([recorder, list]) => ({
      recorder,
      indices: list.map((s) => s.index),
      positions: list.map(() => position++),
    }));
  }

  /** Aligned data for `range` at `pixelColumns`, or null if nothing changed since the last call. */
  frame(range: XRange, pixelColumns: number, force: boolean): uPlot.AlignedData | null {
    const key = `${range.min}:${range.max}:${pixelColumns}`;
    if (!force && key === this.lastKey && this.data.version === this.lastVersion) return null;
    this.lastKey = key;
    this.lastVersion = this.data.version;
    const parts: SeriesPart[] = [];
    const positions: number[] = [];
    const caches = new Map<string, Cache>();
    for (const base of this.timeBases()) {
      const lead = this.data.recorders[base[0].recorder].columns;
      const times = this.data.traceTimes(base[0].recorder);
      const values = base.flatMap((m) => m.indices.map((i) => this.data.traceValues(m.recorder, i)));
      const id = `${base.map((m) => m.recorder).join(',')}|${key}`;
      let cache = this.caches.get(id);
      if (!cache || cache.serial !== this.data.runSerial || cache.columns.lowestIndex < lead.dropped) {
        cache = { id, columns: new MinMaxColumns(range.min, range.max, pixelColumns, values.length), serial: this.data.runSerial };
      }
      caches.set(id, cache);
      cache.columns.add(times, values, lead.length, lead.dropped);
      const idx = cache.columns.indices();
      const x = new Float64Array(idx.length);
      const ys = values.map(() => new Float64Array(idx.length));
      for (let i = 0; i < idx.length; i++) {
        const row = idx[i] - lead.dropped;
        x[i] = times[row];
        for (let s = 0; s < values.length; s++) ys[s][i] = values[s][row];
      }
      parts.push({ x, ys });
      for (const m of base) positions.push(...m.positions);
    }
    this.caches = caches;
    const [x, ...ys] = alignParts(parts);
    // Back to `ordered` (time bases may have grouped recorders out of order).
    const out: ArrayLike<number | null>[] = new Array(this.ordered.length);
    positions.forEach((p, i) => (out[p] = ys[i]));
    for (let p = 0; p < out.length; p++) out[p] ??= new Array<null>(x.length).fill(null);
    return [x, ...out] as uPlot.AlignedData;
  }

  /** The members grouped by identical sample times (same count, rows dropped, first, middle and last time). */
  private timeBases(): Member[][] {
    const groups = new Map<string, Member[]>();
    for (const m of this.members) {
      const buffer = this.data.recorders[m.recorder];
      if (!buffer) continue;
      const t = this.data.traceTimes(m.recorder);
      const n = t.length;
      const sig = n === 0 ? `empty:${m.recorder}` : `${n}:${buffer.columns.dropped}:${t[0]}:${t[n >> 1]}:${t[n - 1]}`;
      groups.set(sig, [...(groups.get(sig) ?? []), m]);
    }
    return [...groups.values()];
  }
}
