import { describe, expect, it } from 'vitest';
import {
  CANONICAL_INTEGRATORS,
  INTEGRATOR_NAMES,
  ParamValue,
  Project,
  Stimulus,
  canonicalIntegrator,
  quantityProblem,
} from './schema';

const minimal = {
  format: 'spikeflow-project',
  version: 1,
  simulation: { durationMs: 100 },
  populations: [{ id: 'exc', model: 'LIF', size: 1 }],
};

describe('Project schema', () => {
  it('fills every default of a minimal project', () => {
    const p = Project.parse(minimal);
    expect(p.simulation).toEqual({ dtMs: 0.1, durationMs: 100, seed: 1, backend: 'cpu', precision: 'f32' });
    expect(p.models).toEqual({});
    expect(p.projections).toEqual([]);
    expect(p.stimuli).toEqual([]);
    expect(p.recordings).toEqual([]);
    expect(p.spikes).toEqual({ populations: 'all' });
    expect(p.layout).toBeUndefined();
    expect(p.populations[0]).toEqual({
      id: 'exc',
      model: 'LIF',
      size: 1,
      integrator: 'euler',
      update: 'simultaneous',
      oneSpike: false,
    });
  });

  it('fills stimulus and recording defaults', () => {
    const p = Project.parse({
      ...minimal,
      stimuli: [
        { type: 'step', id: 's', target: 'exc', amplitude: '0.5 nA' },
        { type: 'sine', id: 'w', target: 'exc', amplitude: 1, frequencyHz: 10 },
        { type: 'noise', id: 'n', target: 'exc', std: 0.1 },
        { type: 'sampled', id: 'd', target: 'exc', values: [1, 2], sampleIntervalMs: 1 },
      ],
      recordings: [{ population: 'exc', variables: ['v', 'Na.m'] }],
    });
    expect(p.stimuli[0]).toEqual({ type: 'step', id: 's', target: 'exc', amplitude: '0.5 nA', neurons: 'all', startMs: 0 });
    expect(p.stimuli[1]).toMatchObject({ offset: 0, phaseDeg: 0 });
    expect(p.stimuli[2]).toMatchObject({ mean: 0 });
    expect(p.stimuli[3]).toMatchObject({ interpolation: 'linear' });
    expect(p.recordings[0]).toEqual({ population: 'exc', variables: ['v', 'Na.m'], neurons: [0] });
  });

  it('keeps layout as given and validates projections strictly', () => {
    const layout = { exc: { x: 10, y: 20 }, anything: [1, 'two'] };
    const projection = { id: 'ee', pre: 'exc', post: 'exc', synapse: 'ExpCurrent', connectivity: { rule: 'fixed_probability', p: 0.02 }, weight: '0.5 nA' };
    const p = Project.parse({ ...minimal, layout, projections: [projection] });
    expect(p.layout).toEqual(layout);
    expect(p.projections[0].connectivity).toEqual({ rule: 'fixed_probability', p: 0.02, allowSelf: false });
    expect(Project.safeParse({ ...minimal, projections: [{ ...projection, whatever: 1 }] }).success).toBe(false);
    expect(Project.safeParse({ ...minimal, projections: [{ ...projection, connectivity: { rule: 'fixed_probability', p: 2 } }] }).success).toBe(false);
  });

  it('rejects unknown keys everywhere except layout', () => {
    expect(Project.safeParse({ ...minimal, extra: 1 }).success).toBe(false);
    expect(Project.safeParse({ ...minimal, simulation: { durationMs: 1, dt: 0.1 } }).success).toBe(false);
    expect(
      Project.safeParse({ ...minimal, stimuli: [{ type: 'step', id: 's', target: 'exc', amplitude: 1, amp: 1 }] })
        .success,
    ).toBe(false);
  });
});

describe('ParamValue', () => {
  it('accepts every form', () => {
    for (const v of [
      -65,
      '-65 mV',
      '0.12 S/cm2',
      '3',
      [1, 2, 3],
      { dist: 'uniform', low: -70, high: '-60 mV' },
      { dist: 'normal', mean: '10 ms', std: '1 ms', min: '5 ms' },
    ]) {
      expect(ParamValue.safeParse(v).success, JSON.stringify(v)).toBe(true);
    }
  });
  it('rejects the rest', () => {
    for (const v of [true, null, 'mV', '-65 mv', [1, 'x'], { dist: 'lognormal' }, { dist: 'uniform', low: 1 }]) {
      expect(ParamValue.safeParse(v).success, JSON.stringify(v)).toBe(false);
    }
  });
  it('explains bad quantities', () => {
    expect(quantityProblem('-65 mV')).toBeUndefined();
    expect(quantityProblem('-65 mv')).toBe(`unknown unit 'mv' in "-65 mv"`);
    expect(quantityProblem('fast')).toMatch(/expected a quantity such as "-65 mV"/);
  });
});

describe('Stimulus', () => {
  it('narrows on type', () => {
    const s = Stimulus.parse({ type: 'pulses', id: 'p', target: 'exc', amplitude: 1, widthMs: 1, periodMs: 10 });
    if (s.type !== 'pulses') throw new Error('narrowing');
    expect(s.widthMs).toBe(1);
    expect(s.count).toBeUndefined();
  });
});

describe('integrators', () => {
  it('maps every accepted name, ngclearn names included, to a canonical one', () => {
    for (const name of INTEGRATOR_NAMES) expect(CANONICAL_INTEGRATORS).toContain(canonicalIntegrator(name));
    expect(canonicalIntegrator('rk1')).toBe('euler');
    expect(canonicalIntegrator('rk2')).toBe('midpoint');
    expect(canonicalIntegrator('rk2_heun')).toBe('heun');
    expect(canonicalIntegrator('rk4')).toBe('rk4');
    expect(canonicalIntegrator('exact')).toBe('exact');
    expect(canonicalIntegrator('ralston')).toBeUndefined();
    expect(canonicalIntegrator('toString')).toBeUndefined();
  });
});
