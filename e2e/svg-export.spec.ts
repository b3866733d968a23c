/**
 * Every plot as SVG: the default example runs, and the traces, raster and rate plots, the f–I
 * curve, the phase plane and the sweep plots each download a vector SVG file beside their PNG.
 * Each file is opened on its own in Chromium (as a standalone image/svg+xml document, the way a
 * browser or Inkscape opens it), checked to be well-formed SVG with lines and axis labels with
 * units, and screenshotted to test-results/svg-export-*.png.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { example, loadProject, openApp, startFiSweep, waitForPhase } from './app';

test.use({ viewport: { width: 1400, height: 1050 } });

/** Clicks an SVG button, returns the downloaded file's text (also saved to test-results/). */
async function downloadSvg(page: Page, testId: string, name: string, filePattern: RegExp): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByTestId(testId).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(filePattern);
  const svg = readFileSync((await file.path())!, 'utf8');
  writeFileSync(`test-results/svg-export-${name}.svg`, svg);
  expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  return svg;
}

/** Opens the SVG as a file of its own in a new tab, checks it parsed as SVG, screenshots it. */
async function renderSvg(page: Page, svg: string, name: string): Promise<{ width: number; height: number; texts: string[]; lines: number }> {
  const tab = await page.context().newPage();
  try {
    await tab.goto(`data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`);
    const info = await tab.evaluate(() => {
      const root = document.documentElement;
      return {
        ns: root.namespaceURI,
        name: root.localName,
        errors: document.getElementsByTagName('parsererror').length,
        width: Number(root.getAttribute('width')),
        height: Number(root.getAttribute('height')),
        viewBox: root.getAttribute('viewBox'),
        texts: [...document.querySelectorAll('text')].map((t) => t.textContent ?? ''),
        lines: document.querySelectorAll('polyline, path').length,
      };
    });
    expect(info).toMatchObject({ ns: 'http://www.w3.org/2000/svg', name: 'svg', errors: 0, viewBox: `0 0 ${info.width} ${info.height}` });
    await tab.setViewportSize({ width: info.width, height: info.height });
    await tab.screenshot({ path: `test-results/svg-export-${name}.png` });
    return info;
  } finally {
    await tab.close();
  }
}

test('the run plots and the f–I curve download as SVG with lines and axis labels with units', async ({ page }) => {
  const errors = await openApp(page);
  await page.getByTestId('run-start').click();
  await waitForPhase(page, 'done');

  const traces = await downloadSvg(page, 'export-svg-traces', 'traces', /-traces\.svg$/);
  expect(traces).toContain('<polyline');
  const tracesShown = await renderSvg(page, traces, 'traces');
  expect(tracesShown.texts).toEqual(expect.arrayContaining(['time (ms)', 'exc[0].v (mV)']));
  expect(tracesShown.texts.some((t) => /\(mV\)$/.test(t) && !t.includes('['))).toBe(true);
  // A 500 ms run at 0.1 ms per sample: the file holds a decimated trace, not every sample.
  expect(traces.length).toBeLessThan(400_000);

  const raster = await downloadSvg(page, 'export-svg-raster', 'raster', /-raster\.svg$/);
  const rasterShown = await renderSvg(page, raster, 'raster');
  expect(rasterShown.texts).toEqual(expect.arrayContaining(['time (ms)', 'neuron', 'exc', 'inh']));
  expect(raster).toContain('class="spikes"');

  const rate = await downloadSvg(page, 'export-svg-rate', 'rate', /-rate\.svg$/);
  const rateShown = await renderSvg(page, rate, 'rate');
  expect(rateShown.texts).toEqual(expect.arrayContaining(['time (ms)', 'rate (Hz)']));
  expect(rate).toContain('<polyline');

  // The dark theme's colours go into the file as concrete values.
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const dark = await downloadSvg(page, 'export-svg-traces', 'traces-dark', /-traces\.svg$/);
  const panel = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--panel').trim());
  expect(dark).toContain(`fill="${panel}"`);
  expect(dark).not.toContain('var(--');
  await renderSvg(page, dark, 'traces-dark');
  await page.getByTestId('theme-toggle').click();

  await startFiSweep(page, '10', '20', '6', '400');
  await expect(page.getByTestId('fi-plot')).toHaveAttribute('data-curves', '1', { timeout: 20_000 });
  const fi = await downloadSvg(page, 'fi-export-svg', 'fi-curve', /fi-curve\.svg$/);
  expect(fi).toContain('<polyline');
  const fiShown = await renderSvg(page, fi, 'fi-curve');
  expect(fiShown.texts).toEqual(expect.arrayContaining(['I (nA)', 'rate (Hz)']));
  expect(fiShown.texts.some((t) => /rheobase/.test(t))).toBe(true);
  // Six currents, six dots; the rheobase bracket as a band with a dashed line.
  expect((fi.match(/<circle/g) ?? []).length).toBe(6);
  expect(fi).toContain('stroke-dasharray="5 4"');
  expect(errors).toEqual([]);
});

test('the phase plane downloads as SVG: nullclines, field, fixed points, trajectory, labels with units', async ({ page }) => {
  const errors = await openApp(page);
  await loadProject(page, example('Izhikevich2003'));
  await page.getByTestId('bottom-tab-phase').click();
  const plane = page.getByTestId('phase-plane');
  await expect(plane).toHaveAttribute('data-state', 'ready', { timeout: 15_000 });
  // No input: a stable node and a saddle.
  await page.getByTestId('phase-current').fill('0');
  await expect(page.getByTestId('phase-fixed-points').locator('li')).toHaveCount(2);
  const canvas = page.getByTestId('phase-canvas');
  const box = (await canvas.boundingBox())!;
  await canvas.click({ position: { x: box.width * 0.25, y: box.height * 0.5 } });
  await expect(plane).toHaveAttribute('data-trajectories', '1');
  const svg = await downloadSvg(page, 'phase-svg', 'phase-plane', /phase-cell\.svg$/);
  expect(svg).toContain('class="x-nullcline"');
  expect(svg).toContain('class="y-nullcline"');
  expect(svg).toContain('data-stability="stable node"');
  expect(svg).toContain('data-stability="saddle"');
  expect(svg).toContain('<polyline');
  const shown = await renderSvg(page, svg, 'phase-plane');
  expect(shown.texts).toEqual(expect.arrayContaining(['v (mV)', 'v-nullcline (dv/dt = 0)', 'u-nullcline (du/dt = 0)', 'trajectory', 'stable', 'saddle']));
  expect(shown.texts.some((t) => /^u \(.+\)$/.test(t))).toBe(true);
  await page.screenshot({ path: 'test-results/svg-export-phase-screen.png' });
  expect(errors).toEqual([]);
});

test('the sweep line and heat map download as PNG and SVG', async ({ page }) => {
  const errors = await openApp(page);
  await page.getByTestId('bottom-tab-sweep').click();
  await page.getByTestId('sweep-param-1').selectOption('thr');
  await page.getByTestId('sweep-from-1').fill('-56');
  await page.getByTestId('sweep-to-1').fill('-50');
  await page.getByTestId('sweep-points-1').fill('4');
  await page.getByTestId('sweep-measure').selectOption('rate');
  await page.getByTestId('sweep-run').click();
  await expect(page.getByTestId('sweep-plot')).toHaveAttribute('data-points', '4', { timeout: 20_000 });
  const line = await downloadSvg(page, 'sweep-export-svg', 'sweep-line', /-sweep-exc\.svg$/);
  const lineShown = await renderSvg(page, line, 'sweep-line');
  expect(lineShown.texts).toEqual(expect.arrayContaining(['thr (mV)', 'mean firing rate (Hz)']));
  expect((line.match(/<circle/g) ?? []).length).toBe(4);

  await page.getByTestId('sweep-points-1').fill('3');
  await page.getByTestId('sweep-param-2').selectOption('tau_m');
  await page.getByTestId('sweep-from-2').fill('8');
  await page.getByTestId('sweep-to-2').fill('20');
  await page.getByTestId('sweep-points-2').fill('3');
  await page.getByTestId('sweep-run').click();
  await expect(page.getByTestId('sweep-heatmap')).toHaveAttribute('data-cells', '9', { timeout: 20_000 });
  const png = page.waitForEvent('download');
  await page.getByTestId('sweep-export-png').click();
  const pngFile = await png;
  expect(pngFile.suggestedFilename()).toMatch(/-sweep-exc\.png$/);
  expect(readFileSync((await pngFile.path())!).subarray(1, 4).toString('latin1')).toBe('PNG');
  const heat = await downloadSvg(page, 'sweep-export-svg', 'sweep-heatmap', /-sweep-exc\.svg$/);
  const heatShown = await renderSvg(page, heat, 'sweep-heatmap');
  expect(heatShown.texts).toEqual(expect.arrayContaining(['thr (mV)', 'tau_m (ms)', 'mean firing rate (Hz)']));
  expect((heat.match(/data-i="/g) ?? []).length).toBe(9);
  expect(errors).toEqual([]);
});
