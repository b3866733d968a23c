/**
 * The WebGPU backend in the browser (Chromium with SwiftShader's WebGPU): chosen in the toolbar, the
 * run announces WebGPU and its adapter in the status bar and gives the CPU backend's spikes; `auto`
 * stays on the CPU with a software adapter and says why; a network it cannot run is an error that
 * names the reason. Where Chromium offers no WebGPU adapter these tests are skipped with the reason.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { example, loadProject, openApp, setSweepAxis, startFiSweep, waitForPhase } from './app';

async function adapterProblem(page: Page): Promise<string | undefined> {
  return page.evaluate(async () => {
    const gpu = (navigator as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    if (!gpu) return 'navigator.gpu is missing';
    return (await gpu.requestAdapter()) ? undefined : 'no WebGPU adapter';
  });
}

/** Spike steps and neurons of the current run, from the plots' buffers. */
async function spikes(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const data = window.__spikeflow.session.data;
    const steps = data.spikes.view(0);
    const neurons = data.spikes.view(2);
    return Array.from(steps, (s, i) => `${s}:${neurons[i]}`);
  });
}

async function runWith(page: Page, backend: 'cpu' | 'webgpu' | 'auto'): Promise<void> {
  await page.getByTestId('toolbar-backend').selectOption(backend);
  await page.getByTestId('run-start').click();
  await waitForPhase(page, 'done', 60_000);
}

test.describe('WebGPU backend in the browser', () => {
  test.beforeEach(async ({ page }) => {
    await openApp(page);
    const problem = await adapterProblem(page);
    test.skip(problem !== undefined, `no WebGPU here: ${problem}`);
  });

  test('a Hodgkin–Huxley population runs on WebGPU, says so, and spikes as on the CPU', async ({ page }) => {
    const project = example('HodgkinHuxley1952') as { populations: { size: number }[] };
    project.populations[0].size = 40;
    await loadProject(page, project);
    await runWith(page, 'webgpu');
    await expect(page.getByTestId('run-backend')).toContainText('WebGPU · ');
    await expect(page.getByTestId('run-backend')).toContainText('swiftshader');
    const onGpu = await spikes(page);
    expect(onGpu.length).toBeGreaterThan(40);
    await runWith(page, 'cpu');
    await expect(page.getByTestId('run-backend')).toHaveText('CPU · SIMD');
    expect(await spikes(page)).toEqual(onGpu);
    await page.screenshot({ path: 'test-results/webgpu-status.png' });
  });

  test('the default E/I network runs on WebGPU with its projections and spikes as often as on the CPU', async ({ page }) => {
    await loadProject(page, example('default'));
    await runWith(page, 'webgpu');
    await expect(page.getByTestId('run-backend')).toContainText('WebGPU · ');
    const onGpu = await spikes(page);
    await runWith(page, 'cpu');
    const onCpu = await spikes(page);
    expect(onCpu.length).toBeGreaterThan(50);
    // A recurrent network with noise: the GPU's float32 normals differ in the last bits, so compare counts.
    expect(Math.abs(onGpu.length - onCpu.length) / onCpu.length).toBeLessThan(0.05);
  });

  test('auto stays on the CPU with a software adapter; a float64 project is refused on WebGPU with the reason', async ({ page }) => {
    await loadProject(page, example('LIF'));
    await runWith(page, 'auto');
    await expect(page.getByTestId('run-backend')).toHaveText('CPU (auto) · SIMD');
    await expect(page.getByTestId('run-backend')).toHaveAttribute('title', /software/);
    const lif = example('LIF') as { simulation: Record<string, unknown> };
    await loadProject(page, { ...lif, simulation: { ...lif.simulation, precision: 'f64' } });
    await page.getByTestId('toolbar-backend').selectOption('webgpu');
    await page.getByTestId('run-start').click();
    await expect(page.getByTestId('run-error')).toContainText('the WebGPU backend computes in float32; precision f64 runs on the CPU backend');
  });

  test('a parameter sweep and an f–I curve run on WebGPU when the project asks for it, with the CPU’s results', async ({ page }) => {
    /** Runs the sweep of exc's threshold on `backend`; its rates from the CSV export. */
    const sweep = async (backend: 'cpu' | 'webgpu'): Promise<number[]> => {
      await page.getByTestId('toolbar-backend').selectOption(backend);
      await page.getByTestId('bottom-tab-sweep').click();
      await setSweepAxis(page, 1, 'thr', '-56', '-50', '4');
      await page.getByTestId('sweep-run').click();
      await expect(page.getByTestId('sweep-backend')).toContainText(backend === 'webgpu' ? 'WebGPU · ' : 'CPU', { timeout: 60_000 });
      const download = page.waitForEvent('download');
      await page.getByTestId('sweep-export-csv').click();
      const lines = readFileSync((await (await download).path())!, 'utf8').trim().split('\n');
      return lines.slice(1).map((l) => Number(l.split(',')[1]));
    };
    const onGpu = await sweep('webgpu');
    await expect(page.getByTestId('sweep-backend')).toContainText('swiftshader');
    await page.screenshot({ path: 'test-results/webgpu-sweep.png' });
    const onCpu = await sweep('cpu');
    expect(onCpu[0]).toBeGreaterThan(onCpu[3]);
    // The example's noise is drawn in float32 on the GPU (the last bits differ): rates within 5%.
    onCpu.forEach((rate, k) => expect(Math.abs(onGpu[k] - rate)).toBeLessThanOrEqual(0.05 * rate + 0.5));

    await page.getByTestId('toolbar-backend').selectOption('webgpu');
    await startFiSweep(page, '10', '20', '6', '400');
    await expect(page.getByTestId('fi-backend')).toContainText('WebGPU · ', { timeout: 60_000 });
    // Rheobase (thr − v_rest)/R = 13 nA, as on the CPU (e2e/fi-curve.spec.ts).
    await expect(page.getByTestId('fi-rheobase')).toContainText(/Rheobase\s*≈ 13\.0\d nA/);
    await page.screenshot({ path: 'test-results/webgpu-fi.png' });
  });

  // fit_hh's trace MSE and fit_adex's van Rossum and spike count are formed on the device.
  for (const name of ['fit_hh', 'fit_adex']) {
    test(`a CMA-ES fit of ${name} on WebGPU simulates its generations there and says so`, async ({ page }) => {
      const project = example(name) as { simulation: Record<string, unknown>; fit: { optimizer: Record<string, unknown> } };
      await loadProject(page, { ...project, simulation: { ...project.simulation, backend: 'webgpu' }, fit: { ...project.fit, optimizer: { kind: 'cmaes', iterations: 20 } } });
      await page.getByTestId('bottom-tab-fit').click();
      await page.getByTestId('fit-start').click();
      await expect(page.getByTestId('fit-backend')).toContainText('WebGPU · ', { timeout: 30_000 });
      await expect(page.getByTestId('fit-backend')).toContainText('swiftshader');
      await expect(page.getByTestId('fit-status')).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
      const first = Number(await page.getByTestId('fit-best-loss').getAttribute('data-first'));
      const best = Number(await page.getByTestId('fit-best-loss').getAttribute('data-value'));
      expect(best).toBeLessThan(first);
      await page.screenshot({ path: `test-results/webgpu-${name}.png` });
    });
  }
});
