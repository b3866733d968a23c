/**
 * `spikeflow fit <project.json> --out <dir>`: fits parameters of one population to target data with
 * the project's `fit` section (options override it; fitOptions.ts), printing progress at most twice
 * a second, then writes fitted-params.json, fitted-project.json and loss-history.csv (fitOutput.ts).
 * Input problems exit 1 (nothing written), a fit that fails while running (a simulation blows up,
 * a gradient is not finite) exits 2, as `spikeflow run` does.
 */
import { join } from 'node:path';
import { EngineError } from '../engine/errors';
import { FitProblem } from '../fit/fitProblem';
import { chooseFitBackend } from '../fit/fitBackend';
import { FitRunner, readyTensorflow, type FitIteration } from '../fit/fitRunner';
import { LOSS_NEEDS } from '../fit/losses/spec';
import { formatIssue } from '../project/errors';
import { OPTIMIZER_KINDS } from '../project/fitSchema';
import { BACKENDS, type Project } from '../project/schema';
import { parseProject } from '../project/validate';
import { expectPositionals, oneOf, parseCommandArgs } from './args';
import { applyOverrides, parseLossOption, parseParamsOption, positiveInteger, positiveNumber, withTarget, type FitOverrides } from './fitOptions';
import { applyFittedValues, historyHeader, historyRow, roundValue, type FittedParam } from './fitOutput';
import { parseTargetCsv } from './fitTarget';
import { acquireNodeGpu } from './gpu';
import { EXIT_OK, EXIT_RUN_FAILED, InputError, println, type CliIo } from './io';
import { loadProject, locatePath, readInputFile, type LoadedProject } from './load';
import { OutputDir } from './outdir';

/** Progress lines at most this often (the first and the last iteration always). */
const PROGRESS_INTERVAL_MS = 500;

type Json = Record<string, unknown>;

export async function fitCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('fit', args, {
    out: { type: 'string' },
    target: { type: 'string' },
    params: { type: 'string' },
    loss: { type: 'string', multiple: true },
    optimizer: { type: 'string' },
    iterations: { type: 'string' },
    lr: { type: 'string' },
    backend: { type: 'string' },
  });
  const [file] = expectPositionals('fit', positionals, ['project.json']);
  if (typeof values.out !== 'string' || values.out === '') throw new InputError('spikeflow fit: --out <dir> is required', [`run 'spikeflow help fit' for usage`]);
  const overrides: FitOverrides = {
    params: parseParamsOption(values.params),
    loss: parseLossOption(values.loss as unknown as string[] | undefined),
    optimizer: oneOf('optimizer', values.optimizer, OPTIMIZER_KINDS),
    iterations: positiveInteger('iterations', values.iterations),
    learningRate: positiveNumber('lr', values.lr),
  };
  const targetFile = typeof values.target === 'string' ? values.target : undefined;

  const loaded = loadProject(io.cwd, file);
  let doc = applyOverrides(JSON.parse(loaded.text) as Json, loaded.project, file, overrides);
  let { project, problem } = prepare(loaded, doc, overrides, undefined);
  if (targetFile !== undefined) {
    const target = parseTargetCsv(readInputFile(io.cwd, targetFile, 'target'), targetFile, problem.cell.observedState, problem.observedUnit);
    doc = withTarget(doc, target.kind === 'trace' ? { trace: target.trace } : { spikeTimesMs: target.spikeTimesMs });
    ({ project, problem } = prepare(loaded, doc, overrides, targetFile));
  }
  checkTargets(project, file, targetFile);
  const settings = problem.settings.optimizer;
  if (overrides.learningRate !== undefined && (settings.kind === 'cmaes' || settings.kind === 'lm')) {
    const why = settings.kind === 'cmaes' ? `its step size is fit.optimizer.sigma0 = ${settings.sigma0}` : 'it sets its own damped steps';
    println(io.stdout, `note: --lr does not apply to ${settings.kind} (${why})`);
  }
  await readyTensorflow();
  const fitBackend = await chooseFitBackend(problem, oneOf('backend', values.backend, BACKENDS) ?? project.simulation.backend, acquireNodeGpu);
  let runner: FitRunner;
  try {
    runner = new FitRunner(problem, fitBackend.backend === 'webgpu' ? { gpu: fitBackend.gpu } : {});
  } catch (e) {
    // The optimiser refuses the setup (e.g. Levenberg–Marquardt with a loss that is not a sum of squares).
    throw new InputError(`${file}: $.fit.optimizer: ${e instanceof Error ? e.message : String(e)}`);
  }

  let out: OutputDir;
  try {
    out = new OutputDir(io.cwd, values.out);
  } catch (e) {
    runner.dispose();
    throw e;
  }
  let committed = false;
  try {
    const params = problem.params;
    const initial = problem.declared(params.map((p) => p.initial));
    const units = params.map((p) => (p.unit.text === '1' ? '' : p.unit.text));
    println(io.stdout, describeFit(file, problem, targetFile));
    if (fitBackend.backend === 'webgpu') println(io.stdout, `backend: webgpu on ${fitBackend.adapter} (CMA-ES generations, float32)`);
    else if (fitBackend.note) println(io.stdout, `backend: cpu (${fitBackend.note})`);
    out.append('loss-history.csv', `${historyHeader(params.map((p, k) => ({ name: p.name, unit: units[k] })))}\n`);
    const started = performance.now();
    let lastPrinted = -Infinity;
    let lostPrinted = false;
    try {
      while (runner.iteration < settings.iterations) {
        const it = await runner.stepAsync();
        if (runner.gpuLost && !lostPrinted) {
          lostPrinted = true;
          println(io.stdout, `backend: cpu (${runner.gpuLost})`);
        }
        const declared = problem.declared(it.values);
        out.append('loss-history.csv', `${historyRow({ iteration: it.iteration + 1, evaluations: it.evaluations, loss: it.loss, values: declared })}\n`);
        const now = performance.now();
        const last = runner.iteration >= settings.iterations;
        if (it.iteration === 0 || last || now - lastPrinted >= PROGRESS_INTERVAL_MS) {
          lastPrinted = now;
          println(io.stdout, progressLine(it, settings.iterations, declared, params.map((p) => p.name), units, (now - started) / 1000));
        }
      }
    } catch (e) {
      const best = runner.best;
      io.stderr.write(`${file}: the fit failed at iteration ${runner.iteration + 1}: ${e instanceof Error ? e.message : String(e)}\n`);
      if (best) io.stderr.write(`best so far (iteration ${best.iteration + 1}, loss ${fmt(best.loss)}): ${assignments(params.map((p) => p.name), problem.declared(best.values), units)}\n`);
      return EXIT_RUN_FAILED;
    }
    const wallMs = performance.now() - started;
    const best = runner.best!;
    const fitted: FittedParam[] = problem.declared(best.values).map((value, k) => ({
      name: params[k].name,
      value,
      initial: initial[k],
      unit: units[k],
      ...(params[k].min !== undefined ? { min: roundValue(params[k].min! / params[k].unit.scale) } : {}),
      ...(params[k].max !== undefined ? { max: roundValue(params[k].max! / params[k].unit.scale) } : {}),
    }));
    const report = {
      project: file,
      population: problem.settings.population,
      optimizer: settings.kind,
      loss: problem.loss,
      cases: problem.cell.caseCount,
      gradient: problem.cell.kind,
      simulatedNeurons: problem.cell.simulatedNeurons,
      ...(runner.gpuLost
        ? { backend: 'cpu', backendNote: runner.gpuLost }
        : { backend: fitBackend.backend, ...(fitBackend.backend === 'webgpu' ? { adapter: fitBackend.adapter } : fitBackend.note ? { backendNote: fitBackend.note } : {}) }),
      iterations: runner.iteration,
      evaluations: runner.evaluations,
      wallMs: roundValue(wallMs),
      best: { iteration: best.iteration + 1, loss: best.loss },
      params: fitted.map((p) => ({ ...p, value: roundValue(p.value), initial: roundValue(p.initial) })),
      fittedProject: 'fitted-project.json',
    };
    out.append('fitted-params.json', `${JSON.stringify(report, null, 2)}\n`);
    out.append('fitted-project.json', `${JSON.stringify(applyFittedValues(doc, problem.settings.population, fitted), null, 2)}\n`);
    out.commit();
    committed = true;
    println(io.stdout, `best: iteration ${best.iteration + 1} of ${runner.iteration}, loss ${fmt(best.loss)} (${runner.evaluations} simulations, ${(wallMs / 1000).toFixed(1)} s)`);
    for (const p of fitted) println(io.stdout, `  ${p.name} = ${fmt(p.value)}${p.unit ? ` ${p.unit}` : ''}  (started at ${fmt(p.initial)}${p.unit ? ` ${p.unit}` : ''})`);
    for (const name of ['fitted-params.json', 'fitted-project.json', 'loss-history.csv']) println(io.stdout, `wrote ${join(values.out, name)}`);
    return EXIT_OK;
  } finally {
    runner.dispose();
    if (!committed) out.abort();
  }
}

/** Validates the changed document and builds the fit; problems name the file, the option or the JSON path. */
function prepare(loaded: LoadedProject, doc: Json, overrides: FitOverrides, targetFile: string | undefined): { project: Project; problem: FitProblem } {
  const parsed = parseProject(doc);
  if (!parsed.ok) {
    const [first, ...rest] = parsed.errors.map((issue) => formatIssue(issue, `${loaded.file} (with the command-line options)`));
    throw new InputError(first, rest);
  }
  try {
    return { project: parsed.project, problem: new FitProblem(parsed.project) };
  } catch (e) {
    if (!(e instanceof EngineError)) throw e;
    throw new InputError(`${where(loaded, e.path, overrides, targetFile)}: ${e.message}`);
  }
}

/** Where a fit-setup problem is: the option that set that part of the fit section, else file:line:col. */
function where(loaded: LoadedProject, path: string | undefined, overrides: FitOverrides, targetFile: string | undefined): string {
  if (overrides.params && path?.startsWith('$.fit.params')) return `${loaded.file} with --params`;
  if (targetFile !== undefined && path?.startsWith('$.fit.cases[0]')) return `${loaded.file} with --target ${targetFile}`;
  // Without a path the message names what is wrong (e.g. an unknown parameter, listing the known ones).
  if (!path) return overrides.params ? `${loaded.file} with --params` : loaded.file;
  return locatePath(loaded, path);
}

/** Every case has the data its loss terms compare with (checked before any simulation). */
function checkTargets(project: Project, file: string, targetFile: string | undefined): void {
  const fit = project.fit!;
  const cases = fit.cases.length > 0 ? fit.cases : [{ trace: undefined, spikeTimesMs: undefined }];
  cases.forEach((c, k) => {
    for (const term of fit.loss) {
      const need = LOSS_NEEDS[term.kind];
      if (c[need] !== undefined) continue;
      const what = need === 'trace' ? 'a target trace' : 'target spike times';
      const csv = need === 'trace' ? 'a "t (ms), v (mV)" CSV' : 'a one-column "spike_time (ms)" CSV';
      if (k === 0 && targetFile !== undefined) {
        throw new InputError(`${targetFile}: the loss '${term.kind}' needs ${what}, but --target gave ${need === 'trace' ? 'spike times' : 'a trace'}; give ${csv}, or choose --loss to suit the data`);
      }
      const hint = k === 0 ? `give --target with ${csv}, or set fit.cases[0].${need}` : `set fit.cases[${k}].${need}`;
      throw new InputError(`${file}: $.fit.cases[${k}]: the loss '${term.kind}' needs ${what}, but ${fit.cases.length > 0 ? 'this case has none' : 'the fit has no cases'}; ${hint}`);
    }
  });
}

function describeFit(file: string, problem: FitProblem, targetFile: string | undefined): string {
  const s = problem.settings;
  const loss = s.loss.map((t) => (t.weight === 1 ? t.kind : `${t.kind}×${t.weight}`)).join(' + ');
  const opt = s.optimizer;
  const how = opt.kind === 'cmaes' ? `cmaes (sigma0 ${opt.sigma0}, seed ${opt.seed})` : opt.kind === 'adam' || opt.kind === 'sgd' ? `${opt.kind} (lr ${opt.learningRate}${opt.decay !== 1 ? `, decay ${opt.decay}` : ''})` : opt.kind;
  const cases = problem.cell.caseCount;
  const network = problem.cell.kind === 'network' ? `, network gradient over ${problem.cell.simulatedNeurons} cells (synapses: ${s.surrogate.synapses})` : '';
  return `fitting ${s.params.map((p) => p.name).join(', ')} of '${s.population}' in ${file}${targetFile ? ` to ${targetFile}` : ''}: ${cases} case${cases === 1 ? '' : 's'}${network}, loss ${loss}, ${how}, ${opt.iterations} iterations`;
}

function progressLine(it: FitIteration, iterations: number, values: readonly number[], names: readonly string[], units: readonly string[], elapsedS: number): string {
  const width = String(iterations).length;
  return `iter ${String(it.iteration + 1).padStart(width)}/${iterations}  loss ${fmt(it.loss)}  ${assignments(names, values, units)}  (${elapsedS.toFixed(1)} s)`;
}

function assignments(names: readonly string[], values: readonly number[], units: readonly string[]): string {
  return names.map((n, k) => `${n} = ${fmt(values[k])}${units[k] ? ` ${units[k]}` : ''}`).join(', ');
}

/** 5 significant digits: enough to watch a fit converge, short enough to read. */
function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  return a !== 0 && (a < 1e-3 || a >= 1e6) ? x.toExponential(4) : String(Number(x.toPrecision(5)));
}
