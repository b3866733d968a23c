import { describe, expect, it } from 'vitest';
import { RESERVED_WORDS, SECTION_KEYWORDS } from '../../../model/ast';
import { BUILTIN_SYMBOLS } from '../../../model/ir';
import { constantValue, FUNCTION_NAMES } from '../../../model/lower';
import { BUILTIN_SYMBOL_DOCS, FUNCTION_DOCS, KEYWORD_DOCS, SECTION_DOCS } from './builtins';

describe('built-in documentation', () => {
  it('documents every function the compiler accepts, and the population reductions', () => {
    expect(FUNCTION_DOCS.map((f) => f.name).sort()).toEqual([...FUNCTION_NAMES, 'pop_max', 'pop_sum'].sort());
    for (const f of FUNCTION_DOCS) {
      expect(f.signature.startsWith(`${f.name}(`), f.name).toBe(true);
      expect(f.summary.length, f.name).toBeGreaterThan(10);
      expect(f.units.length, f.name).toBeGreaterThan(10);
    }
  });

  it('marks as constant exactly the functions a parameter default may use', () => {
    for (const f of FUNCTION_DOCS.filter((d) => !d.spikeOnly)) {
      const args = f.signature.endsWith('()') ? [] : f.name === 'clip' ? [0.5, 0, 1] : f.name === 'pow' || f.name === 'min' || f.name === 'max' ? [2, 3] : [0.5];
      const value = constantValue({ k: 'call', fn: f.name as (typeof FUNCTION_NAMES)[number], args: args.map((v) => ({ k: 'num', v })) });
      expect(value !== undefined, f.name).toBe(f.constant);
    }
  });

  it('documents every built-in symbol, section and reserved word', () => {
    expect(BUILTIN_SYMBOL_DOCS.map((b) => b.name).sort()).toEqual(Object.keys(BUILTIN_SYMBOLS).sort());
    expect(Object.keys(SECTION_DOCS).sort()).toEqual([...SECTION_KEYWORDS].sort());
    for (const word of RESERVED_WORDS) expect(SECTION_DOCS[word as keyof typeof SECTION_DOCS] ?? KEYWORD_DOCS[word], word).toBeDefined();
  });
});
