/** The phase plane as SVG: well-formed, the same figure as the canvas (labels, nullclines, field, fixed points, trajectories). */
import { describe, expect, it } from 'vitest';
import type { FixedPoint } from '../../../analysis/phasePlaneFixedPoints';
import type { PhasePlaneResult } from '../../../analysis/phasePlane';
import type { Trajectory } from '../../../analysis/phasePlaneTrajectory';
import { findAll, parseXml, pointsOf, texts } from '../../plots/svg/testXml';
import { plotRect, X_NULLCLINE_COLOR, Y_NULLCLINE_COLOR, type PhaseDrawing } from './drawPhasePlane';
import { phasePlaneSvg, TITLE_ROW_PX } from './phaseSvg';

const theme = { panel: '#ffffff', fg: '#1b2230', muted: '#5d6778', border: '#d5dbe5', axis: '#5d6778', grid: 'rgba(0, 0, 0, 0.08)' };
const view = { xMin: -80, xMax: -40, yMin: -10, yMax: 10 };

/** A linear flow towards (-60, 0) on a 25 × 25 grid; nullclines v = -60 and w = 0. */
function result(): PhasePlaneResult {
  const n = 25;
  const x = new Float64Array(n * n);
  const y = new Float64Array(n * n);
  const dx = new Float64Array(n * n);
  const dy = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const k = i + n * j;
      x[k] = view.xMin + ((i + 0.5) / n) * (view.xMax - view.xMin);
      y[k] = view.yMin + ((j + 0.5) / n) * (view.yMax - view.yMin);
      dx[k] = -(x[k] + 60) / 10;
      dy[k] = -y[k] / 20;
    }
  }
  const fp = (px: number, py: number, stability: string) => ({ x: px, y: py, stability }) as unknown as FixedPoint;
  return {
    view,
    xNullcline: Float64Array.from([-60, -10, -60, 0, -60, 0, -60, 10]),
    yNullcline: Float64Array.from([-80, 0, -40, 0]),
    field: { nx: n, ny: n, x, y, dx, dy },
    fixedPoints: [fp(-60, 0, 'stable node'), fp(-50, 5, 'saddle'), fp(-45, -5, 'unstable focus')],
  };
}

function trajectory(): Trajectory {
  const pts: number[] = [];
  for (let i = 0; i <= 5000; i++) pts.push(-75 + (15 * i) / 5000, 8 * (1 - i / 5000));
  pts.push(NaN, NaN, -70, 2, -65, 1);
  return {
    x0: -75,
    y0: 8,
    points: Float64Array.from(pts),
    timesMs: new Float64Array(pts.length / 2),
    resets: [{ tMs: 10, fromX: -60, fromY: 0, toX: -70, toY: 2 }],
    spikes: 1,
    endMs: 100,
    end: 'duration',
  };
}

const drawing = (trajectories: Trajectory[] = [trajectory()]): PhaseDrawing => ({ result: result(), trajectories, xLabel: 'v (mV)', yLabel: 'w (pA)', xName: 'v', yName: 'w', resets: true });

describe('phasePlaneSvg', () => {
  it('is a well-formed SVG with the title, axis labels with units, ticks and the legend', () => {
    const svg = phasePlaneSvg(drawing(), { widthPx: 700, heightPx: 400, title: 'exc · AdEx · I = 500 pA & <more>', theme });
    const root = parseXml(svg);
    // Too narrow for the legend in one row: a second row, the plot moved down by it.
    expect(root.attrs).toMatchObject({ xmlns: 'http://www.w3.org/2000/svg', width: '700', height: String(400 + TITLE_ROW_PX + 18), viewBox: `0 0 700 ${400 + TITLE_ROW_PX + 18}` });
    const words = texts(root);
    expect(words).toEqual(expect.arrayContaining(['exc · AdEx · I = 500 pA & <more>', 'v (mV)', 'w (pA)', '−80', '−60', '−40', '0', '10']));
    expect(words).toEqual(expect.arrayContaining(['v-nullcline (dv/dt = 0)', 'w-nullcline (dw/dt = 0)', 'trajectory', 'reset', 'stable', 'unstable', 'saddle']));
  });

  it('draws both nullclines in their colours, mapped to the plot box', () => {
    const root = parseXml(phasePlaneSvg(drawing(), { widthPx: 700, heightPx: 400, title: 't', theme }));
    const rect = plotRect(700, 400);
    const x = findAll(root, 'path').find((p) => p.attrs.class === 'x-nullcline')!;
    const y = findAll(root, 'path').find((p) => p.attrs.class === 'y-nullcline')!;
    expect(x.attrs.stroke).toBe(X_NULLCLINE_COLOR);
    expect(y.attrs.stroke).toBe(Y_NULLCLINE_COLOR);
    // v = -60 is the middle of [-80, -40]; the two touching segments became one path run.
    const mid = Math.round((rect.left + rect.width / 2) * 100) / 100;
    expect(x.attrs.d).toBe(`M${mid} ${rect.top + rect.height}L${mid} ${rect.top + rect.height / 2}L${mid} ${rect.top}`);
    expect(y.attrs.d).toBe(`M${rect.left} ${rect.top + rect.height / 2}L${rect.left + rect.width} ${rect.top + rect.height / 2}`);
  });

  it('draws the field arrows, the fixed points by stability, and thinned trajectories', () => {
    const root = parseXml(phasePlaneSvg(drawing(), { widthPx: 700, heightPx: 400, title: 't', theme }));
    const field = findAll(root, 'g').filter((g) => g.attrs.class === 'field');
    expect(field.length).toBeGreaterThan(1);
    const arrows = field.reduce((n, g) => n + (g.children[0].attrs.d.match(/M/g) ?? []).length, 0);
    expect(arrows).toBeGreaterThan(100);
    expect(arrows).toBeLessThanOrEqual(625);
    const points = findAll(root, 'g').filter((g) => g.attrs.class === 'fixed-point');
    expect(points.map((p) => p.attrs['data-stability'])).toEqual(expect.arrayContaining(['stable node', 'saddle', 'unstable focus']));
    const stable = points.find((p) => p.attrs['data-stability'] === 'stable node')!;
    expect(stable.children[0].attrs.fill).toBe(theme.fg);
    const unstable = points.find((p) => p.attrs['data-stability'] === 'unstable focus')!;
    expect(unstable.children[0].attrs.fill).toBe(theme.panel);
    const lines = findAll(root, 'polyline');
    expect(lines).toHaveLength(2);
    // 5001 points along ~ 300 px: thinned to sub-pixel spacing, the end kept.
    expect(pointsOf(lines[0]).length / 2).toBeLessThan(600);
    expect(findAll(root, 'path').some((p) => p.attrs.class === 'resets' && p.attrs['stroke-dasharray'] === '4 3')).toBe(true);
  });

  it('leaves the trajectory entries out of the legend when there are none; a wide plane has one legend row', () => {
    const root = parseXml(phasePlaneSvg(drawing([]), { widthPx: 900, heightPx: 400, title: 't', theme }));
    expect(texts(root)).not.toContain('trajectory');
    expect(texts(root)).toContain('saddle');
    expect(root.attrs.height).toBe(String(400 + TITLE_ROW_PX));
  });
});
