/**
 * Benchmark definitions: each builds a Spikeflow project document in code and names the Brian2
 * script (bench/brian2/*.py) that runs the same model with the same parameters.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BenchSize {
  /** Number of neurons. */
  readonly n: number;
  /** Biological duration, ms. */
  readonly durationMs: number;
}

export interface BenchmarkDef {
  readonly name: string;
  readonly description: string;
  readonly model: string;
  readonly integrator: 'euler' | 'exponential_euler';
  readonly dtMs: number;
  readonly precision: 'f32' | 'f64';
  readonly size: BenchSize;
  /** A network (projections): the record counts synapses and the Brian2 line's statistics are kept. */
  readonly network?: boolean;
  /** The project document (unvalidated JSON, as a user would write it). */
  project(size: BenchSize, precision: 'f32' | 'f64', recordSpikes: boolean): unknown;
  /** Brian2 script (relative to bench/brian2) and its command-line arguments. */
  readonly brian: { readonly script: string; args(size: BenchSize, dtMs: number): string[] };
}

/**
 * LIF drive: a constant 1 nA step on every neuron, and membrane resistance R spread linearly over
 * [R_LOW, R_HIGH] MOhm across neurons (R_i = R_LOW + (R_HIGH - R_LOW)·i/(n-1)), so R·j runs from 10 mV
 * (below rheobase, thr - v_rest = 13 mV: silent) to 16 mV (about 55 Hz). Deterministic, so Brian2
 * gets exactly the same per-neuron values.
 */
export const LIF_R_LOW = 10;
export const LIF_R_HIGH = 16;
export const LIF_I_NA = 1;

/** HH drive: a constant step of this current density (uA/cm2) on every neuron from t = 0. */
export const HH_I_UA_CM2 = 10;

function linspace(low: number, high: number, n: number): number[] {
  if (n === 1) return [low];
  return Array.from({ length: n }, (_, i) => low + ((high - low) * i) / (n - 1));
}

function lifBenchmark(name: string, size: BenchSize, description: string): BenchmarkDef {
  const dtMs = 0.1;
  return {
    name,
    description,
    model: 'LIF',
    integrator: 'euler',
    dtMs,
    precision: 'f32',
    size,
    project: (s, precision, recordSpikes) => ({
      format: 'spikeflow-project',
      version: 1,
      name,
      simulation: { dtMs, durationMs: s.durationMs, precision, seed: 1 },
      populations: [{ id: 'lif', model: 'LIF', size: s.n, integrator: 'euler', params: { R: linspace(LIF_R_LOW, LIF_R_HIGH, s.n) } }],
      stimuli: [{ type: 'step', id: 'drive', target: 'lif', amplitude: `${LIF_I_NA} nA` }],
      recordings: [],
      spikes: { populations: recordSpikes ? 'all' : [] },
    }),
    brian: {
      script: 'lif.py',
      args: (s, dt) => ['--n', String(s.n), '--duration-ms', String(s.durationMs), '--dt-ms', String(dt), '--r-low', String(LIF_R_LOW), '--r-high', String(LIF_R_HIGH), '--i-na', String(LIF_I_NA)],
    },
  };
}

/**
 * The Brette et al. (2007) networks (CUBA, COBA, COBAHH), built from the examples (examples/cuba.json,
 * coba.json, cobahh.json: the same models and parameters as bench/brian2/{cuba,coba,cobahh}.py) at
 * any size: the first round(0.8 n) neurons excitatory, the rest inhibitory, every pair connected
 * with p = min(1, 80 / n) (0.02 at n = 4000; constant in-degree above, as bench/brian2/common.py),
 * no recordings, spikes counted (recorded only with --record-spikes).
 */
export const NETWORK_IN_DEGREE = 80;
const EXAMPLES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'examples');

export function connectionProbability(n: number): number {
  return Math.min(1, NETWORK_IN_DEGREE / n);
}

interface ExampleProject {
  simulation: Record<string, unknown>;
  populations: { id: string; size: number; integrator: string; model: string }[];
  projections: { connectivity: { rule: string; p?: number } }[];
  [key: string]: unknown;
}

/** The network example scaled to n neurons (exported for the statistics tests). */
export function networkProject(example: string, size: BenchSize, precision: 'f32' | 'f64' | undefined, recordSpikes: boolean, seed = 1): unknown {
  const doc = JSON.parse(readFileSync(join(EXAMPLES_DIR, example), 'utf8')) as ExampleProject;
  const nExc = Math.round(size.n * 0.8);
  const sizes: Record<string, number> = { exc: nExc, inh: size.n - nExc };
  const p = connectionProbability(size.n);
  return {
    ...doc,
    simulation: { ...doc.simulation, durationMs: size.durationMs, seed, ...(precision ? { precision } : {}) },
    populations: doc.populations.map((pop) => ({ ...pop, size: sizes[pop.id] })),
    projections: doc.projections.map((proj) => ({ ...proj, connectivity: { ...proj.connectivity, p } })),
    recordings: [],
    connectionRecordings: [],
    rates: [],
    spikes: { populations: recordSpikes ? 'all' : [] },
  };
}

function networkBenchmark(name: string, example: string, script: string, model: string, integrator: BenchmarkDef['integrator'], precision: 'f32' | 'f64', size: BenchSize, description: string): BenchmarkDef {
  return {
    name,
    description,
    model,
    integrator,
    dtMs: 0.1,
    precision,
    size,
    network: true,
    project: (s, prec, recordSpikes) => networkProject(example, s, prec, recordSpikes),
    brian: {
      script,
      // --p explicitly (the script's default is the same min(1, 80/n)); the spike monitor gives CV and per-population rates.
      args: (s, dt) => ['--n', String(s.n), '--duration-ms', String(s.durationMs), '--dt-ms', String(dt), '--p', String(connectionProbability(s.n)), '--seed', '1'],
    },
  };
}

const NETWORK_SIZES: [string, number][] = [['', 4000], ['-16k', 16_000], ['-64k', 64_000]];

export const BENCHMARKS: readonly BenchmarkDef[] = [
  lifBenchmark('lif-throughput', { n: 100_000, durationMs: 1000 }, '100k uncoupled LIF neurons, euler, dt 0.1 ms, 1 s, f32'),
  lifBenchmark('lif-throughput-1m', { n: 1_000_000, durationMs: 200 }, '1M uncoupled LIF neurons, euler, dt 0.1 ms, 200 ms, f32'),
  {
    name: 'hh-10k',
    description: '10k Hodgkin-Huxley neurons (HodgkinHuxley1952), exponential_euler, dt 0.01 ms, 100 ms, f32',
    model: 'HodgkinHuxley1952',
    integrator: 'exponential_euler',
    dtMs: 0.01,
    precision: 'f32',
    size: { n: 10_000, durationMs: 100 },
    project: (s, precision, recordSpikes) => ({
      format: 'spikeflow-project',
      version: 1,
      name: 'hh-10k',
      simulation: { dtMs: 0.01, durationMs: s.durationMs, precision, seed: 1 },
      populations: [{ id: 'hh', model: 'HodgkinHuxley1952', size: s.n, integrator: 'exponential_euler' }],
      stimuli: [{ type: 'step', id: 'drive', target: 'hh', amplitude: `${HH_I_UA_CM2} uA/cm2` }],
      recordings: [],
      spikes: { populations: recordSpikes ? 'all' : [] },
    }),
    brian: {
      script: 'hh.py',
      args: (s, dt) => ['--n', String(s.n), '--duration-ms', String(s.durationMs), '--dt-ms', String(dt), '--i-ua-cm2', String(HH_I_UA_CM2)],
    },
  },
  ...NETWORK_SIZES.map(([suffix, n]) =>
    networkBenchmark(`cuba${suffix}`, 'cuba.json', 'cuba.py', 'CUBACell', 'exponential_euler', 'f32', { n, durationMs: 1000 },
      `CUBA network (Brette et al. 2007), ${n} LIF, p = ${connectionProbability(n)}, exponential synaptic currents, exponential_euler, dt 0.1 ms, 1 s, f32`),
  ),
  ...NETWORK_SIZES.map(([suffix, n]) =>
    networkBenchmark(`coba${suffix}`, 'coba.json', 'coba.py', 'COBACell', 'euler', 'f32', { n, durationMs: 1000 },
      `COBA network (Brette et al. 2007), ${n} LIF, p = ${connectionProbability(n)}, ExpConductance synapses, euler, dt 0.1 ms, 1 s, f32`),
  ),
  networkBenchmark('cobahh', 'cobahh.json', 'cobahh.py', 'TraubMilesCell', 'exponential_euler', 'f32', { n: 4000, durationMs: 1000 },
    'COBAHH network (Brette et al. 2007), 4000 Traub-Miles HH cells, p = 0.02, ExpConductance synapses, exponential_euler, dt 0.1 ms, 1 s, f32 (the rates written with exprel(), no 0/0)'),
];

export function findBenchmark(name: string): BenchmarkDef | undefined {
  return BENCHMARKS.find((b) => b.name === name);
}
