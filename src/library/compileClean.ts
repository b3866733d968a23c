/** For the library's tests: compiles a built-in source and insists on no diagnostics at all. */
import { expect } from 'vitest';
import { compileModel } from '../model/compile';
import type { ModelIR } from '../model/ir';

export function compileClean(source: string): ModelIR {
  const r = compileModel(source);
  expect(r.diagnostics).toEqual([]);
  expect(r.ir).toBeDefined();
  return r.ir as ModelIR;
}
