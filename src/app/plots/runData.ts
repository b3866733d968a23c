/**
 * The streamed results of the current run, held outside React and zustand: recorded traces, spikes
 * and per-population spike counts in growable typed arrays.
 *
 * The run session calls `reset(loaded)` when a run starts from t = 0 and `append(chunk)` for every
 * streamed chunk (the chunk's arrays are transferred to the page, so this class owns them). Each
 * append is O(chunk). Plots `subscribe` and are called at most once per animation frame, and only
 * when `version` changed since they were last called.
 *
 * Memory is capped: past the budgets below the oldest samples/spikes are dropped and the plots say
 * so (`memoryNote`). A 10 s CUBA run (100k steps, ~200k spikes) stays far below every cap.
 */
import type { ChunkMessage, LoadedMessage, PopulationInfo, SeriesInfo } from '../../worker/protocol';
import { ColumnSet } from './columns';
import { baseBinSteps, binnedRate, gaussianSmooth, type RateSeries } from './rates';

export interface RunDataOptions {
  /** Trace values (samples × (series + time column)) kept over all recorders. Default 8 Mi. */
  readonly maxTraceValues?: number;
  /** Spikes kept. Default 4 Mi (48 MiB). */
  readonly maxSpikes?: number;
  /** Rate base bins kept over all populations. Default 4 Mi. */
  readonly maxRateBins?: number;
  /** How a frame is scheduled (tests pass their own). Default requestAnimationFrame. */
  readonly scheduleFrame?: (callback: () => void) => void;
}

export type RunDataListener = (data: RunData) => void;

export interface RecorderBuffer {
  readonly series: readonly SeriesInfo[];
  /** Column 0: times (ms, Float64); column 1 + s: series s (Float32 or Float64 as the run). */
  readonly columns: ColumnSet;
}

/** Spike columns in `RunData.spikes`. */
export const SPIKE_STEP = 0;
export const SPIKE_POPULATION = 1;
export const SPIKE_NEURON = 2;

function defaultScheduler(callback: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => callback());
  else setTimeout(callback, 16);
}

export class RunData {
  /** Bumped on every reset and append. */
  version = 0;
  /** Bumped on every reset (a new run from t = 0, or a new layout). */
  runSerial = 0;
  /** Chunks appended since the last reset. */
  chunkCount = 0;
  layout: LoadedMessage | null = null;
  dtMs = 0;
  durationMs = 0;
  populations: readonly PopulationInfo[] = [];
  /** Steps covered by the appended chunks: [startStep, endStep). */
  startStep = 0;
  endStep = 0;
  recorders: RecorderBuffer[] = [];
  /** Columns SPIKE_STEP, SPIKE_POPULATION, SPIKE_NEURON (Int32), in step order. */
  spikes: ColumnSet;
  /** Raster row of each population's neuron 0 (spike-recording populations stacked in order; -1: not recorded). */
  rowOffsets: Int32Array = new Int32Array(0);
  /** Raster rows in all (the neurons of spike-recording populations). */
  totalRows = 0;
  /** Steps per rate base bin (about 1 ms). */
  stepsPerRateBin = 1;
  /** One Int32 column per population: spikes per base bin; row r is absolute bin rateFirstBin + dropped + r. */
  private rateCounts: ColumnSet;
  private rateFirstBin = 0;
  private readonly listeners = new Set<RunDataListener>();
  private frameScheduled = false;
  private notifiedVersion = -1;
  private readonly maxTraceValues: number;
  private readonly maxSpikes: number;
  private readonly maxRateBins: number;
  private readonly scheduleFrame: (callback: () => void) => void;

  constructor(options: RunDataOptions = {}) {
    this.maxTraceValues = options.maxTraceValues ?? 8 * 1024 * 1024;
    this.maxSpikes = options.maxSpikes ?? 4 * 1024 * 1024;
    this.maxRateBins = options.maxRateBins ?? 4 * 1024 * 1024;
    this.scheduleFrame = options.scheduleFrame ?? defaultScheduler;
    this.spikes = new ColumnSet([Int32Array, Int32Array, Int32Array], this.maxSpikes);
    this.rateCounts = new ColumnSet([], this.maxRateBins);
  }

  /** A new run: the recording layout and populations of `loaded`; all data cleared. */
  reset(loaded: LoadedMessage): void {
    this.layout = loaded;
    this.dtMs = loaded.dtMs;
    this.durationMs = loaded.durationMs;
    this.populations = loaded.populations;
    const valueType = loaded.precision === 'f64' ? Float64Array : Float32Array;
    const columnCount = loaded.series.reduce((n, s) => n + s.length + 1, 0);
    const maxSamples = Math.max(1024, Math.floor(this.maxTraceValues / Math.max(1, columnCount)));
    this.recorders = loaded.series.map((series) => ({
      series,
      columns: new ColumnSet([Float64Array, ...series.map(() => valueType)], maxSamples),
    }));
    this.spikes = new ColumnSet([Int32Array, Int32Array, Int32Array], this.maxSpikes);
    this.rowOffsets = new Int32Array(loaded.populations.length).fill(-1);
    let rows = 0;
    loaded.populations.forEach((p, i) => {
      if (!p.recordSpikes) return;
      this.rowOffsets[i] = rows;
      rows += p.size;
    });
    this.totalRows = rows;
    this.stepsPerRateBin = baseBinSteps(loaded.dtMs);
    const perPopulation = Math.max(1024, Math.floor(this.maxRateBins / Math.max(1, loaded.populations.length)));
    this.rateCounts = new ColumnSet(loaded.populations.map(() => Int32Array), perPopulation);
    this.rateFirstBin = 0;
    this.chunkCount = 0;
    this.startStep = 0;
    this.endStep = 0;
    this.runSerial++;
    this.changed();
  }

  /** Adds one streamed chunk. Ignored before the first reset. */
  append(chunk: ChunkMessage): void {
    if (!this.layout) return;
    const chunkEnd = chunk.firstStep + chunk.stepCount;
    if (this.chunkCount === 0) {
      this.startStep = chunk.firstStep;
      this.endStep = chunkEnd;
      this.rateFirstBin = Math.floor(chunk.firstStep / this.stepsPerRateBin);
    } else {
      this.endStep = Math.max(this.endStep, chunkEnd);
    }
    this.chunkCount++;
    for (const rec of chunk.recordings) {
      const buffer = this.recorders[rec.recorder];
      if (buffer) appendRecording(buffer, rec.timesMs, rec.values);
    }
    this.appendSpikes(chunk);
    this.changed();
  }

  /** Calls `listener` at most once per animation frame after the data changed; returns the unsubscribe. */
  subscribe(listener: RunDataListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  get spikeCount(): number {
    return this.spikes.length;
  }

  /** Trace samples held, over all recorders. */
  get sampleCount(): number {
    return this.recorders.reduce((n, r) => n + r.columns.length, 0);
  }

  /** Simulated time covered by the appended chunks, ms. */
  get endMs(): number {
    return this.endStep * this.dtMs;
  }

  /** Times (ms) of recorder `r`'s samples held. */
  traceTimes(r: number): Float64Array {
    return this.recorders[r].columns.view(0) as Float64Array;
  }

  /** Values of series `s` of recorder `r`, aligned with `traceTimes(r)`. */
  traceValues(r: number, s: number): Float32Array | Float64Array {
    return this.recorders[r].columns.view(1 + s) as Float32Array | Float64Array;
  }

  /**
   * Firing rate of population `p` (spikes per neuron per second) in bins of about `binMs`,
   * Gaussian-smoothed with standard deviation `smoothMs` (0: none). Null if its spikes are not recorded.
   */
  populationRate(p: number, binMs = 5, smoothMs = 0): RateSeries | null {
    const pop = this.populations[p];
    if (!pop?.recordSpikes || this.chunkCount === 0) return null;
    const rates = binnedRate(
      {
        counts: this.rateCounts.view(p),
        length: this.rateCounts.length,
        firstBin: this.rateFirstBin + this.rateCounts.dropped,
        stepsPerBin: this.stepsPerRateBin,
        startStep: this.startStep,
        endStep: this.endStep,
        dtMs: this.dtMs,
        size: pop.size,
      },
      binMs,
    );
    if (!(smoothMs > 0)) return rates;
    return { ...rates, rateHz: gaussianSmooth(rates.rateHz, smoothMs / rates.binMs) };
  }

  /** What the memory caps have dropped, for the UI; null while everything is held. */
  memoryNote(): string | null {
    const parts: string[] = [];
    const traceFrom = Math.max(...this.recorders.map((r) => (r.columns.dropped > 0 && r.columns.length > 0 ? r.columns.view(0)[0] : 0)), 0);
    if (traceFrom > 0) parts.push(`traces from ${formatMs(traceFrom)}`);
    if (this.spikes.dropped > 0 && this.spikes.length > 0) parts.push(`spikes from ${formatMs(this.spikes.view(SPIKE_STEP)[0] * this.dtMs)}`);
    if (this.rateCounts.dropped > 0) parts.push(`rates from ${formatMs((this.rateFirstBin + this.rateCounts.dropped) * this.stepsPerRateBin * this.dtMs)}`);
    return parts.length ? `Memory limit: keeping the most recent data only (${parts.join(', ')})` : null;
  }

  private appendSpikes(chunk: ChunkMessage): void {
    const { steps, populations, neurons } = chunk.spikes;
    const n = steps.length;
    const skip = Math.max(0, n - this.spikes.maxRows);
    if (n - skip > 0) {
      const start = this.spikes.reserve(n - skip);
      this.spikes.raw(SPIKE_STEP).set(steps.subarray(skip), start);
      this.spikes.raw(SPIKE_POPULATION).set(populations.subarray(skip), start);
      this.spikes.raw(SPIKE_NEURON).set(neurons.subarray(skip), start);
      this.spikes.dropped += skip;
    }
    // Rate counts: make rows for every base bin up to the chunk's end, then count (O(chunk)).
    const counts = this.rateCounts;
    const lastBin = Math.floor((this.endStep - 1) / this.stepsPerRateBin);
    let need = lastBin - (this.rateFirstBin + counts.dropped) + 1 - counts.length;
    while (need > 0) {
      const piece = Math.min(need, Math.max(1, Math.floor(counts.maxRows / 2)));
      const start = counts.reserve(piece);
      for (let p = 0; p < this.populations.length; p++) counts.raw(p).fill(0, start, start + piece);
      need -= piece;
    }
    const base = this.rateFirstBin + counts.dropped;
    const spb = this.stepsPerRateBin;
    for (let i = 0; i < n; i++) {
      const row = Math.floor(steps[i] / spb) - base;
      const p = populations[i];
      if (row >= 0 && row < counts.length && p >= 0 && p < this.populations.length) counts.raw(p)[row]++;
    }
  }

  private changed(): void {
    this.version++;
    if (this.frameScheduled || this.listeners.size === 0) return;
    this.frameScheduled = true;
    this.scheduleFrame(() => this.notify());
  }

  private notify(): void {
    this.frameScheduled = false;
    if (this.version === this.notifiedVersion) return;
    this.notifiedVersion = this.version;
    for (const listener of [...this.listeners]) listener(this);
  }
}

/** Appends a time-major block (values[sample · series + s]) as columns; keeps the newest rows if it exceeds the cap. */
function appendRecording(buffer: RecorderBuffer, timesMs: Float64Array, values: Float32Array | Float64Array): void {
  const cols = buffer.columns;
  const k = buffer.series.length;
  const n = k > 0 ? Math.min(timesMs.length, Math.floor(values.length / k)) : timesMs.length;
  const skip = Math.max(0, n - cols.maxRows);
  const m = n - skip;
  if (m <= 0) return;
  const start = cols.reserve(m);
  cols.raw(0).set(timesMs.subarray(skip, n), start);
  for (let s = 0; s < k; s++) {
    const col = cols.raw(1 + s);
    for (let i = 0; i < m; i++) col[start + i] = values[(skip + i) * k + s];
  }
  cols.dropped += skip;
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${+(ms / 1000).toFixed(3)} s` : `${+ms.toFixed(2)} ms`;
}
