import { describe, expect, it } from 'vitest';
import { DifferentiableCell } from './differentiableCell';
import { DifferentiableNetwork } from './differentiableNetwork';
import { chainProject, testProject } from './testNetworks';

const project = testProject;

describe("reset 'spike-times': the reset and the end of refractoriness move with the spike", () => {
  // LIF (library defaults: τ 10 ms, v_rest −65, v_reset −60, thr −52 mV, t_ref 5 ms) under 20 nA.
  // In continuous time t_k = T₁ + (k − 1)(t_ref + T), with T₁ = τ ln(RI / (RI + v_rest − thr)) and
  // T = τ ln((RI + v_rest − v_reset) / (RI + v_rest − thr)); both are proportional to τ, so
  // ∂t_k/∂τ = (T₁ + (k − 1)T)/τ.
  const lif = (dtMs: number) =>
    project({ simulation: { dtMs, durationMs: 80, seed: 1, precision: 'f64' }, populations: [{ id: 'cell', model: 'LIF', size: 1 }], stimuli: [{ id: 's', type: 'step', target: 'cell', amplitude: '20 nA' }] });
  const T1 = 10 * Math.log(20 / 7);
  const T = 10 * Math.log(15 / 7);
  const analytic = (k: number) => (T1 + k * T) / 10;

  it('spike-time derivatives of a regular LIF train are the analytic ones (within 0.01% at dt = 0.001 ms)', () => {
    const grads = (reset: 'detach' | 'spike-times') => {
      const [o] = new DifferentiableCell([lif(0.001)], { population: 'cell', params: ['tau_m'], surrogate: () => 0, resetGradient: reset }).run(Float64Array.of(10), true);
      return Array.from(o.spikeTimeGrad);
    };
    const exact = grads('spike-times');
    expect(exact.length).toBeGreaterThanOrEqual(6);
    exact.forEach((g, k) => expect(Math.abs(g / analytic(k) - 1)).toBeLessThan(1e-4));
    // Detached, each spike only knows its own interval: from the second spike on it is far off.
    grads('detach').slice(1).forEach((g, k) => expect(Math.abs(g / analytic(k + 1) - 1)).toBeGreaterThan(0.5));
  });

  it('the network step (batched) gives the single cell’s derivatives, spike for spike', () => {
    const p = lif(0.01);
    const options = { population: 'cell', params: ['tau_m'], surrogate: () => 0, resetGradient: 'spike-times' as const };
    const [a] = new DifferentiableCell([p], options).run(Float64Array.of(10), true);
    const [b] = new DifferentiableNetwork([p], options).run(Float64Array.of(10), true);
    expect(Array.from(b.spikeTimesMs)).toEqual(Array.from(a.spikeTimesMs));
    a.spikeTimeGrad.forEach((g, k) => expect(b.spikeTimeGrad[k]).toBeCloseTo(g, 12));
    a.traceGrad.forEach((g, n) => expect(b.traceGrad[n]).toBeCloseTo(g, 10));
  });

  it('with spike times carried through synapses too, a chain a → b → c matches finite differences of a fine-step simulation (within 3%)', () => {
    // θ = the weight a → b moves b's spikes; c (below threshold) sees them through a delta synapse.
    const chain = chainProject({ dtMs: 0.002, durationMs: 120, seed: 3, precision: 'f64' });
    const network = (reset: 'detach' | 'spike-times') => new DifferentiableNetwork([chain], { population: 'c', params: ['syn:ab.w'], surrogate: () => 0, resetGradient: reset, synapseGradient: 'spike-times' });
    const exact = network('spike-times');
    const [o] = exact.run(Float64Array.of(4), true);
    const h = 0.02;
    const [up] = exact.run(Float64Array.of(4 + h), false);
    const [down] = exact.run(Float64Array.of(4 - h), false);
    const [detached] = network('detach').run(Float64Array.of(4), true);
    for (const tMs of [70, 100, 119]) {
      const n = Math.round(tMs / 0.002);
      const fd = (up.trace[n] - down.trace[n]) / (2 * h);
      expect(Math.abs(o.traceGrad[n] / fd - 1)).toBeLessThan(0.03);
      if (tMs >= 100) expect(Math.abs(detached.traceGrad[n] / fd - 1)).toBeGreaterThan(0.1);
    }
  });
});
