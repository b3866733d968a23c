import { describe, expect, it } from 'vitest';
import { shareCommonCalls } from './commonCalls';
import { EXPREL_LAMBDA } from '../engine/cpu/printExpr';

const run = (lines: string[], result: string) => new Function(`${lines.join('\n')}\nreturn ${result};`)() as number;

describe('shareCommonCalls', () => {
  it('computes a repeated Math call once, before its first use, with the same results', () => {
    const lines = ['const x = 0.3;', 'const a1 = Math.exp(x / 2) + 1;', 'const b1 = 2 * Math.exp(x / 2);'];
    const shared = shareCommonCalls(lines);
    expect(shared).toEqual(['const x = 0.3;', 'const mc0 = Math.exp(x / 2);', 'const a1 = mc0 + 1;', 'const b1 = 2 * mc0;']);
    expect(run(shared, 'a1 + b1')).toBe(run(lines, 'a1 + b1'));
  });

  it('collapses nested repeats (innermost first) and leaves single calls alone', () => {
    const lines = ['const y = Math.log(Math.exp(2) + 1) + Math.sqrt(3);', 'const z = Math.log(Math.exp(2) + 1) * 2;'];
    const shared = shareCommonCalls(lines);
    expect(shared.filter((l) => l.includes('Math.exp'))).toHaveLength(1);
    expect(shared.filter((l) => l.includes('Math.log'))).toHaveLength(1);
    expect(shared.join('\n')).toContain('Math.sqrt(3)');
    expect(run(shared, 'y + z')).toBe(run(lines, 'y + z'));
  });

  it("shares exprel's lambda but never hoists a call that reads the lambda's own parameter", () => {
    const exprel = (arg: string) => `${EXPREL_LAMBDA}(${arg})`;
    const lines = ['const v = -0.5;', `const r1 = ${exprel('v / 10')};`, `const r2 = 3 * ${exprel('v / 10')};`];
    const shared = shareCommonCalls(lines);
    expect(shared[1]).toBe(`const mc0 = ${exprel('v / 10')};`);
    expect(run(shared, 'r1 + r2')).toBe(run(lines, 'r1 + r2'));
  });
});
