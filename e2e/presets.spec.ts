/**
 * Firing-pattern presets as a teacher uses them: one click in the palette adds the cell with its
 * stimulus and recorder (one undo step) and explains the pattern; a run streams spikes whose
 * intervals show that pattern (the same signature the unit tests check, on the page's data).
 */
import { expect, test, type Page } from '@playwright/test';
import { checkSignature } from '../src/library/presets/signatures';
import { currentDoc, openApp, pointsOf, waitForPhase } from './app';

/** Spike times (ms) of one population, from the buffers the plots draw. */
async function spikeTimesOf(page: Page, population: string): Promise<number[]> {
  return page.evaluate((pop) => {
    const data = window.__spikeflow.session.data;
    const p = data.populations.findIndex((x) => x.id === pop);
    // Columns of RunData.spikes: 0 step, 1 population, 2 neuron.
    const steps = data.spikes.view(0);
    const pops = data.spikes.view(1);
    const out: number[] = [];
    for (let i = 0; i < steps.length; i++) if (pops[i] === p) out.push(steps[i] * data.dtMs);
    return out;
  }, population);
}

async function addPreset(page: Page, id: string): Promise<void> {
  await page.getByTestId('palette-search').fill('');
  await page.getByTestId(`palette-item-preset-${id}`).click();
}

test('a chattering cell from the palette: one click, one undo step, bursts in the streamed spikes', async ({ page }) => {
  const errors = await openApp(page);
  await page.getByTestId('project-new').click();
  await expect(page.getByTestId('graph-empty')).toBeVisible();

  const item = page.getByTestId('palette-item-preset-izh-ch');
  await expect(item).toHaveAttribute('title', /The reset is close to threshold \(c = −50 mV\)/);
  await addPreset(page, 'izh-ch');
  await expect(page.getByTestId('graph-message')).toContainText('Chattering (CH): The reset is close to threshold');

  const doc = await currentDoc(page);
  expect(doc.populations).toEqual([expect.objectContaining({ id: 'ch', model: 'Izhikevich2003', size: 1, update: 'sequential' })]);
  expect((doc.stimuli as { id: string; target: string }[]).map((s) => `${s.id}>${s.target}`)).toEqual(['ch_step>ch']);
  expect((doc.recordings as { id: string; variables: string[] }[]).map((r) => `${r.id}:${r.variables.join(',')}`)).toEqual(['rec_ch:v,u']);
  await expect(page.getByTestId('node-ch')).toBeVisible();

  // One undo removes the cell, its stimulus and its recorder together; redo brings them back.
  await page.getByTestId('undo').click();
  await expect.poll(async () => (await currentDoc(page)).populations.length).toBe(0);
  expect((await currentDoc(page)).stimuli ?? []).toEqual([]);
  await page.getByTestId('redo').click();
  await expect.poll(async () => (await currentDoc(page)).populations.map((p) => p.id)).toEqual(['ch']);

  await page.getByTestId('run-start').click();
  await waitForPhase(page, 'done');
  expect(await pointsOf(page, 'trace-plot')).toBeGreaterThan(0);
  const spikes = await spikeTimesOf(page, 'ch');
  const verdict = checkSignature('izh-ch', spikes);
  expect(verdict.checks.filter((c) => !c.ok).map((c) => c.what), `ISIs ${verdict.stats.isisMs.map((x) => x.toFixed(1)).join(', ')}`).toEqual([]);
  test.info().annotations.push({ type: 'izh-ch', description: `${verdict.stats.n} spikes, period ${verdict.stats.period} ISIs` });
  await page.screenshot({ path: 'test-results/presets-chattering.png' });
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByTestId('palette-search').fill('burst');
  await page.screenshot({ path: 'test-results/presets-dark-search.png' });
  expect(errors).toEqual([]);
});

test('AdEx presets next to each other: delayed bursting and adapting keep their patterns', async ({ page }) => {
  const errors = await openApp(page);
  await page.getByTestId('project-new').click();
  await addPreset(page, 'adex-delayed-bursting');
  await addPreset(page, 'adex-adapting');
  const doc = await currentDoc(page);
  expect(doc.populations.map((p) => p.id)).toEqual(['delayed_burst', 'adapting']);
  expect(doc.simulation).toMatchObject({ dtMs: 0.1, durationMs: 800 });
  await expect(page.getByTestId('graph-message')).toContainText('Adapting: Each spike adds b = 60 pA');

  await page.getByTestId('run-start').click();
  await waitForPhase(page, 'done');
  for (const [population, preset] of [['delayed_burst', 'adex-delayed-bursting'], ['adapting', 'adex-adapting']] as const) {
    const verdict = checkSignature(preset, await spikeTimesOf(page, population));
    expect(verdict.checks.filter((c) => !c.ok).map((c) => c.what), `${preset}: ISIs ${verdict.stats.isisMs.map((x) => x.toFixed(1)).join(', ')}`).toEqual([]);
    test.info().annotations.push({ type: preset, description: `${verdict.stats.n} spikes, latency ${verdict.stats.latencyMs?.toFixed(1)} ms` });
  }
  await page.getByTestId('graph-autolayout').click();
  await page.getByTestId('graph-fit').click();
  await page.screenshot({ path: 'test-results/presets-adex.png' });
  expect(errors).toEqual([]);
});
