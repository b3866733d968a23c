import { describe, expect, it } from 'vitest';
import type { ModelInfo } from '../../library/catalog';
import { intervalProblem, recordableVariables, toggleVariable, variablesFor } from './recordingVars';

const v = (name: string, unit = 'mV') => ({ name, unit, description: '' });
const model = (name: string, kind: ModelInfo['kind'], states: string[], inputs: string[] = []): ModelInfo => ({
  name,
  kind,
  origin: 'test',
  summary: '',
  doc: '',
  params: [],
  inputs: inputs.map((i) => v(i, 'nA')),
  states: states.map((s) => v(s)),
  isSource: false,
  spikes: true,
});
const models = new Map([model('Compartment', 'cell', ['v'], ['i']), model('Na', 'channel', ['m', 'h']), model('K', 'channel', ['n'])].map((m) => [m.name, m]));

describe('recordableVariables', () => {
  it("lists the cell's states and inputs and its channels' states", () => {
    const vars = recordableVariables({ id: 'soma', model: 'Compartment', size: 1, channels: [{ model: 'Na' }, { model: 'K' }] }, models);
    expect(vars.map((x) => x.name)).toEqual(['v', 'i', 'Na.m', 'Na.h', 'K.n']);
    expect(vars[2].group).toBe('Na');
  });
  it('lists nothing for an unknown model', () => {
    expect(recordableVariables({ id: 'x', model: 'Nope', size: 1 }, models)).toEqual([]);
  });
});

describe('toggleVariable', () => {
  const available = recordableVariables({ id: 'soma', model: 'Compartment', size: 1, channels: [{ model: 'Na' }] }, models);
  it('keeps the model order', () => {
    expect(toggleVariable(['Na.m'], 'v', true, available)).toEqual(['v', 'Na.m']);
    expect(toggleVariable(['v', 'Na.m'], 'v', false, available)).toEqual(['Na.m']);
  });
  it('keeps names the model does not list', () => {
    expect(toggleVariable(['ee.g'], 'v', true, available)).toEqual(['v', 'ee.g']);
  });
  it('refuses to leave a recording without variables', () => {
    expect(toggleVariable(['v'], 'v', false, available)).toBeUndefined();
  });
  it('keeps what carries over to another population', () => {
    expect(variablesFor(['v', 'u'], available)).toEqual(['v']);
    expect(variablesFor(['u'], available)).toEqual(['v']);
  });
});

describe('intervalProblem', () => {
  it('wants whole steps, at least one', () => {
    expect(intervalProblem(1, 0.1)).toBeUndefined();
    expect(intervalProblem(undefined, 0.1)).toBeUndefined();
    expect(intervalProblem(0.05, 0.1)).toMatch(/at least one step/);
    expect(intervalProblem(0.25, 0.1)).toMatch(/whole number/);
  });
});
