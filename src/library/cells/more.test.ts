import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileClean } from '../compileClean';
import type { ModelIR } from '../../model/ir';
import { jaxleyChannels } from '../channels/index';
import type { LibrarySource } from '../types';
import { AdEx, AdExIF, Compartment, HodgkinHuxley1952, Izhikevich2003, Izhikevich2007, LIF, moreCells } from './more';

const compile = compileClean;

interface Spec {
  model: LibrarySource;
  origin: LibrarySource['origin'];
  params: Record<string, [number, string]>;
  inputs: Record<string, string>;
  states: string[];
}

/** Names, defaults (in the declared unit) and units, from the source libraries and papers. */
const CELLS: Record<string, Spec> = {
  Compartment: {
    model: Compartment,
    origin: 'jaxley',
    params: { capacitance: [1, 'uF/cm2'] },
    inputs: { i: 'uA/cm2' },
    states: ['v'],
  },
  AdExIF: {
    model: AdExIF,
    origin: 'brainpy',
    params: {
      V_rest: [-65, 'mV'],
      V_reset: [-68, 'mV'],
      V_th: [-30, 'mV'],
      V_T: [-59.9, 'mV'],
      delta_T: [3.48, 'mV'],
      a: [1, 'uS'],
      b: [1, 'nA'],
      R: [1, 'Mohm'],
      tau: [10, 'ms'],
      tau_w: [30, 'ms'],
      tau_ref: [0, 'ms'],
    },
    inputs: { I: 'nA' },
    states: ['V', 'w'],
  },
  LIF: {
    model: LIF,
    origin: 'classic',
    params: {
      tau_m: [10, 'ms'],
      R: [1, 'Mohm'],
      v_rest: [-65, 'mV'],
      v_reset: [-60, 'mV'],
      thr: [-52, 'mV'],
      t_ref: [5, 'ms'],
    },
    inputs: { j: 'nA' },
    states: ['v'],
  },
  Izhikevich2003: {
    model: Izhikevich2003,
    origin: 'classic',
    params: { a: [0.02, '1/ms'], b: [0.2, '1/ms'], c: [-65, 'mV'], d: [8, 'mV/ms'] },
    inputs: { I: 'mV/ms' },
    states: ['v', 'u'],
  },
  Izhikevich2007: {
    model: Izhikevich2007,
    origin: 'classic',
    params: {
      C: [100, 'pF'],
      k: [0.7, 'nS/mV'],
      vr: [-60, 'mV'],
      vt: [-40, 'mV'],
      vpeak: [35, 'mV'],
      a: [0.03, '1/ms'],
      b: [-2, 'nS'],
      c: [-50, 'mV'],
      d: [100, 'pA'],
    },
    inputs: { I: 'pA' },
    states: ['v', 'u'],
  },
  HodgkinHuxley1952: {
    model: HodgkinHuxley1952,
    origin: 'classic',
    params: {
      C: [1, 'uF/cm2'],
      gNa: [120, 'mS/cm2'],
      gK: [36, 'mS/cm2'],
      gL: [0.3, 'mS/cm2'],
      ENa: [50, 'mV'],
      EK: [-77, 'mV'],
      EL: [-54.387, 'mV'],
      t_count: [2, 'ms'],
    },
    inputs: { I: 'uA/cm2' },
    states: ['v', 'm', 'h', 'n'],
  },
  AdEx: {
    model: AdEx,
    origin: 'classic',
    params: {
      C: [281, 'pF'],
      gL: [30, 'nS'],
      EL: [-70.6, 'mV'],
      VT: [-50.4, 'mV'],
      DeltaT: [2, 'mV'],
      tauw: [144, 'ms'],
      a: [4, 'nS'],
      b: [80.5, 'pA'],
      Vr: [-70.6, 'mV'],
      Vpeak: [20, 'mV'],
    },
    inputs: { I: 'pA' },
    states: ['V', 'w'],
  },
};

describe('classic, Jaxley and BrainPy cells', () => {
  it('lists every cell once', () => {
    expect(moreCells.length).toBe(Object.keys(CELLS).length);
    for (const { model } of Object.values(CELLS)) expect(moreCells).toContain(model);
  });

  for (const [name, spec] of Object.entries(CELLS)) {
    it(`${name} compiles without diagnostics with the expected names, defaults and units`, () => {
      expect(spec.model.origin).toBe(spec.origin);
      const ir = compile(spec.model.source);
      expect(ir.name).toBe(name);
      expect(ir.kind).toBe('cell');
      expect(ir.doc.length).toBeGreaterThan(0);
      expect(ir.params.map((p) => p.name)).toEqual(Object.keys(spec.params));
      for (const p of ir.params) {
        const [value, unit] = spec.params[p.name];
        expect(p.unit.text).toBe(unit);
        expect(p.defaultValue / p.unit.scale).toBeCloseTo(value, 12);
      }
      expect(Object.fromEntries(ir.inputs.map((i) => [i.name, i.unit.text]))).toEqual(spec.inputs);
      expect(ir.states.map((s) => s.name)).toEqual(spec.states);
    });
  }

  it('spiking cells have a spike condition; the Compartment has none (Fire adds one)', () => {
    for (const m of [AdExIF, LIF, Izhikevich2003, Izhikevich2007, HodgkinHuxley1952, AdEx]) {
      expect(compile(m.source).spike).toBeDefined();
    }
    expect(compile(Compartment.source).spike).toBeUndefined();
  });

  it('refractoriness: LIF and AdExIF hold their voltage, HodgkinHuxley1952 holds nothing', () => {
    const held = (m: LibrarySource) =>
      compile(m.source)
        .equations.filter((e) => e.unlessRefractory)
        .map((e) => e.state);
    expect(held(LIF)).toEqual(['v']);
    expect(held(AdExIF)).toEqual(['V']);
    expect(held(HodgkinHuxley1952)).toEqual([]);
    expect(compile(HodgkinHuxley1952.source).refractory).toBeDefined();
    expect(compile(HodgkinHuxley1952.source).reset).toEqual([]);
  });
});

const FIXTURES = [
  'LIF',
  'Izhikevich2003',
  'Izhikevich2007',
  'HodgkinHuxley1952',
  'AdEx',
  'AdExIF',
  'Compartment_Leak_Fire',
  'Compartment_HH',
  'Compartment_Na_K_Leak',
  'Compartment_Izhikevich',
];

describe('Brian2 fixtures of these models are consistent with the models', () => {
  const irs = new Map<string, ModelIR>();
  for (const m of [...moreCells, ...jaxleyChannels]) {
    const ir = compileClean(m.source);
    if (ir) irs.set(ir.name, ir);
  }
  for (const name of FIXTURES) {
    it(name, () => {
      const path = fileURLToPath(new URL(`../fixtures/${name}.brian2.json`, import.meta.url));
      expect(statSync(path).size).toBeLessThan(300 * 1024);
      const doc = JSON.parse(readFileSync(path, 'utf8'));
      const project = doc.project;
      expect(project.format).toBe('spikeflow-project');
      const pop = project.populations[0];
      const cell = irs.get(pop.model) as ModelIR;
      expect(cell).toBeDefined();
      const channels: ModelIR[] = (pop.channels ?? []).map((c: { model: string }) => irs.get(c.model));
      for (const ch of channels) expect(ch?.kind).toBe('channel');
      for (const key of Object.keys(pop.params)) expect(cell.params.map((p) => p.name)).toContain(key);
      expect(cell.inputs.map((i) => i.name)).toContain(project.stimuli[0].input);
      const recorded: string[] = project.recordings[0].variables;
      expect(Object.keys(doc.brian2.traces)).toEqual(recorded);
      for (const v of recorded) {
        const [owner, variable] = v.includes('.') ? v.split('.') : [pop.model, v];
        const ir = owner === pop.model ? cell : channels.find((c) => c.name === owner);
        expect(ir?.states.map((s) => s.name)).toContain(variable);
        expect(doc.brian2.traces[v].length).toBe(doc.brian2.times_ms.length);
      }
      expect(doc.brian2.times_ms.length).toBeLessThanOrEqual(2000);
      const interval = project.recordings[0].intervalMs / project.simulation.dtMs;
      expect(Math.abs(interval - Math.round(interval))).toBeLessThan(1e-9);
    });
  }
});
