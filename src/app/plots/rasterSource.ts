/**
 * The raster chart's picture: spikes painted into an offscreen canvas the size of the plotting
 * area, which uPlot's draw hook copies under its axes. While the window, size and run stay the
 * same, a frame paints only the spikes that arrived since the last one (O(chunk)); anything else
 * repaints the spikes in the window once.
 */
import type uPlot from 'uplot';
import { packPixel, populationColor } from './colors';
import { paintSpikes, spikeIndexRange, type RasterView } from './raster';
import { SPIKE_NEURON, SPIKE_POPULATION, SPIKE_STEP, type RunData } from './runData';
import type { XRange } from './xView';

export class RasterSource {
  private canvas: HTMLCanvasElement | null = null;
  private image: ImageData | null = null;
  private pixels: Uint32Array | null = null;
  private key = '';
  /** Absolute index (index + dropped) of the first spike not painted yet. */
  private painted = 0;
  private lastVersion = -1;
  private colors = new Uint32Array(0);

  constructor(private readonly data: RunData) {}

  /** Repaints what changed; returns the (tiny) uPlot data when the window changed, else null. */
  frame(u: uPlot, range: XRange, force: boolean): uPlot.AlignedData | null {
    const data = this.data;
    const width = Math.round(u.bbox.width);
    const height = Math.round(u.bbox.height);
    if (width <= 0 || height <= 0) return [[range.min, range.max], [null, null]];
    const key = `${data.runSerial}:${range.min}:${range.max}:${width}x${height}:${data.totalRows}`;
    const spikes = data.spikes;
    const full = force || key !== this.key || !this.pixels || this.painted < spikes.dropped;
    if (!full && data.version === this.lastVersion) return null;
    this.lastVersion = data.version;
    if (full) this.prepare(width, height);
    const view: RasterView = {
      width,
      height,
      fromMs: range.min,
      toMs: range.max,
      rows: data.totalRows,
      dtMs: data.dtMs,
      minMarker: Math.max(1, Math.round(globalThis.devicePixelRatio || 1)),
      maxMarker: Math.max(2, Math.round(3 * (globalThis.devicePixelRatio || 1))),
    };
    const steps = spikes.view(SPIKE_STEP);
    const columns = { steps, populations: spikes.view(SPIKE_POPULATION), neurons: spikes.view(SPIKE_NEURON), length: spikes.length };
    let from: number;
    let to: number;
    if (full) {
      [from, to] = spikeIndexRange(steps, spikes.length, range.min, range.max, data.dtMs);
    } else {
      from = this.painted - spikes.dropped;
      to = spikes.length;
    }
    paintSpikes(this.pixels!, view, columns, from, to, data.rowOffsets, this.colors);
    this.painted = spikes.length + spikes.dropped;
    this.canvas!.getContext('2d')!.putImageData(this.image!, 0, 0);
    const changedWindow = key !== this.key;
    this.key = key;
    return changedWindow || force ? [[range.min, range.max], [null, null]] : null;
  }

  /** Copies the picture into the chart (uPlot `draw` hook). */
  draw(u: uPlot): void {
    if (!this.canvas || !this.image) return;
    u.ctx.drawImage(this.canvas, Math.round(u.bbox.left), Math.round(u.bbox.top));
  }

  private prepare(width: number, height: number): void {
    if (!this.canvas) this.canvas = document.createElement('canvas');
    if (!this.image || this.image.width !== width || this.image.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
      this.image = new ImageData(width, height);
      this.pixels = new Uint32Array(this.image.data.buffer);
    } else {
      this.pixels!.fill(0);
    }
    this.colors = new Uint32Array(this.data.populations.map((_, p) => packPixel(populationColor(p))));
  }
}
