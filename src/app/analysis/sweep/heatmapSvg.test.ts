/** The sweep heat map as SVG: one rect per combination, hatched where there is no value, a colour bar, labels with units. */
import { describe, expect, it } from 'vitest';
import { findAll, parseXml, texts } from '../../plots/svg/testXml';
import { heatColor } from './heatColors';
import { HEATMAP_MARGIN, heatmapSvg } from './heatmapSvg';

const theme = { panel: '#1a2029', fg: '#e4e9f1', muted: '#9aa5b6', border: '#323c4b', axis: '#9aa5b6', grid: 'rgba(255, 255, 255, 0.08)' };
const axes = [
  { param: 'g_L', unit: 'nS', values: [10, 20, 30, 40] },
  { param: 'tau_w', unit: 'ms', values: [50, 100, 150] },
];
// Neuron k: g_L = axes[0][k % 4], tau_w = axes[1][floor(k / 4)]; two silent cells have no value.
const values = [0, 1, 2, 3, 4, 5, NaN, 7, 8, 9, 10, NaN];

describe('heatmapSvg', () => {
  const svg = heatmapSvg({ axes, values, measureLabel: 'rate', measureUnit: 'Hz', widthPx: 600, heightPx: 300, title: 'Demo — sweep of exc (AdEx): rate', theme });
  const root = parseXml(svg);

  it('is a well-formed SVG with size and viewBox, axis labels with units and the measure', () => {
    expect(root.attrs).toMatchObject({ xmlns: 'http://www.w3.org/2000/svg', width: '600', height: '326', viewBox: '0 0 600 326' });
    expect(texts(root)).toEqual(expect.arrayContaining(['Demo — sweep of exc (AdEx): rate', 'g_L (nS)', 'tau_w (ms)', 'rate (Hz)', '10', '40', '50', '150', '0', '10']));
  });

  it('has one rect per combination, placed by its parameters and coloured by its value', () => {
    const cells = findAll(root, 'rect').filter((r) => r.attrs['data-i'] !== undefined);
    expect(cells).toHaveLength(12);
    const w = 600 - HEATMAP_MARGIN.left - HEATMAP_MARGIN.right;
    const h = 300 - HEATMAP_MARGIN.top - HEATMAP_MARGIN.bottom;
    // Combination k = 5: i = 1, j = 1 → second column, middle row; value 5 of [0, 10].
    const c5 = cells.find((r) => r.attrs['data-i'] === '1' && r.attrs['data-j'] === '1')!;
    expect(Number(c5.attrs.x)).toBeCloseTo(HEATMAP_MARGIN.left + w / 4, 1);
    expect(Number(c5.attrs.y)).toBeCloseTo(HEATMAP_MARGIN.top + h / 3, 1);
    expect(c5.attrs.fill).toBe(heatColor(0.5).replace(/\s/g, ''));
    const hatched = cells.filter((r) => r.attrs.fill === 'url(#sweep-hatch)');
    expect(hatched.map((r) => [r.attrs['data-i'], r.attrs['data-j']])).toEqual([
      ['2', '1'],
      ['3', '2'],
    ]);
  });

  it('defines the hatch and a colour bar gradient through the scale, low at the bottom', () => {
    expect(findAll(root, 'pattern').map((p) => p.attrs.id)).toEqual(['sweep-hatch']);
    const [gradient] = findAll(root, 'linearGradient');
    expect(gradient.attrs).toMatchObject({ y1: '1', y2: '0' });
    const stops = findAll(gradient, 'stop');
    expect(stops[0].attrs['stop-color']).toBe(heatColor(0));
    expect(stops[stops.length - 1].attrs['stop-color']).toBe(heatColor(1));
    expect(findAll(root, 'rect').some((r) => r.attrs.fill === 'url(#sweep-scale)')).toBe(true);
  });
});
