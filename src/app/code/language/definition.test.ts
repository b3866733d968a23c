import { describe, expect, it } from 'vitest';
import { LIF } from '../../../library/cells/LIF';
import { Na } from '../../../library/channels/Na';
import { definitionAt } from './definition';
import { positionOf } from './testing';

function definitionOf(source: string, text: string, nth = 0, offset = 0) {
  const { line, column } = positionOf(source, text, nth);
  return definitionAt(source, line, column + offset);
}

describe('go to definition', () => {
  it('jumps from a use of a parameter to its line in params (LIF)', () => {
    const declaration = positionOf(LIF.source, 'tau_m   = 10 ms');
    expect(definitionOf(LIF.source, 'tau_m   (unless')).toEqual({
      startLine: declaration.line,
      startColumn: 3,
      endLine: declaration.line,
      endColumn: 8,
    });
    expect(definitionOf(LIF.source, 'refractory t_ref', 0, 11)?.startLine).toBe(positionOf(LIF.source, 't_ref   = 5 ms').line);
    expect(definitionOf(LIF.source, 'v = v_reset', 0, 4)?.startLine).toBe(positionOf(LIF.source, 'v_reset = -60 mV').line);
  });

  it('jumps to inputs, states and definitions, and from dX in dX/dt to the state', () => {
    expect(definitionOf(LIF.source, 'R*j', 0, 2)?.startLine).toBe(positionOf(LIF.source, 'j : nA').line);
    expect(definitionOf(LIF.source, '  dv/dt', 0, 2)).toMatchObject({ startLine: positionOf(LIF.source, 'v = v_rest').line, startColumn: 3, endColumn: 4 });
    expect(definitionOf(Na.source, 'alpha_m * (1 - m)')?.startLine).toBe(positionOf(Na.source, 'alpha_m = 0.32 /ms').line);
    expect(definitionOf(Na.source, 'xm / (exp')?.startLine).toBe(positionOf(Na.source, 'xm = -(v').line);
  });

  it('finds nothing for units, functions, keywords, comments and unknown names', () => {
    expect(definitionOf(LIF.source, 'ms      #')).toBeUndefined();
    expect(definitionOf(Na.source, 'exp(xm)')).toBeUndefined();
    expect(definitionOf(LIF.source, 'reset\n')).toBeUndefined();
    expect(definitionOf(LIF.source, 'membrane time constant')).toBeUndefined();
    expect(definitionOf('model M : cell\nstates\n  x = nope', 'nope')).toBeUndefined();
  });

  it('works while the source has errors', () => {
    const source = 'model M : cell\nparams\n  a = 3 mV\nequations\n  dx/dt = (a + ';
    expect(definitionOf(source, 'a + ')).toEqual({ startLine: 3, startColumn: 3, endLine: 3, endColumn: 4 });
  });
});
