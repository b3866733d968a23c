import { describe, expect, it } from 'vitest';
import { runProject } from '../engine';
import { parseProject } from '../project/validate';
import type { Project } from '../project/schema';
import { DifferentiableCell } from './differentiableCell';

const fastSigmoid = (x: number) => 1 / (1 + Math.abs(x)) ** 2;

/** Three regular spike sources → one LIF cell through `synapse`, plus a step current; f64. */
function feedForward(synapse: string, weight: string, extra: Record<string, unknown> = {}): Project {
  const json = {
    format: 'spikeflow-project',
    version: 1,
    name: 'feed-forward',
    simulation: { dtMs: 0.1, durationMs: 120, seed: 3, precision: 'f64' },
    populations: [
      { id: 'src', model: 'RegularSource', size: 3, params: { rate: [40, 55, 70], phase: [1, 3, 6] } },
      { id: 'cell', model: 'LIF', size: 2, params: { tau_m: '12 ms' } },
    ],
    projections: [{ id: 'input', pre: 'src', post: 'cell', synapse, connectivity: { rule: 'all_to_all' }, weight, delayMs: 1.5, ...extra }],
    stimuli: [{ id: 'bias', type: 'step', target: 'cell', amplitude: '9 nA' }],
  };
  const parsed = parseProject(json);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.project;
}

const cell = (project: Project, params: string[]) =>
  new DifferentiableCell([project], { population: 'cell', params, surrogate: fastSigmoid, resetGradient: 'detach' });

function engineTrace(project: Project): Float64Array {
  const run = runProject({ ...project, recordings: [{ population: 'cell', variables: ['v'], neurons: [0], intervalMs: project.simulation.dtMs }] });
  return Float64Array.from(run.recordings[0].values);
}

function worstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let n = 0; n < a.length; n++) worst = Math.max(worst, Math.abs(a[n] - b[n]));
  return worst;
}

describe('DifferentiableCell with spikes arriving through projections', () => {
  for (const [synapse, weight] of [
    ['ExpCurrent', '0.6 nA'],
    ['AlphaCurrent', '0.3 nA'],
    ['DeltaSynapse', '0.8 mV'],
    ['ExpConductance', '10 nS'],
  ] as const) {
    it(`${synapse}: the forward pass is the engine's run, every step (float64)`, () => {
      const project = feedForward(synapse, weight);
      const [obs] = cell(project, []).run(new Float64Array(0), false);
      const want = engineTrace(project);
      expect(obs.steps).toBe(want.length);
      expect(worstDifference(obs.trace, want)).toBeLessThan(1e-9);
      // The inputs matter: without the projection the trace is another one.
      const alone = engineTrace({ ...project, projections: [] });
      expect(worstDifference(alone, want)).toBeGreaterThan(0.5);
    });
  }

  for (const [synapse, weight] of [
    ['ExpCurrent', '0.6 nA'],
    ['DeltaSynapse', '0.8 mV'],
    ['ExpConductance', '4 nS'],
  ] as const) {
    it(`${synapse}: ∂v(t)/∂w equals central differences below threshold, relative 1e-6`, () => {
      const project = feedForward(synapse, weight);
      const c = cell(project, ['syn:input.w', 'tau_m']);
      const theta = Float64Array.from(c.initialValues);
      const [obs] = c.run(theta);
      expect(obs.spikeTimesMs.length).toBe(0); // subthreshold: the derivative is exact
      for (let k = 0; k < 2; k++) {
        const h = Math.abs(theta[k]) * 1e-5;
        const plus = Float64Array.from(theta);
        const minus = Float64Array.from(theta);
        plus[k] += h;
        minus[k] -= h;
        const [a] = c.run(plus, false);
        const [b] = c.run(minus, false);
        let worst = 0;
        let scale = 0;
        for (let n = 0; n < obs.steps; n++) {
          const fd = (a.trace[n] - b.trace[n]) / (2 * h);
          worst = Math.max(worst, Math.abs(obs.traceGrad[n * 2 + k] - fd));
          scale = Math.max(scale, Math.abs(fd));
        }
        expect(scale, `${synapse} parameter ${k}`).toBeGreaterThan(0);
        expect(worst / scale, `${synapse} parameter ${k}`).toBeLessThan(1e-6);
      }
    });
  }

  it('a weight above threshold: the spike times move with w as finite differences say (detached reset)', () => {
    const project = feedForward('ExpCurrent', '6 nA');
    const c = cell(project, ['syn:input.w']);
    const theta = Float64Array.from(c.initialValues);
    const [obs] = c.run(theta);
    expect(obs.spikeTimesMs.length).toBeGreaterThan(1);
    const h = theta[0] * 1e-6;
    const [a] = c.run(Float64Array.of(theta[0] + h), false);
    const [b] = c.run(Float64Array.of(theta[0] - h), false);
    expect(a.spikeTimesMs.length).toBe(obs.spikeTimesMs.length);
    // First spike: nothing before it was reset, so its derivative is exact.
    const fd = (a.spikeTimesMs[0] - b.spikeTimesMs[0]) / (2 * h);
    expect(fd).toBeLessThan(0); // stronger input, earlier spike
    expect(Math.abs(obs.spikeTimeGrad[0] - fd)).toBeLessThan(1e-5 * Math.abs(fd));
  });

  it('refuses what it cannot differentiate, saying why', () => {
    const recurrent = feedForward('ExpCurrent', '0.6 nA');
    const other = { ...recurrent.populations[1], id: 'other' };
    const throughOther = [
      { ...recurrent.projections[0], id: 'out', pre: 'cell', post: 'other' },
      { ...recurrent.projections[0], id: 'back', pre: 'other', post: 'cell' },
    ];
    const loop = { ...recurrent, populations: [...recurrent.populations, other], projections: [...recurrent.projections, ...throughOther] };
    expect(() => cell(loop as Project, [])).toThrow(/projection 'back' into 'cell' comes from 'other', whose spikes depend on 'cell'.*the network gradient/);
    const self = { ...recurrent, projections: [{ ...recurrent.projections[0], id: 'rec', pre: 'cell', post: 'cell' }] };
    expect(() => cell(self as Project, [])).toThrow(/a loop/);
    expect(() => cell(feedForward('STDP', '0.5 nS'), [])).toThrow(/plastic \(on_post\)/);
    expect(() => cell(feedForward('TsodyksMarkram', '0.5 nA'), [])).toThrow(/per-connection states/);
    const spread = feedForward('ExpCurrent', '0.6 nA', { weight: { dist: 'uniform', low: '0.4 nA', high: '0.8 nA' } });
    expect(() => cell(spread, ['syn:input.w'])).toThrow(/differs per connection/);
    expect(() => cell(recurrent, ['syn:nothing.w'])).toThrow(/no projection 'nothing' into population 'cell'; its projections: input/);
    expect(() => cell(recurrent, ['syn:input.q'])).toThrow(/has no parameter 'q'/);
  });
});
