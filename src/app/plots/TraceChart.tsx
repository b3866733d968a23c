/**
 * One trace chart: the selected series that share a unit, on one y axis labelled with the
 * variables and the unit. The live legend under it is the cursor readout (values with units).
 */
import { useEffect, useRef } from 'react';
import type uPlot from 'uplot';
import { cursorOptions, formatNumber, publishUserZoom, timeAxis, valueAxis, xScale, type ThemeRef } from './chart';
import { fullRange, type ChartSpec } from './controller';
import type { RunData } from './runData';
import type { PlotTheme } from './theme';
import { seriesLabel, type UnitGroup } from './traceSeries';
import { TraceSource } from './traceSource';
import { useChart } from './useChart';
import './TraceChart.css';

export type ChartRegistry = Map<string, () => uPlot | null>;

interface Props {
  readonly data: RunData;
  readonly group: UnitGroup;
  readonly colorOf: (id: string) => string;
  readonly theme: PlotTheme;
  /** Only the bottom chart of the stack labels its time axis. */
  readonly showTimeLabel: boolean;
  readonly registry: ChartRegistry;
}

function traceSpec(data: RunData, group: UnitGroup, colorOf: (id: string) => string, theme: ThemeRef, legendHost: HTMLElement | null, showTimeLabel: boolean): ChartSpec {
  const source = new TraceSource(data, group.series);
  const unit = group.unit === '1' ? '' : ` ${group.unit}`;
  return {
    options: (width, height) => ({
      width,
      height,
      scales: { x: xScale(), y: { auto: true } },
      series: [
        { label: 'time', value: (_u, v) => (v == null ? '–' : `${formatNumber(v)} ms`) },
        ...source.ordered.map(
          (s): uPlot.Series => ({
            label: seriesLabel(s),
            stroke: colorOf(s.id),
            width: 1.25,
            spanGaps: true,
            value: (_u, v) => (v == null ? '–' : `${formatNumber(v)}${unit}`),
          }),
        ),
      ],
      axes: [timeAxis(theme, showTimeLabel), valueAxis(theme, group.axisLabel)],
      cursor: cursorOptions(),
      legend: { live: true, mount: (_u, el) => legendHost?.appendChild(el) },
      hooks: { setScale: [publishUserZoom(() => fullRange(data))] },
    }),
    data: (_u, range, columns, force) => source.frame(range, columns, force),
  };
}

export function TraceChart({ data, group, colorOf, theme, showTimeLabel, registry }: Props) {
  const hostRef = useRef<HTMLDivElement>(null);
  const legendRef = useRef<HTMLDivElement>(null);
  const controller = useChart(hostRef, data, theme, (t) => traceSpec(data, group, colorOf, t, legendRef.current, showTimeLabel), [group, colorOf, showTimeLabel]);
  useEffect(() => {
    const get = () => controller.current?.uplot ?? null;
    registry.set(group.unit, get);
    return () => {
      if (registry.get(group.unit) === get) registry.delete(group.unit);
    };
  }, [registry, group.unit, controller]);
  return (
    <div className="plots-trace-chart" data-unit={group.unit}>
      <div className="plots-chart-host" ref={hostRef} />
      <div className="plots-legend" ref={legendRef} />
    </div>
  );
}
