import { describe, expect, it } from 'vitest';
import { formatIssue, type ProjectIssue } from './errors';
import { checkModelNames, migrateProject, parseProject, parseProjectText } from './validate';

const minimal = {
  format: 'spikeflow-project',
  version: 1,
  simulation: { durationMs: 100 },
  populations: [
    { id: 'exc', model: 'LIF', size: 3 },
    { id: 'inh', model: 'LIF', size: 2 },
  ],
};

type Doc = Record<string, unknown>;
const withPop = (pop: Doc): Doc => ({ ...minimal, populations: [{ id: 'exc', model: 'LIF', size: 3, ...pop }] });

function issues(json: unknown): ProjectIssue[] {
  const r = parseProject(json);
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}
/** The one issue the document has, as `path: message`. */
function only(json: unknown): string {
  const e = issues(json);
  expect(e, e.map((i) => formatIssue(i)).join('\n')).toHaveLength(1);
  return formatIssue(e[0]);
}

describe('parseProject: valid documents', () => {
  it('accepts a minimal project and fills defaults', () => {
    const r = parseProject(minimal);
    if (!r.ok) throw new Error(r.errors.map((e) => formatIssue(e)).join('\n'));
    expect(r.project.simulation.dtMs).toBe(0.1);
    expect(r.project.populations[1].integrator).toBe('euler');
  });
  it('accepts a full project', () => {
    const r = parseProject({
      ...minimal,
      name: 'demo',
      description: 'all features',
      simulation: { dtMs: 0.025, durationMs: 500, seed: 42, backend: 'auto', precision: 'f64' },
      models: { MyCell: 'model MyCell : cell\n' },
      populations: [
        {
          id: 'soma',
          model: 'MyCell',
          size: 4,
          label: 'Soma',
          integrator: 'rk2',
          params: { a: 1, b: '-65 mV', c: [1, 2, 3, 4], d: { dist: 'normal', mean: '10 ms', std: '1 ms', min: '1 ms' } },
          init: { v: { dist: 'uniform', low: '-70 mV', high: '-60 mV' } },
          channels: [{ model: 'Na', params: { gbar: '0.12 S/cm2' }, init: { m: 0.05 } }, { model: 'K' }],
          oneSpike: true,
        },
        { id: 'izh', model: 'Izhikevich', size: 1, update: 'sequential', integrator: 'exponential_euler' },
      ],
      stimuli: [
        { type: 'step', id: 'i1', target: 'soma', amplitude: '0.5 nA', startMs: 10, stopMs: 200, neurons: [0, 3] },
        { type: 'ramp', id: 'i2', target: 'soma', from: 0, to: 1, stopMs: 100 },
        { type: 'pulses', id: 'i3', target: 'soma', amplitude: 1, widthMs: 2, periodMs: 10, count: 5 },
        { type: 'sine', id: 'i4', target: 'soma', amplitude: 1, frequencyHz: 10, offset: '0.1 nA', phaseDeg: 90 },
        { type: 'noise', id: 'i5', target: 'soma', mean: 0, std: '0.1 nA' },
        { type: 'expression', id: 'i6', target: 'izh', input: 'I', expression: '10 * sin(2*pi*t/(100 ms))' },
        { type: 'sampled', id: 'i7', target: 'izh', csv: 't_ms,I\n0,0\n10,5\n', interpolation: 'step' },
        { type: 'sampled', id: 'i8', target: 'izh', values: [0, 1, 2], sampleIntervalMs: 0.5 },
      ],
      recordings: [
        { population: 'soma', variables: ['v', 'Na.m'], neurons: 'all', intervalMs: 0.1 },
        { population: 'izh', variables: ['v', 'u'] },
      ],
      spikes: { populations: ['soma'] },
      layout: { soma: { x: 0, y: 0 } },
    });
    if (!r.ok) throw new Error(r.errors.map((e) => formatIssue(e)).join('\n'));
    expect(r.project.stimuli).toHaveLength(8);
  });
});

describe('parseProject: header', () => {
  it('rejects what is not a project', () => {
    expect(only([1])).toBe('this is not a Spikeflow project (expected a JSON object, got an array of 1)');
    expect(only({ version: 1 })).toBe(
      "$.format: this is not a Spikeflow project (format must be 'spikeflow-project', and it is missing)",
    );
    expect(only({ ...minimal, format: 'brian2' })).toBe(
      `$.format: this is not a Spikeflow project (format must be 'spikeflow-project', got "brian2")`,
    );
  });
  it('rejects unknown versions', () => {
    expect(only({ ...minimal, version: 2 })).toBe(
      '$.version: version 2 is newer than this Spikeflow understands (1); update Spikeflow to open it',
    );
    expect(only({ ...minimal, version: undefined })).toBe(
      "$.version: missing required field 'version' (this Spikeflow understands version 1)",
    );
    expect(only({ ...minimal, version: '1' })).toBe('$.version: expected version 1, got "1"');
    expect(only({ ...minimal, version: 0 })).toBe('$.version: expected version 1, got 0');
  });
});

describe('parseProject: schema errors name the path', () => {
  it('wrong numbers and types', () => {
    expect(only(withPop({ size: -3 }))).toBe('$.populations[0].size: expected an integer >= 1, got -3');
    expect(only(withPop({ size: 2.5 }))).toBe('$.populations[0].size: expected an integer >= 1, got 2.5');
    expect(only({ ...minimal, simulation: { durationMs: 0 } })).toBe(
      '$.simulation.durationMs: expected a duration in ms > 0, got 0',
    );
    expect(only({ ...minimal, simulation: { durationMs: 10, seed: 'x' } })).toBe(
      '$.simulation.seed: expected an integer seed, got "x"',
    );
    expect(only({ ...minimal, simulation: 5 })).toBe(
      '$.simulation: expected an object {dtMs, durationMs, seed, backend, precision}, got 5',
    );
  });
  it('missing required fields', () => {
    expect(only({ ...minimal, simulation: {} })).toBe(
      "$.simulation.durationMs: missing required field 'durationMs' (expected a duration in ms > 0)",
    );
    expect(only({ ...minimal, populations: undefined })).toBe(
      "$.populations: missing required field 'populations' (expected an array of populations)",
    );
  });
  it('unknown fields, with a suggestion or the allowed list', () => {
    expect(only(withPop({ sise: 3 }))).toBe("$.populations[0].sise: unknown field 'sise' (did you mean 'size'?)");
    expect(only({ ...minimal, simulation: { durationMs: 1, foo: 1 } })).toBe(
      "$.simulation.foo: unknown field 'foo'; allowed fields: dtMs, durationMs, seed, backend, precision",
    );
    expect(
      only({ ...minimal, stimuli: [{ type: 'step', id: 's', target: 'exc', amplitude: 1, stop: 5 }] }),
    ).toBe("$.stimuli[0].stop: unknown field 'stop' (did you mean 'stopMs'?)");
    expect(only(withPop({ params: { a: { dist: 'normal', mean: 0, std: 1, mni: 0 } } }))).toBe(
      "$.populations[0].params.a.mni: unknown field 'mni' (did you mean 'min'?)",
    );
  });
  it('enums with did-you-mean', () => {
    expect(only(withPop({ integrator: 'eulr' }))).toBe(
      "$.populations[0].integrator: expected an integrator: one of 'euler', 'rk1', 'midpoint', 'rk2', 'heun', 'rk2_heun', 'rk4', 'exponential_euler', 'exact', got \"eulr\" (did you mean 'euler'?)",
    );
    expect(only({ ...minimal, simulation: { durationMs: 1, backend: 'WebGPU' } })).toBe(
      `$.simulation.backend: expected one of 'cpu', 'webgpu', 'auto', got "WebGPU" (did you mean 'webgpu'?)`,
    );
  });
  it('parameter values', () => {
    expect(only(withPop({ params: { tau_m: '10 mss' } }))).toBe(
      `$.populations[0].params.tau_m: unknown unit 'mss' in "10 mss"`,
    );
    expect(only(withPop({ params: { tau_m: true } }))).toBe(
      `$.populations[0].params.tau_m: expected a number, a quantity string such as "-65 mV", an array of numbers (one per neuron) or a distribution {dist: 'uniform' | 'normal', ...}, got true`,
    );
    expect(only(withPop({ params: { w: [1, 'x', 3] } }))).toBe('$.populations[0].params.w[1]: expected a number, got "x"');
    expect(only(withPop({ params: { w: { dist: 'unif', low: 0, high: 1 } } }))).toBe(
      `$.populations[0].params.w.dist: expected one of 'uniform', 'normal', got "unif" (did you mean 'uniform'?)`,
    );
    expect(only(withPop({ params: { w: { dist: 'uniform', low: 0 } } }))).toBe(
      `$.populations[0].params.w.high: missing required field 'high' (expected a number or a quantity string such as "0.5 nA")`,
    );
    expect(only(withPop({ params: { 'tau m': 1 } }))).toBe(
      `$.populations[0].params["tau m"]: expected a parameter or state name (letters, digits and '_', starting with a letter), got "tau m"`,
    );
  });
  it('stimulus types', () => {
    expect(only({ ...minimal, stimuli: [{ type: 'stepp', id: 's', target: 'exc' }] })).toBe(
      `$.stimuli[0].type: expected one of 'step', 'ramp', 'pulses', 'sine', 'noise', 'expression', 'sampled', got "stepp" (did you mean 'step'?)`,
    );
    expect(only({ ...minimal, stimuli: [{ id: 's', target: 'exc' }] })).toBe(
      `$.stimuli[0].type: missing required field 'type' (one of 'step', 'ramp', 'pulses', 'sine', 'noise', 'expression', 'sampled')`,
    );
    expect(only({ ...minimal, stimuli: [5] })).toBe('$.stimuli[0]: expected a stimulus object, got 5');
    expect(only({ ...minimal, stimuli: [{ type: 'step', id: 's', target: 'exc', amplitude: 1, neurons: 'some' }] })).toBe(
      `$.stimuli[0].neurons: expected an array of neuron indices or 'all', got "some"`,
    );
  });
  it('recordings', () => {
    expect(only({ ...minimal, recordings: [{ population: 'exc', variables: [] }] })).toBe(
      '$.recordings[0].variables: expected a non-empty array of variable names, got an empty array',
    );
    expect(only({ ...minimal, recordings: [{ population: 'exc', variables: ['v'], neurons: [1.5] }] })).toBe(
      '$.recordings[0].neurons[0]: expected an integer >= 0, got 1.5',
    );
    expect(only({ ...minimal, recordings: [{ population: 'exc', variables: ['Na-m'] }] })).toBe(
      `$.recordings[0].variables[0]: expected a variable name such as 'v' or 'Na.m', got "Na-m"`,
    );
  });
});

describe('parseProject: cross-reference errors', () => {
  const cases: [string, Doc, string][] = [
    [
      'duplicate population ids',
      { ...minimal, populations: [...minimal.populations, { id: 'exc', model: 'LIF', size: 1 }] },
      "$.populations[2].id: duplicate population id 'exc' (also used by $.populations[0])",
    ],
    [
      'unknown stimulus target',
      { ...minimal, stimuli: [{ type: 'step', id: 's', target: 'lif', amplitude: 1 }] },
      "$.stimuli[0].target: unknown population 'lif'; populations are: exc, inh",
    ],
    [
      'unknown recording population, with a suggestion',
      { ...minimal, recordings: [{ population: 'Exc', variables: ['v'] }] },
      "$.recordings[0].population: unknown population 'Exc' (did you mean 'exc'?); populations are: exc, inh",
    ],
    [
      'unknown spike population',
      { ...minimal, spikes: { populations: ['foo'] } },
      "$.spikes.populations[0]: unknown population 'foo'; populations are: exc, inh",
    ],
    [
      'neuron index out of range',
      { ...minimal, recordings: [{ population: 'inh', variables: ['v'], neurons: [0, 2] }] },
      "$.recordings[0].neurons[1]: neuron 2 does not exist: population 'inh' has 2 neurons (0 to 1)",
    ],
    [
      'per-neuron array of the wrong length',
      withPop({ params: { tau_m: [1, 2] } }),
      "$.populations[0].params.tau_m: expected 3 values (one per neuron of 'exc'), got 2",
    ],
    [
      'uniform low above high',
      withPop({ init: { v: { dist: 'uniform', low: '-60 mV', high: '-70 mV' } } }),
      '$.populations[0].init.v.high: high (-70 mV) must not be below low (-60 mV)',
    ],
    [
      'distribution with mixed dimensions',
      withPop({ params: { g: { dist: 'normal', mean: '1 nS', std: '0.1 mV' } } }),
      '$.populations[0].params.g.std: std is in mV but mean is in nS; they must have the same dimension',
    ],
    [
      'negative std',
      withPop({ params: { g: { dist: 'normal', mean: 1, std: -1 } } }),
      '$.populations[0].params.g.std: expected a standard deviation >= 0, got -1',
    ],
    [
      'channel inserted twice',
      withPop({ channels: [{ model: 'Na' }, { model: 'Na' }] }),
      "$.populations[0].channels[1].model: channel 'Na' is already inserted in population 'exc' ($.populations[0].channels[0])",
    ],
    [
      'sequential update with rk4',
      withPop({ update: 'sequential', integrator: 'rk4' }),
      "$.populations[0].update: update 'sequential' works with integrator 'euler' or 'exponential_euler', not 'rk4'",
    ],
    [
      'dt longer than the run',
      { ...minimal, simulation: { dtMs: 1, durationMs: 0.5 } },
      '$.simulation.dtMs: the time step (1 ms) is longer than the simulation (durationMs = 0.5 ms)',
    ],
    [
      'duplicate stimulus ids',
      {
        ...minimal,
        stimuli: [
          { type: 'step', id: 's', target: 'exc', amplitude: 1 },
          { type: 'noise', id: 's', target: 'exc', std: 1 },
        ],
      },
      "$.stimuli[1].id: duplicate stimulus id 's' (also used by $.stimuli[0])",
    ],
    [
      'stop before start',
      { ...minimal, stimuli: [{ type: 'step', id: 's', target: 'exc', amplitude: 1, startMs: 10, stopMs: 5 }] },
      '$.stimuli[0].stopMs: stopMs (5) must be greater than startMs (10)',
    ],
    [
      'ramp without stopMs',
      { ...minimal, stimuli: [{ type: 'ramp', id: 'r', target: 'exc', from: 0, to: 1 }] },
      "$.stimuli[0].stopMs: missing required field 'stopMs' (a ramp reaches 'to' at stopMs)",
    ],
    [
      'pulse wider than its period',
      { ...minimal, stimuli: [{ type: 'pulses', id: 'p', target: 'exc', amplitude: 1, widthMs: 5, periodMs: 2 }] },
      '$.stimuli[0].widthMs: the pulse width (5 ms) is longer than the period (periodMs = 2 ms)',
    ],
    [
      'sampled with both values and csv',
      { ...minimal, stimuli: [{ type: 'sampled', id: 'd', target: 'exc', values: [1], csv: 't,a\n0,1\n' }] },
      "$.stimuli[0]: give exactly one of 'values' and 'csv', not both",
    ],
    [
      'sampled with neither',
      { ...minimal, stimuli: [{ type: 'sampled', id: 'd', target: 'exc' }] },
      "$.stimuli[0]: missing samples: give 'values' (with 'sampleIntervalMs') or 'csv'",
    ],
    [
      'sampled values without an interval',
      { ...minimal, stimuli: [{ type: 'sampled', id: 'd', target: 'exc', values: [1, 2] }] },
      "$.stimuli[0].sampleIntervalMs: missing required field 'sampleIntervalMs' (the time between 'values', in ms)",
    ],
    [
      'sampled CSV with a bad number',
      { ...minimal, stimuli: [{ type: 'sampled', id: 'd', target: 'exc', csv: 't_ms,I\n0,1\n1,x\n' }] },
      `$.stimuli[0].csv: CSV line 3, column 3: expected a number in column 'I', got "x"`,
    ],
    [
      'sampled CSV with an unknown column',
      { ...minimal, stimuli: [{ type: 'sampled', id: 'd', target: 'exc', csv: 't_ms,I_nA\n0,1\n', column: 'I_na' }] },
      "$.stimuli[0].column: the CSV has no column 'I_na' (did you mean 'I_nA'?); its data columns are 'I_nA'",
    ],
    [
      'sampled CSV with several data columns and no choice',
      { ...minimal, stimuli: [{ type: 'sampled', id: 'd', target: 'exc', csv: 't_ms,a,b\n0,1,2\n' }] },
      "$.stimuli[0].column: missing required field 'column': the CSV has 2 data columns ('a', 'b')",
    ],
    [
      'recording interval shorter than dt',
      { ...minimal, recordings: [{ population: 'exc', variables: ['v'], intervalMs: 0.01 }] },
      '$.recordings[0].intervalMs: the interval (0.01 ms) is shorter than the time step (dtMs = 0.1 ms)',
    ],
  ];
  for (const [name, doc, message] of cases) {
    it(name, () => expect(only(doc)).toBe(message));
  }
});

describe('parseProjectText', () => {
  it('parses valid text', () => {
    const r = parseProjectText(JSON.stringify(minimal, null, 2), 'ok.json');
    expect(r.ok).toBe(true);
  });
  it('reports JSON syntax errors with line and column', () => {
    const text = '{\n  "format": "spikeflow-project",\n  "version": 1,\n}\n';
    const r = parseProjectText(text, 'bad.json');
    if (r.ok) throw new Error('expected errors');
    expect(r.errors).toEqual([
      { path: '$', message: 'invalid JSON: trailing comma before } is not allowed in JSON', line: 4, column: 1 },
    ]);
    expect(formatIssue(r.errors[0], 'bad.json')).toBe(
      'bad.json:4:1: invalid JSON: trailing comma before } is not allowed in JSON',
    );
  });
  it('locates other syntax errors', () => {
    const at = (text: string) => {
      const r = parseProjectText(text);
      if (r.ok) throw new Error('expected errors');
      const e = r.errors[0];
      return `${e.line}:${e.column} ${e.path} ${e.message}`;
    };
    expect(at('{"a": }')).toBe('1:7 $.a invalid JSON: expected a value (a number, string, object, array, true, false or null), got \'}\'');
    expect(at('{\n  "a": 1\n  "b": 2\n}')).toBe(`3:3 $ invalid JSON: expected ',' or '}' after the value of "a", got '"'`);
    expect(at('{"a": [1, 2')).toBe(`1:12 $.a invalid JSON: expected ',' or ']' after an array element, got the end of the file`);
    expect(at("{'a': 1}")).toBe('1:2 $ invalid JSON: strings must use double quotes (") in JSON');
    expect(at('{"a": NaN}')).toBe('1:7 $.a invalid JSON: NaN is not a JSON value');
    expect(at('{"a": 1} // note')).toBe('1:10 $ invalid JSON: comments are not allowed in JSON');
    expect(at('{"a": "x\ny"}')).toBe('1:9 $.a invalid JSON: line break or control character inside a string (write \\n instead)');
    expect(at('{"a": 01}')).toBe('1:7 $.a invalid JSON: invalid number (no leading zeros, no trailing dot)');
    expect(at('[1] x')).toBe("1:5 $ invalid JSON: unexpected text after the end of the JSON document: 'x'");
    expect(at('  ')).toBe('1:1 $ the project file is empty; expected a Spikeflow project (JSON)');
  });
  it('gives schema errors the line and column of the offending key', () => {
    const text = [
      '{',
      '  "format": "spikeflow-project",',
      '  "version": 1,',
      '  "simulation": { "durationMs": 10 },',
      '  "populations": [',
      '    { "id": "a", "model": "LIF", "size": 0, "colour": 1 }',
      '  ]',
      '}',
    ].join('\r\n');
    const r = parseProjectText(text, 'p.json');
    if (r.ok) throw new Error('expected errors');
    expect(r.errors.map((e) => formatIssue(e, 'p.json'))).toEqual([
      'p.json:6:34: $.populations[0].size: expected an integer >= 1, got 0',
      "p.json:6:45: $.populations[0].colour: unknown field 'colour'; allowed fields: id, model, size, params, init, channels, integrator, update, oneSpike, label",
    ]);
  });
  it('points a missing field at its parent object', () => {
    const r = parseProjectText('{\n "format": "spikeflow-project", "version": 1,\n "simulation": {},\n "populations": []\n}');
    if (r.ok) throw new Error('expected errors');
    expect(r.errors[0]).toMatchObject({ path: '$.simulation.durationMs', line: 3, column: 2 });
  });
});

describe('checkModelNames', () => {
  const parsed = parseProject({
    ...minimal,
    models: { Mine: 'model Mine : cell' },
    populations: [
      { id: 'a', model: 'LIFcell', size: 1, channels: [{ model: 'Nav' }] },
      { id: 'b', model: 'Mine', size: 1 },
      { id: 'c', model: 'Completely', size: 1 },
    ],
  });
  if (!parsed.ok) throw new Error('fixture');
  it('names unknown models with a suggestion and the available ones', () => {
    expect(checkModelNames(parsed.project, ['LIFCell', 'Na', 'K'])).toEqual([
      {
        path: '$.populations[0].model',
        message: "unknown model 'LIFcell' (did you mean 'LIFCell'?); available models: K, LIFCell, Mine, Na",
      },
      {
        path: '$.populations[0].channels[0].model',
        message: "unknown model 'Nav' (did you mean 'Na'?); available models: K, LIFCell, Mine, Na",
      },
      {
        path: '$.populations[2].model',
        message: "unknown model 'Completely'; available models: K, LIFCell, Mine, Na",
      },
    ]);
  });
});

describe('migrateProject', () => {
  it('is the identity for v1 and leaves non-projects alone', () => {
    expect(migrateProject(minimal)).toBe(minimal);
    expect(migrateProject([1])).toEqual([1]);
    expect(migrateProject({ format: 'other', version: 0 })).toEqual({ format: 'other', version: 0 });
  });
});

describe('docs/project-format.md', () => {
  it('every JSON example in the format reference is a valid project', async () => {
    const { readFileSync } = await import('node:fs');
    const md = readFileSync(new URL('../../docs/project-format.md', import.meta.url), 'utf8');
    const blocks = [...md.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    for (const block of blocks) {
      const r = parseProjectText(block, 'example.json');
      expect(r.ok ? [] : r.errors.map((e) => formatIssue(e, 'example.json'))).toEqual([]);
    }
  });
});
