/**
 * Page helpers for the IDE e2e specs: open the app, wait for runs, read what the run session
 * holds. Reading uses `window.__spikeflow` (src/app/debugApi.ts), the same stores the UI renders.
 */
import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';

export function example(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../examples/${name}.json`, import.meta.url), 'utf8'));
}

/** Opens the app and waits until the worker is ready and the catalog is in; fails on page errors. */
export async function openApp(page: Page, url = './'): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.evaluate(() => window.__spikeflow.ready);
  await expect.poll(() => page.evaluate(() => window.__spikeflow.stores.catalog.getState().ready)).toBe(true);
  return errors;
}

export async function loadProject(page: Page, doc: unknown): Promise<void> {
  await page.evaluate((d) => window.__spikeflow.stores.project.getState().load(d as never), doc);
}

export async function currentDoc(page: Page): Promise<Record<string, unknown> & { populations: { id: string }[] }> {
  return page.evaluate(() => JSON.parse(JSON.stringify(window.__spikeflow.stores.project.getState().doc)));
}

export async function phase(page: Page): Promise<string> {
  return (await page.getByTestId('run-phase').getAttribute('data-phase')) ?? '';
}

export async function waitForPhase(page: Page, wanted: string, timeout = 30_000): Promise<void> {
  await expect(page.getByTestId('run-phase')).toHaveAttribute('data-phase', wanted, { timeout });
}

/** Simulated time reached by the current run. */
export async function simTimeMs(page: Page): Promise<number> {
  return page.evaluate(() => window.__spikeflow.stores.run.getState().tMs);
}

/** Spikes per population held by the plots' buffers for the current run. */
export async function spikesByPopulation(page: Page, fromMs = 0): Promise<Record<string, number>> {
  return page.evaluate((from) => {
    const data = window.__spikeflow.session.data;
    const counts: Record<string, number> = {};
    const pops = data.populations.map((p) => p.id);
    for (const id of pops) counts[id] = 0;
    // Columns of RunData.spikes: 0 step, 1 population, 2 neuron.
    const steps = data.spikes.view(0);
    const populations = data.spikes.view(1);
    for (let i = 0; i < steps.length; i++) if (steps[i] * data.dtMs >= from) counts[pops[populations[i]]]++;
    return counts;
  }, fromMs);
}

export async function pointsOf(page: Page, testId: string): Promise<number> {
  return Number((await page.getByTestId(testId).getAttribute('data-points')) ?? '0');
}

/**
 * Drags from one React Flow handle to another. Auto-layout and zoom-to-fit move the nodes over the
 * next animation frames, and on a loaded machine Playwright's `dragTo` can read a handle's position
 * before that settles; so wait until both handles stand still, then drag with intermediate moves
 * (React Flow starts a connection only after the pointer moves while pressed).
 */
export async function dragHandle(page: Page, fromTestId: string, toTestId: string): Promise<void> {
  const from = page.getByTestId(fromTestId);
  const to = page.getByTestId(toTestId);
  const boxes = async () => JSON.stringify([await from.boundingBox(), await to.boundingBox()]);
  // Still means the same boxes over four readings a quarter of a second apart: a starved renderer
  // can skip frames for longer than one short interval, so two equal readings are not enough.
  const readings: string[] = [];
  await expect
    .poll(async () => {
      readings.push(await boxes());
      const last = readings.slice(-4);
      return last.length === 4 && !last[0].includes('null') && last.every((r) => r === last[0]);
    }, { intervals: [250], timeout: 15_000 })
    .toBe(true);
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  // A first short move toward the target starts the connection without nearing the canvas edge.
  const ax = a.x + a.width / 2;
  const ay = a.y + a.height / 2;
  await page.mouse.move(ax + Math.sign(b.x - a.x) * 10, ay + Math.sign(b.y - a.y) * 10, { steps: 3 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 10 });
  await page.mouse.up();
}

/** Sets axis `n` of the parameter-sweep tab: the parameter, its range and its number of points. */
export async function setSweepAxis(page: Page, n: 1 | 2, param: string, from: string, to: string, points: string): Promise<void> {
  await page.getByTestId(`sweep-param-${n}`).selectOption(param);
  await page.getByTestId(`sweep-from-${n}`).fill(from);
  await page.getByTestId(`sweep-to-${n}`).fill(to);
  await page.getByTestId(`sweep-points-${n}`).fill(points);
}

/** Opens the f–I tab and starts a sweep of the selected cell: currents `from`–`to` (its input's unit), `points` of them, `durationMs` each. */
export async function startFiSweep(page: Page, from: string, to: string, points: string, durationMs: string): Promise<void> {
  await page.getByTestId('bottom-tab-fi').click();
  await page.getByTestId('fi-from').fill(from);
  await page.getByTestId('fi-to').fill(to);
  await page.getByTestId('fi-points').fill(points);
  await page.getByTestId('fi-duration').fill(durationMs);
  await page.getByTestId('fi-run').click();
}
