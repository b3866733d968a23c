import type uPlot from 'uplot';
import { describe, expect, it } from 'vitest';
import { axisFromUplot, chartsToSvg, linesFromUplot, MIN_PANEL_PX, panelFromUplot } from './fromUplot';
import { findAll, parseXml, texts } from './testXml';

const theme = { panel: '#1a2029', fg: '#e4e9f1', muted: '#9aa5b6', border: '#323c4b', axis: '#9aa5b6', grid: 'rgba(255, 255, 255, 0.08)' };

/** The parts of a uPlot chart the export reads, as uPlot leaves them after a draw (dpr 2). */
function fakeChart(): uPlot {
  const accent = () => '#5b94f5';
  return {
    width: 600,
    height: 300,
    bbox: { left: 100, top: 20, width: 1000, height: 440 },
    ctx: { canvas: { width: 1200, height: 600 } },
    scales: { x: { min: 100, max: 300 }, y: { min: -80, max: -40 } },
    axes: [
      { scale: 'x', side: 2, label: 'time (ms)', grid: { show: true }, _splits: [100, 150, 200, 250, 300], _values: ['100', '150', '200', '250', '300'] },
      { scale: 'y', side: 3, label: 'v (mV)', grid: { show: true }, _splits: [-80, -60, -40], _values: ['-80', '-60', '-40'] },
    ],
    series: [
      { label: 'time' },
      { label: 'exc[0].v', stroke: () => '#3b82f6', width: 1.25, spanGaps: true, points: { show: () => undefined } },
      { label: 'hidden', stroke: () => '#f76707', width: 1, show: false, points: {} },
      { label: 'sweep', stroke: accent, width: 1.75, dash: [4, 2], points: { show: () => true, size: 6 } },
    ],
    data: [
      [0, 100, 200, 300, 400],
      [-70, -65, -50, -60, -70],
      [1, 2, 3, 4, 5],
      [-60, null, -55, -45, null],
    ],
  } as unknown as uPlot;
}

describe('a uPlot chart as figure data', () => {
  it('takes the ticks and labels uPlot drew, and the visible range', () => {
    const u = fakeChart();
    expect(axisFromUplot(u, 0)).toEqual({ label: 'time (ms)', min: 100, max: 300, grid: true, ticks: ['100', '150', '200', '250', '300'].map((t) => ({ value: Number(t), text: t })) });
    expect(axisFromUplot(u, 1).ticks.map((t) => t.text)).toEqual(['-80', '-60', '-40']);
  });

  it('takes the shown series with their colour, width, dash, gap rule and dots', () => {
    const lines = linesFromUplot(fakeChart());
    expect(lines.map((l) => [l.color, l.widthPx, l.spanGaps, l.dash, l.markerPx])).toEqual([
      ['#3b82f6', 1.25, true, undefined, undefined],
      ['#5b94f5', 1.75, false, [4, 2], 6],
    ]);
  });

  it('sizes the panel from the plot box in CSS px, never below the minimum', () => {
    expect(panelFromUplot(fakeChart()).heightPx).toBe(220);
    const tiny = { ...fakeChart(), bbox: { left: 0, top: 0, width: 1000, height: 80 } } as unknown as uPlot;
    expect(panelFromUplot(tiny).heightPx).toBe(MIN_PANEL_PX);
  });

  it('writes an SVG in the given (dark) theme with the chart width, lines, labels and legend', () => {
    const svg = chartsToSvg('Run — traces', [fakeChart()], [{ label: 'exc[0].v (mV)', color: '#3b82f6' }], theme);
    const root = parseXml(svg);
    expect(root.attrs.width).toBe('600');
    expect(root.children.find((c) => c.name === 'rect')?.attrs.fill).toBe('#1a2029');
    expect(texts(root)).toEqual(expect.arrayContaining(['Run — traces', 'time (ms)', 'v (mV)', '150', '-60', 'exc[0].v (mV)']));
    expect(findAll(root, 'polyline').length).toBeGreaterThanOrEqual(2);
    // Dots only where the chart shows them, and only inside the x window.
    expect(findAll(root, 'circle')).toHaveLength(2);
    expect(svg).toContain('stroke="rgb(255,255,255)" stroke-opacity="0.08"');
  });

  it('refuses to write nothing', () => {
    expect(() => chartsToSvg('x', [], [], theme)).toThrow('nothing to export');
  });
});
