/**
 * Projects are never lost: autosave across reloads, save/open files, share links, clear errors for
 * corrupt files and links, and recovery from a crashed worker with the project untouched.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { currentDoc, openApp, pointsOf, waitForPhase } from './app';

test('save → reload → the same project (autosave), and the saved file opens to the same project', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('node-exc').click();
  await page.getByTestId('population-size').fill('33');
  await page.getByTestId('palette-item-Izhikevich2003').click();
  const edited = await currentDoc(page);
  expect(edited.populations.map((p) => p.id)).toContain('izhikevich');

  const downloadPromise = page.waitForEvent('download');
  await page.getByTestId('project-save').click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/\.json$/);
  const savedText = readFileSync(await download.path(), 'utf8');
  expect(JSON.parse(savedText)).toEqual(edited);

  // Reload: the autosave brings the edited project back.
  await page.waitForTimeout(600);
  await page.reload();
  await page.evaluate(() => window.__spikeflow.ready);
  await expect.poll(() => currentDoc(page)).toEqual(edited);

  // New project, then open the saved file: the same project again.
  await page.getByTestId('project-new').click();
  expect((await currentDoc(page)).populations).toEqual([]);
  await page.getByTestId('project-file-input').setInputFiles({ name: 'saved.json', mimeType: 'application/json', buffer: Buffer.from(savedText) });
  await expect.poll(() => currentDoc(page)).toEqual(edited);
});

test('a share link round-trips the project; a corrupt link is refused clearly', async ({ page, context }) => {
  await openApp(page);
  await page.getByTestId('node-inh').click();
  await page.getByTestId('population-size').fill('12');
  const shared = await currentDoc(page);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByTestId('project-share').click();
  const url = await page.getByTestId('project-share-url').inputValue();
  expect(url).toContain('#project=');

  const other = await context.newPage();
  await openApp(other, url);
  await expect.poll(() => currentDoc(other)).toEqual(shared);

  const corrupt = url.slice(0, url.length - 20);
  const third = await context.newPage();
  await openApp(third, corrupt);
  await expect(third.getByTestId('project-error')).toContainText(/link/i);
  expect((await currentDoc(third)).populations.length).toBeGreaterThan(0);
});

test('a corrupt project file gives an error with file, line, column and JSON path; the project stays', async ({ page }) => {
  await openApp(page);
  const before = await currentDoc(page);
  const bad = `{
  "format": "spikeflow-project",
  "version": 1,
  "simulation": { "dtMs": 0.1, "durationMs": -5 },
  "populations": []
}
`;
  await page.getByTestId('project-file-input').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
  const error = page.getByTestId('project-error').first();
  await expect(error).toContainText('bad.json');
  await expect(error).toContainText('4:');
  await expect(error).toContainText('$.simulation.durationMs');
  expect(await currentDoc(page)).toEqual(before);
  await page.screenshot({ path: 'test-results/ide-corrupt-file.png' });

  await page.getByTestId('project-file-input').setInputFiles({ name: 'truncated.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "spikeflow-pro') });
  await expect(page.getByTestId('project-error').first()).toContainText('truncated.json');
  expect(await currentDoc(page)).toEqual(before);
});

test('a crashed worker is restarted, the error is shown, and the project is untouched', async ({ page }) => {
  await openApp(page);
  const before = await currentDoc(page);
  await page.getByTestId('sim-duration').fill('100000');
  await page.getByTestId('run-start').click();
  await waitForPhase(page, 'running');
  const worker = page.workers().find((w) => w.url().includes('worker'));
  expect(worker).toBeDefined();
  await worker!.evaluate(() => {
    setTimeout(() => {
      throw new Error('simulated crash');
    });
  });
  await expect(page.getByTestId('run-error')).toHaveAttribute('data-code', 'worker-crashed');
  await expect(page.getByTestId('run-notice')).toContainText('restarted');
  await page.screenshot({ path: 'test-results/ide-worker-crash.png' });
  expect((await currentDoc(page)).populations).toEqual(before.populations);
  // And it runs again.
  await page.getByTestId('sim-duration').fill('200');
  await page.getByTestId('run-start').click();
  await waitForPhase(page, 'done');
  expect(await pointsOf(page, 'raster-plot')).toBeGreaterThan(0);
});
