/**
 * Benchmark definitions: each builds a Spikeflow project document in code and names the Brian2
 * script (bench/brian2/*.py) that runs the same model with the same parameters.
 */

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
];

export function findBenchmark(name: string): BenchmarkDef | undefined {
  return BENCHMARKS.find((b) => b.name === name);
}
