import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, removeTempDirs, tempDir } from './testing';

const run = promisify(execFile);
afterAll(removeTempDirs);

describe('bin/spikeflow.mjs', () => {
  it('runs the default example as `npm start` does, from the repository root', async () => {
    const out = join(tempDir(), 'default');
    const { stdout } = await run(process.execPath, ['bin/spikeflow.mjs', 'run', 'examples/default.json', '--out', out], { cwd: REPO_ROOT });
    expect(stdout).toContain('summary.json');
    expect(readFileSync(join(out, 'spikes.csv'), 'utf8')).toMatch(/^t_ms,population,neuron\n/);
  });

  it('works from any directory and sets the exit status', async () => {
    const cwd = tempDir();
    const bin = join(REPO_ROOT, 'bin', 'spikeflow.mjs');
    const ok = await run(process.execPath, [bin, 'validate', join(REPO_ROOT, 'examples', 'default.json')], { cwd });
    expect(ok.stdout).toBe('ok: 2 populations, 2 stimuli\n');
    const failed = await run(process.execPath, [bin, 'validate', 'missing.json'], { cwd }).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 1, stderr: 'missing.json: no such project file\n' });
  });
});
