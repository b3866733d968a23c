import { describe, expect, it } from 'vitest';
import { chartSvg, layoutChart } from './chartSvg';
import type { ChartFigure, PanelSpec } from './figure';
import { MAX_SPIKE_MARKS } from './layers';
import { POINTS_PER_COLUMN } from './polyline';
import { findAll, parseXml, pointsOf, texts } from './testXml';

const theme = { panel: '#ffffff', fg: '#1b2230', muted: '#5d6778', border: '#d5dbe5', axis: '#5d6778', grid: 'rgba(0, 0, 0, 0.08)' };
const ticks = (values: number[], unit = '') => values.map((v) => ({ value: v, text: `${v}${unit}` }));

function voltagePanel(xs: ArrayLike<number>, ys: ArrayLike<number>): PanelSpec {
  return {
    heightPx: 150,
    x: { min: 0, max: 100, ticks: ticks([0, 20, 40, 60, 80, 100]) },
    y: { label: 'v (mV)', min: -80, max: -40, ticks: ticks([-80, -60, -40]) },
    layers: [{ kind: 'line', color: '#3b82f6', widthPx: 1.25, xs, ys, spanGaps: true }],
  };
}

function figure(panels: PanelSpec[], extra: Partial<ChartFigure> = {}): ChartFigure {
  return { title: 'Demo — traces', widthPx: 800, panels, legend: [{ label: 'exc[0].v (mV)', color: '#3b82f6' }], theme, ...extra };
}

describe('chartSvg', () => {
  it('is well-formed SVG with size, viewBox, title, axis labels with units and the ticks', () => {
    const fig = figure([
      voltagePanel([0, 50, 100], [-70, -50, -60]),
      {
        heightPx: 100,
        x: { label: 'time (ms)', min: 0, max: 100, ticks: ticks([0, 50, 100]) },
        y: { label: 'i (nA)', min: 0, max: 2, ticks: ticks([0, 1, 2]) },
        layers: [{ kind: 'line', color: '#f76707', widthPx: 1.25, xs: [0, 100], ys: [1, 1], spanGaps: true }],
      },
    ]);
    const svg = chartSvg(fig);
    const root = parseXml(svg);
    const layout = layoutChart(fig);
    expect(root.attrs).toMatchObject({ xmlns: 'http://www.w3.org/2000/svg', width: String(layout.width), height: String(Math.ceil(layout.height)), viewBox: `0 0 ${layout.width} ${Math.ceil(layout.height)}` });
    const words = texts(root);
    expect(words).toEqual(expect.arrayContaining(['Demo — traces', 'v (mV)', 'i (nA)', 'time (ms)', '-80', '-60', '-40', '0', '50', '100', 'exc[0].v (mV)']));
    // The time label once (under the lowest panel), and both panels share their left edge.
    expect(words.filter((w) => w === 'time (ms)')).toHaveLength(1);
    expect(layout.panels[0].box.left).toBe(layout.panels[1].box.left);
    expect(layout.panels[1].box.top).toBeGreaterThan(layout.panels[0].box.top + layout.panels[0].box.height);
  });

  it('maps data to pixels: the polyline goes through the data points in the plot box', () => {
    const fig = figure([voltagePanel([0, 50, 100], [-80, -40, -60])]);
    const { box } = layoutChart(fig).panels[0];
    const [line] = findAll(parseXml(chartSvg(fig)), 'polyline');
    const p = pointsOf(line);
    const r2 = (v: number) => Math.round(v * 100) / 100;
    expect(p).toEqual([box.left, box.top + box.height, box.left + box.width / 2, box.top, box.left + box.width, box.top + box.height / 2].map(r2));
    expect(line.attrs).toMatchObject({ stroke: '#3b82f6', 'stroke-width': '1.25', fill: 'none' });
  });

  it('writes a bounded number of points for a million-sample trace, cut to the window', () => {
    const n = 1_000_000;
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      xs[i] = (i / n) * 1000;
      ys[i] = -65 + 10 * Math.sin(i / 300);
    }
    const fig = figure([voltagePanel(xs, ys)]);
    const svg = chartSvg(fig);
    const { box } = layoutChart(fig).panels[0];
    const points = findAll(parseXml(svg), 'polyline').reduce((k, e) => k + pointsOf(e).length / 2, 0);
    expect(points).toBeLessThanOrEqual(POINTS_PER_COLUMN * box.width + 2);
    expect(points).toBeGreaterThan(box.width);
    expect(svg.length).toBeLessThan(200_000);
  });

  it('escapes the title, labels and legend', () => {
    const svg = chartSvg(figure([voltagePanel([0, 100], [-70, -60])], { title: 'A <b> & "c"', legend: [{ label: "<i>'s & v", color: 'rgba(1,2,3,0.5)' }] }));
    const root = parseXml(svg);
    expect(root.children[0]).toMatchObject({ name: 'title', text: 'A <b> & "c"' });
    expect(texts(root)).toEqual(expect.arrayContaining(['A <b> & "c"', "<i>'s & v"]));
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('stroke="rgb(1,2,3)" stroke-opacity="0.5"');
  });

  it('draws spikes as marks at (time, row), merged per mark cell, bounded for huge rasters', () => {
    const steps = Int32Array.from([100, 100, 500, 900]);
    const populations = Int32Array.from([0, 0, 1, 1]);
    const neurons = Int32Array.from([0, 0, 3, 4]);
    const panel: PanelSpec = {
      heightPx: 200,
      x: { label: 'time (ms)', min: 0, max: 100, ticks: ticks([0, 50, 100]) },
      y: { label: 'neuron', min: 0, max: 20, ticks: [{ value: 5, text: 'exc' }, { value: 15, text: 'inh' }], grid: false },
      layers: [
        { kind: 'spikes', spikes: { steps, populations, neurons, length: 4 }, from: 0, to: 4, dtMs: 0.1, rowOffsets: [0, 10], colors: ['#3b82f6', '#f76707'] },
        { kind: 'rowbands', bands: [{ from: 0, to: 10, color: '#3b82f6' }, { from: 10, to: 20, color: '#f76707' }] },
      ],
    };
    const fig = figure([panel]);
    const root = parseXml(chartSvg(fig));
    const { box } = layoutChart(fig).panels[0];
    const paths = findAll(root, 'path').filter((p) => p.attrs.class === 'spikes');
    expect(paths.map((p) => p.attrs.fill)).toEqual(['#3b82f6', '#f76707']);
    // The duplicate spike is written once; exc neuron 0 at t = 10 ms.
    expect(paths[0].attrs.d.match(/M/g)).toHaveLength(1);
    const [, mx, my] = /^M([\d.]+) ([\d.]+)/.exec(paths[0].attrs.d)!;
    const markW = Math.max(1, Math.min(3, (box.width * 0.1) / 100));
    expect(Number(mx)).toBeCloseTo(box.left + box.width * 0.1 - markW / 2, 1);
    expect(Number(my)).toBeCloseTo(box.top + box.height - 0.5 * (box.height / 20) - 1.5, 1);
    expect(texts(root)).toEqual(expect.arrayContaining(['exc', 'inh', 'neuron', 'time (ms)']));

    // 2 million spikes everywhere: the file stays bounded.
    const n = 2_000_000;
    const big = { steps: new Int32Array(n), populations: new Int32Array(n), neurons: new Int32Array(n), length: n };
    for (let i = 0; i < n; i++) {
      big.steps[i] = Math.floor(i / 2000);
      big.neurons[i] = (i * 7919) % 4000;
    }
    const dense: PanelSpec = { ...panel, x: { ...panel.x, max: 100 }, y: { ...panel.y, max: 4000 }, layers: [{ kind: 'spikes', spikes: big, from: 0, to: n, dtMs: 0.1, rowOffsets: [0], colors: ['#3b82f6'] }] };
    const svg = chartSvg(figure([dense]));
    const marks = (svg.match(/z/g) ?? []).length;
    expect(marks).toBeLessThanOrEqual(MAX_SPIKE_MARKS);
    expect(marks).toBeGreaterThan(1000);
  });

  it('draws an x band with its dashed middle line and marker, and dots on lines that ask for them', () => {
    const panel: PanelSpec = {
      heightPx: 150,
      x: { label: 'I (nA)', min: 10, max: 20, ticks: ticks([10, 15, 20]) },
      y: { label: 'rate (Hz)', min: 0, max: 100, ticks: ticks([0, 50, 100]) },
      layers: [
        { kind: 'xband', from: 12, to: 14, color: '#3b82f6', fillOpacity: 0.16, midline: { widthPx: 1.5, dash: [5, 4] }, axisMarker: true },
        { kind: 'line', color: '#3b82f6', widthPx: 1.75, xs: [10, 12, 14, 16], ys: [0, 0, 20, null], spanGaps: true, markerPx: 5 },
      ],
    };
    const fig = figure([panel]);
    const root = parseXml(chartSvg(fig));
    const { box } = layoutChart(fig).panels[0];
    const band = findAll(root, 'rect').find((r) => r.attrs['fill-opacity'] === '0.16')!;
    expect(Number(band.attrs.x)).toBeCloseTo(box.left + box.width * 0.2, 1);
    expect(Number(band.attrs.width)).toBeCloseTo(box.width * 0.2, 1);
    expect(findAll(root, 'path').some((p) => p.attrs['stroke-dasharray'] === '5 4')).toBe(true);
    expect(findAll(root, 'circle')).toHaveLength(3);
    expect(texts(root)).toEqual(expect.arrayContaining(['I (nA)', 'rate (Hz)']));
  });
});
