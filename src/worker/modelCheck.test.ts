import { describe, expect, it } from 'vitest';
import { answerModelRequest, checkModelSource } from './modelCheck';
import type { ModelWorkerRequest } from './modelProtocol';

/** A sodium-like channel; `bug` adds a deliberate unit error to its current on line 12. */
const channel = (bug = false) => `## A persistent sodium current.
model MyNa : channel
params
  gNa = 0.12 S/cm2   # maximal conductance
  ENa = 50 mV        # reversal potential
inputs
  v : mV
states
  m = steady
equations
  dm/dt = (1 - m) / (1 ms) - m / (2 ms)
current
  i = gNa * m * (v - ENa)${bug ? ' + v' : ''}
`;

describe('checkModelSource', () => {
  it('puts a unit error at its line and columns (1-based, end column exclusive)', () => {
    const result = checkModelSource(channel(true), {});
    expect(result.diagnostics).toEqual([
      {
        line: 13,
        col: 7,
        endLine: 13,
        endCol: 7 + 'gNa * m * (v - ENa) + v'.length,
        severity: 'error',
        code: 'unit-mismatch',
        message: "unit mismatch in '+': the expression is nA/um2 but v is mV",
      },
    ]);
    expect(result.info).toBeUndefined();
    expect(result.name).toBe('MyNa');
  });

  it('describes a model that compiles as the palette and inspector will see it', () => {
    const result = checkModelSource(channel(), {});
    expect(result.diagnostics).toEqual([]);
    expect(result.name).toBe('MyNa');
    expect(result.info).toMatchObject({
      name: 'MyNa',
      kind: 'channel',
      origin: 'project',
      summary: 'A persistent sodium current.',
      params: [
        { name: 'gNa', unit: 'S/cm2', defaultValue: 0.12, description: 'maximal conductance' },
        { name: 'ENa', unit: 'mV', defaultValue: 50, description: 'reversal potential' },
      ],
      inputs: [{ name: 'v', unit: 'mV' }],
      states: [{ name: 'm' }],
    });
  });

  it('reports warnings with the info (a model with warnings still compiles)', () => {
    const result = checkModelSource(channel().replace('  ENa = 50 mV', '  ENa = 50 mV\n  unused = 3 ms'), {});
    expect(result.diagnostics).toMatchObject([{ severity: 'warning', line: 6, code: 'unused' }]);
    expect(result.info?.params.map((p) => p.name)).toEqual(['gNa', 'ENa', 'unused']);
  });

  it('checks the name against the library and the project’s other models, at the name in the header', () => {
    const asLif = checkModelSource(channel().replace('model MyNa', 'model LIF'), {});
    expect(asLif.diagnostics).toEqual([
      { line: 2, col: 7, endLine: 2, endCol: 10, severity: 'error', code: 'name', message: "a built-in model is called 'LIF'; give yours another name (duplicate it to edit it)" },
    ]);
    const taken = checkModelSource(channel(), { MyNa: channel(true), Other: 'model Other : cell\n' });
    expect(taken.diagnostics).toMatchObject([{ line: 2, col: 7, endCol: 11, code: 'name', message: "the project already has a model called 'MyNa'" }]);
    expect(checkModelSource(channel(), { Other: 'model Other : cell\n' }).diagnostics).toEqual([]);
  });

  it('a source without a header gets the syntax error and no name', () => {
    const result = checkModelSource('params\n  a = 1 ms\n', {});
    expect(result.diagnostics).toMatchObject([{ line: 1, col: 1, severity: 'error', code: 'syntax' }]);
    expect(result.name).toBeUndefined();
  });
});

describe('answerModelRequest', () => {
  it('answers a check with its id, and anything else with failed', () => {
    expect(answerModelRequest({ type: 'check', id: 4, source: channel(), projectModels: {} })).toMatchObject({ type: 'checked', id: 4, result: { name: 'MyNa' } });
    expect(answerModelRequest({ type: 'nope', id: 5 } as unknown as ModelWorkerRequest)).toEqual({ type: 'failed', id: 5, message: 'not a model check request' });
    expect(answerModelRequest(null as unknown as ModelWorkerRequest)).toMatchObject({ type: 'failed', id: -1 });
  });
});
