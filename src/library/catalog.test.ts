import { describe, expect, it } from 'vitest';
import { builtinRegistry, LIBRARY_SOURCES, ModelRegistry } from '.';
import { catalogOf, describeModel, sliderRange, type ModelInfo } from './catalog';

const catalog = catalogOf(builtinRegistry());
const model = (name: string): ModelInfo => {
  const m = catalog.find((x) => x.name === name);
  if (!m) throw new Error(`no ${name} in the catalog`);
  return m;
};
const param = (m: ModelInfo, name: string) => m.params.find((p) => p.name === name);

describe('catalogOf', () => {
  it('describes every library model, without throwing and without leaving any out', () => {
    expect(catalog.map((m) => m.name)).toEqual(builtinRegistry().names());
    expect(catalog).toHaveLength(LIBRARY_SOURCES.length);
    for (const m of catalog) {
      expect(['cell', 'channel', 'synapse']).toContain(m.kind);
      expect(m.origin).not.toBe('project');
      expect(m.summary.length).toBeGreaterThan(0);
      for (const p of m.params) {
        expect(Number.isFinite(p.defaultValue)).toBe(true);
        // Every default lies inside its slider range.
        expect(p.min).toBeLessThanOrEqual(p.defaultValue);
        expect(p.max).toBeGreaterThanOrEqual(p.defaultValue);
        expect(p.max).toBeGreaterThan(p.min);
      }
    }
  });

  it('gives LIF its parameters in their declared units, with defaults, descriptions and slider ranges', () => {
    const lif = model('LIF');
    expect(lif).toMatchObject({ kind: 'cell', origin: 'classic', spikes: true, isSource: false });
    expect(lif.summary).toBe('Leaky integrate-and-fire neuron.');
    expect(lif.params.map((p) => p.name)).toEqual(['tau_m', 'R', 'v_rest', 'v_reset', 'thr', 't_ref']);
    expect(param(lif, 'tau_m')).toEqual({ name: 'tau_m', unit: 'ms', defaultValue: 10, description: 'membrane time constant', min: 0, max: 50 });
    expect(param(lif, 'R')).toMatchObject({ unit: 'Mohm', defaultValue: 1, min: 0, max: 5 });
    // Potentials get a range of ±50 mV around the default, so negative values are reachable.
    expect(param(lif, 'v_rest')).toMatchObject({ unit: 'mV', defaultValue: -65, min: -115, max: -15 });
    expect(param(lif, 'thr')).toMatchObject({ unit: 'mV', defaultValue: -52, min: -102, max: -2 });
    expect(param(lif, 't_ref')).toMatchObject({ unit: 'ms', defaultValue: 5, min: 0, max: 20 });
    expect(lif.inputs).toEqual([{ name: 'j', unit: 'nA', description: 'summed external and synaptic current' }]);
    expect(lif.states).toEqual([{ name: 'v', unit: 'mV', description: 'membrane potential' }]);
  });

  it('describes a synapse and a channel', () => {
    const syn = model('ExpCurrent');
    expect(syn).toMatchObject({ kind: 'synapse', spikes: false, isSource: false });
    expect(param(syn, 'w')).toMatchObject({ unit: 'nA', defaultValue: 0.1, min: 0, max: 0.5 });
    expect(param(syn, 'tau')).toMatchObject({ unit: 'ms', defaultValue: 5 });
    expect(syn.states.map((s) => s.name)).toEqual(['I']);
    const na = model('Na');
    expect(na).toMatchObject({ kind: 'channel', origin: 'jaxley', isSource: false });
    expect(param(na, 'gNa')).toMatchObject({ unit: 'S/cm2', defaultValue: 0.05 });
    expect(param(na, 'eNa')).toMatchObject({ unit: 'mV', defaultValue: 50, min: 0, max: 100 });
    expect(na.inputs.map((i) => i.name)).toEqual(['v']);
    expect(na.states.map((s) => s.name)).toEqual(['m', 'h']);
  });

  it('marks spike sources: cells that spike with no inputs or only rate inputs', () => {
    expect(model('PoissonSource').isSource).toBe(true);
    expect(model('RegularSource').isSource).toBe(true);
    expect(catalog.filter((m) => m.isSource).map((m) => m.name)).toEqual(['PoissonSource', 'RegularSource']);
    expect(model('Compartment')).toMatchObject({ isSource: false, spikes: false });
  });

  it('includes project models (origin project) from a child registry and leaves out ones with errors', () => {
    const registry = new ModelRegistry(builtinRegistry());
    registry.register('model Leaky : cell\nparams\n  tau = 20 ms  # time constant\ninputs\n  j : mV\nstates\n  v = 0 mV\nequations\n  dv/dt = (j - v) / tau\n', 'project');
    registry.register('model Broken : cell\nstates\n  v = 0 mV\nequations\n  dv/dt = v / (1 mV)\n', 'project');
    const all = catalogOf(registry);
    expect(all).toHaveLength(catalog.length + 1);
    expect(all.at(-1)).toMatchObject({ name: 'Leaky', kind: 'cell', origin: 'project', isSource: false, spikes: false });
    expect(all.at(-1)?.params).toEqual([{ name: 'tau', unit: 'ms', defaultValue: 20, description: 'time constant', min: 0, max: 100 }]);
    expect(all.some((m) => m.name === 'Broken')).toBe(false);
  });

  it('describeModel takes the origin it is given', () => {
    const ir = builtinRegistry().ir('LIF')!;
    expect(describeModel(ir, 'project').origin).toBe('project');
  });
});

describe('sliderRange', () => {
  const MS = [0, 0, 1, 0, 0, 0] as const;
  const MV = [2, 1, -3, -1, 0, 0] as const;
  const NONE = [0, 0, 0, 0, 0, 0] as const;
  it('spans 0 to a round number about four times a positive default', () => {
    expect(sliderRange(10, MS)).toEqual({ min: 0, max: 50 });
    expect(sliderRange(0.1, MS)).toEqual({ min: 0, max: 0.5 });
    expect(sliderRange(3, MS)).toEqual({ min: 0, max: 20 });
  });
  it('mirrors that for negative magnitudes, and handles 0 and a dimensionless 1', () => {
    expect(sliderRange(-0.0105, NONE)).toEqual({ min: -0.05, max: 0 });
    expect(sliderRange(0, MS)).toEqual({ min: 0, max: 1 });
    expect(sliderRange(1, NONE)).toEqual({ min: 0, max: 2 });
  });
  it('puts potentials ±50 mV around the default', () => {
    expect(sliderRange(-65, MV)).toEqual({ min: -115, max: -15 });
    expect(sliderRange(0, MV)).toEqual({ min: -50, max: 50 });
  });
});
