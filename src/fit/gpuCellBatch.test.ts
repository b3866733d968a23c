/**
 * CMA-ES generations on the GPU (Dawn in Node; SwiftShader here): the candidates' observations and
 * losses against the CPU batch, which is exact (cellBatch.test.ts); a whole CMA-ES fit with its
 * generations on the GPU; and where a fit's simulations run (fitBackend.ts). Without a WebGPU
 * adapter the GPU tests are reported as skipped with the reason.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireNodeGpu } from '../cli/gpu';
import { parseProject } from '../project/validate';
import type { Project } from '../project/schema';
import { chooseFitBackend } from './fitBackend';
import { FitProblem } from './fitProblem';
import { FitRunner, readyTensorflow } from './fitRunner';
import { syntheticTargets } from './synthetic';
import { traceMseGrid } from './losses/traceMse';

const gpu = await acquireNodeGpu();

function parse(json: unknown): Project {
  const parsed = parseProject(json);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.project;
}

const example = (name: string): Project => parse(JSON.parse(readFileSync(new URL(`../../examples/${name}.json`, import.meta.url), 'utf8')));

/** Twelve parameter sets scattered ±30% around the start, deterministic. */
const candidates = (p: FitProblem): Float64Array[] => Array.from({ length: 12 }, (_, b) => Float64Array.from(p.params, (q, k) => q.initial * (1 + 0.3 * Math.sin(1.7 * b + 2.3 * k))));

const withOptimizer = (p: Project, optimizer: Record<string, unknown>): Project => ({ ...p, fit: { ...p.fit!, optimizer: { ...p.fit!.optimizer, ...optimizer } } }) as Project;

if (typeof gpu === 'string') {
  it.skip(`CMA-ES generations on WebGPU: no WebGPU adapter here (${gpu})`, () => {});
} else {
  afterAll(() => gpu.device.destroy());

  describe(`CMA-ES generations on ${gpu.adapterName}`, () => {
    it("fit_adex (spike times): every candidate spikes in the CPU batch's steps, within 0.02 dt of its times; the losses formed on the device within 10⁻⁵", async () => {
      const p = new FitProblem(example('fit_adex'));
      expect(p.cell.gpuBatchProblem?.()).toBeUndefined();
      const thetas = candidates(p);
      const onCpu = p.evaluateMany(thetas);
      // The spikes themselves, listed and read back.
      const listed = (await p.cell.runManyOnGpu!(thetas, gpu, { trace: false }))!;
      const dt = onCpu[0].observations[0].dtMs;
      let spikes = 0;
      onCpu.forEach((cpu, b) => {
        cpu.observations.forEach((o, c) => {
          const g = listed.observations[b][c];
          expect(g.spikeTimesMs.length).toBe(o.spikeTimesMs.length);
          // Interpolated within the step as on the CPU (measured: 659 spikes, all in the CPU's step,
          // 0.0036 dt apart at worst; timed at the step's middle they were up to 0.5 dt apart).
          o.spikeTimesMs.forEach((t, j) => {
            expect(Math.floor(g.spikeTimesMs[j] / dt)).toBe(Math.floor(t / dt));
            expect(Math.abs(g.spikeTimesMs[j] - t)).toBeLessThanOrEqual(0.02 * dt);
          });
          spikes += o.spikeTimesMs.length;
        });
      });
      expect(spikes).toBeGreaterThan(500);
      // What a fit uses: van Rossum and the spike count formed on the device, no spike read back.
      const onGpu = await p.evaluateManyOnGpu(thetas, gpu);
      onCpu.forEach((cpu, b) => {
        // Measured 6e-7 at worst (8e-4 with spikes timed at their step's middle).
        expect(Math.abs(onGpu[b].loss - cpu.loss)).toBeLessThanOrEqual(1e-5 * cpu.loss + 1e-9);
      });
      expect(new Set(onGpu.map((e) => e.loss)).size).toBe(thetas.length);
      // The best candidate's observations (what the fit shows) are its simulation on the CPU; the
      // others carry neither a trace nor spikes.
      const best = onGpu.reduce((b, e, i) => (e.loss < onGpu[b].loss ? i : b), 0);
      expect(Array.from(onGpu[best].observations[0].trace)).toEqual(Array.from(onCpu[best].observations[0].trace));
      const other = onGpu[(best + 1) % thetas.length].observations[0];
      expect(other.trace.every((v) => v === 0)).toBe(true);
      expect(other.spikeTimesMs.length).toBe(0);
    });

    it("fit_hh (a voltage trace): every candidate's trace within 1e-3 of its range of the CPU batch's (float32); trace-MSE summed on the device within 1e-3", async () => {
      const p = new FitProblem(example('fit_hh'));
      const thetas = candidates(p);
      const onCpu = p.evaluateMany(thetas);
      // The traces themselves, read back.
      const traced = await p.cell.runManyOnGpu!(thetas, gpu, { trace: true });
      onCpu.forEach((cpu, b) => {
        cpu.observations.forEach((o, c) => {
          const g = traced!.observations[b][c];
          const range = Math.max(...o.trace) - Math.min(...o.trace);
          let worst = 0;
          o.trace.forEach((v, n) => (worst = Math.max(worst, Math.abs(g.trace[n] - v))));
          // Measured 2.1e-5 at worst.
          expect(worst / range).toBeLessThan(1e-3);
        });
      });
      // What a fit uses: the squared errors summed on the device, no trace read back.
      let simulated = 0;
      const evaluate = p.evaluate.bind(p);
      p.evaluate = (values, gradient) => (simulated++, evaluate(values, gradient));
      const onGpu = await p.evaluateManyOnGpu(thetas, gpu);
      onCpu.forEach((cpu, b) => expect(Math.abs(onGpu[b].loss - cpu.loss)).toBeLessThanOrEqual(1e-3 * cpu.loss + 1e-9));
      const best = onGpu.reduce((k, e, i) => (e.loss < onGpu[k].loss ? i : k), 0);
      // The best's CPU simulation waits until its observations are read (a fit shows them a few times a second), then runs once.
      expect(simulated).toBe(0);
      expect(Array.from(onGpu[best].observations[0].trace)).toEqual(Array.from(onCpu[best].observations[0].trace));
      expect(onGpu[best].observations).toBe(onGpu[best].observations);
      expect(simulated).toBe(1);
      // Nor a spike: the loss reads none (they were read back above, with the traces).
      const other = (best + 1) % thetas.length;
      expect(traced!.observations[other][0].spikeTimesMs.length).toBeGreaterThan(0);
      expect(onGpu[other].observations[0].trace.every((v) => v === 0)).toBe(true);
      expect(onGpu[other].observations[0].spikeTimesMs.length).toBe(0);
    });

    it('a trace loss over several GPU chunks (2,500 steps in chunks of 1,000), v_rest trained (so each copy starts elsewhere): each chunk sums its own slot, the total as on the CPU', async () => {
      const doc = {
        format: 'spikeflow-project',
        version: 1,
        simulation: { dtMs: 0.1, durationMs: 250, seed: 1, precision: 'f64' },
        populations: [{ id: 'cell', model: 'LIF', size: 1 }],
        stimuli: [{ type: 'sine', id: 'drive', target: 'cell', amplitude: '1 nA', frequencyHz: 20, offset: '0.5 nA' }],
        fit: { population: 'cell', params: [{ name: 'tau_m', min: 2, max: 40 }, { name: 'R', min: 0.2, max: 5 }, { name: 'v_rest', min: -90, max: -40 }], loss: [{ kind: 'trace-mse' }, { kind: 'trace-mse', startMs: 120, weight: 2 }], optimizer: { kind: 'cmaes' } },
      };
      const target = syntheticTargets(parse(doc), { tau_m: 14, R: 1.3 })[0];
      const p = new FitProblem(parse({ ...doc, fit: { ...doc.fit, cases: [{ trace: target.trace }] } }));
      const thetas = candidates(p);
      const onCpu = p.evaluateMany(thetas);
      const onGpu = await p.evaluateManyOnGpu(thetas, gpu);
      onCpu.forEach((cpu, b) => expect(Math.abs(onGpu[b].loss - cpu.loss)).toBeLessThanOrEqual(1e-3 * cpu.loss + 1e-9));
      // The same sums in three chunks of at most 1,000 steps (a fit's default keeps this case in one).
      const goal = p.targets[0].trace!;
      const grid = (_case: number, dtMs: number, steps: number) => [traceMseGrid(goal, dtMs, steps), traceMseGrid(goal, dtMs, steps, { startMs: 120 })];
      const chunked = await p.cell.runManyOnGpu!(thetas, gpu, { trace: false, terms: grid, chunkSteps: 1000 });
      const [whole, late] = grid(0, 0.1, 2500);
      onCpu.forEach((cpu, b) => {
        const loss = chunked!.termSums[0][0][b] / whole.weightSum + (2 * chunked!.termSums[0][1][b]) / late.weightSum;
        expect(Math.abs(loss - cpu.loss)).toBeLessThanOrEqual(1e-3 * cpu.loss + 1e-9);
      });
    });

    it('the next generation reuses the GPU simulation (new values uploaded): the losses of a fresh one, exactly', async () => {
      // A spiking LIF cell too: its refractoriness reads the last spike, which must not carry over.
      const lif = () =>
        new FitProblem(
          parse({
            format: 'spikeflow-project',
            version: 1,
            simulation: { dtMs: 0.1, durationMs: 60, seed: 1, precision: 'f64' },
            populations: [{ id: 'cell', model: 'LIF', size: 1, params: { t_ref: '2 ms' } }],
            stimuli: [{ type: 'step', id: 'step', target: 'cell', amplitude: '40 nA', startMs: 5 }],
            fit: { population: 'cell', params: [{ name: 'tau_m', min: 4, max: 30 }], loss: [{ kind: 'first-spike' }, { kind: 'isi' }], cases: [{ spikeTimesMs: [8, 15, 22] }], optimizer: { kind: 'cmaes' } },
          }),
        );
      for (const make of [() => new FitProblem(example('fit_hh')), () => new FitProblem(example('fit_adex')), lif]) {
        const p = make();
        const first = candidates(p);
        const next = first.map((theta, b) => theta.map((v) => v * (1 + 0.05 * Math.cos(b))));
        await p.evaluateManyOnGpu(first, gpu);
        const reused = await p.evaluateManyOnGpu(next, gpu);
        const fresh = await make().evaluateManyOnGpu(next, gpu);
        expect(reused.map((e) => e.loss)).toEqual(fresh.map((e) => e.loss));
        p.cell.releaseGpu?.();
      }
    });

    it('candidates that blow up on the GPU are evaluated on the CPU (Infinity where they blow up there too), the others stay on the GPU', async () => {
      const p = new FitProblem(example('fit_hh'));
      const thetas = candidates(p);
      // A negative gK blows up anywhere. These values (one of 10,000 scattered candidates) reach
      // v = −55 mV exactly in float32, where α_n's textbook form is 0/0: no longer a blow-up, since
      // such rate functions are compiled with exprel (model/rateSingularities.ts).
      thetas[3] = Float64Array.from(thetas[3], (v, k) => (k === 1 ? -40 * Math.abs(v) : v));
      thetas[5] = Float64Array.of(0.0005350901938040352, 0.0005142212448705122, 0.000002007636843132614);
      const grids = (c: number, dtMs: number, steps: number) => [traceMseGrid(p.targets[c].trace!, dtMs, steps, {})];
      const run = await p.cell.runManyOnGpu!(thetas, gpu, { trace: false, terms: grids, spikes: false });
      expect(run!.blownUp).toEqual([3]);
      const onGpu = await p.evaluateManyOnGpu(thetas, gpu);
      expect(onGpu[3].loss).toBe(Infinity);
      // The rest from the GPU: within float32 of the CPU, and no trace came back for them.
      thetas.forEach((theta, b) => b !== 3 && expect(Math.abs(onGpu[b].loss - p.evaluate(theta, false).loss)).toBeLessThanOrEqual(1e-3 * onGpu[b].loss));
      expect(onGpu.filter((e) => e.observations[0]?.trace.every((v) => v === 0)).length).toBeGreaterThanOrEqual(9);
    });

    it('a CMA-ES fit with its generations on the GPU lowers the loss as the CPU one does', async () => {
      await readyTensorflow();
      const project = withOptimizer(example('fit_adex'), { kind: 'cmaes', iterations: 6, populationSize: 12, sigma0: 0.3, seed: 3 });
      const run = async (onGpu: boolean) => {
        const runner = new FitRunner(new FitProblem(project), onGpu ? { gpu } : {});
        for (let k = 0; k < 6; k++) await runner.stepAsync();
        return runner.best!;
      };
      const [cpu, onGpu] = [await run(false), await run(true)];
      const fresh = new FitProblem(project);
      const start = fresh.evaluate(Float64Array.from(fresh.params, (q) => q.initial), false).loss;
      expect(onGpu.loss).toBeLessThan(0.5 * start);
      // Float32 and mid-step spike times steer CMA-ES a little differently: the same order of loss.
      expect(onGpu.loss).toBeLessThan(3 * cpu.loss + 1e-6);
    });

    it('a device lost during a fit: that generation and the rest run on the CPU, and the runner says so', async () => {
      await readyTensorflow();
      const own = await acquireNodeGpu();
      if (typeof own === 'string') throw new Error(own);
      const project = withOptimizer(example('fit_adex'), { kind: 'cmaes', iterations: 5, populationSize: 8, seed: 2 });
      const runner = new FitRunner(new FitProblem(project), { gpu: own });
      await runner.stepAsync();
      await runner.stepAsync();
      expect(runner.gpuLost).toBeUndefined();
      own.device.destroy();
      for (let k = 0; k < 3; k++) await runner.stepAsync();
      expect(runner.iteration).toBe(5);
      expect(runner.gpuLost).toMatch(/^the WebGPU device was lost \(.*\) at iteration 3; the fit went on on the CPU$/);
      expect(Number.isFinite(runner.best!.loss)).toBe(true);
    });

    it('chooses where a fit runs: CMA-ES on the GPU when asked; gradients, or auto with a software adapter, on the CPU with the reason', async () => {
      const acquire = async () => gpu;
      const cmaes = new FitProblem(withOptimizer(example('fit_adex'), { kind: 'cmaes' }));
      expect(await chooseFitBackend(cmaes, 'cpu', acquire)).toEqual({ backend: 'cpu' });
      expect(await chooseFitBackend(cmaes, 'webgpu', acquire)).toMatchObject({ backend: 'webgpu', adapter: gpu.adapterName });
      const auto = await chooseFitBackend(cmaes, 'auto', acquire);
      if (gpu.software) expect(auto).toEqual({ backend: 'cpu', note: expect.stringContaining('software') });
      const adam = new FitProblem(withOptimizer(example('fit_adex'), { kind: 'adam' }));
      expect(await chooseFitBackend(adam, 'webgpu', acquire)).toEqual({ backend: 'cpu', note: 'adam follows float64 gradients, which run on the CPU; CMA-ES generations run on the GPU' });
      const inputs = new FitProblem(withOptimizer(example('fit_inputs'), { kind: 'cmaes' }));
      expect(await chooseFitBackend(inputs, 'webgpu', acquire)).toEqual({ backend: 'cpu', note: expect.stringMatching(/^CMA-ES candidates stay on the CPU: the fitted cell receives spikes through projections/) });
      expect(await chooseFitBackend(cmaes, 'webgpu', async () => 'no WebGPU adapter')).toEqual({ backend: 'cpu', note: 'no WebGPU adapter' });
    });
  });
}
