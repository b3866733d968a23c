/** The engine against closed-form solutions. */
import { describe, expect, it } from 'vitest';
import { runProject } from '.';
import { singlePopulationProject } from './testing';

describe('analytic solutions', () => {
  it('passive membrane decay: v(t) = v_rest + (v0 − v_rest)·exp(−t/τ)', () => {
    const tau = 10;
    for (const [integrator, tolerance] of [
      ['exact', 1e-11],
      ['exponential_euler', 1e-11],
      ['rk4', 1e-9],
      ['euler', 0.05],
    ] as const) {
      const run = runProject(
        singlePopulationProject(
          { model: 'LIF', params: { tau_m: tau, thr: 100, v_rest: -65 }, init: { v: -50 }, integrator },
          { dtMs: 0.1, durationMs: 50, record: ['v'] },
        ),
      );
      const { timesMs, values } = run.recordings[0];
      let worst = 0;
      timesMs.forEach((t, i) => (worst = Math.max(worst, Math.abs(values[i] - (-65 + 15 * Math.exp(-t / tau))))));
      expect(worst, integrator).toBeLessThan(tolerance);
    }
  });

  it('channels: a compartment with a Leak channel relaxes to eLeak with τ = C/gLeak', () => {
    // Jaxley defaults: C = 1 µF/cm², gLeak = 1e-4 S/cm² → τ = 10 ms.
    const run = runProject(
      singlePopulationProject(
        { model: 'Compartment', channels: [{ model: 'Leak', params: { gLeak: 1e-4, eLeak: -70 } }], init: { v: -40 }, integrator: 'exact' },
        { dtMs: 0.05, durationMs: 40, record: ['v', 'Leak.i', 'i'] },
      ),
    );
    const { timesMs, values } = run.recordings[0];
    const series = run.simulation.series[0];
    expect(series.map((s) => s.unit)).toEqual(['mV', 'uA/cm2', 'uA/cm2']);
    timesMs.forEach((t, i) => {
      const v = -70 + 30 * Math.exp(-t / 10);
      expect(values[i * 3]).toBeCloseTo(v, 9);
      // Outward leak current density g(v − E), in µA/cm²; the cell's input is its negative.
      expect(values[i * 3 + 1]).toBeCloseTo(1e-4 * (v + 70) * 1e3, 7);
      expect(values[i * 3 + 2]).toBeCloseTo(-1e-4 * (v + 70) * 1e3, 7);
    });
  });

  it('LIF f–I curve: rate = 1 / (t_ref + τ·ln((v∞ − v_reset)/(v∞ − thr)))', () => {
    const resistances = [1.5, 2, 3, 5, 8, 13];
    const tau = 10;
    const tRef = 2;
    const current = 10; // nA: v∞ = v_rest + R·I
    const durationMs = 2000;
    const run = runProject(
      singlePopulationProject(
        {
          model: 'LIF',
          size: resistances.length,
          params: { tau_m: tau, R: resistances, v_rest: -65, v_reset: -65, thr: -50, t_ref: tRef },
          integrator: 'exact',
        },
        { dtMs: 0.01, durationMs, stimuli: [{ id: 'I', type: 'step', target: 'pop', amplitude: current }] },
      ),
    );
    resistances.forEach((R, neuron) => {
      const vInf = -65 + R * current;
      const expected = vInf > -50 ? 1000 / (tRef + tau * Math.log((vInf + 65) / (vInf + 50))) : 0;
      const times = Array.from(run.spikes.tMs).filter((_, k) => run.spikes.neuron[k] === neuron);
      const measured = times.length > 1 ? (1000 * (times.length - 1)) / (times[times.length - 1] - times[0]) : 0;
      // Spike times are quantised to dt, so each interval can be off by at most one step.
      const interval = 1000 / Math.max(expected, 1e-9);
      expect(Math.abs(measured - expected), `R = ${R}`).toBeLessThanOrEqual(expected * (0.011 / interval) + 1e-9);
    });
  });

  it('integrate-and-fire with constant input: inter-spike interval = τ·(thr − v_reset)/(R·I)', () => {
    const model = `## Perfect integrator, written in the project (exercises user models).
model PerfectIF : cell
params
  tau = 16 ms     # time constant
  R = 8 Mohm      # resistance
  thr = 10 mV     # threshold
inputs
  I : nA          # input current
states
  v = 0 mV        # membrane potential
equations
  dv/dt = R*I / tau
spike v >= thr
reset
  v -= thr
`;
    const run = runProject(
      singlePopulationProject(
        { model: 'PerfectIF', integrator: 'euler' },
        { models: { PerfectIF: model }, dtMs: 0.125, durationMs: 1000, stimuli: [{ id: 'I', type: 'step', target: 'pop', amplitude: '0.25 nA' }] },
      ),
    );
    // v rises by R·I·dt/τ = 2⁻⁶ mV per step (exact in binary), so a spike every 640 steps = 80 ms,
    // stamped at the start of the crossing step: 79.875 ms, 159.875 ms, …
    const times = Array.from(run.spikes.tMs);
    expect(times.length).toBe(12);
    times.forEach((t, k) => expect(t).toBe(79.875 + 80 * k));
  });
});
