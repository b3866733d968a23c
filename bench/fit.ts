/**
 * Fit benchmarks (`npm run bench -- fit-*`): parameter recovery from the fitting examples, started
 * 50% off, with the optimiser of each example's fit section (and, with --compare, the alternatives
 * tried for docs/fitting.md). One JSON record per run: iterations, wall time (to within 2% of every
 * true value, and in all), final relative errors, the gradient's cost against a forward simulation
 * and its memory per step (fitCost.ts). The issue's targets: every parameter within 2% in under
 * 30 s on this machine's CPU, one gradient ≤ 5× a forward simulation.
 *
 * Each run happens in a fresh Node process (as bench/harness.ts does for the engine benchmarks):
 * V8 shares compiled code between identical `new Function` sources in one process, which slows
 * later copies down. There is no Brian2 side: Brian2 has no gradient-based fitting to compare with.
 *
 *   node --import tsx bench/fit.ts NAME [VARIANT]   (one run, one JSON line; what run.ts spawns)
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FitProblem } from '../src/fit/fitProblem';
import { FitRunner, readyTensorflow } from '../src/fit/fitRunner';
import type { Project } from '../src/project/schema';
import { gradientCost, memoryPerStep, type GradientCost, type MemoryPerStep } from './fitCost';
import { FIT_ADEX, FIT_HH, FIT_INPUTS, FIT_NETWORK, parsedOrThrow, type FitExample } from './makeFitExamples';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const EXAMPLES_DIR = join(BENCH_DIR, '..', 'examples');

export const TARGET_REL_ERR = 0.02;
export const TARGET_WALL_S = 30;
export const TARGET_GRADIENT_RATIO = 5;

type Json = Record<string, unknown>;

export interface FitVariant {
  readonly label: string;
  /** Replaces the example's fit.optimizer (and fit.loss, fit.surrogate when given). */
  readonly optimizer: Json;
  readonly loss?: Json[];
  readonly surrogate?: Json;
}

export interface FitBenchDef {
  readonly name: string;
  readonly description: string;
  readonly example: FitExample;
  /** Other optimisers, run with --compare (the example's own setting always runs first). */
  readonly variants: readonly FitVariant[];
}

const adam = (learningRate: number, iterations: number, decay = 1): FitVariant => ({
  label: `adam lr ${learningRate}${decay !== 1 ? ` decay ${decay}` : ''}`,
  optimizer: { kind: 'adam', learningRate, decay, iterations },
});
/** The van Rossum kernel first tried for AdEx (the loss's default τ), with the same spike-count term. */
const VAN_ROSSUM_10 = [{ kind: 'van-rossum', tauMs: 10 }, { kind: 'spike-count', weight: 0.1 }];
const cmaes = (seed: number, iterations: number, sigma0 = 0.3): FitVariant => ({ label: `cmaes seed ${seed} sigma0 ${sigma0}`, optimizer: { kind: 'cmaes', seed, sigma0, iterations } });

export const FIT_BENCHMARKS: readonly FitBenchDef[] = [
  {
    name: 'fit-hh',
    description: 'recover gNa, gK, gL of Hodgkin-Huxley (examples/fit_hh.json) from a 100 ms voltage trace, dt 0.025 ms, started 50% off',
    example: FIT_HH,
    variants: [
      adam(0.05, 1500),
      adam(0.1, 1500),
      adam(0.2, 1500),
      adam(0.1, 1500, 0.998),
      adam(0.05, 1500, 0.999),
      { label: 'sgd lr 0.05 clipNorm 1', optimizer: { kind: 'sgd', learningRate: 0.05, clipNorm: 1, iterations: 1500 } },
      cmaes(1, 300),
      cmaes(2, 300),
      cmaes(1, 300, 0.1),
    ],
  },
  {
    name: 'fit-adex',
    description: 'recover C, gL, b, tauw of AdEx (examples/fit_adex.json) from spike times at 0.8, 1.2, 1.6 nA, started 50% off',
    example: FIT_ADEX,
    variants: [
      cmaes(2, 150),
      cmaes(3, 150),
      cmaes(4, 150),
      cmaes(5, 150),
      ...[1, 2, 3, 4, 5].map((seed) => ({ ...cmaes(seed, 150), label: `cmaes seed ${seed}, van-rossum tau 10 ms`, loss: VAN_ROSSUM_10 })),
      adam(0.05, 600),
      adam(0.1, 600, 0.995),
      { ...adam(0.05, 600), label: 'adam lr 0.05, van-rossum tau 10 ms', loss: VAN_ROSSUM_10 },
      { ...adam(0.05, 600), label: 'adam lr 0.05, first-spike + van-rossum + isi', loss: [{ kind: 'first-spike', weight: 0.01 }, { kind: 'van-rossum', tauMs: 50 }, { kind: 'isi', weight: 0.01 }] },
    ],
  },
  {
    name: 'fit-inputs',
    description: 'recover the two input weights (syn:exc_in.w, syn:inh_in.w) and tau_m of a LIF cell driven by 250 Poisson inputs (examples/fit_inputs.json) from a 300 ms voltage trace, started 50% off',
    example: FIT_INPUTS,
    variants: [adam(0.05, 600), cmaes(1, 150)],
  },
  {
    name: 'fit-network',
    description: 'recover the drive and inhibitory feedback weights of a recurrent E-I network (examples/fit_network.json: 40 + 10 LIF cells, 100 Poisson inputs) from the spike times of one cell, started 50% off',
    example: FIT_NETWORK,
    variants: [
      { ...adam(0.05, 200), label: "adam lr 0.05, synapses 'detach'", surrogate: { kind: 'fast_sigmoid', reset: 'detach', synapses: 'detach' } },
      // synapses 'surrogate' is not a variant: its gradient grows without bound around the loop and
      // Adam stops at iteration 1 (docs/fitting.md, Networks and loops).
      cmaes(1, 60),
    ],
  },
];

export function findFitBenchmark(name: string): FitBenchDef | undefined {
  return FIT_BENCHMARKS.find((b) => b.name === name);
}

export interface FitRecord {
  name: string;
  variant: string;
  optimizer: Json;
  loss: Json[];
  params: string[];
  truth: number[];
  start: number[];
  cases: number;
  steps_per_case: number;
  iterations: number;
  evaluations: number;
  /** FitProblem construction (validation, code generation). */
  setup_s: number;
  wall_s: number;
  ms_per_iteration: number;
  /** First iteration whose values are all within 2% of the truth (null: never). */
  iterations_to_2pct: number | null;
  wall_s_to_2pct: number | null;
  best_iteration: number;
  best_loss: number;
  final_values: number[];
  final_rel_err: Record<string, number>;
  max_rel_err: number;
  /** Within 2% (best values) and reached in under 30 s. */
  met_target: boolean;
  /** met_target: one gradient ≤ 5× the forward simulation (both forwards); met_target_1000: the same for the 1,000-neuron figure. */
  gradient?: GradientCost & { met_target: boolean; met_target_1000: boolean };
  memory?: MemoryPerStep;
  peak_rss_mb: number;
  node: string;
}

function exampleDoc(def: FitBenchDef, variant: FitVariant | undefined): Json {
  const doc = JSON.parse(readFileSync(join(EXAMPLES_DIR, def.example.file), 'utf8')) as Json;
  if (!variant) return doc;
  const fit = doc.fit as Json;
  return { ...doc, fit: { ...fit, optimizer: variant.optimizer, ...(variant.loss ? { loss: variant.loss } : {}), ...(variant.surrogate ? { surrogate: variant.surrogate } : {}) } };
}

/** The example with only case 0 (the single-neuron problem the 1,000-neuron figure multiplies). */
function singleCase(doc: Json): Project {
  const fit = doc.fit as Json;
  return parsedOrThrow({ ...doc, fit: { ...fit, cases: (fit.cases as Json[]).slice(0, 1) } }, 'single case');
}

export interface FitRunOptions {
  /** Also time the gradient against forward runs and measure memory (the example's own run only). */
  readonly cost?: boolean;
  /** Timed repetitions for the cost figures. */
  readonly reps?: number;
}

/** One fit in this process. `variant` undefined: the example's own optimiser. */
export async function runFit(def: FitBenchDef, variant: FitVariant | undefined, options: FitRunOptions = {}): Promise<FitRecord> {
  let peakRss = process.memoryUsage.rss();
  const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage.rss()));
  const doc = exampleDoc(def, variant);
  const setupStart = performance.now();
  const project = parsedOrThrow(doc, def.example.file);
  const problem = new FitProblem(project);
  await readyTensorflow();
  const runner = new FitRunner(problem);
  const setupS = (performance.now() - setupStart) / 1000;
  const names = problem.params.map((p) => p.name);
  const truth = names.map((n) => def.example.truth[n]);
  const relErr = (values: readonly number[]) => values.map((v, k) => Math.abs(v - truth[k]) / Math.abs(truth[k]));
  const iterations = problem.settings.optimizer.iterations;
  let to2pct: { iteration: number; wallS: number } | null = null;
  const start = performance.now();
  for (let i = 0; i < iterations; i++) {
    const it = runner.step();
    if (!to2pct && Math.max(...relErr(problem.declared(it.values))) <= TARGET_REL_ERR) to2pct = { iteration: it.iteration + 1, wallS: (performance.now() - start) / 1000 };
    if (i % 16 === 0) sample();
  }
  const wallS = (performance.now() - start) / 1000;
  const best = runner.best!;
  runner.dispose();
  const finalValues = problem.declared(best.values);
  const errors = relErr(finalValues);
  const maxErr = Math.max(...errors);
  const record: FitRecord = {
    name: def.name,
    variant: variant?.label ?? `example (${problem.settings.optimizer.kind})`,
    optimizer: { ...problem.settings.optimizer },
    loss: problem.loss.map((t) => ({ ...t })),
    params: names,
    truth,
    start: problem.declared(problem.params.map((p) => p.initial)),
    cases: problem.cell.caseCount,
    steps_per_case: Math.round(project.simulation.durationMs / project.simulation.dtMs),
    iterations: runner.iteration,
    evaluations: runner.evaluations,
    setup_s: setupS,
    wall_s: wallS,
    ms_per_iteration: (wallS * 1000) / runner.iteration,
    iterations_to_2pct: to2pct?.iteration ?? null,
    wall_s_to_2pct: to2pct?.wallS ?? null,
    best_iteration: best.iteration + 1,
    best_loss: best.loss,
    final_values: finalValues,
    final_rel_err: Object.fromEntries(names.map((n, k) => [n, errors[k]])),
    max_rel_err: maxErr,
    met_target: maxErr <= TARGET_REL_ERR && to2pct !== null && to2pct.wallS < TARGET_WALL_S,
    peak_rss_mb: 0,
    node: process.version,
  };
  if (options.cost) {
    const cost = gradientCost(problem, new FitProblem(singleCase(doc)), project, options.reps ?? 20);
    record.gradient = {
      ...cost,
      met_target: cost.ratio_vs_engine_forward <= TARGET_GRADIENT_RATIO && cost.ratio_vs_cell_forward <= TARGET_GRADIENT_RATIO,
      met_target_1000: cost.n1000.ratio <= TARGET_GRADIENT_RATIO,
    };
    record.memory = memoryPerStep(problem, project);
  }
  sample();
  record.peak_rss_mb = peakRss / 2 ** 20;
  return record;
}

/** runFit in a fresh Node process; variant index -1 is the example's own optimiser. */
export function runFitIsolated(def: FitBenchDef, variantIndex: number, options: FitRunOptions = {}): FitRecord {
  const args = [...process.execArgv, join(BENCH_DIR, 'fit.ts'), def.name, String(variantIndex), options.cost ? 'cost' : 'nocost', String(options.reps ?? 20)];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 16 * 2 ** 20 });
  const line = (r.stdout ?? '')
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  if (r.status !== 0 || !line) throw new Error(`${def.name}: fit benchmark process failed (exit ${r.status}): ${(r.stderr ?? '').trim().split('\n').slice(-5).join(' | ')}`);
  return JSON.parse(line) as FitRecord;
}

/** Every run of a fit benchmark: the example's optimiser (with cost figures), then the variants when `compare`. */
export function runFitBenchmark(def: FitBenchDef, options: { compare?: boolean; isolate?: boolean; reps?: number }, report: (record: FitRecord) => void): Promise<void> {
  const indices = [-1, ...(options.compare ? def.variants.map((_, k) => k) : [])];
  return indices.reduce(async (previous, k) => {
    await previous;
    const runOptions = { cost: k < 0, reps: options.reps };
    report(options.isolate === false ? await runFit(def, def.variants[k], runOptions) : runFitIsolated(def, k, runOptions));
  }, Promise.resolve());
}

async function child(argv: string[]): Promise<void> {
  const [name, index, cost, reps] = argv;
  const def = findFitBenchmark(name);
  if (!def) throw new Error(`unknown fit benchmark '${name}'`);
  const k = Number(index);
  const record = await runFit(def, k >= 0 ? def.variants[k] : undefined, { cost: cost === 'cost', reps: Number(reps) || 20 });
  console.log(JSON.stringify(record));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  child(process.argv.slice(2)).catch((e) => {
    console.error(e instanceof Error ? e.stack : String(e));
    process.exitCode = 1;
  });
}
