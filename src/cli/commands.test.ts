import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, removeTempDirs, tempDir } from './testing';

afterAll(removeTempDirs);

function fileIn(name: string, text: string): string {
  const dir = tempDir();
  writeFileSync(join(dir, name), text);
  return dir;
}

describe('spikeflow validate', () => {
  it('prints ok with the counts', async () => {
    const dir = fileIn(
      'p.json',
      JSON.stringify({
        format: 'spikeflow-project',
        version: 1,
        simulation: { durationMs: 10 },
        populations: [{ id: 'a', model: 'LIF', size: 2 }],
        stimuli: [{ type: 'step', id: 's', target: 'a', amplitude: 1 }],
      }),
    );
    const r = await cli(['validate', 'p.json'], dir);
    expect(r).toEqual({ code: 0, stdout: 'ok: 1 population, 1 stimulus\n', stderr: '' });
  });

  it('prints every schema error as file:line:col: $.path: message', async () => {
    const text = [
      '{',
      '  "format": "spikeflow-project",',
      '  "version": 1,',
      '  "simulation": { "durationMs": 10 },',
      '  "populations": [{ "id": "a", "model": "LIF", "sise": 2 }]',
      '}',
    ].join('\n');
    const r = await cli(['validate', 'bad.json'], fileIn('bad.json', text));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^bad\.json:5:\d+: \$\.populations\[0\]/m);
    expect(r.stderr).toContain("unknown field 'sise' (did you mean 'size'?)");
  });

  it('points invalid JSON at its line and column', async () => {
    const r = await cli(['validate', 'x.json'], fileIn('x.json', '{\n  "format": "spikeflow-project",\n}\n'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^x\.json:3:1: .*invalid JSON: trailing comma/);
  });

  it('compiles the models: unknown names and wrong units are errors with a location', async () => {
    const text = JSON.stringify(
      {
        format: 'spikeflow-project',
        version: 1,
        simulation: { durationMs: 10 },
        populations: [{ id: 'a', model: 'LIFcell', size: 2 }],
      },
      null,
      2,
    );
    const r = await cli(['validate', 'm.json'], fileIn('m.json', text));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^m\.json:\d+:\d+: \$\.populations\[0\]\.model: unknown cell model 'LIFcell' \(did you mean 'LIFCell'\?\)/);
  });

  it('reports a missing file', async () => {
    const r = await cli(['validate', 'nope.json'], tempDir());
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'nope.json: no such project file\n' });
  });
});

describe('spikeflow check', () => {
  const good = 'model Leaky : cell\nparams\n  tau = 10 ms\ninputs\n  j : nA\nstates\n  v = 0 mV\nequations\n  dv/dt = (-v + 1 Mohm * j) / tau\n';

  it('prints ok for a clean model', async () => {
    const r = await cli(['check', 'leaky.sfm'], fileIn('leaky.sfm', good));
    expect(r).toEqual({ code: 0, stdout: 'ok: model Leaky (cell)\n', stderr: '' });
  });

  it('allows warnings', async () => {
    const src = good.replace('  tau = 10 ms\n', '  tau = 10 ms\n  unused = 3 mV\n');
    const r = await cli(['check', 'w.sfm'], fileIn('w.sfm', src));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^w\.sfm:4:3: warning: .*unused/m);
    expect(r.stdout).toMatch(/ok: model Leaky \(cell\)\n$/);
  });

  it('prints each diagnostic as file:line:col: severity: message and exits 1', async () => {
    const broken = good.replace('dv/dt = (-v + 1 Mohm * j) / tau', 'dv/dt = (-v + j + tau_n) / tau');
    const r = await cli(['check', 'broken.sfm'], fileIn('broken.sfm', broken));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^broken\.sfm:9:\d+: error: /m);
    expect(r.stderr).toContain("unknown identifier 'tau_n'");
    expect(r.stdout).not.toContain('ok:');
  });

  it('needs a file', async () => {
    const r = await cli(['check'], tempDir());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('missing <model-file>');
  });
});

describe('spikeflow models', () => {
  it('--json lists the library with defaults in declared units', async () => {
    const r = await cli(['models', '--json'], tempDir());
    expect(r.code).toBe(0);
    const models = JSON.parse(r.stdout) as { name: string; kind: string; origin: string; parameters: { name: string; default: number; unit: string; description: string }[]; inputs: { name: string; unit: string }[]; states: { name: string; unit: string }[] }[];
    const lif = models.find((m) => m.name === 'LIFCell');
    expect(lif).toMatchObject({ kind: 'cell', origin: 'ngclearn' });
    expect(lif?.parameters.find((p) => p.name === 'tau_m')).toMatchObject({ default: 10, unit: 'ms' });
    expect(lif?.parameters.find((p) => p.name === 'tau_m')?.description).toBeTruthy();
    expect(lif?.inputs).toContainEqual(expect.objectContaining({ name: 'j', unit: 'nA' }));
    expect(lif?.states).toContainEqual(expect.objectContaining({ name: 'v', unit: 'mV' }));
    expect(models.find((m) => m.name === 'HH')?.kind).toBe('channel');
    const hh = models.find((m) => m.name === 'HodgkinHuxley1952');
    for (const p of hh?.parameters ?? []) expect(p.default).toBe(Number(p.default.toPrecision(12)));
  });

  it('prints readable tables grouped by kind', async () => {
    const r = await cli(['models'], tempDir());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Cells \(\d+\)/);
    expect(r.stdout).toMatch(/\nChannels \(\d+\)/);
    expect(r.stdout.indexOf('LIFCell')).toBeLessThan(r.stdout.indexOf('Channels'));
    expect(r.stdout).toMatch(/\n {6}tau_m +10 +ms +membrane time constant/);
  });
});

describe('help and unknown commands', () => {
  it('--help and help <command> print usage and exit 0', async () => {
    const dir = tempDir();
    const overview = await cli(['--help'], dir);
    expect(overview.code).toBe(0);
    expect(overview.stdout).toContain('Usage: spikeflow <command>');
    for (const command of ['run', 'validate', 'check', 'models']) {
      const r = await cli(['help', command], dir);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: spikeflow ${command}`);
      expect((await cli([command, '--help'], dir)).stdout).toBe(r.stdout);
    }
  });

  it('an unknown command or no command exits 1 with the usage', async () => {
    const dir = tempDir();
    const r = await cli(['frobnicate'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("unknown command 'frobnicate'");
    expect(r.stderr).toContain('Usage: spikeflow <command>');
    expect((await cli([], dir)).code).toBe(1);
    expect((await cli(['help', 'nope'], dir)).code).toBe(1);
  });
});
