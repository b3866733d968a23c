import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireNodeGpu } from './gpu';
import { cli, removeTempDirs, tempDir } from './testing';

afterAll(removeTempDirs);

const base = {
  format: 'spikeflow-project',
  version: 1,
  name: 'test',
  simulation: { dtMs: 0.1, durationMs: 100, seed: 3 },
  populations: [{ id: 'exc', model: 'LIF', size: 5, params: { R: { dist: 'uniform', low: 0.9, high: 1.2 } } }],
  stimuli: [
    { type: 'step', id: 'drive', target: 'exc', amplitude: '15 nA', startMs: 10, stopMs: 90 },
    { type: 'noise', id: 'noise', target: 'exc', std: '10 nA' },
  ],
  recordings: [
    { population: 'exc', variables: ['v'], neurons: [0, 3] },
    { population: 'exc', variables: ['v'], neurons: [1], intervalMs: 0.5 },
  ],
};

function writeProject(dir: string, doc: unknown, name = 'project.json'): string {
  const file = join(dir, name);
  writeFileSync(file, typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2));
  return file;
}

async function runIn(doc: unknown, extra: string[] = []) {
  const dir = tempDir();
  writeProject(dir, doc);
  const result = await cli(['run', 'project.json', '--out', 'out', ...extra], dir);
  const out = join(dir, 'out');
  const read = (name: string) => readFileSync(join(out, name), 'utf8');
  return { ...result, dir, out, read };
}

describe('spikeflow run', () => {
  it('writes spikes.csv, traces.csv and summary.json with the documented headers', async () => {
    const r = await runIn(base);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(r.out).sort()).toEqual(['spikes.csv', 'summary.json', 'traces.csv']);
    const spikes = r.read('spikes.csv').split('\n');
    expect(spikes[0]).toBe('t_ms,population,neuron');
    expect(spikes.length).toBeGreaterThan(3);
    for (const row of spikes.slice(1, -1)) expect(row).toMatch(/^\d+(\.\d)?,exc,[0-4]$/);
    expect(spikes.at(-1)).toBe('');
    const traces = r.read('traces.csv').split('\n');
    expect(traces[0]).toBe('t_ms,exc[0].v,exc[3].v,exc[1].v');
    // stdout says where things went and sums up the run
    expect(r.stdout).toContain(`wrote ${join('out', 'spikes.csv')}`);
    expect(r.stdout).toContain(`wrote ${join('out', 'traces.csv')} (3 columns, 1000 rows)`);
    expect(r.stdout).toContain(`wrote ${join('out', 'summary.json')}`);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(/^test: 5 neurons, 1000 steps of 0.1 ms \(100 ms\) in \d+ ms .* spikes \(exc [\d.]+ Hz\)$/);
  });

  it('merges recordings with different intervals: union of times, empty cells where not sampled', async () => {
    const r = await runIn(base);
    const rows = r.read('traces.csv').trimEnd().split('\n').slice(1);
    expect(rows).toHaveLength(1000);
    expect(rows[0]).toMatch(/^0,-65,-65,-65$/);
    expect(rows[1]).toMatch(/^0\.1,[-\d.]+,[-\d.]+,$/);
    expect(rows[3]).toMatch(/^0\.3,[-\d.]+,[-\d.]+,$/);
    expect(rows[5]).toMatch(/^0\.5,[-\d.]+,[-\d.]+,[-\d.]+$/);
    expect(rows.at(-1)).toMatch(/^99\.9,[-\d.]+,[-\d.]+,$/);
    // times are the shortest decimals of step * dt: no 0.30000000000000004
    for (const row of rows) expect(row.split(',')[0]).toMatch(/^\d+(\.\d)?$/);
  });

  it('summary.json has the settings, timing, counts, rates and units', async () => {
    const r = await runIn(base, ['--precision', 'f64']);
    const s = JSON.parse(r.read('summary.json'));
    expect(s).toMatchObject({ name: 'test', dtMs: 0.1, durationMs: 100, steps: 1000, seed: 3, precision: 'f64', backend: 'cpu' });
    for (const key of ['wallMs', 'stepsPerSecond', 'neuronUpdatesPerSecond']) expect(typeof s[key]).toBe('number');
    const spikeRows = r.read('spikes.csv').trimEnd().split('\n').length - 1;
    expect(s.spikeCount).toBe(spikeRows);
    expect(s.populations).toHaveLength(1);
    const [pop] = s.populations;
    expect(pop).toMatchObject({ id: 'exc', model: 'LIF', size: 5, spikeCount: spikeRows });
    expect(pop.meanRateHz).toBeCloseTo(spikeRows / 5 / 0.1, 6);
    expect(pop.columns).toEqual({ 'exc[0].v': 'mV', 'exc[3].v': 'mV', 'exc[1].v': 'mV' });
    expect(s.traces).toEqual([
      { column: 'exc[0].v', unit: 'mV' },
      { column: 'exc[3].v', unit: 'mV' },
      { column: 'exc[1].v', unit: 'mV' },
    ]);
  });

  it('names the CPU kernel of each population; --no-simd keeps every population on JavaScript', async () => {
    const doc = {
      ...base,
      simulation: { ...base.simulation, precision: 'f32' },
      populations: [...base.populations, { id: 'quiet', model: 'LIF', size: 3 }],
      stimuli: [base.stimuli[0]],
    };
    const simd = await runIn(doc);
    expect(simd.code).toBe(0);
    const kernels = (r: typeof simd) => JSON.parse(r.read('summary.json')).populations.map((p: { cpuKernel: string }) => p.cpuKernel);
    expect(kernels(simd)).toEqual(['wasm-simd', 'wasm-simd']);
    expect(simd.stdout).toMatch(/on the CPU \(WebAssembly SIMD\)/);
    const js = await runIn(doc, ['--no-simd']);
    expect(kernels(js)).toEqual(['javascript', 'javascript']);
    expect(js.stdout).toMatch(/on the CPU \(JavaScript\)/);
    // A model the kernel cannot express (a population reduction in WTASCell's spike condition): the
    // run says so and steps that population with JavaScript.
    const wtas = await runIn({ ...doc, populations: [...doc.populations, { id: 'wta', model: 'WTASCell', size: 4 }] });
    expect(wtas.stdout).toContain("cpu: 'wta' steps with generated JavaScript, not the SIMD kernel: population reductions");
    expect(JSON.parse(wtas.read('summary.json')).populations[2]).toMatchObject({ cpuKernel: 'javascript', cpuKernelNote: expect.stringContaining('pop_sum') });
    expect(wtas.stdout).toMatch(/on the CPU \(exc: WebAssembly SIMD, quiet: WebAssembly SIMD, wta: JavaScript\)/);
  });

  it('--duration and --dt override the project', async () => {
    const r = await runIn(base, ['--duration', '20', '--dt', '0.05']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.read('summary.json'));
    expect(s).toMatchObject({ dtMs: 0.05, durationMs: 20, steps: 400 });
    expect(r.read('traces.csv').split('\n')[2]).toMatch(/^0\.05,/);
  });

  it('is reproducible: the same project with noise gives byte-identical spikes.csv and traces.csv', async () => {
    const a = await runIn(base);
    const b = await runIn(base);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(b.read('spikes.csv')).toBe(a.read('spikes.csv'));
    expect(b.read('traces.csv')).toBe(a.read('traces.csv'));
    const other = await runIn({ ...base, simulation: { ...base.simulation, seed: 4 } });
    expect(other.read('traces.csv')).not.toBe(a.read('traces.csv'));
  });

  it('replaces the files of an existing output directory and keeps unrelated ones', async () => {
    const dir = tempDir();
    writeProject(dir, base);
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out', 'spikes.csv'), 'old');
    writeFileSync(join(dir, 'out', 'notes.txt'), 'mine');
    const r = await cli(['run', 'project.json', '--out', 'out'], dir);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'out', 'spikes.csv'), 'utf8')).toMatch(/^t_ms,population,neuron\n/);
    expect(readFileSync(join(dir, 'out', 'notes.txt'), 'utf8')).toBe('mine');
    expect(readdirSync(dir).sort()).toEqual(['out', 'project.json']);
  });

  it('exit 2 on a numerical blow-up, naming population, neuron, variable and time, and writes nothing', async () => {
    const boom = {
      format: 'spikeflow-project',
      version: 1,
      simulation: { durationMs: 10 },
      models: { Boom: 'model Boom : cell\ninputs\n  j : nA\nstates\n  v = 1 mV\nequations\n  dv/dt = v*v/(1 ms*1 mV)\n' },
      populations: [{ id: 'exc', model: 'Boom', size: 2 }],
      recordings: [{ population: 'exc', variables: ['v'] }],
    };
    const dir = tempDir();
    writeProject(dir, boom);
    const r = await cli(['run', 'project.json', '--out', 'results/boom'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/exc\[0\]\.v became (Infinity|NaN|-Infinity) at t = [\d.]+ ms/);
    expect(readdirSync(dir)).toEqual(['project.json']);
  });

  it('exit 1 for bad arguments, with a pointer to the help', async () => {
    const dir = tempDir();
    writeProject(dir, base);
    const cases: [string[], RegExp][] = [
      [['run', 'project.json'], /--out <dir> is required/],
      [['run', '--out', 'o'], /missing <project\.json>/],
      [['run', 'project.json', 'extra', '--out', 'o'], /unexpected argument 'extra'/],
      [['run', 'project.json', '--out', 'o', '--bogus'], /Unknown option '--bogus'/],
      [['run', 'project.json', '--out', 'o', '--dt', 'abc'], /--dt: expected a number of milliseconds > 0, got 'abc'/],
      [['run', 'project.json', '--out', 'o', '--duration=-5'], /--duration: expected a number of milliseconds > 0, got '-5'/],
      [['run', 'project.json', '--out', 'o', '--duration', '-5'], /'--duration' argument is ambiguous; to specify an option argument starting with a dash use '--duration=-XYZ'/],
      [['run', 'project.json', '--out', 'o', '--precision', 'f16'], /--precision: expected one of f32, f64, got 'f16'/],
      [['run', 'project.json', '--out', 'o', '--dt', '5', '--duration', '1'], /must not exceed the duration/],
      [['run', 'missing.json', '--out', 'o'], /^missing\.json: no such project file/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(args, dir);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
    expect(readdirSync(dir)).toEqual(['project.json']);
  });

  it('--backend webgpu runs on the GPU where an adapter exists, and refuses with the reason where it cannot', async () => {
    const gpu = await acquireNodeGpu();
    const forced = await runIn(base, ['--backend', 'webgpu']);
    if (typeof gpu === 'string') {
      expect(forced.code).toBe(1);
      expect(forced.stderr).toContain(`--backend webgpu: ${gpu}; use --backend cpu or auto`);
      expect(existsSync(forced.out)).toBe(false);
    } else {
      gpu.device.destroy();
      expect(forced.code, forced.stderr).toBe(0);
      expect(forced.stdout).toContain(`backend: webgpu on ${gpu.adapterName}`);
      const summary = JSON.parse(forced.read('summary.json'));
      expect(summary).toMatchObject({ backend: 'webgpu', adapter: gpu.adapterName });
      expect(forced.read('spikes.csv')).toBe((await runIn(base)).read('spikes.csv'));
    }
    // A synapse whose on_pre reads the pre cell's v, which the same arrivals change, cannot run on the GPU yet: the project's own setting says where.
    const coupler = 'model Coupler : synapse\n\nparams\n  w = 0.1\n\ninputs\n  v : mV\n  v_pre : mV\n\non_pre\n  v += w * (v_pre - v)\n\ncurrent\n  i = 0.001 uS * (v_pre - v)\n';
    const network = { ...base, models: { Coupler: coupler }, projections: [{ id: 'ring', pre: 'exc', post: 'exc', synapse: 'Coupler', connectivity: { rule: 'all_to_all' } }] };
    const fromProject = await runIn({ ...network, simulation: { ...base.simulation, backend: 'webgpu' } });
    expect(fromProject.code).toBe(1);
    expect(fromProject.stderr).toMatch(/^project\.json: \$\.simulation\.backend: projection 'ring' \(Coupler\) reads 'v_pre' of 'exc', which its own arrivals change in the same step; the WebGPU backend applies such arrivals one by one, but not where it has a per-connection current; use --backend cpu or auto\n$/);
    expect(existsSync(fromProject.out)).toBe(false);
    // auto stays on the CPU and says why: here the synapse; on this machine also a software adapter.
    const auto = await runIn(network, ['--backend', 'auto']);
    expect(auto.code).toBe(0);
    expect(auto.stdout).toContain("backend: cpu (projection 'ring' (Coupler) reads 'v_pre' of 'exc'");
    expect(JSON.parse(auto.read('summary.json'))).toMatchObject({ backend: 'cpu', backendNote: expect.stringContaining("projection 'ring' (Coupler)") });
  });

  it('exit 1 for an invalid project, with file:line:col: $.path: message', async () => {
    const text = JSON.stringify({ ...base, populations: [{ id: 'exc', model: 'LIF', size: -3 }] }, null, 2);
    const r = await runIn(text);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^project\.json:\d+:\d+: \$\.populations\[0\]\.size: expected an integer >= 1, got -3\n/);
    expect(existsSync(r.out)).toBe(false);
  });

  it('exit 1 for model errors, printing each as Model:line:col: message', async () => {
    const doc = {
      ...base,
      models: { Bad: 'model Bad : cell\ninputs\n  j : nA\nstates\n  v = 1 mV\nequations\n  dv/dt = v + j\n' },
      populations: [{ id: 'exc', model: 'Bad', size: 2 }],
      stimuli: [],
      recordings: [],
    };
    const r = await runIn(doc);
    expect(r.code).toBe(1);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^project\.json:\d+:\d+: \$\.populations\[0\]\.model: model 'Bad' has errors/);
    expect(lines).toContain("Bad:7:11: unit mismatch in '+': v is mV but j is nA");
  });
});
