/**
 * The 1-D sweep: the measure against the parameter, a line with markers (uPlot). Points without a
 * value (CV or latency of a silent cell) are gaps. Hover shows the point; a click opens the
 * simulation of the point under the cursor.
 */
import { useEffect, useRef, type RefObject } from 'react';
import uPlot from 'uplot';
import { prettyUnit } from '../../../analysis/fiFormat';
import type { SweepAxisValues } from '../../../analysis/sweep';
import { formatNumber, hostSize } from '../../plots/chart';
import { chartsToPng } from '../../plots/download';
import { chartsToSvg } from '../../plots/svg/fromUplot';
import type { PlotTheme } from '../../plots/theme';
import type { SweepFigure } from './sweepFigure';
import './SweepHeatmap.css';

interface Props {
  readonly axis: SweepAxisValues;
  readonly values: readonly number[];
  readonly measureLabel: string;
  readonly measureUnit: string;
  readonly theme: PlotTheme;
  readonly onOpen: (k: number) => void;
  /** Set to this plot's exports while it is mounted. */
  readonly figureRef: RefObject<SweepFigure | null>;
}

const FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const LABEL_FONT = '600 11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

function axis(theme: { current: PlotTheme }, scale: string, label: string, side: 2 | 3): uPlot.Axis {
  return {
    scale,
    side,
    label,
    labelSize: 16,
    labelFont: LABEL_FONT,
    font: FONT,
    size: side === 2 ? 30 : (_u, values) => 14 + Math.ceil(6.5 * Math.max(3, ...(values ?? []).map((v) => String(v).length))),
    space: side === 2 ? 50 : 26,
    stroke: () => theme.current.axis,
    grid: { stroke: () => theme.current.grid, width: 1 },
    ticks: { stroke: () => theme.current.grid, width: 1, size: 4 },
    values: (_u, splits) => splits.map((v) => (v == null ? '' : formatNumber(v))),
  };
}

export function SweepLine({ axis: a, values, measureLabel, measureUnit, theme, onOpen, figureRef }: Props) {
  const hostRef = useRef<HTMLDivElement>(null);
  const readoutRef = useRef<HTMLDivElement>(null);
  const themeRef = useRef(theme);
  const openRef = useRef(onOpen);
  openRef.current = onOpen;

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const unit = a.unit && a.unit !== '1' ? prettyUnit(a.unit) : '';
    const xLabel = unit ? `${a.param} (${unit})` : a.param;
    const yLabel = measureUnit ? `${measureLabel} (${measureUnit})` : measureLabel;
    const readout = () => {
      const el = readoutRef.current;
      if (!el) return;
      const i = u.cursor.idx;
      el.hidden = i == null;
      if (i == null) return;
      const v = values[i];
      el.textContent = `${a.param} = ${formatNumber(a.values[i])}${unit ? ` ${unit}` : ''} → ${Number.isFinite(v) ? `${formatNumber(v)}${measureUnit ? ` ${measureUnit}` : ''}` : 'no value'} · click to open`;
    };
    const { width, height } = hostSize(host);
    const color = themeRef.current.accent;
    const u: uPlot = new uPlot(
      {
        width: Math.max(width, 100),
        height: Math.max(height, 80),
        scales: { x: { time: false } },
        series: [{ label: xLabel }, { label: yLabel, stroke: () => themeRef.current.accent, width: 1.75, spanGaps: false, points: { show: true, size: 6, stroke: color, fill: color } }],
        axes: [axis(themeRef, 'x', xLabel, 2), axis(themeRef, 'y', yLabel, 3)],
        legend: { show: false },
        cursor: { y: false, drag: { x: false, y: false }, points: { size: 9 } },
        hooks: { setCursor: [readout] },
      },
      [[...a.values], values.map((v) => (Number.isFinite(v) ? v : null))],
      host,
    );
    const click = () => {
      const i = u.cursor.idx;
      if (i != null) openRef.current(i);
    };
    u.over.addEventListener('click', click);
    u.over.style.cursor = 'pointer';
    // One line, named by the y axis: no legend needed.
    const figure: SweepFigure = { png: (title, t) => chartsToPng(title, [u], [], t), svg: (title, t) => chartsToSvg(title, [u], [], t) };
    figureRef.current = figure;
    const resize = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1].contentRect;
      const w = Math.floor(box.width);
      const h = Math.floor(box.height);
      if (w > 0 && h > 0 && (w !== u.width || h !== u.height)) u.setSize({ width: w, height: h });
    });
    resize.observe(host);
    return () => {
      resize.disconnect();
      u.over.removeEventListener('click', click);
      u.destroy();
      if (figureRef.current === figure) figureRef.current = null;
    };
  }, [a, values, measureLabel, measureUnit, figureRef]);

  useEffect(() => {
    themeRef.current = theme;
  }, [theme]);

  return (
    <div className="sweep-heatmap" data-testid="sweep-plot" data-points={values.length} role="img" aria-label={`${measureLabel} against ${a.param}: click a point to open that simulation`}>
      <div className="sweep-heatmap-host" ref={hostRef} />
      <div className="sweep-readout" ref={readoutRef} hidden data-testid="sweep-readout" />
    </div>
  );
}
