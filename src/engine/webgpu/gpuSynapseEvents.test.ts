/**
 * `on_pre` statements that read the cells, on the GPU against the CPU backend (float32): a graded
 * synapse whose release follows the pre cell's v when the spike arrives (the arrivals then run after
 * every population's step, where the CPU reads the pre cells), conductance jumps that read the v they
 * change, and a clamp that sets v with '=' (applied connection by connection, projection by
 * projection, in the CPU's order). Runs on Dawn in Node; without a WebGPU adapter the tests are
 * reported as skipped with the reason.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { acquireNodeGpu } from '../../cli/gpu';
import type { Project } from '../../project/schema';
import { compileProject } from '../build';
import { expectOnBothPaths, project, runCpu, worstTraceError } from './backendComparison';
import { gpuUnsupportedReason } from './support';

const gpu = await acquireNodeGpu();

/** Release graded by the pre cell's v at arrival: more current the further it has recovered from reset. */
const GRADED = 'model Graded : synapse\n\nparams\n  w = 1 nA\n\ninputs\n  v_pre : mV\n\nstates\n  I : nA = 0 nA\n\nequations\n  dI/dt = -I / (5 ms)\n\non_pre\n  I += w * (v_pre + 80 mV) / (10 mV)\n\ncurrent\n  i = I\n';
/** A conductance jump: v moves a fraction w of the way to E (reads the v it changes). */
const SHUNT = 'model Shunt : synapse\n\nparams\n  w = 0.1\n  E = 0 mV\n\ninputs\n  v : mV\n\non_pre\n  v += w * (E - v)\n';
/** Sets v outright when a spike arrives. */
const CLAMP = 'model Clamp : synapse\n\nparams\n  E = -60 mV\n\ninputs\n  v : mV\n\non_pre\n  v = E\n';
/** Pulls v toward the pre cell's v: reads what the same projection changes when pre and post are one population. */
const COUPLER = 'model Coupler : synapse\n\nparams\n  w = 0.1\n\ninputs\n  v : mV\n  v_pre : mV\n\non_pre\n  v += w * (v_pre - v)\n';

/** A driven LIF layer (spread thresholds) into a biased one, `projections` between them. */
const network = (models: Record<string, string>, projections: readonly Record<string, unknown>[]): Project =>
  project({
    simulation: { dtMs: 0.1, durationMs: 150, seed: 5, precision: 'f32' },
    models,
    populations: [
      { id: 'driven', model: 'LIF', size: 24, params: { thr: { dist: 'uniform', low: -54, high: -50 } } },
      { id: 'target', model: 'LIF', size: 12 },
    ],
    projections,
    stimuli: [
      { id: 'drive', type: 'step', target: 'driven', amplitude: '18 nA', startMs: 5 },
      { id: 'bias', type: 'step', target: 'target', amplitude: '12 nA' },
    ],
    recordings: [{ population: 'target', variables: ['v'], neurons: [0, 4, 11] }],
  });

if (typeof gpu === 'string') {
  it.skip(`WebGPU synapse events reading the cells: no WebGPU adapter here (${gpu})`, () => {});
} else {
  afterAll(() => gpu.device.destroy());

  describe(`on_pre reading the cells on ${gpu.adapterName}, as on the CPU backend`, () => {
    it("on_pre reads the pre cell's v (graded release), with heterogeneous delays: read after every population's step", async () => {
      const p = network({ Graded: GRADED }, [
        { id: 'graded', pre: 'driven', post: 'target', synapse: 'Graded', connectivity: { rule: 'fixed_probability', p: 0.4 }, weight: '0.6 nA', delayMs: { dist: 'uniform', low: 0.5, high: 3 } },
      ]);
      expect(gpuUnsupportedReason(compileProject(p))).toBeUndefined();
      const cpu = runCpu(p);
      expect(cpu.sim.spikeCounts[1]).toBeGreaterThan(10);
      const { perStep } = await expectOnBothPaths(gpu, cpu, p, 1e-3);
      // The populations' step, then the arrivals (no per-connection current: no third dispatch).
      expect(perStep.dispatchMode).toBe('per-step');
      expect(perStep.dispatchesPerStep).toBe(2);
      // The pre cell's v matters: read as a constant (its reset value) the traces are others.
      const constant = network({ Graded: GRADED.replace('(v_pre + 80 mV)', '(-65 mV + 80 mV)') }, p.projections as never);
      expect(worstTraceError(cpu, runCpu(constant))).toBeGreaterThan(0.05);
    });

    it("on_pre that reads the v it changes (v += w·(E − v)) and sets it (v = E), two projections into one cell in the CPU's order", async () => {
      const p = network({ Shunt: SHUNT, Clamp: CLAMP }, [
        { id: 'clamp', pre: 'driven', post: 'target', synapse: 'Clamp', connectivity: { rule: 'fixed_probability', p: 0.1 }, delayMs: 1 },
        { id: 'shunt', pre: 'driven', post: 'target', synapse: 'Shunt', connectivity: { rule: 'fixed_probability', p: 0.4 }, weight: { dist: 'uniform', low: 0.005, high: 0.03 }, delayMs: 1 },
      ]);
      expect(gpuUnsupportedReason(compileProject(p))).toBeUndefined();
      const cpu = runCpu(p);
      expect(cpu.sim.spikeCounts[1]).toBeGreaterThan(10);
      const { perStep } = await expectOnBothPaths(gpu, cpu, p, 1e-3);
      // Inside the post population's next step: one dispatch a step.
      expect(perStep.dispatchMode).toBe('per-step-with-arrivals');
      expect(perStep.dispatchesPerStep).toBe(1);
      // The order matters: with the projections swapped, the clamp has the last word and the traces differ.
      const swapped = network({ Shunt: SHUNT, Clamp: CLAMP }, [...p.projections].reverse() as never);
      expect(worstTraceError(cpu, runCpu(swapped))).toBeGreaterThan(0.01);
    });

    it("on_pre reading pre cells that another projection's arrivals change: a phase per projection, in the CPU's order", async () => {
      // 'graded' reads driven's v, which 'shunt' (target → driven) changes when its spikes arrive.
      const projections = [
        { id: 'shunt', pre: 'target', post: 'driven', synapse: 'Shunt', connectivity: { rule: 'fixed_probability', p: 0.5 }, weight: 0.2, delayMs: 1 },
        { id: 'graded', pre: 'driven', post: 'target', synapse: 'Graded', connectivity: { rule: 'fixed_probability', p: 0.4 }, weight: '0.6 nA', delayMs: 0.5 },
      ];
      const orders = [projections, [...projections].reverse()].map((list) => network({ Graded: GRADED, Shunt: SHUNT }, list));
      const cpu = orders.map((p) => runCpu(p));
      expect(cpu[0].sim.spikeCounts[1]).toBeGreaterThan(10);
      // The order matters on the CPU: graded reads driven's v before or after the shunt.
      expect(worstTraceError(cpu[0], cpu[1])).toBeGreaterThan(0.01);
      for (const [k, p] of orders.entries()) {
        expect(gpuUnsupportedReason(compileProject(p))).toBeUndefined();
        const { perStep } = await expectOnBothPaths(gpu, cpu[k], p, 1e-3);
        // The populations' step, then each projection's arrivals in a dispatch of their own.
        expect([perStep.dispatchMode, perStep.dispatchesPerStep]).toEqual(['per-step', 3]);
      }
    });

    it.each([
      ['one delay', 1],
      ['a delay per connection', { dist: 'uniform', low: 0.5, high: 2 }],
    ])("on_pre reading pre cells its own arrivals change (a population coupled to itself, %s): one by one, in the CPU's order", async (_, delayMs) => {
      // Driven cells pulled toward each other's v when spikes arrive; strong, dense coupling, so that
      // within a step an arrival reads a pre cell that an earlier one moved.
      const p = project({
        simulation: { dtMs: 0.1, durationMs: 150, seed: 7, precision: 'f32' },
        models: { Coupler: COUPLER },
        populations: [{ id: 'layer', model: 'LIF', size: 30, params: { R: { dist: 'uniform', low: 0.8, high: 1.4 }, t_ref: 2 } }],
        projections: [{ id: 'ring', pre: 'layer', post: 'layer', synapse: 'Coupler', connectivity: { rule: 'fixed_probability', p: 0.6 }, weight: 0.3, delayMs }],
        stimuli: [{ id: 'drive', type: 'step', target: 'layer', amplitude: '18 nA', startMs: 5 }],
        recordings: [{ population: 'layer', variables: ['v'], neurons: [0, 9, 17, 29] }],
      });
      expect(gpuUnsupportedReason(compileProject(p))).toBeUndefined();
      const cpu = runCpu(p);
      expect(cpu.sim.spikeCounts[0]).toBeGreaterThan(100);
      const { perStep } = await expectOnBothPaths(gpu, cpu, p, 1e-3);
      // The populations' step, then the arrivals, applied by one thread.
      expect([perStep.dispatchMode, perStep.dispatchesPerStep]).toEqual(['per-step', 2]);
    });

    it("a population coupled to itself whose on_post moves the weights too: on_pre, then on_post, one by one in the CPU's order", async () => {
      const withOnPost = COUPLER.replace('on_pre\n', 'on_post\n  w = w * 0.9 + 0.01\n\non_pre\n');
      const p = project({
        simulation: { dtMs: 0.1, durationMs: 150, seed: 7, precision: 'f32' },
        models: { Coupler: withOnPost },
        populations: [{ id: 'layer', model: 'LIF', size: 30, params: { R: { dist: 'uniform', low: 0.8, high: 1.4 }, t_ref: 2 } }],
        projections: [{ id: 'ring', pre: 'layer', post: 'layer', synapse: 'Coupler', connectivity: { rule: 'fixed_probability', p: 0.6 }, weight: 0.3, delayMs: { dist: 'uniform', low: 0.5, high: 2 } }],
        stimuli: [{ id: 'drive', type: 'step', target: 'layer', amplitude: '18 nA', startMs: 5 }],
        recordings: [{ population: 'layer', variables: ['v'], neurons: [0, 9, 17, 29] }],
      });
      expect(gpuUnsupportedReason(compileProject(p))).toBeUndefined();
      const cpu = runCpu(p);
      await expectOnBothPaths(gpu, cpu, p, 1e-3);
      // The weights move: without on_post the traces are others.
      const fixed = project({ ...p, models: { Coupler: COUPLER } } as never);
      expect(worstTraceError(cpu, runCpu(fixed))).toBeGreaterThan(0.01);
    });

    it('a population coupled to itself through a clock-driven state, its connections recorded: per neuron first, then one by one', async () => {
      // x recovers every step (nonlinear: clock-driven) and scales the coupling, which uses it up.
      const depleting = 'model Depleting : synapse\n\nparams\n  w = 0.3\n\ninputs\n  v : mV\n  v_pre : mV\n\nstates\n  x : 1 = 1\n\nequations\n  dx/dt = x * (1 - x) / (20 ms) + 0.01 / ms\n\non_pre\n  v += w * x * (v_pre - v)\n  x = 0.6 * x\n';
      const p = project({
        simulation: { dtMs: 0.1, durationMs: 150, seed: 7, precision: 'f32' },
        models: { Depleting: depleting },
        populations: [{ id: 'layer', model: 'LIF', size: 30, params: { R: { dist: 'uniform', low: 0.8, high: 1.4 }, t_ref: 2 } }],
        projections: [{ id: 'ring', pre: 'layer', post: 'layer', synapse: 'Depleting', connectivity: { rule: 'fixed_probability', p: 0.6 }, delayMs: { dist: 'uniform', low: 0.5, high: 2 } }],
        stimuli: [{ id: 'drive', type: 'step', target: 'layer', amplitude: '18 nA', startMs: 5 }],
        recordings: [{ population: 'layer', variables: ['v'], neurons: [0, 9, 17, 29] }],
        connectionRecordings: [{ projection: 'ring', variables: ['x'], connections: [0, 5, 40, 200], intervalMs: 0.2 }],
      });
      expect(gpuUnsupportedReason(compileProject(p))).toBeUndefined();
      const cpu = runCpu(p);
      expect(cpu.sim.spikeCounts[0]).toBeGreaterThan(100);
      // Traces and the recorded x within 10⁻³ of their ranges.
      const { perStep } = await expectOnBothPaths(gpu, cpu, p, 1e-3);
      // The step, then the recordings and x's advance per neuron, then the arrivals by one thread.
      expect([perStep.dispatchMode, perStep.dispatchesPerStep]).toEqual(['per-step', 3]);
    });

    it('refuses, with the reason, arrivals that must run one by one in a synapse with a per-connection current', () => {
      const withCurrent = COUPLER + '\ncurrent\n  i = 0.001 uS * (v_pre - v)\n';
      const p = network({ Coupler: withCurrent }, [{ id: 'ring', pre: 'target', post: 'target', synapse: 'Coupler', connectivity: { rule: 'fixed_probability', p: 0.3 } }]);
      expect(gpuUnsupportedReason(compileProject(p))).toBe(
        "projection 'ring' (Coupler) reads 'v_pre' of 'target', which its own arrivals change in the same step; the WebGPU backend applies such arrivals one by one, but not where it has a per-connection current",
      );
      // Between two populations nothing changes the pre cells in the step: it runs.
      const across = network({ Coupler: withCurrent }, [{ id: 'across', pre: 'driven', post: 'target', synapse: 'Coupler', connectivity: { rule: 'fixed_probability', p: 0.3 } }]);
      expect(gpuUnsupportedReason(compileProject(across))).toBeUndefined();
    });
  });
}
