/**
 * Export ▸ Brian2 script: the project menu downloads the open project as `<name>_brian2.py`, or
 * shows why Brian2 cannot express it.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { example, loadProject, openApp } from './app';

test('Export ▸ Brian2 script downloads a runnable script of the open project', async ({ page }) => {
  const errors = await openApp(page);
  await loadProject(page, example('LIF'));

  const downloadPromise = page.waitForEvent('download');
  await page.getByTestId('project-export-brian2').click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe('leaky_integrate_and_fire_lif_brian2.py');
  const script = readFileSync(await download.path(), 'utf8');
  expect(script).toMatch(/^#!\/usr\/bin\/env python3\n"""Leaky integrate-and-fire \(LIF\) -- exported from Spikeflow/);
  expect(script).toContain('dv/dt = (v_rest - v + R*j)/tau_m : volt (unless refractory)');
  expect(script).toContain("write_spikes(os.path.join(out_dir, 'spikes.csv')");
  await expect(page.getByTestId('project-notice')).toContainText('Exported leaky_integrate_and_fire_lif_brian2.py');
  expect(errors).toEqual([]);
});

test('Export ▸ Brian2 script explains what Brian2 cannot express', async ({ page }) => {
  await openApp(page);
  await loadProject(page, example('WTASCell'));
  await page.getByTestId('project-export-brian2').click();
  const problem = page.getByTestId('project-error');
  await expect(problem).toContainText('Could not export to Brian2');
  await expect(problem).toContainText('pop_sum/pop_max');
});
