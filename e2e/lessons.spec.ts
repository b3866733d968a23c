/**
 * Guided lessons as a student uses them: open the drawer, pick lesson 1, "Set this up" loads the
 * step's project (undoable) and runs it, Next moves on; a lesson-3 step switches to the phase plane.
 * Screenshots of the drawer in both themes go to /tmp/lessons-shots/ for a look.
 */
import { expect, test } from '@playwright/test';
import { currentDoc, openApp, waitForPhase } from './app';

test.use({ viewport: { width: 1400, height: 950 } });

test('lessons: open, set up, run, next, phase plane', async ({ page }) => {
  const errors = await openApp(page);
  await page.evaluate(() => localStorage.removeItem('spikeflow.lessons'));
  await page.getByTestId('lessons-toggle').click();
  const panel = page.getByTestId('lessons-panel');
  await expect(panel).toBeVisible();
  await page.getByTestId('lesson-membrane').click();
  await expect(page.getByTestId('lesson-step-title')).toHaveText('The membrane equation');
  await expect(page.getByTestId('lesson-progress')).toHaveText('step 1 of 5');
  await expect(page.getByTestId('lesson-prev')).toBeDisabled();

  const before = await currentDoc(page);
  await page.getByTestId('lesson-setup').click();
  const doc = await currentDoc(page);
  expect(doc.name).toBe('Lesson 1: a passive membrane');
  expect(doc.name).not.toBe(before.name);
  expect(doc.populations.map((p) => p.id)).toEqual(['cell']);
  // The step starts the run itself; it completes (200 ms of a single cell).
  await waitForPhase(page, 'done');
  // Undo brings back the project from before the lesson.
  expect(await page.evaluate(() => window.__spikeflow.stores.project.getState().past.length)).toBeGreaterThan(0);

  await page.getByTestId('lesson-next').click();
  await expect(page.getByTestId('lesson-step-title')).toHaveText('The steady state: v = v_rest + R I');
  await expect(page.getByTestId('lesson-progress')).toHaveText('step 2 of 5');
  await page.getByTestId('lesson-prev').click();
  await expect(page.getByTestId('lesson-progress')).toHaveText('step 1 of 5');
  await page.getByTestId('lesson-next').click();

  await page.screenshot({ path: '/tmp/lessons-shots/lessons-light.png' });
  await page.getByTestId('theme-toggle').click();
  await page.screenshot({ path: '/tmp/lessons-shots/lessons-dark.png' });
  await page.getByTestId('theme-toggle').click();

  // The position survives a reload.
  await page.reload();
  await page.evaluate(() => window.__spikeflow.ready);
  await expect(page.getByTestId('lessons-panel')).toBeVisible();
  await expect(page.getByTestId('lesson-progress')).toHaveText('step 2 of 5');

  // Lesson 3, step 2 (nullclines): switches to the phase plane.
  await page.getByTestId('lessons-list').click();
  await page.getByTestId('lesson-phase-plane').click();
  await page.getByTestId('lesson-next').click();
  await expect(page.getByTestId('lesson-step-title')).toHaveText('Nullclines and the fixed point');
  await page.getByTestId('lesson-setup').click();
  const plane = page.getByTestId('phase-plane');
  await expect(plane).toBeVisible();
  await expect(plane).toHaveAttribute('data-state', 'ready', { timeout: 15_000 });
  await expect(page.getByTestId('phase-fixed-points')).toContainText('stable');
  await page.screenshot({ path: '/tmp/lessons-shots/lessons-phase.png' });

  await page.getByTestId('lessons-close').click();
  await expect(panel).toHaveCount(0);
  expect(errors).toEqual([]);
});
