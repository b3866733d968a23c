/**
 * The f–I curve tab: a small sweep of the default example's excitatory LIF population runs in its
 * own worker, draws a curve and reports the rheobase; an inspector edit and a second run overlay
 * a second curve; CSV and PNG export download files.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { openApp, startFiSweep } from './app';

async function attr(page: Page, testId: string, name: string): Promise<number> {
  return Number((await page.getByTestId(testId).getAttribute(name)) ?? 'NaN');
}

test('an f–I sweep of the default LIF population: curve, rheobase, overlay, CSV and PNG', async ({ page }) => {
  const errors = await openApp(page);
  await page.getByTestId('bottom-tab-fi').click();
  await expect(page.getByTestId('fi-panel')).toBeVisible();
  await expect(page.getByTestId('fi-plot')).toHaveAttribute('data-curves', '0');
  // Nothing selected: the first population, with its distributions reduced to typical values.
  await expect(page.getByTestId('fi-model')).toHaveValue('pop:exc');
  await expect(page.getByTestId('fi-notes')).toContainText('R: normal distribution → its mean, 1 Mohm');

  await startFiSweep(page, '10', '20', '6', '400');
  await expect.poll(() => attr(page, 'fi-plot', 'data-points'), { timeout: 20_000 }).toBe(6);
  await expect(page.getByTestId('fi-plot')).toHaveAttribute('data-curves', '1');
  await expect(page.getByTestId('fi-cancel')).toBeDisabled();
  // Rheobase (thr − v_rest)/R = 13 nA, bracketed by the sweep and a refinement inside [12, 14] nA.
  await expect(page.getByTestId('fi-rheobase')).toContainText(/Rheobase\s*≈ 13\.0\d nA/);
  expect(await attr(page, 'fi-rheobase', 'data-silent')).toBeLessThan(13);
  expect(await attr(page, 'fi-rheobase', 'data-firing')).toBeGreaterThan(13);
  // The main run was not touched.
  expect(await page.evaluate(() => window.__spikeflow.stores.run.getState().phase)).not.toBe('running');

  // Raise the threshold in the inspector and run again: a second curve, labelled by what differs.
  await page.getByTestId('node-exc').click();
  await page.getByTestId('param-thr-input').fill('-50');
  await page.getByTestId('fi-run').click();
  await expect(page.getByTestId('fi-plot')).toHaveAttribute('data-curves', '2', { timeout: 20_000 });
  await expect(page.getByTestId('fi-curve-0')).toContainText('thr = -52 mV');
  await expect(page.getByTestId('fi-curve-1')).toContainText('thr = -50 mV');
  await expect(page.getByTestId('fi-rheobase')).toContainText(/≈ 15\.0\d nA/);

  const csvDownload = page.waitForEvent('download');
  await page.getByTestId('fi-export-csv').click();
  const csv = await csvDownload;
  expect(csv.suggestedFilename()).toMatch(/fi-curve\.csv$/);
  const text = readFileSync((await csv.path())!, 'utf8');
  const lines = text.trim().split('\n');
  expect(lines[0]).toBe('I (nA),rate (Hz) [thr = -52 mV],rate (Hz) [thr = -50 mV]');
  expect(lines).toHaveLength(7);
  expect(lines[1]).toBe('10,0,0');

  const pngDownload = page.waitForEvent('download');
  await page.getByTestId('fi-export-png').click();
  const png = await pngDownload;
  expect(png.suggestedFilename()).toMatch(/fi-curve\.png$/);
  expect(readFileSync((await png.path())!).subarray(1, 4).toString('latin1')).toBe('PNG');
  await png.saveAs('test-results/fi-curve-export.png');

  // Hovering the plot reads the rates of both curves at a current.
  await page.locator('[data-testid="fi-plot"] .u-over').hover();
  await expect(page.getByTestId('fi-readout')).toContainText(/I = [\d.]+ nA → thr = -52 mV: [\d.]+ Hz · thr = -50 mV: [\d.]+ Hz/);
  await page.screenshot({ path: 'test-results/fi-curve-light.png' });
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.screenshot({ path: 'test-results/fi-curve-dark.png' });
  expect(errors).toEqual([]);
});

test('a long sweep shows its progress and can be cancelled; curves survive a tab switch', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('bottom-tab-fi').click();
  await page.getByTestId('fi-points').fill('50');
  await page.getByTestId('fi-duration').fill('1000');
  // Timing for the record: 50 currents × 1 s of the default population at the project's dt (0.1 ms).
  const t0 = Date.now();
  await page.getByTestId('fi-run').click();
  await expect(page.getByTestId('fi-plot')).toHaveAttribute('data-curves', '1', { timeout: 30_000 });
  test.info().annotations.push({ type: 'f–I sweep 50 points × 1 s (LIF, dt 0.1 ms) incl. refinement, wall', description: `${Date.now() - t0} ms` });
  await expect(page.getByTestId('fi-summary')).toContainText('50 currents');

  await page.getByTestId('fi-duration').fill('1000000');
  await page.getByTestId('fi-run').click();
  await expect(page.getByTestId('fi-progress')).toBeVisible();
  await expect.poll(async () => Number(await page.getByTestId('fi-progress').getAttribute('value')), { timeout: 20_000 }).toBeGreaterThan(0);
  await page.getByTestId('fi-cancel').click();
  await expect(page.getByTestId('fi-progress')).toHaveCount(0);
  await expect(page.getByTestId('fi-message')).toHaveText('Sweep cancelled.');
  await expect(page.getByTestId('fi-plot')).toHaveAttribute('data-curves', '1');

  await page.getByTestId('bottom-tab-plots').click();
  await page.getByTestId('bottom-tab-fi').click();
  await expect(page.getByTestId('fi-plot')).toHaveAttribute('data-curves', '1');
  await page.getByTestId('fi-clear').click();
  await expect(page.getByTestId('fi-plot')).toHaveAttribute('data-curves', '0');
});
