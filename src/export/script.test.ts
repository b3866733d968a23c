import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProject } from '../project/validate';
import type { Project } from '../project/schema';
import { brian2ScriptName, ExportError, exportBrian2Script } from './index';

const example = (name: string): Project => project(JSON.parse(readFileSync(new URL(`../../examples/${name}.json`, import.meta.url), 'utf8')));

function project(json: unknown): Project {
  const parsed = parseProject(json);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.project;
}

const base = { format: 'spikeflow-project', version: 1, simulation: { dtMs: 0.1, durationMs: 50, seed: 4 } };

/** The lines of the script, trimmed (the script indents inside build_and_run). */
const linesOf = (script: string) => script.split('\n').map((l) => l.trim());

describe('Brian2 export: a LIF neuron', () => {
  const { script, fileName, notes } = exportBrian2Script(example('LIF'), { generator: 'spikeflow export-brian2 LIF.json' });
  const lines = linesOf(script);

  it('writes the cell as a NeuronGroup with units, threshold, reset and refractoriness', () => {
    expect(lines).toContain('dv/dt = (v_rest - v + R*j)/tau_m : volt (unless refractory)');
    expect(lines).toContain('j = j_ext : amp');
    expect(lines).toContain('R : ohm (constant)');
    expect(lines).toContain("threshold='v >= thr',");
    expect(lines).toContain("reset='v = v_reset',");
    expect(lines).toContain("refractory='t_ref',");
    expect(lines).toContain("method='euler',");
    expect(lines).toContain('pop_cell.tau_m = 10*ms');
    expect(lines).toContain('pop_cell.v = \'v_rest\'');
  });

  it('drives the input at the start of each step and records as spikeflow run does', () => {
    expect(script).toContain("j_ext = 20*nA*int(t >= 10*ms - t_tol)*int(t < 90*ms - t_tol)");
    expect(script).toContain("when='start', order=-1");
    expect(lines).toContain("state_0 = StateMonitor(pop_cell, ['v'], record=[0], dt=5*defaultclock.dt, when='start')");
    expect(lines).toContain("('cell[0].v', 'v', 0, mV),");
    expect(lines).toContain('spikes_cell = SpikeMonitor(pop_cell)');
    expect(lines).toContain("net.schedule = ['start', 'groups', 'thresholds', 'resets', 'synapses', 'end']");
    expect(lines).toContain('DT_MS = 0.01  # integration time step (simulation.dtMs)');
  });

  it('says what it is and how it differs in its header', () => {
    expect(script.startsWith('#!/usr/bin/env python3\n"""Leaky integrate-and-fire (LIF) -- exported from Spikeflow as a Brian2 script.')).toBe(true);
    expect(script).toContain('Made by: spikeflow export-brian2 LIF.json');
    expect(script).toContain('are not the same numbers');
    expect(fileName).toBe('leaky_integrate_and_fire_lif_brian2.py');
    expect(notes).toEqual([]);
  });
});

describe('Brian2 export: a Hodgkin-Huxley compartment (channels flattened in)', () => {
  const lines = linesOf(exportBrian2Script(example('Compartment_HH')).script);

  it('prefixes channel names, subtracts channel currents and keeps the integrator', () => {
    expect(lines).toContain('dv/dt = i_/capacitance : volt');
    expect(lines).toContain('dHH_m/dt = HH_alpha_m*(1 - HH_m) - HH_beta_m*HH_m : 1');
    expect(lines).toContain('HH_beta_m = 4/ms*exp(-(v + 65*mV)/(18*mV)) : 1/second');
    expect(lines).toContain('HH_i = HH_gNa*HH_m**3*HH_h*(v - HH_eNa) + HH_gK*HH_n**4*(v - HH_eK) + HH_gLeak*(v - HH_eLeak) : amp/metre**2');
    expect(lines).toContain('i_ = i_ext - HH_i : amp/metre**2'); // `i` is Brian2's neuron index
    expect(lines).toContain('HH_gNa : siemens/metre**2 (constant)');
    expect(lines).toContain('pop_cell.HH_gNa = 0.12*siemens/cm**2');
    expect(lines).toContain("method='exponential_euler',");
  });

  it('starts gates at their steady state for the initial membrane potential', () => {
    expect(lines).toContain("pop_cell.HH_m = '-(HH_alpha_m/(-HH_alpha_m - HH_beta_m))'  # steady state");
    const v = lines.indexOf('pop_cell.v = -70*mV');
    expect(v).toBeGreaterThan(0);
    expect(lines.findIndex((l) => l.startsWith('pop_cell.HH_m = '))).toBeGreaterThan(v);
  });
});

describe('Brian2 export: a CUBA-like network', () => {
  const cuba = project({
    ...base,
    name: 'cuba small',
    populations: [
      { id: 'exc', model: 'LIF', size: 8, integrator: 'exponential_euler', init: { v: { dist: 'uniform', low: '-60 mV', high: '-50 mV' } }, params: { R: { dist: 'normal', mean: '1 Mohm', std: '0.1 Mohm', min: '0.5 Mohm' } } },
      { id: 'inh', model: 'LIF', size: 2 },
    ],
    projections: [
      { id: 'ee', pre: 'exc', post: 'exc', synapse: 'ExpCurrent', connectivity: { rule: 'fixed_probability', p: 0.2 }, weight: '1.5 nA', delayMs: 0.8, params: { tau: '5 ms' } },
      { id: 'ei', pre: 'exc', post: 'inh', synapse: 'ExpCurrent', connectivity: { rule: 'fixed_in_degree', k: 3 }, weight: { dist: 'uniform', low: '1 nA', high: '2 nA' }, delayMs: { dist: 'uniform', low: 0.5, high: 1.5 } },
      { id: 'ie', pre: 'inh', post: 'exc', synapse: 'ExpConductance', connectivity: { rule: 'all_to_all' }, weight: [1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 8], params: { E: '-80 mV' } },
    ],
    spikes: { populations: ['exc'] },
  });
  const { script } = exportBrian2Script(cuba);
  const lines = linesOf(script);

  it('sums exact synapse states per post neuron in the post group, as Brian2’s CUBA example', () => {
    expect(lines).toContain('dee_I/dt = -ee_I/ee_tau : amp');
    expect(lines).toContain('die_g/dt = -ie_g/ie_tau : siemens');
    expect(lines).toContain('ie_i = ie_g*(ie_E - v) : amp');
    expect(lines).toContain('ee_i = ee_I : amp'); // ExpCurrent's current `i`, namespaced
    expect(lines).toContain('j = ee_i + ie_i : amp');
    expect(lines).toContain("on_pre='ee_I_post += w',");
    expect(lines).toContain('pop_exc.ie_E = -80*mV');
  });

  it('maps connectivity rules, weights and delays', () => {
    expect(lines).toContain("syn_ee.connect(condition='i != j', p=0.2)");
    expect(lines).toContain('delay=8*defaultclock.dt,');
    expect(lines).toContain('syn_ei.connect(**fixed_in_degree(8, 2, 3, no_self=False))');
    expect(lines).toContain('syn_ei.w = rng.uniform(1, 2, size=len(syn_ei))*nA');
    expect(lines).toContain('syn_ei.delay = delay_in_steps(rng.uniform(0.5, 1.5, size=len(syn_ei))*ms)');
    // Per-connection arrays keep Spikeflow's creation order: explicit index arrays.
    expect(lines).toContain('syn_ie.connect(i=np.repeat(np.arange(2), 8), j=np.tile(np.arange(8), 2))');
    expect(lines).toContain('syn_ie.w = np.array([1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 8])*nS');
  });

  it('draws distributions with numpy from the seed', () => {
    expect(lines).toContain('pop_exc.R = np.clip(rng.normal(1, 0.1, size=8), 0.5, None)*Mohm');
    expect(lines).toContain('pop_exc.v = rng.uniform(-60, -50, size=8)*mV');
    expect(lines).toContain('SEED = 4  # seed of every random draw (simulation.seed)');
    expect(lines).toContain('net = Network(pop_exc, pop_inh, syn_ee, syn_ei, syn_ie, spikes_exc)');
  });
});

describe('Brian2 export: stimuli', () => {
  const stimulated = project({
    ...base,
    populations: [
      { id: 'a', model: 'LIF', size: 3 },
      { id: 'src', model: 'PoissonSource', size: 2 },
    ],
    stimuli: [
      { type: 'ramp', id: 'r', target: 'a', from: '0 nA', to: '10 nA', startMs: 5, stopMs: 25 },
      { type: 'pulses', id: 'p', target: 'a', amplitude: '5 nA', widthMs: 2, periodMs: 10, count: 3, neurons: [1, 1] },
      { type: 'sine', id: 's', target: 'a', amplitude: '2 nA', frequencyHz: 50, offset: '1 nA', phaseDeg: 90 },
      { type: 'noise', id: 'n', target: 'a', mean: '1 nA', std: '3 nA', startMs: 10 },
      { type: 'expression', id: 'e', target: 'a', expression: '5 nA * exp(-t / (10 ms))', neurons: [2] },
      { type: 'sampled', id: 'd', target: 'a', values: [0, 1, 4], sampleIntervalMs: 5, interpolation: 'step' },
      { type: 'step', id: 'rate', target: 'src', input: 'rate_mod', amplitude: '30 Hz', startMs: 10 },
    ],
  });
  const { script } = exportBrian2Script(stimulated);
  const lines = linesOf(script);

  it('turns each stimulus into a term of the input, set at the start of each step', () => {
    expect(lines).toContain('j_ext = (0*nA + 10*nA*clip((t - 5*ms)/(20*ms), 0, 1))*int(t >= 5*ms - t_tol)*int(t < 25*ms - t_tol)');
    expect(lines).toContain('j_ext += 5*nA*int(t - floor((t + t_tol)/(10*ms))*10*ms < 2*ms - t_tol)*int(floor((t + t_tol)/(10*ms)) < 3)*p_on');
    expect(lines).toContain('j_ext += (1*nA + 2*nA*sin(2*pi*50*Hz*t + 1.5707963267948966))');
    expect(lines).toContain('j_ext += (1*nA + 3*nA*randn())*int(t >= 10*ms - t_tol)');
    expect(lines).toContain('j_ext += (5*nA*exp(-t/(10*ms)))*e_on');
    expect(lines).toContain('j_ext += ta_a_d(t)');
    expect(script).toContain("pop_src.run_regularly('rate_mod_ext = 30*Hz*int(t >= 10*ms - t_tol)', when='start', order=-1");
  });

  it('weights stimuli of some neurons by how often each is listed', () => {
    expect(lines).toContain("p_on : 1 (constant)  # how often stimulus 'p' reaches each neuron");
    expect(lines).toContain('pop_a.p_on = np.bincount([1, 1], minlength=3)');
  });

  it('computes sampled stimuli per step into a TimedArray', () => {
    expect(script).toContain("sampled_steps([0, 5, 10],\n");
    expect(script).toContain("'step', 0, None, n_steps)*(nA),");
    expect(lines).toContain("namespace['ta_a_d'] = ta_a_d");
  });

  it('draws rand() of a Poisson source in its threshold', () => {
    expect(lines).toContain("threshold='rand() < (rate + rate_mod)*dt',");
  });
});

describe('Brian2 export: integrators', () => {
  const method = (integrator: string, model = 'LIF', update?: string) =>
    linesOf(exportBrian2Script(project({ ...base, populations: [{ id: 'a', model, size: 1, integrator, ...(update ? { update } : {}) }] })).script);

  it('maps each integrator onto a Brian2 method', () => {
    expect(method('rk2')).toContain("method='rk2',");
    expect(method('rk4')).toContain("method='rk4',");
    expect(method('exact')).toContain("method='exact',");
    expect(method('exponential_euler')).toContain("method='exponential_euler',");
    // Brian2's 'heun' is the stochastic scheme: the script brings the deterministic one.
    expect(method('heun')).toContain('method=heun_method,');
  });

  it('writes out updates Brian2 has no method for', () => {
    // AdEx's exponential term is not linear in V: Spikeflow takes an Euler step for V there.
    const adex = method('exponential_euler', 'AdEx');
    expect(adex).toContain('d_V = (-gL*(V - EL) + gL*DeltaT*exp((V - VT)/DeltaT) - w + I)/C');
    expect(adex.some((l) => /^B_w = /.test(l))).toBe(true);
    expect(adex).toContain('V = V + dt*d_V');
    expect(adex).toContain('w = w + d_w*dt*exprel(B_w*dt)');
    // Sequential: each state from the new values of those before it.
    const rafc = method('euler', 'RAFCell', 'sequential');
    const [w, v] = [rafc.indexOf('w = w + dt*d_w'), rafc.findIndex((l) => l.startsWith('d_v = '))];
    expect(w).toBeGreaterThan(0);
    expect(v).toBeGreaterThan(w);
  });
});

describe('Brian2 export: what cannot be exported', () => {
  const fails = (json: object, message: RegExp) => {
    let error: unknown;
    try {
      exportBrian2Script(project({ ...base, ...json }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ExportError);
    expect((error as Error).message).toMatch(message);
  };

  it('names population reductions, oneSpike and arrays on random connectivity', () => {
    fails({ populations: [{ id: 'w', model: 'WTASCell', size: 3 }] }, /population 'w' \(WTASCell\): its spike condition uses pop_sum\/pop_max/);
    fails({ populations: [{ id: 'o', model: 'LIFCell', size: 3, oneSpike: true }] }, /population 'o' \(LIFCell\): "oneSpike"/);
    fails(
      {
        populations: [{ id: 'a', model: 'LIF', size: 3 }],
        projections: [{ id: 'x', pre: 'a', post: 'a', synapse: 'ExpCurrent', connectivity: { rule: 'fixed_probability', p: 0.5 }, weight: [1, 2] }],
      },
      /\$\.projections\[0\]\.weight: projection 'x' \(ExpCurrent\): one value per connection needs a connectivity rule/,
    );
    fails({ populations: [{ id: 'a', model: 'LIF', size: 3 }], recordings: [{ population: 'a', variables: ['q'] }] }, /\$\.recordings\[0\]\.variables\[0\]: 'a' has no variable 'q'/);
  });

  it('makes a Python module name from the project name', () => {
    expect(brian2ScriptName({ name: 'Izhikevich (2003): RS' })).toBe('izhikevich_2003_rs_brian2.py');
    expect(brian2ScriptName({})).toBe('spikeflow_brian2.py');
    expect(brian2ScriptName({ name: '2 cells' })).toBe('spikeflow_2_cells_brian2.py');
  });
});
