import { describe, expect, it } from 'vitest';
import { flattenPopulation } from '../engine/flatten';
import { planIntegration } from '../engine/integrators';
import { EngineError } from '../engine/errors';
import { compileModel } from './compile';
import { formatDiagnostic, type Diagnostic, type DiagnosticCode } from './diagnostics';

/** Builds a model source from lines; line 1 is the header. */
const src = (...lines: string[]): string => lines.join('\n') + '\n';

/** Exactly one error of `code` at line:col whose message names `symbol`. */
function expectOne(source: string, code: DiagnosticCode, line: number, col: number, ...names: string[]): Diagnostic {
  const r = compileModel(source);
  const hits = r.diagnostics.filter((d) => d.code === code);
  expect(hits, JSON.stringify(r.diagnostics)).toHaveLength(1);
  const d = hits[0];
  expect({ line: d.line, col: d.col }, d.message).toEqual({ line, col });
  for (const n of names) expect(d.message).toContain(n);
  if (code !== 'unused') expect(r.ir).toBeUndefined();
  return d;
}

describe('syntax errors', () => {
  it('missing = after a parameter name', () => {
    const d = expectOne(src('model A : cell', 'params', '  tau 10 ms'), 'syntax', 3, 7, "'tau'");
    expect(d.message).toBe("expected '=' after parameter name 'tau' (write 'tau = 10 ms'), found '10'");
  });
  it('one error per bad line; the rest of the model is still checked', () => {
    const r = compileModel(src('model A : cell', 'params', '  a = 1 +', '  b = 1 +* 2', 'states', '  v = 0 mV', 'equations', '  dv/dt = zz'));
    expect(r.diagnostics.map((d) => [d.line, d.col, d.code])).toEqual([
      [3, 10, 'syntax'],
      [4, 10, 'syntax'],
      [8, 11, 'unknown-identifier'],
    ]);
  });
  it('bad header, unknown kind, unknown character, chained comparison', () => {
    expectOne('modle A : cell\n', 'syntax', 1, 1, "'modle'");
    expectOne('model A : neuron\n', 'syntax', 1, 11, "'neuron'");
    expectOne(src('model A : cell', 'params', '  a = 3 $'), 'syntax', 3, 9, "'$'");
    expectOne(src('model A : cell', 'states', '  v = 0 mV', 'equations', '  dv/dt = 0 mV/ms', 'spike 0 mV < v < 1 mV'), 'syntax', 6, 16, 'chained');
  });
  it('a name must start with a letter', () => {
    expectOne(src('model A : cell', 'params', '  _tau = 10 ms'), 'syntax', 3, 3, "'_tau'");
  });
  it('an error at the end of a line does not swallow the next line', () => {
    const r = compileModel(src('model A : cell', 'params', '  a = 1 +', '  b = 2 $'));
    expect(r.diagnostics.filter((d) => d.code === 'syntax').map((d) => [d.line, d.col])).toEqual([
      [3, 10],
      [4, 9],
    ]);
  });
  it('formatDiagnostic prints file:line:col: severity: message', () => {
    const d = expectOne(src('model A : cell', 'params', '  tau 10 ms'), 'syntax', 3, 7);
    expect(formatDiagnostic(d, 'a.sf')).toMatch(/^a\.sf:3:7: error: expected '='/);
  });
});

describe('unknown identifier', () => {
  it('names the identifier and suggests the closest declared name', () => {
    const d = expectOne(
      src('model A : cell', 'params', '  tau_m = 10 ms', 'states', '  v = 0 mV', 'equations', '  dv/dt = -v / tau_n'),
      'unknown-identifier',
      7,
      16,
    );
    expect(d.message).toBe("unknown identifier 'tau_n' (did you mean 'tau_m'?)");
  });
  it('unknown function with a suggestion', () => {
    const d = expectOne(src('model A : cell', 'states', '  v = 0 mV', 'equations', '  dv/dt = ekp(v / 1 mV) * 1 mV/ms'), 'unknown-identifier', 5, 11);
    expect(d.message).toBe("unknown function 'ekp' (did you mean 'exp'?)");
  });
  it('Object.prototype names are unknown functions and identifiers, not crashes', () => {
    expectOne(src('model A : cell', 'states', '  v = 0 mV', 'equations', '  dv/dt = constructor(v) / 1 ms'), 'unknown-identifier', 5, 11, "'constructor'");
    const proto = compileModel(src('model A : cell', 'states', '  v = 0 mV', 'equations', '  dv/dt = v / __proto__'));
    expect(proto.diagnostics.map((d) => [d.line, d.col, d.code])).toEqual([
      [5, 15, 'syntax'],
      [5, 15, 'unknown-identifier'],
    ]);
    expectOne(src('model A : cell', 'states', '  v = 0 mV', 'equations', '  dv/dt = toString * v'), 'unknown-identifier', 5, 11, "'toString'");
  });
  it('an equation for an undeclared state', () => {
    expectOne(src('model A : cell', 'states', '  v = 0 mV', 'equations', '  dv/dt = 0 mV/ms', '  dq/dt = 0'), 'unknown-identifier', 6, 4, "'q'");
  });
});

describe('unknown unit', () => {
  it('in an input annotation', () => {
    expectOne(src('model A : cell', 'inputs', '  j : nAmp'), 'syntax', 3, 7, "unknown unit 'nAmp'");
  });
  it('in a state annotation', () => {
    expectOne(src('model A : cell', 'states', '  v : furlong = 0', 'equations', '  dv/dt = 0'), 'syntax', 3, 7, "unknown unit 'furlong'");
  });
  it('after a number it is an unknown identifier', () => {
    expectOne(src('model A : cell', 'params', '  a = 10 msec'), 'syntax', 3, 10, "'msec'");
  });
});

describe('unit mismatch', () => {
  const model = (eq: string, ...more: string[]) =>
    src('model A : cell', 'params', '  g = 1 nS', 'inputs', '  j : nA', 'states', '  v = -65 mV', 'equations', eq, ...more);
  it("in '+' names both operands and units", () => {
    const d = expectOne(model('  dv/dt = (v + j) / 1 ms'), 'unit-mismatch', 9, 12);
    expect(d.message).toBe("unit mismatch in '+': v is mV but j is nA");
  });
  it('in dX/dt', () => {
    const d = expectOne(model('  dv/dt = v'), 'unit-mismatch', 9, 11, 'dv/dt', 'mV/ms');
    expect(d.message).toBe('unit mismatch in dv/dt: the right-hand side is mV but v/time is mV/ms');
  });
  it('in reset', () => {
    const d = expectOne(model('  dv/dt = j / (1 nF)', 'spike v >= 0 mV', 'reset', '  v = j'), 'unit-mismatch', 12, 7, "'v'", 'nA');
    expect(d.message).toBe("unit mismatch in reset: 'v' is mV but the value is nA");
  });
  it('in a comparison', () => {
    const d = expectOne(model('  dv/dt = j / (1 nF)', 'spike v >= 30 ms'), 'unit-mismatch', 10, 7);
    expect(d.message).toBe("unit mismatch in '>=': v is mV but 30 ms is ms");
  });
  it('exp of a dimensioned value', () => {
    const d = expectOne(model('  dv/dt = exp(v) * 1 mV/ms'), 'unit-mismatch', 9, 15, 'exp()', 'mV');
    expect(d.message).toBe('the argument of exp() must be dimensionless, but it is mV');
  });
  it('non-constant power of a dimensioned base', () => {
    const d = expectOne(model('  dv/dt = v ^ (v / 1 mV) / 1 ms'), 'unit-mismatch', 9, 16, 'mV', 'constant power');
    expect(d.message).toContain('(mV)');
  });
  it('a dimensioned exponent', () => {
    expectOne(model('  dv/dt = 2 ^ v * 1 mV/ms'), 'unit-mismatch', 9, 15, 'exponent', 'mV');
  });
  it('min/max/clip and ?: branches', () => {
    expectOne(model('  dv/dt = max(v, j) / 1 ms'), 'unit-mismatch', 9, 18, "'max'", 'v is mV', 'j is nA');
    expectOne(model('  dv/dt = (v > 0 mV ? v : j) / 1 ms'), 'unit-mismatch', 9, 12, "'?:'", 'v', 'j');
  });
  it('a declared unit that disagrees with the initial value', () => {
    expectOne(src('model A : cell', 'states', '  v : mV = 3 nA', 'equations', '  dv/dt = 0 mV/ms'), 'unit-mismatch', 3, 12, "'v'", 'nA');
  });
  it('a refractory period that is not a time', () => {
    expectOne(model('  dv/dt = j / (1 nF)', 'spike v >= 0 mV', 'refractory 2 mV'), 'unit-mismatch', 11, 12, 'refractory', 'mV');
  });
});

describe('type mismatch', () => {
  it('a number where a condition is expected', () => {
    const d = expectOne(src('model A : cell', 'states', '  v = 0 mV', 'equations', '  dv/dt = 0 mV/ms', 'spike v'), 'type-mismatch', 6, 7, 'spike', 'comparison');
    expect(d.severity).toBe('error');
    expectOne(src('model A : cell', 'states', '  v = 0 mV', 'equations', '  dv/dt = (v ? 1 : 0) * 1 mV/ms'), 'type-mismatch', 5, 12, '?:');
  });
  it('a condition where a number is expected', () => {
    expectOne(src('model A : cell', 'states', '  v = 0 mV', 'equations', '  dv/dt = (v > 0 mV) * 1 mV/ms'), 'type-mismatch', 5, 12, "'*'", 'condition');
    expectOne(src('model A : cell', 'states', '  v = 0 mV', 'definitions', '  big = v > 0 mV', 'equations', '  dv/dt = 0 mV/ms'), 'type-mismatch', 5, 9, "'big'");
  });
});

describe('duplicate definition', () => {
  it('two parameters', () => {
    const d = expectOne(src('model A : cell', 'params', '  a = 1 ms', '  a = 2 ms'), 'duplicate', 4, 3);
    expect(d.message).toBe("'a' is already defined (line 3)");
  });
  it('a parameter and a state', () => {
    const d = expectOne(src('model A : cell', 'params', '  v = 1 mV', 'states', '  v = 0 mV', 'equations', '  dv/dt = 0 mV/ms'), 'duplicate', 5, 3);
    expect(d.message).toBe("'v' is already defined (line 3)");
  });
  it('a built-in name', () => {
    expectOne(src('model A : cell', 'params', '  dt = 1 ms'), 'duplicate', 3, 3, "'dt'", 'built-in');
  });
  it('a duplicate equation', () => {
    const d = expectOne(src('model A : cell', 'states', '  v = 0 mV', 'equations', '  dv/dt = 0 mV/ms', '  dv/dt = 1 mV/ms'), 'duplicate', 6, 4);
    expect(d.message).toBe("'v' already has an equation (line 5)");
  });
  it('a duplicate section', () => {
    const d = expectOne(src('model A : cell', 'params', '  a = 1', 'params', '  b = 2'), 'duplicate', 4, 1);
    expect(d.message).toBe("section 'params' appears twice (first on line 2)");
  });
});

describe('circular definition', () => {
  it('names the cycle a → b → a', () => {
    const d = expectOne(
      src('model A : cell', 'states', '  v = 0 mV', 'definitions', '  a = b + 1 mV', '  b = a * 2', 'equations', '  dv/dt = a / 1 ms'),
      'circular',
      5,
      3,
    );
    expect(d.message).toBe('circular definition: a → b → a');
  });
  it('a definition that uses itself', () => {
    expectOne(src('model A : cell', 'states', '  v = 0 mV', 'definitions', '  a = a + v', 'equations', '  dv/dt = a / 1 ms'), 'circular', 5, 3, 'a → a');
  });
});

describe('state without an equation', () => {
  it('says how to add one', () => {
    const d = expectOne(src('model A : cell', 'states', '  v = 0 mV', '  w = 1', 'equations', '  dv/dt = 0 mV/ms'), 'missing-equation', 4, 3);
    expect(d.message).toContain("state 'w' has no equation (add dw/dt = ...");
  });
});

describe('misplaced statements', () => {
  it('a current in a cell', () => {
    expectOne(src('model A : cell', 'inputs', '  j : nA', 'current', '  i = j'), 'misplaced', 5, 3, 'current');
  });
  it('on_pre in a cell', () => {
    expectOne(src('model A : cell', 'states', '  w : 1 = 0', 'equations', '  dw/dt = 0', 'on_pre', '  w += 1'), 'misplaced', 7, 3, "'on_pre'");
  });
  it('refractory without spike', () => {
    expectOne(src('model A : cell', 'states', '  v = 0 mV', 'equations', '  dv/dt = 0 mV/ms', 'refractory 2 ms'), 'misplaced', 6, 1, 'refractory', 'spike');
  });
  it('pop_sum outside a spike condition', () => {
    expectOne(src('model A : cell', 'states', '  v = 0 mV', 'equations', '  dv/dt = pop_sum(v) / 1 ms'), 'misplaced', 5, 11, "'pop_sum'", 'spike condition');
  });
  it('pop_sum inside a spike condition is fine', () => {
    const r = compileModel(src('model A : cell', 'states', '  v = 0 mV', 'equations', '  dv/dt = 0 mV/ms', 'spike v >= pop_max(v)'));
    expect(r.diagnostics).toEqual([]);
  });
  it('assigning a parameter in reset', () => {
    expectOne(src('model A : cell', 'params', '  c = 1 mV', 'states', '  v = 0 mV', 'equations', '  dv/dt = 0 mV/ms', 'spike v > c', 'reset', '  c = v'), 'misplaced', 10, 3, "'c'", 'param');
  });
  it('an initial value that uses a later state', () => {
    const d = expectOne(src('model A : cell', 'states', '  u = 2 * v', '  v = -65 mV', 'equations', '  du/dt = 0 mV/ms', '  dv/dt = 0 mV/ms'), 'misplaced', 3, 11);
    expect(d.message).toBe("the initial value of 'u' uses 'v', which is declared after it (an initial value may use parameters and earlier states)");
  });
  it('an initial value that uses a steady state, through a definition', () => {
    expectOne(
      src('model A : cell', 'states', '  m = steady', '  w = q', 'definitions', '  q = m * 2', 'equations', '  dm/dt = (1 - m) / 1 ms', '  dw/dt = 0/ms'),
      'misplaced',
      6,
      7,
      "'w'",
      "'m'",
      'steady',
    );
  });
});

describe('parameters', () => {
  it('a non-constant default', () => {
    const d = expectOne(src('model A : cell', 'params', '  a = 1 ms', '  b = 2 * a'), 'not-constant', 4, 11, "'a'");
    expect(d.message).toContain('constant');
  });
  it('a default naming a declared state is an error even when the state is named like a unit', () => {
    expectOne(src('model A : cell', 'params', '  g = 2 * V', 'states', '  V = 0 mV', 'equations', '  dV/dt = 0 mV/ms + g * 0 mV/ms'), 'not-constant', 3, 11, "'V'");
  });
  it('an unused parameter is a warning, and the model still compiles', () => {
    const r = compileModel(src('model A : cell', 'params', '  tau = 1 ms', '  R = 1 Mohm', 'states', '  v = 0 mV', 'equations', '  dv/dt = -v / tau'));
    expect(r.ir).toBeDefined();
    expect(r.diagnostics).toEqual([{ severity: 'warning', code: 'unused', message: "parameter 'R' is never used", line: 4, col: 3, length: 1 }]);
  });
});

describe('steady states', () => {
  it('`x = steady` with a non-linear equation', () => {
    const d = expectOne(src('model A : cell', 'states', '  m = steady', 'equations', '  dm/dt = (1 - m*m) / 1 ms'), 'nonlinear', 3, 3);
    expect(d.message).toBe("'m = steady' needs dm/dt to be linear in m");
  });
  it('`x = steady` with a linear equation through definitions', () => {
    const r = compileModel(src('model A : cell', 'states', '  m = steady', 'definitions', '  inf = 0.5', '  tau = 2 ms', 'equations', '  dm/dt = (inf - m) / tau'));
    expect(r.diagnostics).toEqual([]);
  });
});

describe("the 'exact' integrator (reported by the engine)", () => {
  it('throws an EngineError naming the non-linear state', () => {
    const r = compileModel(
      src('model Q : cell', 'inputs', '  I : mV/ms', 'states', '  v = -65 mV', '  w = 1', 'equations', '  dv/dt = 0.04 /mV/ms * v^2 + I', '  dw/dt = -w / 5 ms'),
    );
    expect(r.ir).toBeDefined();
    const flat = flattenPopulation(r.ir!, [], 'pop');
    let error: unknown;
    try {
      planIntegration(flat, 'exact');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).message).toContain('dv/dt is not linear in v');
    // linear equations are fine, and exponential Euler takes the non-linear one by Euler
    expect(() => planIntegration(flat, 'exponential_euler')).not.toThrow();
    expect(planIntegration(flat, 'exponential_euler').map((p) => p.B !== undefined)).toEqual([false, true]);
  });
});
