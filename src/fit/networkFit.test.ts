import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseProject } from '../project/validate';
import type { Project } from '../project/schema';
import { FitProblem } from './fitProblem';
import { FitRunner, readyTensorflow } from './fitRunner';

beforeAll(() => readyTensorflow());

/** examples/fit_network.json (a recurrent E–I network), its surrogate settings changed by `edit`. */
function example(edit: (fit: Record<string, unknown>) => void = () => {}): Project {
  const json = JSON.parse(readFileSync(new URL('../../examples/fit_network.json', import.meta.url), 'utf8'));
  edit(json.fit);
  const parsed = parseProject(json);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.project;
}

describe('fitting a recurrent network', () => {
  it('the fit differentiates the whole network: 50 cells, the Poisson drive replayed', () => {
    const problem = new FitProblem(example());
    expect(problem.cell.kind).toBe('network');
    expect(problem.cell.simulatedNeurons).toBe(50);
    const inputs = JSON.parse(readFileSync(new URL('../../examples/fit_inputs.json', import.meta.url), 'utf8'));
    const parsed = parseProject(inputs);
    if (!parsed.ok) throw new Error('fit_inputs.json');
    expect(new FitProblem(parsed.project).cell.kind).toBe('cell');
  });

  it("with other cells' spikes held ('detach'), ∂loss/∂θ is the simulation's exact derivative: central differences agree to 1e-6", () => {
    // A trace loss: it moves continuously with the weights while no spike moves.
    const withTrace = new FitProblem(
      example((fit) => {
        (fit.surrogate as Record<string, unknown>).synapses = 'detach';
        fit.loss = [{ kind: 'trace-mse', weight: 1 }];
        fit.cases = [{ trace: { timesMs: [0, 100, 200, 299.9], values: [-60, -55, -58, -56], unit: 'mV' } }];
      }),
    );
    const theta = Float64Array.from(withTrace.params, (p) => p.initial);
    const { grad } = withTrace.evaluate(theta, true);
    theta.forEach((v, k) => {
      const h = 1e-6 * Math.abs(v);
      const up = Float64Array.from(theta);
      const down = Float64Array.from(theta);
      up[k] += h;
      down[k] -= h;
      const fd = (withTrace.evaluate(up, false).loss - withTrace.evaluate(down, false).loss) / (2 * h);
      expect(Math.abs(grad[k] - fd) / Math.abs(fd)).toBeLessThan(1e-6);
    });
  });

  it('several cases (the excitatory bias at 13 and 14 nA): each simulates the network, losses and gradients add up', () => {
    const twoCases = (fit: Record<string, unknown>) => {
      (fit.surrogate as Record<string, unknown>).synapses = 'detach';
      fit.loss = [{ kind: 'trace-mse', weight: 1 }];
      const trace = { timesMs: [0, 150, 299.9], values: [-60, -55, -57], unit: 'mV' };
      fit.cases = [{ amplitudes: { exc_bias: '13 nA' }, trace }, { amplitudes: { exc_bias: '14 nA' }, trace }];
    };
    const both = new FitProblem(example(twoCases));
    expect(both.cell.caseCount).toBe(2);
    const theta = Float64Array.from(both.params, (p) => p.initial);
    const [first, second] = both.cell.run(theta, true);
    expect(first.trace).not.toEqual(second.trace);
    const total = both.evaluate(theta, true);
    const single = (k: number) =>
      new FitProblem(
        example((fit) => {
          twoCases(fit);
          fit.cases = [(fit.cases as unknown[])[k]];
        }),
      ).evaluate(theta, true);
    const [a, b] = [single(0), single(1)];
    expect(total.loss).toBeCloseTo(a.loss + b.loss, 10);
    total.grad.forEach((g, k) => expect(g).toBeCloseTo(a.grad[k] + b.grad[k], 8));
  });

  it('Adam with spike-time derivatives recovers both weights from 50% off to within 1% (the example as shipped)', () => {
    const problem = new FitProblem(example());
    const runner = new FitRunner(problem);
    let first = NaN;
    for (let i = 0; i < problem.settings.optimizer.iterations; i++) {
      const it = runner.step();
      if (i === 0) first = it.loss;
    }
    const [drive, inhibition] = problem.declared(runner.best!.values);
    runner.dispose();
    expect(runner.best!.loss).toBeLessThan(first / 100);
    expect(Math.abs(drive / 3 - 1)).toBeLessThan(0.01);
    expect(Math.abs(inhibition / -3 - 1)).toBeLessThan(0.01);
  });

  it("surrogate derivatives around the loop grow without bound: Adam stops with a message that says what to change", () => {
    const problem = new FitProblem(example((fit) => ((fit.surrogate as Record<string, unknown>).synapses = 'surrogate')));
    const runner = new FitRunner(problem);
    expect(() => runner.step()).toThrow(/too large for the optimiser.*surrogate\.synapses 'spike-times' or 'detach'/);
    runner.dispose();
  });
});
