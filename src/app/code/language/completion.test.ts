import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../../../library';
import { catalogOf } from '../../../library/catalog';
import { LIF } from '../../../library/cells/LIF';
import { completionsAt, type Completions } from './completion';
import { cursor } from './testing';

const catalog = catalogOf(builtinRegistry());

function complete(marked: string, triggerCharacter?: string): Completions {
  const { source, line, column } = cursor(marked);
  return completionsAt(source, line, column, { catalog }, { triggerCharacter });
}

const labels = (c: Completions) => c.items.map((i) => i.label);
/** Labels in the order Monaco shows them before filtering (by sortText, then label). */
const sorted = (c: Completions) =>
  [...c.items].sort((a, b) => a.sortText.localeCompare(b.sortText) || a.label.localeCompare(b.label)).map((i) => i.label);

const CELL = `model M : cell
params
  tau_m = 10 ms   # membrane time constant
  v_rest = -65 mV
inputs
  j : nA
states
  v = v_rest      # membrane potential
  w : mV = 0 mV
equations
`;

describe('units', () => {
  it('offers units after a number, the common ones first', () => {
    const c = complete('model M : cell\nparams\n  tau_m = 10 ‸');
    expect(labels(c)).toEqual(expect.arrayContaining(['ms', 'mV', 'mS', 'Mohm', 'S/cm2']));
    expect(sorted(c)[0]).toBe('ms');
    expect(labels(c)).not.toContain('tau_m');
    expect(c.items.find((i) => i.label === 'mS')?.detail).toBe('millisiemens, conductance');
  });

  it('replaces the unit being typed', () => {
    const c = complete('model M : cell\nparams\n  tau_m = 10 m‸');
    expect(labels(c)).toEqual(expect.arrayContaining(['ms', 'mV', 'mS']));
    expect(c.range).toEqual({ startLine: 3, startColumn: 14, endLine: 3, endColumn: 15 });
    // Also without a space, and in the middle of an expression.
    expect(labels(complete('model M : cell\nstates\n  v = -65m‸'))).toContain('mV');
    expect(labels(complete(`${CELL}  dv/dt = (v_rest - v + 3 m‸`))).toContain('mV');
  });

  it('goes on with unit atoms inside a compound unit', () => {
    const c = complete('model M : channel\nparams\n  g = 0.12 S/‸');
    expect(labels(c)).toEqual(expect.arrayContaining(['cm2', 'um2']));
    expect(sorted(c).indexOf('cm2')).toBeLessThan(sorted(c).indexOf('g'));
  });

  it('offers units in input and state annotations', () => {
    expect(labels(complete('model M : cell\ninputs\n  j : ‸'))).toContain('nA');
    expect(labels(complete('model M : cell\ninputs\n  i : uA/‸'))).toContain('cm2');
    expect(labels(complete('model M : cell\nstates\n  g : n‸'))).toContain('nS');
  });

  it('opens on a trigger character only where a unit atom must follow', () => {
    expect(labels(complete('model M : channel\nparams\n  g = 0.12 S/‸', '/'))).toContain('cm2');
    expect(labels(complete('model M : cell\ninputs\n  i : uA/‸', '/'))).toContain('cm2');
    expect(complete(`${CELL}  dv/dt = v/‸`, '/').items).toEqual([]);
    expect(complete(`${CELL}  dv/dt = 0.02/‸`, '/').items).toEqual([]);
    expect(complete('model M : cell\nparams\n  tau_m = 10 ‸', ' ').items).toEqual([]);
    // Invoked (Ctrl+Space) rather than triggered, the same places do complete.
    expect(labels(complete(`${CELL}  dv/dt = 0.02/‸`))).toEqual(expect.arrayContaining(['ms', 'tau_m']));
  });
});

describe('expressions', () => {
  it('offers the declared names, built-ins and functions inside equations', () => {
    const c = complete(`${CELL}  dv/dt = (v_rest - ‸`);
    expect(labels(c)).toEqual(expect.arrayContaining(['v', 'w', 'tau_m', 'v_rest', 'j', 't', 'dt', 'exp', 'exprel', 'rand', 'and']));
    expect(labels(c)).not.toContain('pop_sum');
    const tau = c.items.find((i) => i.label === 'tau_m');
    expect(tau).toMatchObject({ kind: 'param', detail: 'param · ms = 10 ms', documentation: 'membrane time constant' });
    expect(c.items.find((i) => i.label === 'v')).toMatchObject({ kind: 'state', detail: 'state · mV' });
    const exp = c.items.find((i) => i.label === 'exp');
    expect(exp).toMatchObject({ kind: 'function', detail: 'exp(x)', insertText: 'exp($0)', snippet: true });
    expect(c.items.find((i) => i.label === 'rand')).toMatchObject({ insertText: 'rand()' });
    // Declared names come before functions and built-ins.
    expect(sorted(c).indexOf('tau_m')).toBeLessThan(sorted(c).indexOf('exp'));
  });

  it('offers population reductions only in a spike condition', () => {
    const c = complete('model M : cell\nstates\n  v = 0 mV\nspike exp(v/mV) / p‸');
    expect(labels(c)).toEqual(expect.arrayContaining(['pop_sum', 'pop_max', 'v']));
  });

  it('offers steady and only parameters and earlier states in an initial value', () => {
    const c = complete('model M : cell\nparams\n  a = 1 mV\nstates\n  x = 0 mV\n  y = ‸\n  z = 1 mV');
    expect(labels(c)).toEqual(expect.arrayContaining(['steady', 'a', 'x']));
    expect(labels(c)).not.toContain('y');
    expect(labels(c)).not.toContain('z');
  });

  it('offers constant functions, not names, in a parameter default', () => {
    const c = complete('model M : cell\nparams\n  a = 1 mV\n  b = e‸');
    expect(labels(c)).toEqual(expect.arrayContaining(['exp', 'sqrt', 'ms']));
    expect(labels(c)).not.toContain('a');
    expect(labels(c)).not.toContain('rand');
  });

  it('offers a state in its own reset', () => {
    expect(labels(complete(LIF.source.replace('  v = v_reset', '  v = ‸')))).toEqual(expect.arrayContaining(['v', 'v_reset']));
  });

  it('leaves a definition out of its own expression', () => {
    const c = complete('model M : cell\nparams\n  a = 1 mV\ndefinitions\n  d = a + ‸');
    expect(labels(c)).toContain('a');
    expect(labels(c)).not.toContain('d');
  });

  it('offers (unless refractory) after an equation', () => {
    const c = complete(`${CELL}  dv/dt = (v_rest - v) / tau_m   (‸)`);
    const unless = c.items.find((i) => i.label === 'unless refractory');
    expect(unless?.insertText).toBe('unless refractory');
    expect(complete(`${CELL}  dv/dt = -v / tau_m (‸`).items.find((i) => i.label === 'unless refractory')?.insertText).toBe('unless refractory)');
    expect(labels(complete(`${CELL}  dv/dt = -v / tau_m (unless ‸`))).toEqual(['refractory']);
    // Not inside a call or a parenthesised sub-expression.
    expect(labels(complete(`${CELL}  dv/dt = exp(‸`))).not.toContain('unless refractory');
    expect(labels(complete(`${CELL}  dv/dt = (‸`))).not.toContain('unless refractory');
  });

  it('continues an expression on the next line inside a parenthesis', () => {
    expect(labels(complete(`${CELL}  dv/dt = (v_rest - v\n      + ‸`))).toContain('tau_m');
  });

  it('offers nothing inside a comment', () => {
    expect(complete(`${CELL}  dv/dt = 0   # uses t‸`).items).toEqual([]);
  });
});

describe('line starts', () => {
  it('offers the section headers not used yet, fitting the model kind', () => {
    const c = complete('model M : cell\nparams\n  a = 1 ms\n‸');
    expect(labels(c)).toEqual(expect.arrayContaining(['inputs', 'states', 'definitions', 'equations', 'spike', 'reset', 'refractory', 'clamp']));
    expect(labels(c)).not.toContain('params');
    expect(labels(c)).not.toContain('on_pre');
    expect(labels(c)).not.toContain('current');
    expect(c.items.find((i) => i.label === 'spike')?.insertText).toBe('spike ');
    expect(c.items.find((i) => i.label === 'equations')?.documentation).toMatch(/dX\/dt/);
    const synapse = labels(complete('model S : synapse\n‸'));
    expect(synapse).toEqual(expect.arrayContaining(['on_pre', 'on_post', 'current']));
    expect(synapse).not.toContain('spike');
  });

  it('moves an accepted header to the left margin', () => {
    const c = complete('model M : cell\nparams\n  a = 1 ms\n  sta‸');
    expect(c.items.find((i) => i.label === 'states')?.additionalEdits).toEqual([
      { range: { startLine: 4, startColumn: 1, endLine: 4, endColumn: 3 }, text: '' },
    ]);
    expect(c.range).toEqual({ startLine: 4, startColumn: 3, endLine: 4, endColumn: 6 });
    expect(complete('model M : cell\nsta‸').items.find((i) => i.label === 'states')?.additionalEdits).toBeUndefined();
  });

  it('offers the model header in an empty source', () => {
    const c = complete('‸');
    expect(c.items[0]).toMatchObject({ label: 'model', snippet: true });
    expect(labels(c)).toContain('params');
  });

  it('offers dX/dt for the states still without an equation', () => {
    const c = complete(`${CELL}  dw/dt = 0 mV/ms\n  ‸`);
    expect(labels(c)).toContain('dv/dt');
    expect(labels(c)).not.toContain('dw/dt');
    expect(c.items.find((i) => i.label === 'dv/dt')).toMatchObject({ insertText: 'dv/dt = $0', snippet: true, filterText: 'dv' });
    expect(sorted(c)[0]).toBe('dv/dt');
  });

  it('offers the assignable targets in reset', () => {
    const c = complete(LIF.source.replace('  v = v_reset', '  ‸'));
    expect(labels(c)).toContain('v');
    expect(labels(c)).not.toContain('tau_m');
  });

  it('offers the host cell variables from the catalog in a channel’s inputs', () => {
    const c = complete('model Kd : channel\ninputs\n  ‸');
    const v = c.items.find((i) => i.label === 'v : mV');
    expect(v).toMatchObject({ insertText: 'v : mV', filterText: 'v', kind: 'input' });
    expect(sorted(c)[0]).toBe('v : mV');
    const syn = labels(complete('model S : synapse\ninputs\n  ‸'));
    expect(syn).toEqual(expect.arrayContaining(['v : mV', 'v_pre : mV', 'v_post : mV']));
    expect(labels(complete('model C : cell\ninputs\n  ‸'))).not.toContain('v : mV');
  });

  it('offers the current of a channel once', () => {
    expect(labels(complete('model K : channel\ncurrent\n  ‸'))).toContain('i');
    expect(labels(complete('model K : channel\ncurrent\n  i = 0 nA\n  ‸'))).not.toContain('i');
  });

  it('offers model kinds in the header and nothing else there', () => {
    expect(labels(complete('model X : c‸'))).toEqual(['cell', 'channel', 'synapse']);
    expect(complete('model X‸').items).toEqual([]);
  });
});

describe('robustness', () => {
  it('answers at every position of every kind of line without throwing', () => {
    const source = `${LIF.source}\n  weird ( stuff = = \n#\n`;
    const lines = source.split('\n');
    for (let line = 1; line <= lines.length; line++) {
      for (let column = 1; column <= lines[line - 1].length + 1; column++) {
        const c = completionsAt(source, line, column, { catalog });
        expect(c.range.startColumn).toBeLessThanOrEqual(column);
        expect(c.range.endColumn).toBeGreaterThanOrEqual(column);
      }
    }
  });
});
