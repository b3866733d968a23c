import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, REPO_ROOT, removeTempDirs, tempDir } from './testing';

afterAll(removeTempDirs);

const example = (name: string) => join(REPO_ROOT, 'examples', `${name}.json`);

describe('spikeflow export-brian2', () => {
  it('writes the script to --out and says how to run it', async () => {
    const dir = tempDir();
    const r = await cli(['export-brian2', example('LIF'), '--out', 'scripts/lif.py'], dir);
    expect(r).toEqual({ code: 0, stdout: 'wrote scripts/lif.py (run it with: python3 scripts/lif.py --out <dir>)\n', stderr: '' });
    const script = readFileSync(join(dir, 'scripts', 'lif.py'), 'utf8');
    expect(script).toMatch(/^#!\/usr\/bin\/env python3\n"""Leaky integrate-and-fire \(LIF\) -- exported from Spikeflow/);
    expect(script).toContain('dv/dt = (v_rest - v + R*j)/tau_m : volt (unless refractory)');
    expect(script).toContain(`Made by: spikeflow export-brian2 ${example('LIF')}`);
  });

  it('names the file after the project by default, and prints to stdout with --out -', async () => {
    const dir = tempDir();
    const r = await cli(['export-brian2', example('Izhikevich2003')], dir);
    expect(r.code).toBe(0);
    const [, fileName] = /^wrote (\S+) /.exec(r.stdout)!;
    expect(fileName).toMatch(/^izhikevich.*_brian2\.py$/);
    expect(existsSync(join(dir, fileName))).toBe(true);
    const piped = await cli(['export-brian2', example('Izhikevich2003'), '--out', '-'], dir);
    expect(piped.code).toBe(0);
    expect(piped.stdout).toBe(readFileSync(join(dir, fileName), 'utf8'));
  });

  it('refuses what Brian2 cannot express, pointing at the project, and writes nothing', async () => {
    const dir = tempDir();
    const r = await cli(['export-brian2', example('WTASCell'), '--out', 'w.py'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/WTASCell\.json:\d+:\d+: cannot export to Brian2: population 'cell' \(WTASCell\): its spike condition uses pop_sum\/pop_max/);
    expect(existsSync(join(dir, 'w.py'))).toBe(false);
  });

  it('checks the project first, as validate does', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'p.json'), JSON.stringify({ format: 'spikeflow-project', version: 1, simulation: { durationMs: 10 }, populations: [{ id: 'a', model: 'LIFF', size: 1 }] }));
    const r = await cli(['export-brian2', 'p.json'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^p\.json.*unknown cell model 'LIFF'/);
    expect((await cli(['export-brian2'], dir)).stderr).toContain('spikeflow export-brian2: missing <project.json>');
  });

  it('has help and is listed in the overview', async () => {
    const dir = tempDir();
    expect((await cli(['--help'], dir)).stdout).toContain('export-brian2 <project.json>');
    const help = await cli(['help', 'export-brian2'], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: spikeflow export-brian2 <project.json> [--out <script.py>]');
  });
});
