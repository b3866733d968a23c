/**
 * Writes the fitting examples, examples/fit_hh.json, fit_adex.json, fit_inputs.json and fit_network.json: a project whose fit
 * section holds synthetic targets (syntheticTargets: the same project simulated at the true
 * parameter values) while the population starts 50% off them. Rerun after a change to the models,
 * the integrators or the fit engine that moves the targets:
 *
 *   node --import tsx bench/makeFitExamples.ts
 *
 * The true values are the models' library defaults; bench/fit.ts reads them from here.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { syntheticTargets } from '../src/fit/synthetic';
import { formatIssue } from '../src/project/errors';
import type { Project } from '../src/project/schema';
import { parseProject } from '../src/project/validate';

type Json = Record<string, unknown>;

export interface FitExample {
  readonly file: string;
  /** True values (declared units), by trained parameter. */
  readonly truth: Readonly<Record<string, number>>;
  /** The project without targets, the population at the starting values. */
  readonly doc: Json;
  /** Keep the trace (trace-mse) or the spike times (spike losses) of each case. */
  readonly keep: 'trace' | 'spikeTimesMs';
}

/** Hodgkin–Huxley 1952: gNa, gK, gL from a 100 ms voltage trace (dt 0.025 ms, 4000 steps). */
export const FIT_HH: FitExample = {
  file: 'fit_hh.json',
  truth: { gNa: 120, gK: 36, gL: 0.3 },
  keep: 'trace',
  doc: {
    format: 'spikeflow-project',
    version: 1,
    name: 'Fitting Hodgkin-Huxley conductances (gNa, gK, gL)',
    description:
      'A fitting exercise: the Hodgkin-Huxley (1952) cell starts with gNa, gK and gL 50% off (60, 54, 0.15 mS/cm2) and its fit section holds a 100 ms voltage trace of the true cell (120, 36, 0.3 mS/cm2) under a 10 uA/cm2 step, 2000 samples. Levenberg-Marquardt on the trace MSE recovers the three conductances in about a second (spikeflow fit, or the Fit tab).',
    simulation: { dtMs: 0.025, durationMs: 100, seed: 1, precision: 'f64' },
    populations: [
      { id: 'cell', model: 'HodgkinHuxley1952', size: 1, integrator: 'exponential_euler', params: { gNa: '60 mS/cm2', gK: '54 mS/cm2', gL: '0.15 mS/cm2' } },
    ],
    stimuli: [{ type: 'step', id: 'step', target: 'cell', input: 'I', amplitude: '10 uA/cm2', startMs: 10, stopMs: 90 }],
    recordings: [{ population: 'cell', variables: ['v', 'm', 'h', 'n'], neurons: [0], intervalMs: 0.05 }],
    fit: {
      population: 'cell',
      observe: 'v',
      params: [
        // Wide bounds (about 10x either side): the fit must not be told where the answer is.
        { name: 'gNa', min: 10, max: 400 },
        { name: 'gK', min: 2, max: 150 },
        { name: 'gL', min: 0.01, max: 2 },
      ],
      cases: [{ label: '10 uA/cm2 step' }],
      loss: [{ kind: 'trace-mse', weight: 1 }],
      optimizer: { kind: 'lm', iterations: 25 },
    },
  },
};

/** AdEx (Brette & Gerstner 2005, regular spiking): C, gL, b, tauw from spike times at three currents. */
export const FIT_ADEX: FitExample = {
  file: 'fit_adex.json',
  truth: { C: 281, gL: 30, b: 80.5, tauw: 144 },
  keep: 'spikeTimesMs',
  doc: {
    format: 'spikeflow-project',
    version: 1,
    name: 'Fitting AdEx from spike times at three currents',
    description:
      'A fitting exercise: the AdEx neuron (Brette & Gerstner 2005) starts with C, gL, b and tauw 50% off the regular-spiking values (421.5 pF, 15 nS, 40.25 pA, 216 ms vs 281 pF, 30 nS, 80.5 pA, 144 ms). The targets are only the spike times of the true cell under 0.8, 1.2 and 1.6 nA steps (300 ms each); CMA-ES on the van Rossum distance (tau 50 ms) plus a spike-count term recovers all four in a few seconds.',
    simulation: { dtMs: 0.05, durationMs: 300, seed: 1, precision: 'f64' },
    populations: [{ id: 'cell', model: 'AdEx', size: 1, integrator: 'euler', params: { C: '421.5 pF', gL: '15 nS', b: '40.25 pA', tauw: '216 ms' } }],
    stimuli: [{ type: 'step', id: 'step', target: 'cell', input: 'I', amplitude: '1.2 nA', startMs: 10 }],
    recordings: [{ population: 'cell', variables: ['V', 'w'], neurons: [0], intervalMs: 0.25 }],
    fit: {
      population: 'cell',
      observe: 'V',
      params: [
        { name: 'C', min: 100, max: 600 },
        { name: 'gL', min: 10, max: 60 },
        { name: 'b', min: 20, max: 300 },
        { name: 'tauw', min: 40, max: 400 },
      ],
      cases: [
        { label: '0.8 nA', amplitudes: { step: '0.8 nA' } },
        { label: '1.2 nA', amplitudes: { step: '1.2 nA' } },
        { label: '1.6 nA', amplitudes: { step: '1.6 nA' } },
      ],
      // τ = 50 ms, not the default 10: a kernel wider than the shifts of a 50%-off start makes the
      // distance smooth enough for CMA-ES to find the truth from every seed tried (10/10; 2/5 at 10 ms).
      loss: [
        { kind: 'van-rossum', weight: 1, tauMs: 50 },
        { kind: 'spike-count', weight: 0.1 },
      ],
      optimizer: { kind: 'cmaes', iterations: 150, sigma0: 0.3, seed: 1 },
    },
  },
};

/**
 * A LIF cell driven by 200 excitatory and 50 inhibitory Poisson inputs: both input weights and the
 * membrane time constant from a 300 ms subthreshold voltage trace (a feed-forward network).
 */
export const FIT_INPUTS: FitExample = {
  file: 'fit_inputs.json',
  truth: { 'syn:exc_in.w': 0.3, 'syn:inh_in.w': -0.6, tau_m: 15 },
  keep: 'trace',
  doc: {
    format: 'spikeflow-project',
    version: 1,
    name: 'Fitting synaptic weights from a membrane trace',
    description:
      'A fitting exercise on a feed-forward network: a LIF cell receives 200 excitatory and 50 inhibitory Poisson spike trains (5 and 10 Hz) through exponential current synapses. It starts with both weights and its membrane time constant 50% off (0.15 and -0.9 nA, 22.5 ms); the fit section holds 300 ms of the true cell\'s subthreshold voltage (0.3 and -0.6 nA, 15 ms). The fit trains syn:exc_in.w and syn:inh_in.w (the weights of the two projections) with tau_m; Levenberg-Marquardt on the trace MSE recovers all three.',
    simulation: { dtMs: 0.1, durationMs: 300, seed: 7, precision: 'f64' },
    populations: [
      { id: 'exc', model: 'PoissonSource', size: 200, params: { rate: '5 Hz' } },
      { id: 'inh', model: 'PoissonSource', size: 50, params: { rate: '10 Hz' } },
      { id: 'cell', model: 'LIF', size: 1, integrator: 'euler', params: { tau_m: '22.5 ms', thr: '-40 mV' } },
    ],
    projections: [
      { id: 'exc_in', pre: 'exc', post: 'cell', synapse: 'ExpCurrent', connectivity: { rule: 'all_to_all' }, weight: '0.15 nA', delayMs: 1, params: { tau: '5 ms' } },
      { id: 'inh_in', pre: 'inh', post: 'cell', synapse: 'ExpCurrent', connectivity: { rule: 'all_to_all' }, weight: '-0.9 nA', delayMs: 1, params: { tau: '10 ms' } },
    ],
    stimuli: [{ type: 'step', id: 'bias', target: 'cell', amplitude: '8 nA' }],
    recordings: [{ population: 'cell', variables: ['v'], neurons: [0] }],
    fit: {
      population: 'cell',
      observe: 'v',
      params: [
        { name: 'syn:exc_in.w', min: 0, max: 2 },
        { name: 'syn:inh_in.w', min: -4, max: 0 },
        { name: 'tau_m', min: 2, max: 60 },
      ],
      cases: [{ label: '300 ms of Poisson input' }],
      loss: [{ kind: 'trace-mse', weight: 1 }],
      optimizer: { kind: 'lm', iterations: 20 },
    },
  },
};

/**
 * A recurrent E–I network (40 excitatory, 10 inhibitory LIF cells, driven by 100 Poisson inputs):
 * the drive weight and the inhibitory feedback weight from the spike times of one excitatory cell (15).
 * The feedback is a loop (exc → inh → exc), so the fit differentiates the whole network.
 */
export const FIT_NETWORK: FitExample = {
  file: 'fit_network.json',
  truth: { 'syn:drive_exc.w': 3, 'syn:inh_exc.w': -3 },
  keep: 'spikeTimesMs',
  doc: {
    format: 'spikeflow-project',
    version: 1,
    name: 'Fitting the weights of a recurrent E-I network from spike times',
    description:
      'A fitting exercise on a recurrent network: 40 excitatory and 10 inhibitory LIF cells, coupled to each other (exc -> exc, exc -> inh, inh -> exc) and driven by 100 Poisson inputs. The drive weight and the inhibitory feedback weight start 50% off (1.5 and -1.5 nA); the fit section holds the spike times of excitatory cell 15 in the true network (3 and -3 nA), 300 ms. The feedback is a loop, so the gradient follows every cell of the network, with spike-time derivatives carried through the synapses (surrogate.synapses: spike-times); Adam on the van Rossum distance recovers both weights.',
    simulation: { dtMs: 0.1, durationMs: 300, seed: 7, precision: 'f64' },
    populations: [
      { id: 'drive', model: 'PoissonSource', size: 100, params: { rate: '10 Hz' } },
      { id: 'exc', model: 'LIF', size: 40, integrator: 'euler', params: { tau_m: '15 ms' } },
      { id: 'inh', model: 'LIF', size: 10, integrator: 'euler', params: { tau_m: '8 ms' } },
    ],
    projections: [
      { id: 'drive_exc', pre: 'drive', post: 'exc', synapse: 'ExpCurrent', connectivity: { rule: 'fixed_probability', p: 0.2 }, weight: '1.5 nA', delayMs: 1, params: { tau: '5 ms' } },
      { id: 'drive_inh', pre: 'drive', post: 'inh', synapse: 'ExpCurrent', connectivity: { rule: 'fixed_probability', p: 0.2 }, weight: '3 nA', delayMs: 1, params: { tau: '5 ms' } },
      { id: 'exc_exc', pre: 'exc', post: 'exc', synapse: 'ExpCurrent', connectivity: { rule: 'fixed_probability', p: 0.2 }, weight: '0.5 nA', delayMs: 1.5, params: { tau: '5 ms' } },
      { id: 'exc_inh', pre: 'exc', post: 'inh', synapse: 'ExpCurrent', connectivity: { rule: 'fixed_probability', p: 0.3 }, weight: '1 nA', delayMs: 1.5, params: { tau: '5 ms' } },
      { id: 'inh_exc', pre: 'inh', post: 'exc', synapse: 'ExpCurrent', connectivity: { rule: 'fixed_probability', p: 0.5 }, weight: '-1.5 nA', delayMs: 1, params: { tau: '10 ms' } },
    ],
    stimuli: [
      { type: 'step', id: 'exc_bias', target: 'exc', amplitude: '13 nA' },
      { type: 'step', id: 'inh_bias', target: 'inh', amplitude: '12 nA' },
    ],
    recordings: [{ population: 'exc', variables: ['v'], neurons: [15] }],
    fit: {
      population: 'exc',
      observe: 'v',
      neuron: 15,
      params: [
        { name: 'syn:drive_exc.w', min: 0, max: 10 },
        { name: 'syn:inh_exc.w', min: -8, max: 0 },
      ],
      cases: [{ label: 'spike times of exc[15], 300 ms' }],
      loss: [{ kind: 'van-rossum', weight: 1, tauMs: 20 }],
      optimizer: { kind: 'adam', learningRate: 0.05, iterations: 200 },
      surrogate: { kind: 'fast_sigmoid', reset: 'detach', synapses: 'spike-times' },
    },
  },
};

export function parsedOrThrow(doc: unknown, what: string): Project {
  const parsed = parseProject(doc);
  if (!parsed.ok) throw new Error(`${what}: invalid project:\n${parsed.errors.map((e) => formatIssue(e)).join('\n')}`);
  return parsed.project;
}

/** The example document with its targets (at most 2000 trace samples per case). */
export function withSyntheticTargets(example: FitExample): Json {
  const targets = syntheticTargets(parsedOrThrow(example.doc, example.file), example.truth, 2000);
  const fit = example.doc.fit as Json;
  const round = (x: number, digits: number) => Number(x.toPrecision(digits));
  const cases = (fit.cases as Json[]).map((c, k) => {
    const t = targets[k];
    // 9 digits: far below the fit's 2% target, and half the file of full doubles.
    if (example.keep === 'trace') return { ...c, trace: { timesMs: t.trace.timesMs.map((x) => round(x, 12)), values: t.trace.values.map((x) => round(x, 9)), unit: t.trace.unit } };
    return { ...c, spikeTimesMs: t.spikeTimesMs.map((x) => round(x, 9)) };
  });
  return { ...example.doc, fit: { ...fit, cases } };
}

/** JSON with two-space indents, arrays of numbers or plain words on one line (a 2000-sample trace is two lines). */
export function formatExample(doc: Json): string {
  const item = String.raw`(?:"[\w.:]*"|-?\d[-+\d.eE]*)`;
  const flat = new RegExp(String.raw`\[\s*(${item}(?:\s*,\s*${item})*)\s*\]`, 'g');
  return `${JSON.stringify(doc, null, 2).replace(flat, (_, items: string) => `[${items.split(/\s*,\s*/).join(', ')}]`)}\n`;
}

function main(): void {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'examples');
  for (const example of [FIT_HH, FIT_ADEX, FIT_INPUTS, FIT_NETWORK]) {
    const doc = withSyntheticTargets(example);
    parsedOrThrow(doc, example.file);
    const path = join(dir, example.file);
    writeFileSync(path, formatExample(doc));
    console.log(`wrote ${path}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
