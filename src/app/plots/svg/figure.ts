/**
 * What a chart figure is made of, as plain data: panels stacked under a title (one per unit for
 * traces), each with an x and a y axis (range, ticks as on screen, label with unit) and layers
 * drawn in order, then a legend. The writer (chartSvg.ts) lays it out; the plots fill it from what
 * their chart shows (fromUplot.ts) and from their own data (spikes, rheobase brackets).
 */
import type { SpikeColumns } from '../raster';
import type { SvgTheme } from './document';

export interface Tick {
  readonly value: number;
  /** As on screen, e.g. "-65" or "exc" (empty: a tick without a label). */
  readonly text: string;
}

export interface AxisSpec {
  /** With the unit, e.g. "v (mV)"; undefined: no label (a stacked chart's upper time axes). */
  readonly label?: string;
  readonly min: number;
  readonly max: number;
  readonly ticks: readonly Tick[];
  /** Grid lines at the ticks (default true). */
  readonly grid?: boolean;
}

export interface LineLayer {
  readonly kind: 'line';
  readonly color: string;
  readonly widthPx: number;
  readonly xs: ArrayLike<number>;
  readonly ys: ArrayLike<number | null | undefined>;
  /** Missing values are skipped (true) or break the line (false). */
  readonly spanGaps: boolean;
  readonly dash?: readonly number[];
  /** A dot at every point (f–I, sweeps), diameter in px. */
  readonly markerPx?: number;
}

/** A vertical band over the whole plot height (a rheobase bracket), with a dashed middle line. */
export interface XBandLayer {
  readonly kind: 'xband';
  readonly from: number;
  readonly to: number;
  readonly color: string;
  readonly fillOpacity: number;
  readonly midline?: { readonly widthPx: number; readonly dash: readonly number[] };
  /** A small triangle on the x axis at the middle. */
  readonly axisMarker?: boolean;
}

/** Spikes as small marks at (time, stacked row), like the raster on screen. */
export interface SpikeLayer {
  readonly kind: 'spikes';
  readonly spikes: SpikeColumns;
  /** Index range [from, to) of the spikes to consider (the visible window). */
  readonly from: number;
  readonly to: number;
  readonly dtMs: number;
  /** First row of population p (-1: not shown). */
  readonly rowOffsets: ArrayLike<number>;
  /** Colour of population p. */
  readonly colors: readonly string[];
}

/** Populations' row ranges: a colour strip on the left edge and a separator line between them. */
export interface RowBandsLayer {
  readonly kind: 'rowbands';
  readonly bands: readonly { readonly from: number; readonly to: number; readonly color: string }[];
}

export type Layer = LineLayer | XBandLayer | SpikeLayer | RowBandsLayer;

export interface PanelSpec {
  /** Height of the plotting area, px. */
  readonly heightPx: number;
  readonly x: AxisSpec;
  readonly y: AxisSpec;
  readonly layers: readonly Layer[];
}

export interface LegendItem {
  readonly label: string;
  readonly color: string;
  readonly dash?: readonly number[];
}

export interface ChartFigure {
  readonly title: string;
  /** Width of the whole figure, px. */
  readonly widthPx: number;
  readonly panels: readonly PanelSpec[];
  readonly legend: readonly LegendItem[];
  readonly theme: SvgTheme;
}
