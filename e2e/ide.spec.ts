/**
 * The IDE as a user drives it: the default example runs with one click, a network is built from
 * scratch in the editor, parameters change during a run, edits undo and redo.
 */
import { expect, test } from '@playwright/test';
import { currentDoc, dragHandle, example, loadProject, openApp, pointsOf, simTimeMs, spikesByPopulation, waitForPhase } from './app';

test('the default example runs with one click: traces and raster with real data', async ({ page }) => {
  const errors = await openApp(page);
  await expect(page.getByTestId('node-exc')).toBeVisible();
  await expect(page.getByTestId('plots-empty')).toBeVisible();
  const t0 = Date.now();
  await page.getByTestId('run-start').click();
  await expect.poll(() => pointsOf(page, 'raster-plot'), { timeout: 10_000 }).toBeGreaterThan(0);
  const firstDataMs = Date.now() - t0;
  await waitForPhase(page, 'done');
  test.info().annotations.push({ type: 'first data after click', description: `${firstDataMs} ms` });
  // 500 ms at dt 0.1 ms: every step of both recorders (exc_v, inh_v) arrives.
  expect(await pointsOf(page, 'trace-plot')).toBe(2 * 5000);
  const spikes = await spikesByPopulation(page);
  expect(spikes.exc).toBeGreaterThan(50);
  expect(spikes.inh).toBeGreaterThan(10);
  await expect(page.getByTestId('run-time')).toContainText('t = 500.0 / 500 ms');
  expect(errors).toEqual([]);
  await page.screenshot({ path: 'test-results/ide-default-light.png' });
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.screenshot({ path: 'test-results/ide-default-dark.png' });
});

test('a two-population network built from scratch through the UI runs', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('project-new').click();
  await expect(page.getByTestId('graph-empty')).toBeVisible();
  await page.getByTestId('palette-search').fill('LIF');
  await page.getByTestId('palette-item-LIF').click();
  await page.getByTestId('palette-item-LIF').click();
  await expect.poll(async () => (await currentDoc(page)).populations.map((p) => p.id)).toEqual(['lif', 'lif2']);
  await page.getByTestId('graph-autolayout').click();
  await page.getByTestId('graph-fit').click();

  // Connect lif → lif2 by dragging from one handle to the other.
  await dragHandle(page, 'handle-source-lif', 'handle-target-lif2');
  await expect.poll(async () => ((await currentDoc(page)).projections as { pre: string; post: string }[] | undefined)?.map((p) => `${p.pre}>${p.post}`)).toEqual(['lif>lif2']);

  // A stimulus and a recorder for the selected population; a projection into the recorder is refused with a reason.
  await page.getByTestId('node-lif').click();
  await page.getByTestId('palette-search').fill('');
  await page.getByTestId('palette-item-stimulus-step').click();
  await page.getByTestId('palette-item-recorder').click();
  const doc = await currentDoc(page);
  const stimuli = doc.stimuli as { id: string; target: string }[];
  expect(stimuli.map((s) => s.target)).toEqual(['lif']);
  expect((doc.recordings as { population: string }[]).map((r) => r.population)).toEqual(['lif']);
  const recorderId = (doc.recordings as { id: string }[])[0].id;
  await page.getByTestId('graph-autolayout').click();
  await page.getByTestId('graph-fit').click();
  await dragHandle(page, 'handle-source-lif2', `handle-target-recording:${recorderId}`);
  await expect(page.getByTestId('graph-message')).toBeVisible();
  expect(((await currentDoc(page)).projections as unknown[]).length).toBe(1);

  // Strong enough synapses that lif2 follows lif.
  await page.getByTestId('edge-label-' + ((await currentDoc(page)).projections as { id: string }[])[0].id).click();
  await page.getByTestId('projection-weight').fill('20');
  await page.getByTestId('run-start').click();
  await waitForPhase(page, 'done');
  const spikes = await spikesByPopulation(page);
  expect(spikes.lif).toBeGreaterThan(0);
  expect(spikes.lif2).toBeGreaterThan(0);
  expect(await pointsOf(page, 'trace-plot')).toBeGreaterThan(0);
  await page.screenshot({ path: 'test-results/ide-from-scratch.png' });
});

test('a parameter changed during a run takes effect at once, without a restart', async ({ page }) => {
  await openApp(page);
  const doc = example('default') as { simulation: Record<string, unknown>; stimuli: Record<string, unknown>[] };
  doc.simulation = { ...doc.simulation, durationMs: 600_000 };
  doc.stimuli = doc.stimuli.map((s) => (s.id === 'drive' ? { ...s, stopMs: undefined } : s));
  await loadProject(page, JSON.parse(JSON.stringify(doc)));
  await page.getByTestId('run-start').click();
  await expect.poll(() => simTimeMs(page), { timeout: 20_000 }).toBeGreaterThan(1000);
  // Threshold far above anything the drive reaches: the excitatory cells stop firing.
  await page.getByTestId('node-exc').click();
  await page.getByTestId('param-thr-input').fill('0');
  const editedAtMs = await simTimeMs(page);
  await expect.poll(() => simTimeMs(page), { timeout: 20_000 }).toBeGreaterThan(editedAtMs + 1500);
  await expect(page.getByTestId('run-phase')).toHaveAttribute('data-phase', 'running');
  await expect(page.getByTestId('run-stale')).toHaveCount(0);
  const before = await spikesByPopulation(page, 0);
  const after = await spikesByPopulation(page, editedAtMs + 500);
  expect(before.exc).toBeGreaterThan(200);
  expect(after.exc).toBe(0);
  // A structural change during the run is not applied live, and the UI says so.
  await page.getByTestId('population-size').fill('41');
  await expect(page.getByTestId('run-stale')).toContainText('size');
  await page.getByTestId('run-stop').click();
  await waitForPhase(page, 'done');
});

test('undo and redo from the keyboard and the toolbar', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('node-exc').click();
  await page.getByTestId('population-size').fill('77');
  await expect.poll(async () => (await currentDoc(page)).populations[0]).toMatchObject({ size: 77 });
  await page.getByTestId('graph-canvas').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await currentDoc(page)).populations[0]).toMatchObject({ size: 40 });
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(async () => (await currentDoc(page)).populations[0]).toMatchObject({ size: 77 });
  // Deleting a population removes what hangs on it; one undo brings it all back.
  await page.getByTestId('node-inh').click();
  await page.keyboard.press('Delete');
  await expect.poll(async () => (await currentDoc(page)).populations.map((p) => p.id)).toEqual(['exc']);
  expect((await currentDoc(page)).projections).toEqual([]);
  await page.getByTestId('undo').click();
  await expect.poll(async () => (await currentDoc(page)).populations.map((p) => p.id)).toEqual(['exc', 'inh']);
  expect(((await currentDoc(page)).projections as unknown[]).length).toBe(2);
  await page.getByTestId('redo').click();
  await expect.poll(async () => (await currentDoc(page)).populations.map((p) => p.id)).toEqual(['exc']);
});

test('panels resize and the layout is remembered across reloads', async ({ page }) => {
  await openApp(page);
  const inspector = page.getByTestId('inspector');
  const before = (await inspector.boundingBox())!.width;
  const separator = page.locator('[role=separator][aria-orientation=vertical]').first();
  const box = (await separator.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x - 150, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
  const resized = (await inspector.boundingBox())!.width;
  expect(resized).toBeGreaterThan(before + 100);
  await page.waitForTimeout(300);
  await page.reload();
  await page.evaluate(() => window.__spikeflow.ready);
  await expect.poll(async () => Math.round((await page.getByTestId('inspector').boundingBox())!.width)).toBe(Math.round(resized));
});
