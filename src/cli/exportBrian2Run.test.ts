/**
 * Runs exported scripts in Brian2 and compares them with the engine (f64). Needs the system Python
 * with Brian2 (`/usr/bin/python3`, Debian's python3-brian); where it is missing the tests are
 * skipped and say so. All scripts run in one Python process (Brian2's import is the slow part).
 *
 * Deterministic single cells and networks: the same spikes (population, neuron) within one step.
 * Projects with random draws (distributions, noise, random connectivity, Poisson sources): Brian2
 * draws other numbers, so the rates per population are compared instead.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProject } from '../engine';
import { parseProject } from '../project/validate';
import { exportBrian2Script } from '../export';

const PYTHON = '/usr/bin/python3';
/** find_spec, not import: answers in milliseconds where importing Brian2 takes seconds. */
const probe = spawnSync(PYTHON, ['-c', "import importlib.util, sys; sys.exit(0 if importlib.util.find_spec('brian2') else 1)"], { encoding: 'utf8' });
const brian2Available = probe.status === 0;
const SKIP_REASON = `skipped: Brian2 is not installed for ${PYTHON} (apt install python3-brian)`;
if (!brian2Available) console.warn(`exportBrian2Run.test.ts: ${SKIP_REASON}`);

interface Case {
  readonly name: string;
  readonly json: Record<string, unknown>;
  readonly durationMs: number;
  readonly compare: 'identical' | 'rates';
}

const example = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(`../../examples/${name}.json`, import.meta.url), 'utf8'));

/** jaxley_network with one conductance per projection instead of a drawn one: fully deterministic. */
function jaxleyFixed(): Record<string, unknown> {
  const json = example('jaxley_network') as { projections: { params: Record<string, unknown> }[] };
  json.projections[0].params.gS = '-0.1 uS';
  json.projections[1].params.gS = '0.04 uS';
  return json as unknown as Record<string, unknown>;
}

const CASES: Case[] = [
  { name: 'LIF', json: example('LIF'), durationMs: 100, compare: 'identical' },
  { name: 'Izhikevich2003', json: example('Izhikevich2003'), durationMs: 100, compare: 'identical' },
  { name: 'HodgkinHuxley1952', json: example('HodgkinHuxley1952'), durationMs: 40, compare: 'identical' },
  { name: 'Compartment_Izhikevich', json: example('Compartment_Izhikevich'), durationMs: 100, compare: 'identical' },
  { name: 'jaxley_network_fixed', json: jaxleyFixed(), durationMs: 100, compare: 'identical' },
  { name: 'default', json: example('default'), durationMs: 300, compare: 'rates' },
  { name: 'stdp_demo', json: example('stdp_demo'), durationMs: 300, compare: 'rates' },
];

/** Imports each script once and runs it; the first through its command line (main), the rest through build_and_run. */
const DRIVER = `
import importlib.util, json, sys, traceback
jobs = json.load(open(sys.argv[1]))
for k, job in enumerate(jobs):
    try:
        spec = importlib.util.spec_from_file_location('exported_%d' % k, job['script'])
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        if k == 0:
            sys.argv = [job['script'], '--out', job['out'], '--duration-ms', str(job['duration'])]
            module.main()
        else:
            module.build_and_run(job['duration'], job['out'])
        print('DONE', job['name'], flush=True)
    except Exception:
        print('FAIL', job['name'], flush=True)
        traceback.print_exc()
`;

interface Spike {
  readonly tMs: number;
  readonly population: string;
  readonly neuron: number;
}

const readSpikes = (file: string): Spike[] =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((row) => {
      const [t, population, neuron] = row.split(',');
      return { tMs: Number(t), population, neuron: Number(neuron) };
    });

/** Skipped where Brian2 is missing, with the reason in the test's name. */
const brian2It = (name: string, test: () => void) => it.skipIf(!brian2Available)(brian2Available ? name : `${name} (${SKIP_REASON})`, test);

describe('exported Brian2 scripts against the engine', () => {
  const dir = brian2Available ? mkdtempSync(join(tmpdir(), 'spikeflow-brian2-')) : '';
  let log = '';
  const engine = new Map<string, ReturnType<typeof runProject>>();

  beforeAll(() => {
    if (!brian2Available) return;
    const jobs = CASES.map((c) => {
      const parsed = parseProject(c.json);
      if (!parsed.ok) throw new Error(`${c.name}: ${JSON.stringify(parsed.errors)}`);
      const script = join(dir, `${c.name}.py`);
      writeFileSync(script, exportBrian2Script(parsed.project).script);
      const out = join(dir, c.name);
      mkdirSync(out);
      engine.set(c.name, runProject(c.json, { precision: 'f64', durationMs: c.durationMs }));
      return { name: c.name, script, out, duration: c.durationMs };
    });
    writeFileSync(join(dir, 'jobs.json'), JSON.stringify(jobs));
    writeFileSync(join(dir, 'driver.py'), DRIVER);
    const run = spawnSync(PYTHON, [join(dir, 'driver.py'), join(dir, 'jobs.json')], { encoding: 'utf8', timeout: 170_000, maxBuffer: 64 * 1024 * 1024 });
    log = `${run.stdout}\n${run.stderr}`;
  }, 180_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const brian2Spikes = (name: string): Spike[] => {
    expect(log, `Brian2 output of ${name}`).toContain(`DONE ${name}`);
    return readSpikes(join(dir, name, 'spikes.csv'));
  };
  const engineSpikes = (name: string): Spike[] => {
    const { spikes } = engine.get(name)!;
    return Array.from(spikes.tMs, (tMs, k) => ({ tMs, population: spikes.population[k], neuron: spikes.neuron[k] }));
  };

  for (const c of CASES.filter((x) => x.compare === 'identical')) {
    brian2It(`${c.name}: the same spikes within one step (${c.durationMs} ms)`, () => {
      const dtMs = (c.json.simulation as { dtMs: number }).dtMs;
      const ours = engineSpikes(c.name);
      const theirs = brian2Spikes(c.name);
      expect(ours.length).toBeGreaterThan(0);
      expect(theirs.map((s) => `${s.population}[${s.neuron}]`)).toEqual(ours.map((s) => `${s.population}[${s.neuron}]`));
      ours.forEach((s, k) => expect(Math.abs(theirs[k].tMs - s.tMs), `spike ${k} of ${s.population}[${s.neuron}] at ${s.tMs} ms`).toBeLessThanOrEqual(dtMs * 1.000001));
    });
  }

  brian2It('LIF: the same membrane potential trace, in the same traces.csv columns', () => {
    brian2Spikes('LIF');
    const rows = readFileSync(join(dir, 'LIF', 'traces.csv'), 'utf8').trim().split('\n');
    expect(rows[0]).toBe('t_ms,cell[0].v');
    const { recordings } = engine.get('LIF')!;
    expect(rows.length - 1).toBe(recordings[0].timesMs.length);
    rows.slice(1).forEach((row, k) => {
      const [t, v] = row.split(',').map(Number);
      expect(t).toBeCloseTo(recordings[0].timesMs[k], 9);
      expect(Math.abs(v - recordings[0].values[k])).toBeLessThan(1e-9);
    });
  });

  for (const c of CASES.filter((x) => x.compare === 'rates')) {
    brian2It(`${c.name}: similar rates per population (random draws differ; ${c.durationMs} ms)`, () => {
      const theirs = brian2Spikes(c.name);
      const ours = engineSpikes(c.name);
      const populations = (c.json.populations as { id: string }[]).map((p) => p.id);
      for (const id of populations) {
        const a = ours.filter((s) => s.population === id).length;
        const b = theirs.filter((s) => s.population === id).length;
        expect(a, `${id}: engine spikes`).toBeGreaterThan(20);
        expect(Math.abs(b - a) / a, `${id}: ${a} spikes in the engine, ${b} in Brian2`).toBeLessThan(0.35);
      }
    });
  }
});
