/** The f–I project builder and the spike analysis, without running anything. */
import { describe, expect, it } from 'vitest';
import { parseProject } from '../project/validate';
import { analyseFi, buildFiProject, FI_POPULATION, mergeRheobase, refinementCurrents, rheobaseOf, sweepCurrents, sweepProblem } from './fiCurve';

const timing = { durationMs: 1000, transientMs: 200, dtMs: 0.1 };

describe('sweepCurrents', () => {
  it('spaces points evenly from `from` to `to`, both included, without binary noise', () => {
    expect(sweepCurrents(0, 1, 11)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(sweepCurrents(-2, 2, 3)).toEqual([-2, 0, 2]);
    expect(sweepCurrents(5, 9, 1)).toEqual([5]);
  });
});

describe('sweepProblem', () => {
  const ok = { from: 0, to: 40, points: 21, ...timing };
  it('accepts a sensible sweep and names what is wrong otherwise', () => {
    expect(sweepProblem(ok)).toBeUndefined();
    expect(sweepProblem({ ...ok, to: 0 })).toMatch(/larger/);
    expect(sweepProblem({ ...ok, points: 2.5 })).toMatch(/whole number/);
    expect(sweepProblem({ ...ok, transientMs: 1000 })).toMatch(/longer than the transient/);
    expect(sweepProblem({ ...ok, dtMs: 0 })).toMatch(/dt/);
    expect(sweepProblem({ ...ok, from: Number.NaN })).toMatch(/number/);
    expect(sweepProblem({ ...ok, durationMs: 1e7, dtMs: 0.001 })).toMatch(/steps/);
  });
});

describe('buildFiProject', () => {
  it('is one population of N cells with N step stimuli, one per neuron, and validates', () => {
    const currents = [10, 12.5, 15];
    const project = buildFiProject({ model: 'LIF', params: { tau_m: '20 ms' }, integrator: 'exact' }, { currents, ...timing });
    const parsed = parseProject(project);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const p = parsed.project;
    expect(p.populations).toHaveLength(1);
    expect(p.populations[0]).toMatchObject({ id: FI_POPULATION, model: 'LIF', size: 3, integrator: 'exact', params: { tau_m: '20 ms' } });
    expect(p.stimuli.map((s) => [s.type, s.neurons, 'amplitude' in s ? s.amplitude : undefined, s.startMs, s.stopMs])).toEqual([
      ['step', [0], 10, 0, undefined],
      ['step', [1], 12.5, 0, undefined],
      ['step', [2], 15, 0, undefined],
    ]);
    expect(p.simulation).toMatchObject({ dtMs: 0.1, durationMs: 1000, backend: 'cpu', precision: 'f64' });
    // On the project's GPU choice, float32 (what the GPU computes in); auto too, which may fall back to the CPU.
    for (const backend of ['webgpu', 'auto'] as const) expect(buildFiProject({ model: 'LIF' }, { currents, ...timing, backend }).simulation).toMatchObject({ backend, precision: 'f32' });
    expect(p.recordings).toEqual([]);
    expect(p.spikes).toEqual({ populations: [FI_POPULATION] });
  });

  it('carries channels, the chosen input and the project models the cell needs', () => {
    const source = 'model Mine : cell\nparams\n  tau = 10 ms\ninputs\n  j : nA\nstates\n  v = 0 mV\nequations\n  dv/dt = -v / tau + j * 1 Mohm / tau\nspike v > 10 mV\nreset\n  v = 0 mV\n';
    const withChannels = buildFiProject(
      { model: 'Compartment', channels: [{ model: 'Leak', params: { gLeak: 1e-4 } }, { model: 'Fire' }], input: 'i' },
      { currents: [1, 2], ...timing },
    );
    const a = parseProject(withChannels);
    expect(a.ok && a.project.populations[0].channels?.map((c) => c.model)).toEqual(['Leak', 'Fire']);
    expect(a.ok && a.project.stimuli.every((s) => s.input === 'i')).toBe(true);
    const own = parseProject(buildFiProject({ model: 'Mine', models: { Mine: source } }, { currents: [1], ...timing }));
    expect(own.ok && own.project.models).toEqual({ Mine: source });
  });

  it('refuses an empty sweep', () => {
    expect(() => buildFiProject({ model: 'LIF' }, { currents: [], ...timing })).toThrow(/at least one/);
  });
});

describe('analyseFi', () => {
  it('counts spikes in [transient, duration) per neuron and sorts the points by current', () => {
    // Neuron 0 (current 20): spikes at 100 (transient), 200 (counted: the edge), 500, 999.9 (last step).
    // Neuron 1 (current 5): one spike after the transient. Neuron 2 (current 10): none.
    const spikes = { tMs: [100, 199.99999999, 500, 999.9, 650, 300], neuron: [0, 0, 0, 0, 1, 7] };
    const fi = analyseFi(spikes, [20, 5, 10], timing);
    expect(fi.windowMs).toBe(800);
    expect(fi.points.map((p) => [p.current, p.spikeCount])).toEqual([
      [5, 1],
      [10, 0],
      [20, 3],
    ]);
    expect(fi.points[2].rateHz).toBeCloseTo(3.75, 12);
    // Mean interval of 200, 500, 999.9 ms: (999.9 - 200) / 2.
    expect(fi.points[2].isiRateHz).toBeCloseTo(2000 / 799.9, 9);
    expect(fi.points[0].isiRateHz).toBeNaN();
    expect(fi.rheobase).toEqual({ kind: 'below', firing: 5 });
  });

  it('ignores spikes of other populations when populations are given', () => {
    const fi = analyseFi({ tMs: [300, 300], neuron: [0, 0], population: [FI_POPULATION, 'other'] }, [1], timing);
    expect(fi.points[0].spikeCount).toBe(1);
  });
});

describe('rheobase', () => {
  const pts = (pairs: [number, number][]) => pairs.map(([current, spikeCount]) => ({ current, spikeCount }));
  it('brackets the smallest current that fires with the largest silent one below it', () => {
    expect(rheobaseOf(pts([[3, 4], [1, 0], [2, 0], [4, 9]]))).toEqual({ kind: 'bracket', silent: 2, firing: 3 });
    // Depolarisation block at high currents does not move the rheobase.
    expect(rheobaseOf(pts([[1, 0], [2, 3], [3, 0]]))).toEqual({ kind: 'bracket', silent: 1, firing: 2 });
    expect(rheobaseOf(pts([[1, 1], [2, 3]]))).toEqual({ kind: 'below', firing: 1 });
    expect(rheobaseOf(pts([[1, 0], [2, 0]]))).toEqual({ kind: 'above', silent: 2 });
  });

  it('refines: currents strictly inside the bracket, then the bracket from all points', () => {
    const first = rheobaseOf(pts([[0, 0], [10, 0], [20, 5]]));
    const inside = refinementCurrents(first, 4);
    expect(inside).toEqual([12, 14, 16, 18]);
    expect(mergeRheobase(pts([[0, 0], [10, 0], [20, 5]]), pts([[12, 0], [14, 0], [16, 1], [18, 3]]))).toEqual({ kind: 'bracket', silent: 14, firing: 16 });
    expect(refinementCurrents({ kind: 'below', firing: 1 }, 4)).toEqual([]);
  });
});
