/**
 * The fit tab end to end: in the Hodgkin–Huxley example, gNa and gK are marked trainable in the
 * inspector, a synthetic target is made with the true values (120 and 36 mS/cm²), the starting
 * values are set 33% and 39% off, an Adam fit runs in the fit worker until its loss has fallen
 * more than tenfold, and Apply best puts values close to the true ones into the inspector (Revert
 * puts the starting values back). A CMA-ES run afterwards keeps Adam's loss curve for comparison.
 * A second test loads target data from CSV files by the file picker and by drag and drop.
 */
import { expect, test, type Page } from '@playwright/test';
import { currentDoc, example, loadProject, openApp } from './app';

const num = async (page: Page, testId: string, attr = 'data-value') => Number((await page.getByTestId(testId).getAttribute(attr)) ?? 'NaN');

test('Adam recovers gNa and gK of a Hodgkin–Huxley cell from a synthetic target; Apply and Revert', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = await openApp(page);
  await loadProject(page, example('HodgkinHuxley1952'));
  await page.getByTestId('node-cell').click();

  // Mark two parameters trainable: each gets bounds in its own unit.
  await page.getByTestId('fit-toggle-gNa').check();
  await page.getByTestId('fit-toggle-gK').check();
  await expect(page.getByTestId('fit-min-gNa')).toHaveValue('0');
  await expect(page.getByTestId('fit-max-gNa')).toHaveValue('500');
  await expect(page.getByTestId('fit-bounds-gK')).toContainText('mS/cm2');
  expect((await currentDoc(page)).fit).toMatchObject({ population: 'cell', params: [{ name: 'gNa' }, { name: 'gK' }] });

  await page.getByTestId('bottom-tab-fit').click();
  await expect(page.getByTestId('fit-panel')).toBeVisible();
  await expect(page.getByTestId('fit-population')).toHaveValue('cell');
  await expect(page.getByTestId('fit-trained-gNa')).toContainText('start 120 mS/cm²');
  await expect(page.getByTestId('fit-start')).toBeDisabled();

  // A synthetic target from the model with the true values.
  await page.getByTestId('fit-true-gNa').fill('120');
  await page.getByTestId('fit-true-gK').fill('36');
  await page.getByTestId('fit-target-samples').fill('1000');
  await page.getByTestId('fit-make-target').click();
  await expect(page.getByTestId('fit-case-0-data')).toContainText(/trace: 1000 samples, 0–(99.9|100) ms \(mV\)/, { timeout: 30_000 });
  await expect(page.getByTestId('fit-case-0-data')).toContainText(/spikes: \d+ at/);
  await expect(page.getByTestId('fit-truth')).toContainText('gNa = 120 mS/cm²');

  // Start 33% and 39% off.
  await page.getByTestId('param-gNa-input').fill('80');
  await page.getByTestId('param-gK-input').fill('50');
  await expect(page.getByTestId('fit-trained-gK')).toContainText('start 50 mS/cm²');
  await page.getByTestId('fit-opt-kind').selectOption('adam');
  await page.getByTestId('fit-opt-iterations').fill('300');

  const t0 = Date.now();
  await page.getByTestId('fit-start').click();
  await expect.poll(() => num(page, 'fit-iteration'), { timeout: 30_000 }).toBeGreaterThan(5);
  await page.screenshot({ path: '/tmp/fit-running.png' });
  // Pause holds the fit in the worker (at most the slice in flight still reports); Resume goes on.
  await page.getByTestId('fit-pause').click();
  await expect(page.getByTestId('fit-status')).toHaveAttribute('data-phase', 'paused');
  await page.waitForTimeout(300);
  const pausedAt = await num(page, 'fit-iteration');
  await page.waitForTimeout(700);
  expect(await num(page, 'fit-iteration')).toBe(pausedAt);
  await page.getByTestId('fit-resume').click();
  await expect(page.getByTestId('fit-status')).toHaveAttribute('data-phase', /running|done/);
  // The page stays responsive while the worker fits: the inspector still takes a click.
  await page.getByTestId('bottom-tab-plots').click();
  await page.getByTestId('bottom-tab-fit').click();
  await expect.poll(async () => (await num(page, 'fit-best-loss', 'data-first')) / (await num(page, 'fit-best-loss')), { timeout: 60_000 }).toBeGreaterThan(10);
  test.info().annotations.push({ type: 'loss ÷10 (HH, gNa + gK, Adam), wall', description: `${Date.now() - t0} ms` });
  await expect(page.getByTestId('fit-status')).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
  test.info().annotations.push({ type: '300 Adam iterations (HH 100 ms at dt 0.01 ms), wall', description: `${Date.now() - t0} ms, ${await num(page, 'fit-speed')} it/s` });
  expect(await num(page, 'fit-loss-plot', 'data-points')).toBeGreaterThan(10);
  await expect(page.getByTestId('fit-overlay-plot')).toContainText('model at iteration');
  await expect(page.getByTestId('fit-param-plot-gNa')).toContainText('true 120 mS/cm²');
  await page.screenshot({ path: '/tmp/fit-done.png' });

  await page.getByTestId('fit-apply').click();
  const gNa = Number(await page.getByTestId('param-gNa-input').inputValue());
  const gK = Number(await page.getByTestId('param-gK-input').inputValue());
  test.info().annotations.push({ type: 'fitted (true 120, 36 mS/cm²)', description: `gNa ${gNa}, gK ${gK}` });
  expect(Math.abs(gNa - 120) / 120).toBeLessThan(0.05);
  expect(Math.abs(gK - 36) / 36).toBeLessThan(0.05);
  await page.getByTestId('fit-revert').click();
  await expect(page.getByTestId('param-gNa-input')).toHaveValue('80');
  await expect(page.getByTestId('param-gK-input')).toHaveValue('50');

  // CMA-ES on the same problem: Adam's curve stays, dashed and labelled.
  await page.getByTestId('fit-opt-kind').selectOption('cmaes');
  await page.getByTestId('fit-opt-iterations').fill('40');
  await page.getByTestId('fit-start').click();
  await expect(page.getByTestId('fit-previous-label')).toContainText('previous: Adam, lr 0.05');
  await expect(page.getByTestId('fit-status')).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
  await expect(page.getByTestId('fit-loss-plot')).toContainText('CMA-ES');
  expect(await num(page, 'fit-evaluations')).toBeGreaterThan(40);
  await page.screenshot({ path: '/tmp/fit-compare.png' });
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.screenshot({ path: '/tmp/fit-compare-dark.png' });
  expect(errors).toEqual([]);
});

test('target data from CSV: a trace by the file picker, spike times by drag and drop', async ({ page }) => {
  const errors = await openApp(page);
  await loadProject(page, example('LIF'));
  await page.getByTestId('node-cell').click();
  await page.getByTestId('fit-toggle-tau_m').check();
  await page.getByTestId('bottom-tab-fit').click();
  await page.getByTestId('fit-case-0-file').setInputFiles({ name: 'recorded.csv', mimeType: 'text/csv', buffer: Buffer.from('t (ms), v (mV)\n0, -65\n10, -64\n20, -58\n') });
  await expect(page.getByTestId('fit-case-0-data')).toContainText('trace: 3 samples, 0–20 ms (mV)');
  await expect(page.getByTestId('fit-message')).toContainText('recorded.csv: a trace of 3 samples for case 1');

  await page.getByTestId('fit-case-add').click();
  const dataTransfer = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['spike times (s)\n0.0125\n0.040\n0.0655\n'], 'spikes.csv', { type: 'text/csv' }));
    return dt;
  });
  await page.getByTestId('fit-case-1').dispatchEvent('dragover', { dataTransfer });
  await page.getByTestId('fit-case-1').dispatchEvent('drop', { dataTransfer });
  await expect(page.getByTestId('fit-case-1-data')).toContainText('spikes: 3 at 12.5–65.5 ms');
  // Dropped on a case, the file was not taken for a project to open.
  expect((await currentDoc(page)).name).toBe(example('LIF').name);

  // A file in the wrong unit is refused with the reason.
  await page.getByTestId('fit-case-0-file').setInputFiles({ name: 'current.csv', mimeType: 'text/csv', buffer: Buffer.from('t (ms), I (nA)\n0, 1\n1, 2\n') });
  await expect(page.getByTestId('fit-message')).toContainText("current.csv: column 'I (nA)' is in nA, which cannot be compared with v (in mV)");
  await page.screenshot({ path: '/tmp/fit-csv.png' });
  expect(errors).toEqual([]);
});

test('the weights of two input projections are fitted from the inspector: tick, synthetic target, Levenberg–Marquardt, Apply', async ({ page }) => {
  test.setTimeout(90_000);
  const errors = await openApp(page);
  const projection = (id: string, pre: string, extra: Record<string, unknown>) => ({ id, pre, post: 'cell', synapse: 'ExpCurrent', connectivity: { rule: 'all_to_all' }, ...extra });
  await loadProject(page, {
    format: 'spikeflow-project',
    version: 1,
    name: 'Input weights',
    simulation: { dtMs: 0.1, durationMs: 100, seed: 1 },
    populations: [
      { id: 'exc', model: 'RegularSource', size: 2, params: { rate: [45, 60], phase: [2, 5] } },
      { id: 'inh', model: 'RegularSource', size: 1, params: { rate: 35, phase: 9 } },
      { id: 'cell', model: 'LIF', size: 1 },
    ],
    projections: [projection('e_in', 'exc', { weight: '0.5 nA', delayMs: 1 }), projection('i_in', 'inh', { weight: '-0.5 nA' })],
    stimuli: [{ type: 'step', id: 'bias', target: 'cell', amplitude: '8 nA' }],
    recordings: [{ id: 'rec', population: 'cell', variables: ['v'], neurons: [0] }],
  });

  // The weight row of each projection has a fit toggle; ticking it trains syn:PROJECTION.w of 'cell'.
  for (const id of ['e_in', 'i_in']) {
    await page.getByTestId(`edge-label-${id}`).click();
    await page.getByTestId(`fit-toggle-syn:${id}.w`).check();
    await expect(page.getByTestId(`fit-bounds-syn:${id}.w`)).toContainText('nA');
  }
  expect((await currentDoc(page)).fit).toMatchObject({ population: 'cell', params: [{ name: 'syn:e_in.w' }, { name: 'syn:i_in.w' }] });

  await page.getByTestId('bottom-tab-fit').click();
  await expect(page.getByTestId('fit-trained-syn:e_in.w')).toContainText('start 0.5 nA');
  await page.getByTestId('fit-true-syn:e_in.w').fill('1.2');
  await page.getByTestId('fit-true-syn:i_in.w').fill('-0.8');
  await page.getByTestId('fit-make-target').click();
  await expect(page.getByTestId('fit-case-0-data')).toContainText(/trace: \d+ samples/, { timeout: 30_000 });
  await page.getByTestId('fit-opt-kind').selectOption('lm');
  await page.getByTestId('fit-opt-iterations').fill('15');
  await page.getByTestId('fit-start').click();
  await expect(page.getByTestId('fit-status')).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
  expect((await num(page, 'fit-best-loss', 'data-first')) / (await num(page, 'fit-best-loss'))).toBeGreaterThan(1000);
  await page.screenshot({ path: 'test-results/fit-synapse-weights.png' });

  // Apply best writes the weights into the projections (one undo step).
  await page.getByTestId('fit-apply').click();
  const weights = ((await currentDoc(page)).projections as { weight: string }[]).map((p) => Number.parseFloat(p.weight));
  test.info().annotations.push({ type: 'fitted input weights (true 1.2, -0.8 nA)', description: weights.join(', ') });
  expect(Math.abs(weights[0] - 1.2)).toBeLessThan(1e-3);
  expect(Math.abs(weights[1] + 0.8)).toBeLessThan(1e-3);
  await page.getByTestId('fit-revert').click();
  expect(((await currentDoc(page)).projections as { weight: string }[]).map((p) => p.weight)).toEqual(['0.5 nA', '-0.5 nA']);
  expect(errors).toEqual([]);
});

test('a recurrent E–I network: Adam fits two weights through the loop from one cell’s spike times (network gradient); Apply', async ({ page }) => {
  test.setTimeout(90_000);
  const errors = await openApp(page);
  await loadProject(page, example('fit_network'));
  await page.getByTestId('bottom-tab-fit').click();
  await expect(page.getByTestId('fit-neuron')).toHaveValue('15');
  await page.getByTestId('fit-setup').screenshot({ path: 'test-results/fit-setup-network.png' });
  await page.getByTestId('fit-surrogate').locator('summary, button').first().click();
  await expect(page.getByTestId('fit-surrogate-synapses')).toHaveValue('spike-times');
  await page.getByTestId('fit-surrogate').screenshot({ path: 'test-results/fit-surrogate.png' });
  await page.getByTestId('fit-start').click();
  await expect(page.getByTestId('fit-network-cells')).toHaveAttribute('data-value', '50', { timeout: 30_000 });
  await expect(page.getByTestId('fit-status')).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
  expect((await num(page, 'fit-best-loss', 'data-first')) / (await num(page, 'fit-best-loss'))).toBeGreaterThan(100);
  await page.screenshot({ path: 'test-results/fit-network.png' });
  await page.getByTestId('fit-apply').click();
  const weights = Object.fromEntries(((await currentDoc(page)).projections as { id: string; weight: string }[]).map((p) => [p.id, Number.parseFloat(p.weight)]));
  test.info().annotations.push({ type: 'fitted weights (true 3, -3 nA)', description: `${weights.drive_exc}, ${weights.inh_exc}` });
  expect(Math.abs(weights.drive_exc / 3 - 1)).toBeLessThan(0.01);
  expect(Math.abs(weights.inh_exc / -3 - 1)).toBeLessThan(0.01);

  // A weight of a projection into the other population joins this fit (the gradient follows the network).
  await page.getByTestId('edge-label-exc_inh').click();
  await page.getByTestId('fit-toggle-syn:exc_inh.w').check();
  expect((await currentDoc(page)).fit).toMatchObject({ population: 'exc', params: [{ name: 'syn:drive_exc.w' }, { name: 'syn:inh_exc.w' }, { name: 'syn:exc_inh.w' }] });
  await expect(page.getByTestId('fit-trained-syn:exc_inh.w')).toContainText('start 1 nA');
  expect(errors).toEqual([]);
});
