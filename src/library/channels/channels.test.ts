import { describe, expect, it } from 'vitest';
import { compileClean } from '../compileClean';
import { Fire, HH, Izhikevich, jaxleyChannels, K, Leak, Na } from './index';

const compile = compileClean;

/** Parameter defaults in their declared unit, as in Jaxley (names without the channel prefix). */
const JAXLEY: Record<string, { model: typeof Leak; params: Record<string, [number, string]>; states: string[] }> = {
  Leak: { model: Leak, params: { gLeak: [1e-4, 'S/cm2'], eLeak: [-70, 'mV'] }, states: [] },
  Fire: { model: Fire, params: { vth: [-50, 'mV'], vreset: [-70, 'mV'] }, states: [] },
  Izhikevich: {
    model: Izhikevich,
    params: { a: [0.02, '1/ms'], b: [0.2, '1/ms'], c: [-65, 'mV'], d: [8, 'mV/ms'], C: [1, 'uF/cm2'] },
    states: ['u'],
  },
  Na: { model: Na, params: { gNa: [0.05, 'S/cm2'], eNa: [50, 'mV'], vt: [-60, 'mV'] }, states: ['m', 'h'] },
  K: { model: K, params: { gK: [0.005, 'S/cm2'], eK: [-90, 'mV'], vt: [-60, 'mV'] }, states: ['n'] },
  HH: {
    model: HH,
    params: {
      gNa: [0.12, 'S/cm2'],
      gK: [0.036, 'S/cm2'],
      gLeak: [0.0003, 'S/cm2'],
      eNa: [50, 'mV'],
      eK: [-77, 'mV'],
      eLeak: [-54.3, 'mV'],
    },
    states: ['m', 'h', 'n'],
  },
};

describe('Jaxley channels', () => {
  it('lists every channel once', () => {
    expect(jaxleyChannels.length).toBe(Object.keys(JAXLEY).length);
    for (const { model } of Object.values(JAXLEY)) expect(jaxleyChannels).toContain(model);
  });

  for (const [name, spec] of Object.entries(JAXLEY)) {
    it(`${name} compiles without diagnostics and matches Jaxley's names and defaults`, () => {
      expect(spec.model.origin).toBe('jaxley');
      const ir = compile(spec.model.source);
      expect(ir.name).toBe(name);
      expect(ir.kind).toBe('channel');
      expect(ir.doc.length).toBeGreaterThan(0);
      expect(ir.params.map((p) => p.name)).toEqual(Object.keys(spec.params));
      for (const p of ir.params) {
        const [value, unit] = spec.params[p.name];
        expect(p.unit.text).toBe(unit);
        expect(p.defaultValue / p.unit.scale).toBeCloseTo(value, 12);
      }
      expect(ir.states.map((s) => s.name)).toEqual(spec.states);
      // A channel reads the host's membrane potential.
      expect(ir.inputs.map((i) => [i.name, i.unit.text])).toEqual([['v', 'mV']]);
    });
  }

  it('gates start at steady state, as Jaxley init_state does', () => {
    for (const m of [Na, K, HH]) {
      for (const s of compile(m.source).states) expect(s.init).toBe('steady');
    }
  });

  it('current-carrying channels define an outward current density; Fire has none', () => {
    for (const m of [Leak, Na, K, HH, Izhikevich]) expect(compile(m.source).current).toBeDefined();
    expect(compile(Fire.source).current).toBeUndefined();
  });

  it('Fire and Izhikevich spike and reset the host v', () => {
    const fire = compile(Fire.source);
    expect(fire.spike).toBeDefined();
    expect(fire.reset.map((r) => [r.target, r.op])).toEqual([['v', '=']]);
    const izh = compile(Izhikevich.source);
    expect(izh.spike).toBeDefined();
    expect(izh.reset.map((r) => [r.target, r.op])).toEqual([
      ['v', '='],
      ['u', '+='],
    ]);
  });
});
