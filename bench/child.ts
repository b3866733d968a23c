/**
 * Runs one benchmark on Spikeflow's engine in this (fresh) process and prints its JSON record:
 *   node --import tsx bench/child.ts NAME N DURATION_MS PRECISION RECORD_SPIKES(0|1) SIMD(0|1)
 * Used by runOursIsolated so that every measured run gets a fresh V8 (see BENCHMARKS.md, notes).
 */
import { findBenchmark } from './benchmarks';
import { runOurs } from './harness';

const [name, n, durationMs, precision, recordSpikes, simd] = process.argv.slice(2);
const def = findBenchmark(name);
if (!def) {
  console.error(`unknown benchmark '${name}'`);
  process.exit(2);
}
const result = runOurs(def, {
  size: { n: Number(n), durationMs: Number(durationMs) },
  precision: precision === 'f64' ? 'f64' : 'f32',
  recordSpikes: recordSpikes === '1',
  simd: simd !== '0',
});
console.log(JSON.stringify(result));
