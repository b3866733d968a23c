import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinRegistry } from '../library';
import { cli, REPO_ROOT, removeTempDirs, tempDir } from './testing';

const examplesDir = join(REPO_ROOT, 'examples');
const examples = readdirSync(examplesDir).filter((f) => f.endsWith('.json')).sort();

afterAll(removeTempDirs);

describe('examples', () => {
  it('has the default example and one per built-in cell model', () => {
    expect(examples).toContain('default.json');
    const registry = builtinRegistry();
    const cells = registry.names().filter((n) => registry.ir(n)?.kind === 'cell');
    for (const cell of cells) {
      const covered = examples.some((f) => f === `${cell}.json` || f.startsWith(`${cell}_`));
      expect(covered, `no example for ${cell}`).toBe(true);
    }
    for (const f of ['Compartment_HH.json', 'Compartment_Leak_Fire.json', 'Compartment_Izhikevich.json']) expect(examples).toContain(f);
  });

  it.each(examples)('%s has a name and a description and validates', async (file) => {
    const doc = JSON.parse(readFileSync(join(examplesDir, file), 'utf8')) as { name?: string; description?: string };
    expect(doc.name).toBeTruthy();
    expect(doc.description?.length).toBeGreaterThan(40);
    const result = await cli(['validate', join('examples', file)], REPO_ROOT);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^ok: \d+ populations?, \d+ stimul(us|i)\n$/);
    expect(result.code).toBe(0);
  });

  it.each(examples)('%s runs (shortened to 50 ms)', async (file) => {
    const out = join(tempDir(), 'out');
    const result = await cli(['run', join(examplesDir, file), '--out', out, '--duration', '50'], REPO_ROOT);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.durationMs).toBe(50);
    expect(summary.steps).toBe(Math.round(50 / summary.dtMs));
    expect(typeof summary.spikeCount).toBe('number');
    expect(Number.isFinite(summary.spikeCount)).toBe(true);
    for (const p of summary.populations) expect(Number.isFinite(p.meanRateHz)).toBe(true);
  });

  it('the default example spikes within its full duration, and reports its wall time', async () => {
    const out = join(tempDir(), 'default');
    const result = await cli(['run', 'examples/default.json', '--out', out], REPO_ROOT);
    expect(result.code).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.populations[0].size).toBe(40);
    expect(summary.spikeCount).toBeGreaterThan(50);
    expect(summary.wallMs).toBeGreaterThan(0); // reported; how fast it is belongs to the benchmarks
  });
});
