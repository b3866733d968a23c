/** `spikeflow run` writes rates.csv (population rate monitors) only when the project has some. */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runProject } from '../engine';
import { cli, removeTempDirs, tempDir } from './testing';

afterAll(removeTempDirs);

const project = (rates: unknown[]) => ({
  format: 'spikeflow-project',
  version: 1,
  name: 'rates',
  simulation: { dtMs: 0.1, durationMs: 50, seed: 5 },
  populations: [
    { id: 'src', model: 'PoissonSource', size: 40, params: { rate: '200 Hz' } },
    { id: 'lif', model: 'LIF', size: 3 },
  ],
  stimuli: [{ type: 'step', id: 'drive', target: 'lif', amplitude: '20 nA' }],
  recordings: [{ population: 'lif', variables: ['v'] }],
  rates,
});

async function runIn(doc: unknown) {
  const dir = tempDir();
  writeFileSync(join(dir, 'project.json'), JSON.stringify(doc));
  const result = await cli(['run', 'project.json', '--out', 'out'], dir);
  const out = join(dir, 'out');
  return { ...result, out, read: (name: string) => readFileSync(join(out, name), 'utf8') };
}

describe('spikeflow run: rates.csv', () => {
  it('has t_ms and one column per monitor; each rate is the spike count of its bin per neuron per second', async () => {
    const r = await runIn(project([{ population: 'src', binMs: 1 }, { population: 'lif', binMs: 2 }, { population: 'src', binMs: 5 }]));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(r.out).sort()).toEqual(['rates.csv', 'spikes.csv', 'summary.json', 'traces.csv']);
    const lines = r.read('rates.csv').trimEnd().split('\n');
    expect(lines[0]).toBe('t_ms,src.rate_hz,lif.rate_hz,src.rate_hz_2');
    const rows = lines.slice(1).map((l) => l.split(','));
    // bins of 1 ms: 50 rows at 0, 1, ..., 49 ms; the 2 ms and 5 ms monitors fill every 2nd / 5th row
    expect(rows).toHaveLength(50);
    expect(rows.map((c) => Number(c[0]))).toEqual(Array.from({ length: 50 }, (_, k) => k));
    rows.forEach((c, k) => {
      expect(c).toHaveLength(4);
      expect(c[2] === '').toBe(k % 2 !== 0);
      expect(c[3] === '').toBe(k % 5 !== 0);
    });
    expect(r.stdout).toContain(`wrote ${join('out', 'rates.csv')} (3 columns, 50 rows)`);

    // The same numbers from spikes.csv.
    const spikes = r.read('spikes.csv').trimEnd().split('\n').slice(1).map((l) => l.split(','));
    const count = (pop: string, from: number, to: number) =>
      spikes.filter(([t, p]) => p === pop && Number(t) >= from - 1e-9 && Number(t) < to - 1e-9).length;
    rows.forEach((c, k) => {
      expect(Number(c[1])).toBeCloseTo((count('src', k, k + 1) * 1000) / 40 / 1, 3);
      if (k % 2 === 0) expect(Number(c[2])).toBeCloseTo((count('lif', k, k + 2) * 1000) / 3 / 2, 3);
      if (k % 5 === 0) expect(Number(c[3])).toBeCloseTo((count('src', k, k + 5) * 1000) / 40 / 5, 3);
    });
    const total = rows.reduce((s, c) => s + Number(c[1]), 0) / 50;
    expect(total).toBeGreaterThan(100); // 200 Hz sources
    expect(total).toBeLessThan(300);
  });

  it('applies each monitor\'s smoothMs over the whole run, as runProject does', async () => {
    const doc = project([{ population: 'src', binMs: 1, smoothMs: 3 }, { population: 'src', binMs: 1 }]);
    const r = await runIn(doc);
    expect(r.code).toBe(0);
    const rows = r.read('rates.csv').trimEnd().split('\n').slice(1).map((l) => l.split(',').map((x) => Math.fround(Number(x))));
    const whole = runProject(doc).rates;
    expect(rows.map((c) => c[1])).toEqual(Array.from(whole[0].rateHz));
    expect(rows.map((c) => c[2])).toEqual(Array.from(whole[1].rateHz));
    // smoothing changed the numbers but kept the mean (away from the ends)
    expect(rows.some((c) => Math.abs(c[1] - c[2]) > 1)).toBe(true);
  });

  it('is not written without rate monitors', async () => {
    const r = await runIn(project([]));
    expect(r.code).toBe(0);
    expect(readdirSync(r.out).sort()).toEqual(['spikes.csv', 'summary.json', 'traces.csv']);
    expect(r.stdout).not.toContain('rates.csv');
  });
});
