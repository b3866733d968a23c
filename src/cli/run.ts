/** `spikeflow run <project.json> --out <dir>`: validate, compile, run, write spikes/traces/summary. */
import { join } from 'node:path';
import { BlowUpError, concatTyped, type Chunk, type RunOptions, type RunResult } from '../engine';
import { BackendRefused, chooseBackend, type BackendChoice } from './backendChoice';
import { DeviceLostError } from '../engine/webgpu/gpuSimulation';
import { smoothRates } from '../engine/rates';
import { expectPositionals, oneOf, parseCommandArgs, positiveMs } from './args';
import { rateRows, ratesHeader, SPIKES_HEADER, spikeRows, traceRows, tracesHeader } from './csv';
import { EXIT_OK, EXIT_RUN_FAILED, InputError, println, type CliIo } from './io';
import { compileOrExplain, loadProject } from './load';
import { OutputDir } from './outdir';
import { buildSummary, summaryLine } from './summary';

const BACKENDS = ['cpu', 'webgpu', 'auto'] as const;
const PRECISIONS = ['f32', 'f64'] as const;

export async function runCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('run', args, {
    out: { type: 'string' },
    duration: { type: 'string' },
    dt: { type: 'string' },
    backend: { type: 'string' },
    precision: { type: 'string' },
    'no-simd': { type: 'boolean' },
  });
  const [file] = expectPositionals('run', positionals, ['project.json']);
  if (typeof values.out !== 'string' || values.out === '') throw new InputError('spikeflow run: --out <dir> is required', [`run 'spikeflow help run' for usage`]);
  const durationMs = positiveMs('duration', values.duration);
  const dtMs = positiveMs('dt', values.dt);
  const backendOption = oneOf('backend', values.backend, BACKENDS);
  const precision = oneOf('precision', values.precision, PRECISIONS);

  const loaded = loadProject(io.cwd, file);
  const backend = backendOption ?? loaded.project.simulation.backend;
  const dt = dtMs ?? loaded.project.simulation.dtMs;
  const duration = durationMs ?? loaded.project.simulation.durationMs;
  if (dt > duration) throw new InputError(`the time step (${dt} ms) must not exceed the duration (${duration} ms)`);
  const simulation = compileOrExplain(loaded, { precision, dtMs, durationMs, simd: values['no-simd'] !== true });
  let choice: BackendChoice;
  try {
    choice = await chooseBackend(backend, simulation);
  } catch (e) {
    if (!(e instanceof BackendRefused)) throw e;
    throw new InputError(`${backendOption ? '--backend webgpu' : `${file}: $.simulation.backend`}: ${e.message}; use --backend cpu or auto`);
  }
  if (choice.backend === 'webgpu') println(io.stdout, `backend: webgpu on ${choice.adapter}`);
  else if (choice.note) println(io.stdout, `backend: cpu (${choice.note})`);
  if (choice.backend === 'cpu') {
    for (const pop of simulation.populations) {
      if (pop.cpuKernel.reason) println(io.stdout, `cpu: '${pop.id}' steps with generated JavaScript, not the SIMD kernel: ${pop.cpuKernel.reason}`);
    }
  }
  const gpu = choice.gpu;
  let lostNote: string | undefined;
  // On the GPU, a lost device is not the end: the host holds the last chunk's states, and the CPU
  // backend finishes the run from there.
  const runChunks = async (options: RunOptions): Promise<RunResult> => {
    if (!gpu) return simulation.run(options);
    const start = performance.now();
    const firstStep = simulation.step;
    const total = options.steps ?? simulation.stepsFor(options.durationMs ?? simulation.durationMs);
    try {
      return await gpu.runAsync(options);
    } catch (e) {
      if (!(e instanceof DeviceLostError)) throw e;
      lostNote = `${e.message}; finished on the CPU`;
      println(io.stdout, `backend: ${lostNote}`);
      const done = simulation.step - firstStep;
      const rest = simulation.run({ ...options, steps: total - done });
      return { stepsRun: done + rest.stepsRun, wallMs: performance.now() - start, paused: rest.paused };
    }
  };

  const out = new OutputDir(io.cwd, values.out);
  let committed = false;
  try {
    out.append('spikes.csv', `${SPIKES_HEADER}\n`);
    out.append('traces.csv', `${tracesHeader(simulation)}\n`);
    // rates.csv only when the project has rate monitors; written at the end (one number per bin),
    // smoothed with each monitor's smoothMs over the whole run, as runProject returns them.
    const withRates = simulation.rateMonitors.length > 0;
    const rateBlocks: Chunk['rates'][] = [];
    let traceRowCount = 0;
    let writeMs = 0;
    let result;
    try {
      result = await runChunks({
        onChunk: (chunk) => {
          const start = performance.now();
          out.append('spikes.csv', spikeRows(simulation, chunk));
          const { text, rows } = traceRows(simulation, chunk);
          traceRowCount += rows;
          out.append('traces.csv', text);
          if (withRates) rateBlocks.push(chunk.rates);
          writeMs += performance.now() - start;
        },
      });
    } catch (e) {
      io.stderr.write(`${file}: ${runFailure(e)}\n`);
      return EXIT_RUN_FAILED;
    }
    let rateRowCount = 0;
    if (withRates) {
      const rates = simulation.rateMonitors.map((monitor, k) => ({
        timesMs: concatTyped(Float64Array, rateBlocks.map((r) => r[k].timesMs)),
        rateHz: smoothRates(concatTyped(Float32Array, rateBlocks.map((r) => r[k].rateHz)), monitor.binSteps * simulation.dtMs, monitor.smoothMs),
      }));
      const { text, rows } = rateRows(rates, simulation.dtMs);
      out.append('rates.csv', `${ratesHeader(simulation)}\n${text}`);
      rateRowCount = rows;
    }
    const summary = buildSummary(loaded.project, simulation, result.stepsRun, Math.max(0, result.wallMs - writeMs), writeMs, lostNote ? { ...choice, note: lostNote } : choice);
    out.append('summary.json', `${JSON.stringify(summary, null, 2)}\n`);
    out.commit();
    committed = true;
    const shown = (name: string) => join(values.out as string, name);
    println(io.stdout, `wrote ${shown('spikes.csv')} (${summary.populations.filter((p) => p.spikesRecorded).reduce((n, p) => n + p.spikeCount, 0)} spikes)`);
    println(io.stdout, `wrote ${shown('traces.csv')} (${summary.traces.length} columns, ${traceRowCount} rows)`);
    if (withRates) println(io.stdout, `wrote ${shown('rates.csv')} (${simulation.rateMonitors.length} columns, ${rateRowCount} rows)`);
    println(io.stdout, `wrote ${shown('summary.json')}`);
    println(io.stdout, summaryLine(summary));
    return EXIT_OK;
  } finally {
    if (!committed) out.abort();
    gpu?.destroy();
  }
}

function runFailure(e: unknown): string {
  if (e instanceof BlowUpError) return e.message;
  if (e instanceof Error) return `the run failed: ${e.message}`;
  return `the run failed: ${String(e)}`;
}
