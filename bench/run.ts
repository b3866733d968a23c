/**
 * npm run bench -- [name ...] [--repeat K] [--no-brian] [--brian-device auto|cpp_standalone|runtime]
 *                  [--n N] [--duration-ms MS] [--precision f32|f64] [--no-simd] [--record-spikes] [--in-process] [--list]
 *                  [--compare]
 *
 * Runs the named benchmarks (all when none is named; a name may end in `*`: `fit-*`) and prints one
 * JSON line per run on stdout. The GPU benchmarks (bench/gpu.ts: gpu-*) run the WebGPU backend beside
 * the CPU backend (and Brian2); gpu-fit-* (bench/gpuFit.ts) time one CMA-ES generation as a GPU batch
 * beside the CPU batch. The fit benchmarks (bench/fit.ts: fit-hh, fit-adex) take --compare
 * (also run the other optimisers tried) and ignore the size options.
 * Where Brian2 is installed (`python3 -c "import brian2"` succeeds) the same model also runs in
 * Brian2 in the same invocation and its numbers join the line (brian_*, ratio). Progress goes to
 * stderr. Each run of our engine happens in a fresh Node process unless --in-process is given.
 * See BENCHMARKS.md.
 */
import { BENCHMARKS, type BenchmarkDef } from './benchmarks';
import { FIT_BENCHMARKS, runFitBenchmark, type FitBenchDef } from './fit';
import { GPU_BENCHMARKS, runGpuBenchmark, type GpuBenchDef } from './gpu';
import { GPU_FIT_BENCHMARKS, runGpuFitBenchmark, type GpuFitBenchDef } from './gpuFit';
import { brianAvailable, runBenchmark } from './harness';

interface Cli {
  names: string[];
  repeat: number;
  brian: boolean;
  brianDevice: 'auto' | 'cpp_standalone' | 'runtime';
  n?: number;
  durationMs?: number;
  precision?: 'f32' | 'f64';
  recordSpikes: boolean;
  simd: boolean;
  isolate: boolean;
  list: boolean;
  compare: boolean;
}

function parseArgs(argv: string[]): Cli {
  const cli: Cli = { names: [], repeat: 1, brian: true, brianDevice: 'auto', recordSpikes: false, simd: true, isolate: true, list: false, compare: false };
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined) throw new Error(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--repeat':
        cli.repeat = Math.max(1, parseInt(value(i++, a), 10));
        break;
      case '--no-brian':
        cli.brian = false;
        break;
      case '--brian-device':
        cli.brianDevice = value(i++, a) as Cli['brianDevice'];
        break;
      case '--n':
        cli.n = parseInt(value(i++, a), 10);
        break;
      case '--duration-ms':
        cli.durationMs = parseFloat(value(i++, a));
        break;
      case '--precision':
        cli.precision = value(i++, a) as 'f32' | 'f64';
        break;
      case '--record-spikes':
        cli.recordSpikes = true;
        break;
      case '--no-simd':
        cli.simd = false;
        break;
      case '--in-process':
        cli.isolate = false;
        break;
      case '--list':
        cli.list = true;
        break;
      case '--compare':
        cli.compare = true;
        break;
      default:
        if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
        cli.names.push(a);
    }
  }
  return cli;
}

type AnyDef = { kind: 'engine'; def: BenchmarkDef } | { kind: 'fit'; def: FitBenchDef } | { kind: 'gpu'; def: GpuBenchDef } | { kind: 'gpu-fit'; def: GpuFitBenchDef };

const ALL: readonly AnyDef[] = [
  ...BENCHMARKS.map((def) => ({ kind: 'engine' as const, def })),
  ...FIT_BENCHMARKS.map((def) => ({ kind: 'fit' as const, def })),
  ...GPU_BENCHMARKS.map((def) => ({ kind: 'gpu' as const, def })),
  ...GPU_FIT_BENCHMARKS.map((def) => ({ kind: 'gpu-fit' as const, def })),
];

/** The benchmarks a name selects: itself, or every name starting with what precedes a final `*`. */
function select(name: string): AnyDef[] {
  const found = name.endsWith('*') ? ALL.filter((b) => b.def.name.startsWith(name.slice(0, -1))) : ALL.filter((b) => b.def.name === name);
  if (found.length === 0) throw new Error(`unknown benchmark '${name}'; available: ${ALL.map((b) => b.def.name).join(', ')}`);
  return found;
}

async function main(): Promise<void> {
  const cli = parseArgs(process.argv.slice(2));
  if (cli.list) {
    for (const b of ALL) console.log(`${b.def.name}\t${b.def.description}`);
    return;
  }
  // By default every engine benchmark; the fit and GPU benchmarks only when named (they measure something else).
  const defs = cli.names.length === 0 ? ALL.filter((b) => b.kind === 'engine') : [...new Set(cli.names.flatMap(select))];
  const comparesBrian = defs.some((b) => b.kind !== 'fit' && b.kind !== 'gpu-fit');
  const withBrian = cli.brian && comparesBrian && brianAvailable();
  if (cli.brian && !withBrian && comparesBrian) console.error('bench: Brian2 not importable with ' + (process.env.SPIKEFLOW_BENCH_PYTHON ?? '/usr/bin/python3') + '; running Spikeflow only');
  for (let rep = 0; rep < cli.repeat; rep++) {
    for (const b of defs) {
      if (b.kind === 'fit') {
        console.error(`bench: ${b.def.name}${cli.compare ? ` (+ ${b.def.variants.length} other optimisers)` : ''}${cli.repeat > 1 ? `, run ${rep + 1}/${cli.repeat}` : ''}...`);
        await runFitBenchmark(b.def, { compare: cli.compare, isolate: cli.isolate }, (record) => console.log(JSON.stringify({ ...record, run: rep + 1 })));
        continue;
      }
      if (b.kind === 'gpu-fit') {
        console.error(`bench: ${b.def.name} (GPU batch, CPU batch)...`);
        console.log(JSON.stringify({ ...runGpuFitBenchmark(b.def), run: rep + 1 }));
        continue;
      }
      if (b.kind === 'gpu') {
        const size = cli.n || cli.durationMs ? { n: cli.n ?? b.def.size.n, durationMs: cli.durationMs ?? b.def.size.durationMs } : undefined;
        console.error(`bench: ${b.def.name} (WebGPU, CPU backend${withBrian ? ', Brian2' : ''})...`);
        console.log(JSON.stringify({ ...runGpuBenchmark(b.def, { size, brian: withBrian }), run: rep + 1 }));
        continue;
      }
      const def = b.def;
      const size = { n: cli.n ?? def.size.n, durationMs: cli.durationMs ?? def.size.durationMs };
      console.error(`bench: ${def.name} (n=${size.n}, ${size.durationMs} ms${cli.repeat > 1 ? `, run ${rep + 1}/${cli.repeat}` : ''})...`);
      const record = runBenchmark(def, { size, precision: cli.precision, recordSpikes: cli.recordSpikes, simd: cli.simd, isolate: cli.isolate, brian: withBrian, device: cli.brianDevice });
      console.log(JSON.stringify({ ...record, run: rep + 1 }));
    }
  }
}

main().catch((e) => {
  console.error(`bench: ${(e as Error).message}`);
  process.exitCode = 1;
});
