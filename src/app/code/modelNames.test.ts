import { describe, expect, it } from 'vitest';
import { LIBRARY_SOURCES } from '../../library';
import { compileModel } from '../../model/compile';
import type { ModelIR } from '../../model/ir';
import { freshModelName, headerName, headerProblem, modelNameProblem, renameModelHeader } from './modelNames';

describe('modelNameProblem', () => {
  const taken = new Set(['LIF', 'MyCell']);

  it('accepts a free identifier', () => {
    expect(modelNameProblem('Kslow', taken)).toBeUndefined();
    expect(modelNameProblem('k_2', taken)).toBeUndefined();
  });

  it('refuses empty names, non-identifiers, words of the language and taken names', () => {
    expect(modelNameProblem('', taken)).toMatch(/Type a name/);
    expect(modelNameProblem('2K', taken)).toMatch(/not a valid name/);
    expect(modelNameProblem('_K', taken)).toMatch(/not a valid name/);
    expect(modelNameProblem('my cell', taken)).toMatch(/not a valid name/);
    expect(modelNameProblem('params', taken)).toMatch(/word of the model language/);
    expect(modelNameProblem('model', taken)).toMatch(/word of the model language/);
    expect(modelNameProblem('LIF', taken)).toMatch(/already exists/);
  });
});

describe('freshModelName', () => {
  it('keeps a free name and numbers a taken one', () => {
    expect(freshModelName('MyChannel', new Set())).toBe('MyChannel');
    expect(freshModelName('MyCell', new Set(['MyCell']))).toBe('MyCell2');
    expect(freshModelName('MyCell', new Set(['MyCell', 'MyCell2']))).toBe('MyCell3');
    expect(freshModelName('MyCell2', new Set(['MyCell2']))).toBe('MyCell3');
  });
});

describe('header', () => {
  const source = '## A doc line that mentions model Foo.\n## Another.\nmodel Foo : cell\nparams\n  a = 1 ms  # model stuff\n';

  it('finds the declared name and its position', () => {
    expect(headerName(source)).toEqual({ name: 'Foo', line: 3, col: 7 });
    expect(headerName('  model  Bar : channel')).toEqual({ name: 'Bar', line: 1, col: 10 });
    expect(headerName('params\n')).toBeUndefined();
  });

  it('renames the header only, with a note saying where the copy came from', () => {
    const renamed = renameModelHeader(source, 'Bar', 'Duplicated from Foo.');
    expect(renamed).toBe('## A doc line that mentions model Foo.\n## Another.\n## Duplicated from Foo.\nmodel Bar : cell\nparams\n  a = 1 ms  # model stuff\n');
    expect(renameModelHeader(source, 'Baz')).toBe('## A doc line that mentions model Foo.\n## Another.\nmodel Baz : cell\nparams\n  a = 1 ms  # model stuff\n');
    expect(() => renameModelHeader('params\n', 'X')).toThrow(/header/);
  });

  const described = (ir: ModelIR) => ir.params.map((p) => [p.name, p.unit.text, p.defaultValue, p.description]);

  it('a renamed copy of every built-in model compiles as the new name, with the same diagnostics', () => {
    for (const { source: s } of LIBRARY_SOURCES) {
      const original = compileModel(s);
      const copy = compileModel(renameModelHeader(s, 'MyCopy', 'Duplicated from the built-in model.'));
      expect(copy.ir?.name).toBe('MyCopy');
      expect(copy.diagnostics.map((d) => d.message)).toEqual(original.diagnostics.map((d) => d.message));
      expect(described(copy.ir!)).toEqual(described(original.ir!));
    }
  });

  it('reports a header that does not name the model it is saved as, at the name', () => {
    expect(headerProblem(source, 'Foo')).toBeUndefined();
    expect(headerProblem('params\n', 'Foo')).toBeUndefined();
    expect(headerProblem(source, 'Other')).toMatchObject({ line: 3, col: 7, endLine: 3, endCol: 10, message: expect.stringMatching(/must say 'model Other'/) });
  });
});
