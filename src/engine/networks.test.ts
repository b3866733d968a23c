/**
 * The Brette et al. (2007) benchmark networks against Brian2 2.5.1 (src/engine/fixtures/
 * networks.brian2.json, 5 seeds): CUBA (examples/cuba.json) and COBA (examples/coba.json) run with
 * our own seeds; their spike statistics over the fixture's "first_1s" window [0, 1000) ms (a 1 s
 * run from t = 0) must match Brian2's. Chaotic networks: statistics, not spike times.
 *
 * Tolerances (our mean over seeds vs Brian2's mean over its 5 seeds):
 *   rate_hz, rate_hz_exc, rate_hz_inh: within max(10% of Brian2's mean, 3 x its seed-to-seed std);
 *   cv_isi (mean over neurons with >= 3 spikes of std/mean of their ISIs, ddof 0): within 0.1;
 *   silent_fraction: within 0.05.
 * Also checked: the synapse count is that of p = 0.02 (Binomial(4000^2, 0.02): within 5 sigma).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runProject } from './index';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/networks.brian2.json', import.meta.url), 'utf8'));
const example = (name: string) => JSON.parse(readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8'));

const SEEDS = [11, 12, 13, 14, 15];
const WINDOW = 'first_1s';

interface Stats {
  rate_hz: number;
  rate_hz_exc: number;
  rate_hz_inh: number;
  cv_isi: number;
  silent_fraction: number;
  synapses: number;
}

/** Statistics as reference/brian2's spike_stats (bench/brian2/common.py) over [0, duration). */
function networkStats(doc: Record<string, unknown>, seed: number, durationMs: number): Stats {
  const project = {
    ...doc,
    simulation: { ...(doc.simulation as object), seed, durationMs, precision: 'f64' },
    recordings: [],
    connectionRecordings: [],
    rates: [],
    spikes: { populations: 'all' },
  };
  const run = runProject(project);
  const [exc, inh] = run.simulation.populations;
  const n = exc.size + inh.size;
  const times: number[][] = Array.from({ length: n }, () => []);
  const { tMs, population, neuron } = run.spikes;
  for (let k = 0; k < tMs.length; k++) times[population[k] === exc.id ? neuron[k] : exc.size + neuron[k]].push(tMs[k]);
  const T = durationMs / 1000;
  const count = (from: number, to: number) => times.slice(from, to).reduce((s, t) => s + t.length, 0);
  const cvs: number[] = [];
  for (const t of times) {
    if (t.length < 3) continue;
    const isi = t.slice(1).map((x, k) => x - t[k]);
    const mean = isi.reduce((a, b) => a + b, 0) / isi.length;
    const sd = Math.sqrt(isi.reduce((a, b) => a + (b - mean) ** 2, 0) / isi.length);
    if (mean > 0) cvs.push(sd / mean);
  }
  return {
    rate_hz: count(0, n) / n / T,
    rate_hz_exc: count(0, exc.size) / exc.size / T,
    rate_hz_inh: count(exc.size, n) / inh.size / T,
    cv_isi: cvs.reduce((a, b) => a + b, 0) / cvs.length,
    silent_fraction: times.filter((t) => t.length === 0).length / n,
    synapses: run.simulation.projections.reduce((s, p) => s + p.size, 0),
  };
}

function compare(network: 'CUBA' | 'COBA', file: string): void {
  const ref = fixture.networks[network];
  const summary = ref.summary[WINDOW];
  it(`${network} (${file}, seeds ${SEEDS.join(', ')}, f64, window [0, 1000) ms) matches Brian2's statistics`, () => {
    const doc = example(file);
    const runs = SEEDS.map((seed) => networkStats(doc, seed, 1000));
    const mean = (key: keyof Stats) => runs.reduce((s, r) => s + r[key], 0) / runs.length;
    const report: string[] = [];
    for (const key of ['rate_hz', 'rate_hz_exc', 'rate_hz_inh'] as const) {
      const { mean: m, std } = summary[key];
      const tolerance = Math.max(0.1 * m, 3 * std);
      report.push(`${key}: ours ${mean(key).toFixed(3)} (${runs.map((r) => r[key].toFixed(2)).join(', ')}), Brian2 ${m.toFixed(3)} +- ${std.toFixed(3)}, tolerance ${tolerance.toFixed(3)}`);
      expect(Math.abs(mean(key) - m), report.at(-1)).toBeLessThanOrEqual(tolerance);
    }
    report.push(`cv_isi: ours ${mean('cv_isi').toFixed(3)}, Brian2 ${summary.cv_isi.mean.toFixed(3)}`);
    expect(Math.abs(mean('cv_isi') - summary.cv_isi.mean), report.at(-1)).toBeLessThanOrEqual(0.1);
    report.push(`silent_fraction: ours ${mean('silent_fraction').toFixed(3)}, Brian2 ${summary.silent_fraction.mean.toFixed(3)}`);
    expect(Math.abs(mean('silent_fraction') - summary.silent_fraction.mean), report.at(-1)).toBeLessThanOrEqual(0.05);
    const pairs = ref.n * ref.n;
    for (const r of runs) expect(Math.abs(r.synapses - 0.02 * pairs)).toBeLessThan(5 * Math.sqrt(pairs * 0.02 * 0.98));
    console.log(`${network}:\n  ${report.join('\n  ')}`);
  });
}

describe('Brette et al. (2007) networks vs Brian2', () => {
  compare('CUBA', 'cuba.json');
  compare('COBA', 'coba.json');
});
