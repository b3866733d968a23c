import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { syntheticTargets } from '../fit/synthetic';
import { parseProject } from '../project/validate';
import { parseCsv } from '../project/csv';
import { cli, removeTempDirs, tempDir } from './testing';

afterAll(removeTempDirs);

type Json = Record<string, unknown>;

/** A LIF cell below threshold (a smooth trace: a few LM iterations find τm), 60 ms at dt 0.1 ms. */
function lif(fit: Json | undefined, amplitude = '1 nA'): Json {
  return {
    format: 'spikeflow-project',
    version: 1,
    name: 'LIF fit',
    simulation: { dtMs: 0.1, durationMs: 60, seed: 1, precision: 'f64' },
    populations: [{ id: 'cell', model: 'LIF', size: 1, integrator: 'euler' }],
    stimuli: [{ type: 'step', id: 'step', target: 'cell', input: 'j', amplitude, startMs: 5 }],
    ...(fit ? { fit } : {}),
  };
}

const FIT = { population: 'cell', params: [{ name: 'tau_m', min: 2, max: 40 }], optimizer: { kind: 'lm', iterations: 8 } };

/** The target of `doc`'s fit at τm = 14 ms (the project starts at the library's 10 ms). */
function synthetic(doc: Json) {
  const parsed = parseProject(doc);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return syntheticTargets(parsed.project, { tau_m: 14 })[0];
}

function traceCsv(doc: Json): string {
  const { trace } = synthetic(doc);
  return ['# synthetic LIF trace, tau_m = 14 ms', 't (ms), v (mV)', ...trace.timesMs.map((t, i) => `${t},${trace.values[i]}`)].join('\n');
}

function dirWith(files: Record<string, string | Json>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return dir;
}

const read = (dir: string, ...path: string[]) => readFileSync(join(dir, ...path), 'utf8');

describe('spikeflow fit', () => {
  it('fits τm of a LIF cell to a synthetic trace CSV and writes the fitted values, a runnable project and the loss history', async () => {
    const doc = lif(FIT);
    const dir = dirWith({ 'p.json': doc, 'target.csv': traceCsv(doc) });
    const r = await cli(['fit', 'p.json', '--target', 'target.csv', '--out', 'out'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^fitting tau_m of 'cell' in p\.json to target\.csv: 1 case, loss trace-mse, lm, 8 iterations\n/);
    expect(r.stdout).toMatch(/^iter 1\/8 {2}loss \S+ {2}tau_m = 10 ms/m);
    expect(r.stdout).toMatch(/^iter 8\/8 /m);
    expect(r.stdout).toMatch(/^ {2}tau_m = 14(\.\d+)? ms {2}\(started at 10 ms\)$/m);
    expect(r.stdout).toContain(`wrote ${join('out', 'fitted-project.json')}`);

    const report = JSON.parse(read(dir, 'out', 'fitted-params.json'));
    expect(report).toMatchObject({ project: 'p.json', population: 'cell', optimizer: 'lm', cases: 1, iterations: 8, fittedProject: 'fitted-project.json' });
    expect(report.params).toHaveLength(1);
    expect(report.params[0]).toMatchObject({ name: 'tau_m', unit: 'ms', initial: 10, min: 2, max: 40 });
    expect(Math.abs(report.params[0].value - 14) / 14).toBeLessThan(1e-3);
    expect(report.best.loss).toBeLessThan(1e-6);

    const history = parseCsv(read(dir, 'out', 'loss-history.csv'), { increasingTime: true });
    if (!history.ok) throw new Error(JSON.stringify(history.errors));
    expect(history.table.columns).toEqual(['iteration', 'evaluations', 'loss', 'tau_m (ms)']);
    expect(Array.from(history.table.values[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(history.table.values[3][0]).toBe(10);
    const losses = Array.from(history.table.values[2]);
    expect(Math.min(...losses)).toBeCloseTo(report.best.loss, 12);
    expect(losses[0]).toBeGreaterThan(1e3 * Math.min(...losses));

    // The fitted project is the user's document with the value applied, and runs as it is.
    const fitted = JSON.parse(read(dir, 'out', 'fitted-project.json'));
    expect(fitted.name).toBe('LIF fit');
    expect(fitted.populations[0].params.tau_m).toMatch(/^14(\.\d+)? ms$/);
    expect(fitted.fit.cases[0].trace.unit).toBe('mV');
    expect(fitted.fit.cases[0].trace.timesMs).toHaveLength(600);
    const run = await cli(['run', join('out', 'fitted-project.json'), '--out', 'run'], dir);
    expect(run.code).toBe(0);
    // Fitted again from its own result, the fit starts where it ended.
    const again = await cli(['fit', join('out', 'fitted-project.json'), '--out', 'again', '--iterations', '1'], dir);
    expect(again.code).toBe(0);
    expect(JSON.parse(read(dir, 'again', 'fitted-params.json')).params[0].initial).toBeCloseTo(report.params[0].value, 9);
  });

  it('fits to spike times from a one-column CSV with the loss and optimiser given as options', async () => {
    const doc = lif({ population: 'cell', params: [{ name: 'tau_m', min: 4, max: 30 }] }, '40 nA');
    const spikes = synthetic(doc).spikeTimesMs;
    expect(spikes.length).toBeGreaterThan(3);
    // Unsorted and in seconds: the CSV's header says so.
    const csv = ['spike_time (s)', ...[...spikes].reverse().map((t) => String(t / 1000))].join('\n');
    const dir = dirWith({ 'p.json': doc, 'spikes.csv': csv });
    // Latency and ISIs vary smoothly with τm (a spike count is a staircase): one basin for CMA-ES.
    const r = await cli(['fit', 'p.json', '--target', 'spikes.csv', '--loss', 'first-spike,isi:0.5', '--optimizer', 'cmaes', '--iterations', '30', '--out', 'out'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('loss first-spike + isi×0.5, cmaes (sigma0 0.3, seed 1), 30 iterations');
    const report = JSON.parse(read(dir, 'out', 'fitted-params.json'));
    expect(report.optimizer).toBe('cmaes');
    expect(report.loss).toEqual([{ kind: 'first-spike', weight: 1 }, { kind: 'isi', weight: 0.5 }]);
    expect(Math.abs(report.params[0].value - 14) / 14).toBeLessThan(0.02);
    const fitted = JSON.parse(read(dir, 'out', 'fitted-project.json'));
    expect(fitted.fit.cases[0].spikeTimesMs).toHaveLength(spikes.length);
    fitted.fit.cases[0].spikeTimesMs.forEach((t: number, i: number) => expect(t).toBeCloseTo(spikes[i], 9));
    expect(fitted.fit.optimizer).toEqual({ kind: 'cmaes', iterations: 30 });
  });

  it('options override the fit section: --params keeps the bounds the project gives, --loss keeps term settings', async () => {
    const fit = {
      population: 'cell',
      params: [{ name: 'R', min: 0.5, max: 3 }, { name: 'tau_m', min: 2, max: 40, transform: 'sigmoid' }],
      loss: [{ kind: 'trace-mse', startMs: 5, weight: 3 }],
      optimizer: { kind: 'lm', iterations: 50 },
    };
    const doc = lif(fit);
    const dir = dirWith({ 'p.json': doc, 'target.csv': traceCsv(lif(FIT)) });
    const r = await cli(['fit', 'p.json', '--target', 'target.csv', '--params', 'tau_m', '--loss', 'trace-mse:2', '--optimizer', 'adam', '--lr', '0.2', '--iterations', '3', '--out', 'out'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const fitted = JSON.parse(read(dir, 'out', 'fitted-project.json'));
    expect(fitted.fit.params).toEqual([{ name: 'tau_m', min: 2, max: 40, transform: 'sigmoid' }]);
    expect(fitted.fit.loss).toEqual([{ kind: 'trace-mse', startMs: 5, weight: 2 }]);
    expect(fitted.fit.optimizer).toEqual({ kind: 'adam', iterations: 3, learningRate: 0.2 });
    expect(read(dir, 'out', 'loss-history.csv').trim().split('\n')).toHaveLength(4);
  });

  it('a project without a fit section is fitted with --params and --target (its only population)', async () => {
    const dir = dirWith({ 'p.json': lif(undefined), 'target.csv': traceCsv(lif(FIT)) });
    const r = await cli(['fit', 'p.json', '--params', 'tau_m', '--target', 'target.csv', '--optimizer', 'lm', '--iterations', '8', '--out', 'out'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(read(dir, 'out', 'fitted-params.json'));
    expect(report.params[0]).toMatchObject({ name: 'tau_m', unit: 'ms', initial: 10 });
    expect(report.params[0]).not.toHaveProperty('min');
    expect(Math.abs(report.params[0].value - 14) / 14).toBeLessThan(1e-3);
  });

  it('a fit that fails while running exits 2, says where, and writes nothing', async () => {
    // A negative, untransformed time constant: the membrane runs away and the loss overflows.
    const doc = lif({ population: 'cell', params: [{ name: 'tau_m', transform: 'none' }], optimizer: { kind: 'adam', iterations: 20 } });
    (doc.populations as Json[])[0].params = { tau_m: '-0.05 ms' };
    const dir = dirWith({ 'p.json': doc, 'target.csv': traceCsv(lif(FIT)) });
    const r = await cli(['fit', 'p.json', '--target', 'target.csv', '--out', 'out'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^p\.json: the fit failed at iteration 1: the gradient is not finite/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});

describe('spikeflow fit: bad input exits 1 with a message naming the option, file, line or JSON path', () => {
  const target = traceCsv(lif(FIT));
  const cases: [string, string[], Record<string, string | Json>, RegExp][] = [
    ['no --out', ['p.json', '--target', 't.csv'], {}, /^spikeflow fit: --out <dir> is required\nrun 'spikeflow help fit' for usage\n$/],
    ['no project', ['--out', 'out'], {}, /^spikeflow fit: missing <project\.json>/],
    ['an unknown option', ['p.json', '--out', 'out', '--tolerance', '1'], {}, /^spikeflow fit: Unknown option '--tolerance'/],
    ['an unknown optimiser', ['p.json', '--out', 'out', '--optimizer', 'newton'], {}, /^--optimizer: expected one of adam, sgd, cmaes, lm, got 'newton'/],
    ['an unknown loss', ['p.json', '--out', 'out', '--loss', 'mse'], {}, /^--loss: expected one of trace-mse, spike-count, rate, first-spike, van-rossum, isi, got 'mse'/],
    ['a bad loss weight', ['p.json', '--out', 'out', '--loss', 'trace-mse:heavy'], {}, /^--loss: expected KIND or KIND:WEIGHT with a weight >= 0 \(e\.g\. 'van-rossum:0\.5'\), got 'trace-mse:heavy'/],
    ['a loss given twice', ['p.json', '--out', 'out', '--loss', 'isi', '--loss', 'isi:2'], {}, /^--loss: 'isi' is given twice/],
    ['zero iterations', ['p.json', '--out', 'out', '--iterations', '0'], {}, /^--iterations: expected a whole number >= 1, got '0'/],
    ['fractional iterations', ['p.json', '--out', 'out', '--iterations', '2.5'], {}, /^--iterations: expected a whole number >= 1, got '2\.5'/],
    ['a zero learning rate', ['p.json', '--out', 'out', '--lr=0'], {}, /^--lr: expected a number > 0, got '0'/],
    ['a malformed parameter name', ['p.json', '--out', 'out', '--params', 'tau m'], {}, /^--params: 'tau m' is not a parameter name/],
    ['an empty parameter name', ['p.json', '--out', 'out', '--params', 'tau_m,'], {}, /^--params: expected comma-separated parameter names/],
    ['a missing project file', ['nope.json', '--out', 'out'], {}, /^nope\.json: no such project file/],
    ['a missing target file', ['p.json', '--out', 'out', '--target', 'nope.csv'], { 'p.json': lif(FIT) }, /^nope\.csv: no such target file/],
    ['an unknown parameter', ['p.json', '--out', 'out', '--params', 'tau_m,tau_x', '--target', 't.csv'], { 'p.json': lif(FIT), 't.csv': target }, /^p\.json with --params: 'tau_x' is not a parameter of population 'cell'; its parameters are: tau_m, R, v_rest/],
    ['no target data', ['p.json', '--out', 'out'], { 'p.json': lif(FIT) }, /^p\.json: \$\.fit\.cases\[0\]: the loss 'trace-mse' needs a target trace, but the fit has no cases; give --target with a "t \(ms\), v \(mV\)" CSV, or set fit\.cases\[0\]\.trace/],
    ['a trace for a spike loss', ['p.json', '--out', 'out', '--target', 't.csv', '--loss', 'van-rossum'], { 'p.json': lif(FIT), 't.csv': target }, /^t\.csv: the loss 'van-rossum' needs target spike times, but --target gave a trace/],
    ['LM with a spike loss', ['p.json', '--out', 'out', '--target', 's.csv', '--loss', 'spike-count'], { 'p.json': lif(FIT), 's.csv': 'spike_time (ms)\n12\n30\n' }, /^p\.json: \$\.fit\.optimizer: Levenberg–Marquardt fits trace-mse loss terms only/],
    ['a CSV with a word for a number', ['p.json', '--out', 'out', '--target', 't.csv'], { 'p.json': lif(FIT), 't.csv': 't (ms), v (mV)\n0, -65\n0.1, oops\n' }, /^t\.csv:3:6: expected a number in column 'v \(mV\)', got "oops"/],
    ['a CSV whose values are not voltages', ['p.json', '--out', 'out', '--target', 't.csv'], { 'p.json': lif(FIT), 't.csv': 't (ms), I (nA)\n0, 1\n1, 2\n' }, /^t\.csv:1: column 'I \(nA\)' is in nA, which cannot be compared with v \(in mV\)/],
    ['a CSV whose first column is not a time', ['p.json', '--out', 'out', '--target', 't.csv'], { 'p.json': lif(FIT), 't.csv': 'v (mV), t (ms)\n-65, 0\n-64, 1\n' }, /^t\.csv:1: the first column 'v \(mV\)' must be a time, but 'mV' is not a unit of time/],
    ['an empty CSV', ['p.json', '--out', 'out', '--target', 't.csv'], { 'p.json': lif(FIT), 't.csv': '# nothing\n' }, /^t\.csv: the target CSV is empty/],
    [
      'two populations and no fit section',
      ['p.json', '--out', 'out', '--params', 'tau_m'],
      { 'p.json': { ...lif(undefined), populations: [{ id: 'a', model: 'LIF', size: 1 }, { id: 'b', model: 'LIF', size: 1 }], stimuli: [] } },
      /^p\.json: the project has no fit section, and with 2 populations the fitted one is not obvious/,
    ],
    ['a bad fit section in the file', ['p.json', '--out', 'out'], { 'p.json': JSON.stringify(lif({ ...FIT, optimizer: { kind: 'lm', iterations: -1 } }), null, 2) }, /^p\.json:\d+:\d+: \$\.fit\.optimizer\.iterations: expected an integer >= 1/],
    ['bounds the wrong way round', ['p.json', '--out', 'out', '--target', 't.csv'], { 'p.json': JSON.stringify(lif({ ...FIT, params: [{ name: 'tau_m', min: 40, max: 2 }] }), null, 2), 't.csv': target }, /^p\.json:\d+:\d+: \$\.fit\.params\[0\]: min must be below max/],
  ];

  it.each(cases)('%s', async (_, args, files, message) => {
    const dir = dirWith(files);
    const r = await cli(['fit', ...args], dir);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(1);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('fits the weights of two input projections (syn:PROJECTION.w) from the voltage trace and writes them into the projections', async () => {
    // Two regular spike trains into a LIF cell below threshold: one excitatory, one inhibitory.
    const doc: Json = {
      ...lif(undefined, '8 nA'),
      populations: [
        { id: 'exc', model: 'RegularSource', size: 2, params: { rate: [45, 60], phase: [2, 5] } },
        { id: 'inh', model: 'RegularSource', size: 1, params: { rate: 35, phase: 9 } },
        { id: 'cell', model: 'LIF', size: 1, integrator: 'euler' },
      ],
      projections: [
        { id: 'e_in', pre: 'exc', post: 'cell', synapse: 'ExpCurrent', connectivity: { rule: 'all_to_all' }, weight: '0.5 nA', delayMs: 1 },
        { id: 'i_in', pre: 'inh', post: 'cell', synapse: 'ExpCurrent', connectivity: { rule: 'all_to_all' }, params: { w: '-0.5 nA', tau: '8 ms' } },
      ],
      fit: { population: 'cell', params: [{ name: 'syn:e_in.w' }, { name: 'syn:i_in.w' }], optimizer: { kind: 'lm', iterations: 10 } },
    };
    const parsed = parseProject(doc);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const { trace } = syntheticTargets(parsed.project, { 'syn:e_in.w': 1.2, 'syn:i_in.w': -0.8 })[0];
    const csv = ['t (ms), v (mV)', ...trace.timesMs.map((t, i) => `${t},${trace.values[i]}`)].join('\n');
    const dir = dirWith({ 'p.json': doc, 'target.csv': csv });
    const r = await cli(['fit', 'p.json', '--target', 'target.csv', '--out', 'out'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^fitting syn:e_in\.w, syn:i_in\.w of 'cell'/);
    const report = JSON.parse(read(dir, 'out', 'fitted-params.json'));
    expect(report.params.map((p: Json) => [p.name, p.unit, p.initial])).toEqual([
      ['syn:e_in.w', 'nA', 0.5],
      ['syn:i_in.w', 'nA', -0.5],
    ]);
    expect(Math.abs(report.params[0].value - 1.2) / 1.2).toBeLessThan(1e-4);
    expect(Math.abs(report.params[1].value + 0.8) / 0.8).toBeLessThan(1e-4);
    // Written where the project had them: the weight field of one projection, params.w of the other.
    const fitted = JSON.parse(read(dir, 'out', 'fitted-project.json'));
    expect(fitted.projections[0].weight).toMatch(/^1\.2(0*\d*)? nA$/);
    expect(fitted.projections[1].params).toMatchObject({ tau: '8 ms' });
    expect(fitted.projections[1].params.w).toMatch(/^-0\.(8|79{3,})\d* nA$/);
    expect(parseProject(fitted).ok).toBe(true);
  });

  it('a recurrent network (examples/fit_network.json): the whole network is differentiated, and the report says so', async () => {
    const doc = JSON.parse(readFileSync(new URL('../../examples/fit_network.json', import.meta.url), 'utf8')) as Json;
    const dir = dirWith({ 'p.json': doc });
    const r = await cli(['fit', 'p.json', '--iterations', '150', '--out', 'out'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^fitting syn:drive_exc\.w, syn:inh_exc\.w of 'exc' in p\.json: 1 case, network gradient over 50 cells \(synapses: spike-times\)/);
    const report = JSON.parse(read(dir, 'out', 'fitted-params.json'));
    expect(report).toMatchObject({ gradient: 'network', simulatedNeurons: 50 });
    expect(Math.abs(report.params[0].value / 3 - 1)).toBeLessThan(0.02);
    expect(Math.abs(report.params[1].value / -3 - 1)).toBeLessThan(0.02);
  });

  it('help fit shows the options, and the overview lists the command', async () => {
    const help = await cli(['help', 'fit'], tempDir());
    expect(help.code).toBe(0);
    for (const option of ['--target', '--params', '--loss', '--optimizer', '--iterations', '--lr', '--out']) expect(help.stdout).toContain(option);
    expect(help.stdout).toContain('fitted-params.json');
    expect((await cli(['fit', '--help'], tempDir())).stdout).toBe(help.stdout);
    expect((await cli(['--help'], tempDir())).stdout).toMatch(/^ {2}fit <project\.json> --out <dir> {3}fit parameters/m);
  });
});
