/**
 * The code panel: write a model in Monaco, see its errors where they are, save it, use it in the
 * network, hot-reload it during a run, and keep it in the project (reload, share link).
 */
import { expect, test, type Page } from '@playwright/test';
import { currentDoc, loadProject, openApp, simTimeMs, waitForPhase } from './app';

const LEAK_WITH_ERROR = `## A second leak towards -50 mV.
model MyLeak : channel

params
  g = 0.0001 S/cm2   # conductance density
  e = -50 ms         # reversal potential

inputs
  v : mV   # membrane potential of the host cell

current
  i = g * (v - e)
`;
const LEAK = LEAK_WITH_ERROR.replace('e = -50 ms ', 'e = -50 mV ');

const relax = (offset: string) => `## A cell that relaxes to a target potential.
model Relax : cell

params
  tau    = 10 ms     # relaxation time constant
  target = -65 mV    # where v settles
  R      = 1 Mohm    # input resistance

inputs
  j : nA   # input current

states
  v = -65 mV   # membrane potential

equations
  dv/dt = (target${offset} - v + R*j) / tau
`;

/** Replaces the editor's whole text exactly (typing would auto-close brackets and auto-indent). */
async function setEditorText(page: Page, text: string): Promise<void> {
  const textarea = page.locator('[data-testid=code-editor] textarea');
  await textarea.focus();
  await page.keyboard.press('Control+a');
  await textarea.evaluate((ta, source) => {
    const data = new DataTransfer();
    data.setData('text/plain', source);
    ta.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

async function newModel(page: Page, kind: 'cell' | 'channel' | 'synapse', name: string): Promise<void> {
  await page.getByTestId('code-new').click();
  await page.getByTestId(`code-new-${kind}`).click();
  await page.getByTestId('code-name-input').fill(name);
  await page.getByTestId('code-name-ok').click();
  await expect(page.getByTestId(`code-tab-${name}`)).toBeVisible();
}

async function lastValue(page: Page, recorder = 0, series = 0): Promise<number> {
  return page.evaluate(([r, s]) => {
    const values = window.__spikeflow.session.data.traceValues(r, s);
    return values[values.length - 1];
  }, [recorder, series] as const);
}

const oneCompartment = {
  format: 'spikeflow-project',
  version: 1,
  name: 'code panel test',
  simulation: { dtMs: 0.025, durationMs: 100, seed: 1 },
  populations: [{ id: 'cell', model: 'Compartment', size: 1, channels: [{ model: 'Leak' }] }],
  recordings: [{ id: 'rec', population: 'cell', variables: ['v'], neurons: [0] }],
};

test('a channel with a unit error gets a marker at its line and column; fixed, saved and inserted, it changes the trace as its equations say', async ({ page }) => {
  await openApp(page);
  await loadProject(page, oneCompartment);
  await page.getByTestId('code-toggle').click();
  await expect(page.getByTestId('code-panel')).toBeVisible();
  await newModel(page, 'channel', 'MyLeak');
  await setEditorText(page, LEAK_WITH_ERROR);

  const problem = page.getByTestId('code-problem-0');
  await expect(problem).toHaveAttribute('data-severity', 'error');
  await expect(problem).toHaveAttribute('data-line', '12');
  await expect(problem).toHaveAttribute('data-col', '12');
  await expect(problem).toContainText("unit mismatch in '-': v is mV but e is ms");
  await expect(page.locator('[data-testid=code-editor] .squiggly-error')).not.toHaveCount(0);
  await expect(page.getByTestId('code-save')).toBeDisabled();
  await page.screenshot({ path: 'test-results/code-unit-error.png' });

  await setEditorText(page, LEAK);
  await expect(page.getByTestId('code-problems')).toHaveAttribute('data-errors', '0');
  await page.getByTestId('code-save').click();
  await expect.poll(async () => ((await currentDoc(page)).models as Record<string, string> | undefined)?.MyLeak).toBe(LEAK);

  // Without it the cell rests at Leak's eLeak = -70 mV; with two equal conductances towards -70 and
  // -50 mV it settles at -60 mV with time constant C / (2 g) = 5 ms, so after 100 ms v = -60 mV.
  await page.getByTestId('run-start').click();
  await waitForPhase(page, 'done');
  expect(await lastValue(page)).toBeCloseTo(-70, 4);
  await page.getByTestId('node-cell').click();
  await page.getByTestId('channel-insert').selectOption('MyLeak');
  await expect.poll(async () => (await currentDoc(page)).populations[0]).toMatchObject({ channels: [{ model: 'Leak' }, { model: 'MyLeak' }] });
  await page.getByTestId('run-start').click();
  await waitForPhase(page, 'done');
  expect(await lastValue(page)).toBeCloseTo(-60, 2);
});

test('during a run a changed model hot-reloads, and a model with errors is not saved and the run goes on', async ({ page }) => {
  await openApp(page);
  await loadProject(page, {
    ...oneCompartment,
    // One cell runs hundreds of biological seconds per second: a run that cannot end during the test.
    simulation: { dtMs: 0.1, durationMs: 100_000_000, seed: 1 },
    models: { Relax: relax('') },
    populations: [{ id: 'cell', model: 'Relax', size: 1, init: { v: '-65 mV' } }],
    recordings: [{ id: 'rec', population: 'cell', variables: ['v'], neurons: [0], intervalMs: 1 }],
  });
  // The population's model opens in the code panel from the inspector.
  await page.getByTestId('node-cell').click();
  await page.getByTestId('population-model-source').click();
  await expect(page.getByTestId('code-tab-Relax')).toBeVisible();
  await expect(page.getByTestId('code-editor')).toHaveAttribute('data-model', 'Relax');

  await page.getByTestId('run-start').click();
  await expect.poll(() => simTimeMs(page), { timeout: 20_000 }).toBeGreaterThan(200);
  expect(await lastValue(page)).toBeCloseTo(-65, 3);

  // A valid change: the target moves 20 mV up; the running cell follows, no restart.
  await setEditorText(page, relax(' + 20 mV'));
  await expect(page.getByTestId('code-problems')).toHaveAttribute('data-errors', '0');
  await page.getByTestId('code-save').click();
  const reloadedAt = await simTimeMs(page);
  await expect.poll(() => simTimeMs(page), { timeout: 20_000 }).toBeGreaterThan(reloadedAt + 200);
  await expect(page.getByTestId('run-phase')).toHaveAttribute('data-phase', 'running');
  await expect(page.getByTestId('run-stale')).toHaveCount(0);
  await expect.poll(() => lastValue(page)).toBeCloseTo(-45, 2);

  // A change with an error cannot replace the working model: Save is refused, the run goes on.
  await setEditorText(page, relax(' + 20 ms'));
  await expect(page.getByTestId('code-problem-0')).toHaveAttribute('data-severity', 'error');
  await expect(page.getByTestId('code-save')).toBeDisabled();
  await page.locator('[data-testid=code-editor] textarea').focus();
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('code-notice')).toBeVisible();
  const t = await simTimeMs(page);
  await expect.poll(() => simTimeMs(page), { timeout: 20_000 }).toBeGreaterThan(t + 200);
  expect(((await currentDoc(page)).models as Record<string, string>).Relax).toBe(relax(' + 20 mV'));
  expect(await lastValue(page)).toBeCloseTo(-45, 2);
  await page.getByTestId('run-stop').click();
});

test('a project with a custom model survives a reload and a share link', async ({ page, context }) => {
  await openApp(page);
  await loadProject(page, oneCompartment);
  await page.getByTestId('code-toggle').click();
  await newModel(page, 'channel', 'MyLeak');
  await setEditorText(page, LEAK);
  await expect(page.getByTestId('code-problems')).toHaveAttribute('data-errors', '0');
  await page.getByTestId('code-save').click();
  await page.getByTestId('node-cell').click();
  await page.getByTestId('channel-insert').selectOption('MyLeak');
  const saved = await currentDoc(page);
  expect((saved.models as Record<string, string>).MyLeak).toBe(LEAK);

  await page.waitForTimeout(600);
  await page.reload();
  await page.evaluate(() => window.__spikeflow.ready);
  await expect.poll(() => currentDoc(page)).toEqual(saved);
  // The model is back in the palette (the worker described it from the project).
  await expect(page.getByTestId('palette-item-MyLeak')).toBeVisible();

  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByTestId('project-share').click();
  const url = await page.getByTestId('project-share-url').inputValue();
  const other = await context.newPage();
  await openApp(other, url);
  await expect.poll(() => currentDoc(other)).toEqual(saved);
  await other.getByTestId('run-start').click();
  await waitForPhase(other, 'done');
  expect(await lastValue(other)).toBeCloseTo(-60, 2);
});
