import { describe, expect, it } from 'vitest';
import { LIF } from '../../../library/cells/LIF';
import { Na } from '../../../library/channels/Na';
import { ExpConductance } from '../../../library/synapses/ExpConductance';
import { findSymbol, scanModel, sectionAt, statementAt } from './scope';

describe('scanModel on library models', () => {
  it('finds the header, doc, parameters with units, defaults and descriptions (LIF)', () => {
    const scope = scanModel(LIF.source);
    expect(scope.header).toMatchObject({ name: 'LIF', kind: 'cell' });
    expect(scope.doc.split('\n')[0]).toBe('Leaky integrate-and-fire neuron.');
    const tau = findSymbol(scope, 'tau_m');
    expect(tau).toMatchObject({ kind: 'param', section: 'params', unit: 'ms', valueText: '10 ms', description: 'membrane time constant' });
    const line = LIF.source.split('\n').findIndex((l) => l.includes('tau_m   = 10 ms')) + 1;
    expect(tau).toMatchObject({ line, col: 3, length: 5 });
    expect(findSymbol(scope, 'R')).toMatchObject({ unit: 'Mohm', valueText: '1 Mohm' });
    expect(findSymbol(scope, 'j')).toMatchObject({ kind: 'input', unit: 'nA', description: 'summed external and synaptic current' });
    // The state's unit is inferred by the compiler from its initial value.
    expect(findSymbol(scope, 'v')).toMatchObject({ kind: 'state', unit: 'mV', valueText: 'v_rest', description: 'membrane potential' });
    expect(scope.equations).toEqual([expect.objectContaining({ state: 'v', col: 3, length: 2 })]);
    expect(scope.sections.map((s) => s.keyword)).toEqual(['params', 'inputs', 'states', 'equations', 'spike', 'reset', 'refractory']);
  });

  it('reads steady states, definitions with their units and a channel current (Na)', () => {
    const scope = scanModel(Na.source);
    expect(findSymbol(scope, 'm')).toMatchObject({ kind: 'state', valueText: 'steady', unit: '1', description: 'activation gate' });
    expect(findSymbol(scope, 'gNa')).toMatchObject({ unit: 'S/cm2', valueText: '0.05 S/cm2' });
    expect(findSymbol(scope, 'alpha_m')).toMatchObject({ kind: 'definition', unit: 'kHz', description: 'activation rate' });
    expect(findSymbol(scope, 'alpha_m')?.valueText).toBe('0.32 /ms * (xm / (exp(xm) - 1)) / 0.25');
    expect(findSymbol(scope, 'i')).toMatchObject({ kind: 'current', section: 'current', valueText: 'gNa * m^3 * h * (v - eNa)' });
  });

  it('reads annotated states (ExpConductance)', () => {
    const scope = scanModel(ExpConductance.source);
    expect(findSymbol(scope, 'g')).toMatchObject({ kind: 'state', unit: 'nS', valueText: '0 nS', description: 'synaptic conductance' });
    expect(scope.header?.kind).toBe('synapse');
  });
});

describe('scanModel on sources being typed', () => {
  it('keeps declarations after a syntax error and without a header', () => {
    const scope = scanModel(['params', '  a = 10 ms   # first', '  b = = 3', '  c = 2 mV', 'states', '  x = a +'].join('\n'));
    expect(scope.header).toBeUndefined();
    expect(scope.symbols.map((s) => s.name)).toEqual(['a', 'b', 'c', 'x']);
    expect(findSymbol(scope, 'a')?.description).toBe('first');
    expect(findSymbol(scope, 'x')?.valueText).toBe('a +');
  });

  it('does not let an unclosed parenthesis swallow the next declarations', () => {
    const source = ['model M : cell', 'params', '  a = (1 ms', '  b = 2 mV', 'states', '  v = b'].join('\n');
    const scope = scanModel(source);
    expect(scope.symbols.map((s) => s.name)).toEqual(['a', 'b', 'v']);
    expect(sectionAt(scope, 6)).toBe('states');
  });

  it('joins a statement continued inside a parenthesis, with the last line’s comment', () => {
    const source = ['model M : cell', 'definitions', '  r = (1 +', '       2)   # two lines', 'states'].join('\n');
    const scope = scanModel(source);
    expect(findSymbol(scope, 'r')).toMatchObject({ valueText: '(1 + 2)', description: 'two lines' });
    expect(statementAt(scope, 4)).toMatchObject({ section: 'definitions', startLine: 3, endLine: 4 });
  });

  it('leaves out inferred units downstream of an error but keeps clean parameters', () => {
    const source = ['model M : cell', 'params', '  a = 10 ms', '  b = 3 qq', 'states', '  v = b', 'equations', '  dv/dt = 0'].join('\n');
    const scope = scanModel(source);
    expect(findSymbol(scope, 'a')?.unit).toBe('ms');
    expect(findSymbol(scope, 'v')?.unit).toBeUndefined();
  });

  it('still infers units when the only error is a missing equation', () => {
    const scope = scanModel(['model M : cell', 'params', '  a = 10 mV', 'states', '  v = a'].join('\n'));
    expect(findSymbol(scope, 'v')?.unit).toBe('mV');
  });

  it('knows the section of every line, blank lines included', () => {
    const scope = scanModel(LIF.source);
    const lines = LIF.source.split('\n');
    const eq = lines.findIndex((l) => l.startsWith('  dv/dt')) + 1;
    expect(sectionAt(scope, eq)).toBe('equations');
    expect(sectionAt(scope, eq + 1)).toBe('equations');
    expect(sectionAt(scope, lines.findIndex((l) => l.startsWith('spike')) + 1)).toBe('spike');
    expect(sectionAt(scope, 1)).toBeUndefined();
  });

  it('treats an assignment to a section word as a statement, not a header', () => {
    const scope = scanModel(['model M : cell', 'states', '  x : mV = 0 mV', 'reset', '  x = 1 mV'].join('\n'));
    expect(scope.sections.map((s) => s.keyword)).toEqual(['states', 'reset']);
    expect(statementAt(scope, 5)).toMatchObject({ section: 'reset', isHeader: false });
  });
});
