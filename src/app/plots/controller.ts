/**
 * Owns one uPlot chart for its whole life: created once when its host has a size, then only fed
 * with `setData`/`setScale` (never re-created per frame). It redraws at most once per animation
 * frame, on new run data (RunData.subscribe already calls in a frame), a new shared window (xView),
 * a resize (ResizeObserver) or a theme change; while its host is hidden it does nothing.
 */
import type uPlot from 'uplot';
import { applyFrame, bindInteractions, hostSize, uPlot as UPlot } from './chart';
import type { RunData } from './runData';
import { xView, type XRange } from './xView';

export interface ChartSpec {
  /** uPlot options for a chart of this size (series, axes, scales, hooks). */
  options(width: number, height: number): uPlot.Options;
  /** The data for the window, or null when it did not change since the last call (unless `force`). */
  data(u: uPlot, range: XRange, plotWidthPx: number, force: boolean): uPlot.AlignedData | null;
}

/** The run's full time range: [0, end], growing if a run is stepped past its planned duration. */
export function fullRange(data: RunData): XRange {
  const max = Math.max(data.durationMs, data.endMs);
  return { min: 0, max: max > 0 ? max : 1 };
}

export class ChartController {
  private chart: uPlot | null = null;
  private unbind: (() => void) | null = null;
  private frame = 0;
  private force = true;
  private size: { width: number; height: number };
  private readonly cleanups: (() => void)[] = [];
  private draws = 0;
  private root: HTMLElement | null = null;

  constructor(
    private readonly host: HTMLElement,
    private readonly spec: ChartSpec,
    private readonly data: RunData,
  ) {
    // Sizes come from the observer, never from reading clientWidth in a frame: a read after the
    // frame's DOM writes (legends, counters) would force a synchronous layout every frame.
    this.size = hostSize(host);
    const resize = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1].contentRect;
      this.size = { width: Math.floor(box.width), height: Math.floor(box.height) };
      this.force = true;
      this.invalidate();
    });
    resize.observe(host);
    this.cleanups.push(
      () => resize.disconnect(),
      data.subscribe(() => this.draw()),
      xView.subscribe(() => this.invalidate()),
    );
    this.invalidate();
  }

  get uplot(): uPlot | null {
    return this.chart;
  }

  /** Schedules a redraw in the next animation frame (coalesced). */
  invalidate(force = false): void {
    if (force) this.force = true;
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  /** Draws now (called inside an animation frame). */
  draw(): void {
    const { width, height } = this.size;
    if (width < 40 || height < 40) return;
    const full = fullRange(this.data);
    if (!this.chart) {
      this.chart = new UPlot(this.spec.options(width, height), [[]], this.host);
      this.unbind = bindInteractions(this.chart, () => fullRange(this.data));
      this.force = true;
    } else if (this.chart.width !== width || this.chart.height !== height) {
      this.chart.setSize({ width, height });
      this.force = true;
    }
    const u = this.chart;
    const range = xView.current(full);
    // Before uPlot's first layout the plotting box is unknown: estimate it and redo next frame.
    const measured = u.bbox.width > 0;
    const columns = measured ? u.bbox.width : width * (globalThis.devicePixelRatio || 1);
    const next = this.spec.data(u, range, Math.max(1, Math.round(columns)), this.force);
    this.force = !measured;
    applyFrame(u, next, range);
    this.countDraw();
    if (!measured) this.invalidate();
  }

  /** Redraws (applyFrame always repaints the chart), in `data-draws` on the plot's root (the UI benchmark reads it). */
  private countDraw(): void {
    this.draws++;
    this.root ??= this.host.closest<HTMLElement>('[data-testid]');
    this.root?.setAttribute('data-draws', String(this.draws));
  }

  destroy(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    for (const c of this.cleanups) c();
    this.unbind?.();
    this.chart?.destroy();
    this.chart = null;
  }
}
