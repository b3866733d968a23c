/**
 * The parameter-sweep tab: 1-D and 2-D sweeps of the default example's excitatory population run
 * in their own worker and draw a line and a heat map; clicking a heat-map cell applies its values
 * to the population (one undoable edit) and runs the project; CSV export; Cancel of a long sweep.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { currentDoc, openApp, setSweepAxis } from './app';

const setAxis = setSweepAxis;

test('1-D and 2-D sweeps of exc: line, heat map, open a cell, CSV', async ({ page }) => {
  const errors = await openApp(page);
  await page.getByTestId('bottom-tab-sweep').click();
  await expect(page.getByTestId('sweep-panel')).toBeVisible();
  await expect(page.getByTestId('sweep-population')).toHaveValue('exc');
  await expect(page.getByTestId('sweep-isolation')).toContainText('exc_inh, inh_exc');

  await setAxis(page, 1, 'thr', '-56', '-50', '4');
  await page.getByTestId('sweep-measure').selectOption('rate');
  const t0 = Date.now();
  await page.getByTestId('sweep-run').click();
  await expect(page.getByTestId('sweep-plot')).toHaveAttribute('data-points', '4', { timeout: 20_000 });
  test.info().annotations.push({ type: 'sweep 4 × 500 ms (LIF, dt 0.1 ms), wall', description: `${Date.now() - t0} ms` });
  await expect(page.getByTestId('sweep-summary')).toContainText('4 combinations');
  await page.locator('[data-testid="sweep-plot"] .u-over').hover();
  await expect(page.getByTestId('sweep-readout')).toContainText(/thr = -?[\d.]+ mV → [\d.]+ Hz/);
  await page.screenshot({ path: 'test-results/sweep-line-light.png' });
  // The main run was not touched.
  expect(await page.evaluate(() => window.__spikeflow.stores.run.getState().phase)).not.toBe('running');

  const csvDownload = page.waitForEvent('download');
  await page.getByTestId('sweep-export-csv').click();
  const lines = readFileSync((await (await csvDownload).path())!, 'utf8').trim().split('\n');
  expect(lines[0]).toBe('thr (mV),mean firing rate (Hz)');
  expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['-56', '-54', '-52', '-50']);
  // A higher threshold never fires more.
  const rates = lines.slice(1).map((l) => Number(l.split(',')[1]));
  expect(rates[0]).toBeGreaterThanOrEqual(rates[3]);

  await setAxis(page, 1, 'thr', '-56', '-50', '3');
  await setAxis(page, 2, 'tau_m', '8', '20', '3');
  await page.getByTestId('sweep-run').click();
  await expect(page.getByTestId('sweep-heatmap')).toHaveAttribute('data-cells', '9', { timeout: 20_000 });
  await page.screenshot({ path: 'test-results/sweep-light.png' });
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.screenshot({ path: 'test-results/sweep-dark.png' });

  // Click the middle cell (thr -53 mV, tau_m 14 ms): the population gets those values, the run starts.
  const canvas = page.locator('[data-testid="sweep-heatmap"] canvas');
  const box = (await canvas.boundingBox())!;
  const m = JSON.parse((await page.getByTestId('sweep-heatmap').getAttribute('data-margins'))!);
  const x = m.left + (box.width - m.left - m.right) / 2;
  const y = m.top + (box.height - m.top - m.bottom) / 2;
  await canvas.hover({ position: { x, y } });
  await expect(page.getByTestId('sweep-readout')).toContainText('thr = -53 mV, tau_m = 14 ms');
  await canvas.click({ position: { x, y } });
  await expect.poll(async () => ((await currentDoc(page)) as unknown as { populations: { id: string; params: Record<string, unknown> }[] }).populations[0].params).toMatchObject({ thr: '-53 mV', tau_m: '14 ms' });
  await expect(page.getByTestId('bottom-tab-plots')).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => page.evaluate(() => window.__spikeflow.stores.run.getState().phase), { timeout: 20_000 }).toMatch(/running|done/);
  // One undo step brings both values back.
  await page.evaluate(() => window.__spikeflow.stores.project.getState().undo());
  const after = (await currentDoc(page)) as unknown as { populations: { params: Record<string, unknown> }[] };
  expect(after.populations[0].params.thr).toBeUndefined();
  expect(typeof after.populations[0].params.tau_m).toBe('object');
  expect(errors).toEqual([]);
});

test('a long sweep shows its progress and can be cancelled', async ({ page }) => {
  await openApp(page);
  await page.evaluate(() => window.__spikeflow.stores.project.getState().dispatch({ type: 'setSimulation', patch: { durationMs: 1_000_000 } }));
  await page.getByTestId('bottom-tab-sweep').click();
  await setAxis(page, 1, 'thr', '-56', '-50', '20');
  await page.getByTestId('sweep-run').click();
  await expect(page.getByTestId('sweep-progress')).toBeVisible();
  await expect.poll(async () => Number(await page.getByTestId('sweep-progress').getAttribute('value')), { timeout: 20_000 }).toBeGreaterThan(0);
  await page.getByTestId('sweep-cancel').click();
  await expect(page.getByTestId('sweep-progress')).toHaveCount(0);
  await expect(page.getByTestId('sweep-message')).toHaveText('Sweep cancelled.');
});
