/**
 * What a gradient costs, for the fit benchmarks (bench/fit.ts): time against a forward simulation,
 * and memory against a reverse-mode tape.
 *
 * Time. One gradient evaluation = FitProblem.evaluate(θ, gradient): the differentiable cell run with
 * forward-mode sensitivities over every case, plus the loss and its gradient. It is compared with
 *   - the same cell run without sensitivities (the fit engine's own forward pass), and
 *   - the CPU backend (compileProject + Simulation.run, the engine `spikeflow run` uses) simulating
 *     the same project, no recordings, at the project's precision.
 * "1,000 neurons": the network gradient (DifferentiableNetwork, every neuron stepped with tangents)
 * on the example grown to 1,000 simulated cells — the fitted population at 1,000 uncoupled neurons for
 * a single-cell example; for a network example every differentiable population scaled by the same
 * factor, fixed_probability connections from them scaled down so in-degrees stay the same — against
 * one CPU-backend run of that project (case 0, the example's precision). Also reported: 1,000 × one
 * single-cell gradient (extrapolated), the figure before there was a batched gradient.
 *
 * Memory. Forward sensitivities keep no tape: while stepping, each case holds its S states and their
 * S·P sensitivities; per simulated step it keeps only what the losses read — the observed trace and
 * its P sensitivities, the spike signal and its P surrogate sensitivities. Measured from the arrays
 * of one evaluation. A reverse-mode pass without checkpoints would have to keep, per step, every
 * intermediate value of the step: at least one per line of the step program (its single-assignment
 * form, the least an adjoint sweep can store) and one per operation for a per-op tape such as tfjs's.
 */
import { compileProject } from '../src/engine';
import type { Expr } from '../src/model/ir';
import type { FitProblem } from '../src/fit/fitProblem';
import { DifferentiableNetwork } from '../src/fit/differentiableNetwork';
import { buildStepProgram } from '../src/engine/stepProgram';
import type { Project } from '../src/project/schema';

export interface GradientCost {
  /** Median ms of one gradient evaluation over all cases (simulation with sensitivities + loss). */
  readonly gradient_ms: number;
  /** Median ms of the differentiable cell without sensitivities (all cases). */
  readonly cell_forward_ms: number;
  /** Median ms of the CPU backend simulating the project once per case (1 neuron). */
  readonly engine_forward_ms: number;
  readonly ratio_vs_cell_forward: number;
  readonly ratio_vs_engine_forward: number;
  /**
   * The example at 1,000 simulated cells: one network-gradient evaluation (case 0) and its forward
   * pass without tangents, vs one CPU-backend run; and 1,000 × one single-case gradient (extrapolated).
   */
  readonly n1000: {
    readonly neurons: number;
    readonly gradient_ms: number;
    readonly gradient_forward_ms: number;
    readonly engine_forward_ms: number;
    readonly ratio: number;
    /** The same CPU-backend run in float32 (the app's default precision: the WebAssembly SIMD kernel where the model allows). */
    readonly engine_forward_f32_ms: number;
    readonly ratio_vs_f32: number;
    readonly gradient_ms_x1000: number | null;
    readonly ratio_x1000: number | null;
  };
}

export interface MemoryPerStep {
  readonly states: number;
  readonly params: number;
  /** Held while stepping, per case, independent of the number of steps: S·(1 + P) doubles (S summed over a network's cells; queued spikes not counted). */
  readonly live_bytes_per_case: number;
  /** Kept per simulated step and case (observation arrays, measured): 8·(1 + 2P) + 1 bytes. */
  readonly kept_bytes_per_step: number;
  /** Lower bound of a reverse-mode tape per step: one double per step-program line. */
  readonly tape_bytes_per_step_lines: number;
  /** A per-operation tape (every node of the step's expressions): one double each. */
  readonly tape_bytes_per_step_ops: number;
  /** Totals for the whole fit problem (all cases, all steps), MB. */
  readonly kept_mb_total: number;
  readonly tape_mb_total_ops: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Median wall ms of `fn` over `reps` calls after `warmup` untimed ones (JIT). */
export function timeMedian(fn: () => void, reps: number, warmup = 3): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

/** The project of case k as the fit simulates it (its amplitudes), the fitted population at `size` neurons (default: as it is), nothing recorded. */
function engineProject(project: Project, k: number, size: number | undefined): Project {
  const fit = project.fit!;
  const amplitudes = fit.cases[k]?.amplitudes ?? {};
  return {
    ...project,
    populations: project.populations.map((p) => (p.id === fit.population && size !== undefined ? { ...p, size } : p)),
    stimuli: project.stimuli.map((s) => (s.id in amplitudes && 'amplitude' in s ? { ...s, amplitude: amplitudes[s.id] } : s)),
    recordings: [],
    connectionRecordings: [],
    rates: [],
    spikes: { populations: [] },
    fit: undefined,
  } as Project;
}

/** Median ms of a CPU-backend run of the project (compiled once; timed runs continue from where the last stopped). */
function engineRunMs(project: Project, reps: number): number {
  const simulation = compileProject(project);
  const steps = Math.round(project.simulation.durationMs / simulation.dtMs);
  return timeMedian(() => simulation.run({ steps }), reps, 1);
}

/**
 * The project with `neurons` simulated cells: the fitted population alone (single-cell fits), or
 * every population the network gradient steps scaled alike, with fixed_probability projections out
 * of them scaled down so each cell keeps its in-degree.
 */
function grownTo(project: Project, problem: FitProblem, neurons: number): Project {
  const ids = problem.cell instanceof DifferentiableNetwork ? problem.cell.populations : [project.fit!.population];
  const current = project.populations.filter((p) => ids.includes(p.id)).reduce((n, p) => n + p.size, 0);
  const factor = neurons / current;
  return {
    ...project,
    populations: project.populations.map((p) => (ids.includes(p.id) ? { ...p, size: Math.round(p.size * factor) } : p)),
    projections: project.projections.map((q) => (ids.includes(q.pre) && q.connectivity.rule === 'fixed_probability' ? { ...q, connectivity: { ...q.connectivity, p: q.connectivity.p / factor } } : q)),
  } as Project;
}

export function gradientCost(problem: FitProblem, singleCase: FitProblem, project: Project, reps: number): GradientCost {
  const theta = Float64Array.from(problem.params, (p) => p.initial);
  const gradient = timeMedian(() => problem.evaluate(theta, true), reps);
  const forward = timeMedian(() => problem.cell.run(theta, false), reps);
  const cases = Math.max(1, project.fit!.cases.length);
  let engine = 0;
  for (let k = 0; k < cases; k++) engine += engineRunMs(engineProject(project, k, problem.cell.kind === 'cell' ? 1 : undefined), reps);
  // 1,000 copies of one cell (the figure before the batched gradient); not meaningful for a network.
  const one = problem.cell.kind === 'cell' ? timeMedian(() => singleCase.evaluate(Float64Array.from(singleCase.params, (p) => p.initial), true), reps) : null;
  const grown = grownTo(project, problem, 1000);
  const network = new DifferentiableNetwork([engineProject(grown, 0, undefined)], problem.simulationOptions);
  const fewer = Math.max(2, Math.min(5, reps));
  const gradient1000 = timeMedian(() => network.run(theta, true), fewer, 1);
  const forward1000 = timeMedian(() => network.run(theta, false), fewer, 1);
  const engine1000 = engineRunMs(engineProject(grown, 0, undefined), fewer);
  const grownF32 = { ...grown, simulation: { ...grown.simulation, precision: 'f32' as const } };
  const engine1000f32 = engineRunMs(engineProject(grownF32, 0, undefined), fewer);
  return {
    gradient_ms: gradient,
    cell_forward_ms: forward,
    engine_forward_ms: engine,
    ratio_vs_cell_forward: gradient / forward,
    ratio_vs_engine_forward: gradient / engine,
    n1000: {
      neurons: network.simulatedNeurons,
      gradient_ms: gradient1000,
      gradient_forward_ms: forward1000,
      engine_forward_ms: engine1000,
      ratio: gradient1000 / engine1000,
      engine_forward_f32_ms: engine1000f32,
      ratio_vs_f32: gradient1000 / engine1000f32,
      gradient_ms_x1000: one === null ? null : one * 1000,
      ratio_x1000: one === null ? null : (one * 1000) / engine1000,
    },
  };
}

function countOps(e: Expr): number {
  switch (e.k) {
    case 'num':
    case 'sym':
      return 0;
    case 'un':
      return 1 + countOps(e.a);
    case 'bin':
      return 1 + countOps(e.a) + countOps(e.b);
    case 'call':
      return 1 + e.args.reduce((n, a) => n + countOps(a), 0);
    case 'cond':
      return 1 + countOps(e.c) + countOps(e.a) + countOps(e.b);
    case 'reduce':
      return 1 + countOps(e.a);
  }
}

export function memoryPerStep(problem: FitProblem, project: Project): MemoryPerStep {
  const theta = Float64Array.from(problem.params, (p) => p.initial);
  const observations = problem.cell.run(theta, true);
  const P = problem.params.length;
  const S = problem.cell.flat.states.length;
  let keptBytes = 0;
  let steps = 0;
  for (const o of observations) {
    // The per-step arrays; spike times and their gradients are per spike (a few hundred at most).
    keptBytes += o.trace.byteLength + o.traceGrad.byteLength + o.spikeSignalGrad.byteLength;
    steps += o.steps;
  }
  const setup = compileProject(engineProject(project, 0, 1)).populations.find((p) => p.id === project.fit!.population)!.setup;
  const program = buildStepProgram(problem.cell.flat, { integrator: setup.integrator, sequential: setup.sequential });
  const lines = program.lines.length;
  const ops = program.lines.reduce((n, l) => n + Math.max(1, countOps(l.expr)), 0);
  return {
    states: S,
    params: P,
    live_bytes_per_case: 8 * problem.cell.simulatedStates * (1 + P),
    kept_bytes_per_step: keptBytes / steps,
    tape_bytes_per_step_lines: 8 * lines,
    tape_bytes_per_step_ops: 8 * ops,
    kept_mb_total: keptBytes / 2 ** 20,
    tape_mb_total_ops: (8 * ops * steps) / 2 ** 20,
  };
}
