/**
 * Keeps the benchmark harness from rotting: runs every benchmark at a tiny size (in process, no
 * Brian2) and checks the record's fields. No timing assertions.
 */
import { describe, expect, it } from 'vitest';
import { BENCHMARKS, findBenchmark } from './benchmarks';
import { GPU_BENCHMARKS, runGpuBenchmark } from './gpu';
import { runBenchmark, runOurs } from './harness';

const FIELDS = ['name', 'n', 'synapses', 'duration_s', 'dt_ms', 'precision', 'wall_s', 'setup_s', 's_per_bio_s', 'neuron_updates_per_s', 'rate_hz', 'peak_rss_mb', 'node'];

describe('bench harness', () => {
  it('has the benchmarks of the issue', () => {
    expect(BENCHMARKS.map((b) => b.name)).toEqual(expect.arrayContaining(['lif-throughput', 'lif-throughput-1m', 'hh-10k', 'cuba', 'coba', 'cobahh']));
  });

  for (const def of BENCHMARKS) {
    it(`runs ${def.name} at a tiny size and reports every field`, () => {
      const record = runBenchmark(def, { size: { n: 100, durationMs: 10 }, brian: false, isolate: false });
      for (const f of FIELDS) expect(record, f).toHaveProperty(f);
      expect(record.name).toBe(def.name);
      expect(record.n).toBe(100);
      if (def.network) expect(record.synapses).toBeGreaterThan(0);
      else expect(record.synapses).toBe(0);
      expect(record.duration_s).toBeCloseTo(0.01, 12);
      expect(record.dt_ms).toBe(def.dtMs);
      expect(record.precision).toBe(def.precision);
      for (const f of ['wall_s', 'setup_s', 's_per_bio_s', 'neuron_updates_per_s', 'rate_hz', 'peak_rss_mb'] as const) {
        expect(Number.isFinite(record[f]), f).toBe(true);
        expect(record[f], f).toBeGreaterThanOrEqual(0);
      }
      expect(record.node).toBe(process.version);
      expect(() => JSON.parse(JSON.stringify(record))).not.toThrow();
    });
  }

  it('drives the neurons to fire (so the rate comparison means something)', () => {
    const lif = runOurs(findBenchmark('lif-throughput')!, { size: { n: 100, durationMs: 100 } });
    expect(lif.rate_hz).toBeGreaterThan(1);
    const hh = runOurs(findBenchmark('hh-10k')!, { size: { n: 10, durationMs: 20 } });
    expect(hh.rate_hz).toBeGreaterThan(1);
  });

  it('runs a GPU benchmark beside the CPU backend (or reports why there is no GPU)', () => {
    expect(GPU_BENCHMARKS.map((b) => b.name)).toEqual(expect.arrayContaining(['gpu-lif-1m', 'gpu-hh-10k', 'gpu-batch-1', 'gpu-batch-100', 'gpu-batch-10k']));
    const record = runGpuBenchmark(GPU_BENCHMARKS[0], { size: { n: 200, durationMs: 20 }, brian: false, isolate: false });
    expect(record).toMatchObject({ name: 'gpu-lif-10k', n: 200, steps: 200, backend: 'webgpu' });
    expect(record.cpu_wall_s).toBeGreaterThan(0);
    if ('gpu_error' in record) return;
    expect(record.adapter).toEqual(expect.any(String));
    expect(record.rate_hz).toBe(record.cpu_rate_hz);
    expect(record.rates_match_cpu).toBe(true);
    expect(record.speedup_vs_cpu).toBeGreaterThan(0);
  });
});
