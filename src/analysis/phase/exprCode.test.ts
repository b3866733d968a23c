/** Generated code and closures agree on every built-in cell model's equations, derivatives and spike tests. */
import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../../library';
import { definitionMap } from '../../model/compile';
import type { Expr } from '../../model/ir';
import { differentiate, inlineDefinitions } from '../../model/symbolic';
import { compileExpr } from './exprClosure';
import { generate, printExpr } from './exprCode';

describe('generated code = closures', () => {
  const registry = builtinRegistry();
  const cells = registry.names().filter((n) => registry.ir(n)?.kind === 'cell' && registry.ir(n)!.equations.length > 0);

  it.each(cells)('%s', (name) => {
    const ir = registry.ir(name)!;
    const names = [...ir.params.map((p) => p.name), ...ir.inputs.map((i) => i.name), ...ir.states.map((s) => s.name), 't', 'dt', 'lastspike', 'pi'];
    const slot = new Map(names.map((n, i) => [n, i]));
    const defs = definitionMap(ir);
    const exprs: Expr[] = [];
    for (const eq of ir.equations) {
      const f = inlineDefinitions(eq.rhs, defs);
      exprs.push(f, differentiate(f, eq.state));
    }
    if (ir.spike) exprs.push(inlineDefinitions(ir.spike, defs));
    const sym = (n: string) => (slot.has(n) ? `s[${slot.get(n)}]` : undefined);
    const code = generate<(s: Float64Array, out: Float64Array) => void>(exprs.map((e, i) => `out[${i}] = ${printExpr(e, sym)};`).join('\n'))!;
    const closures = exprs.map((e) => compileExpr(e, (n) => slot.get(n)));
    // Values near the model's defaults, states around their usual range.
    let seed = 1;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const s = new Float64Array(names.length);
    const out = new Float64Array(exprs.length);
    for (let trial = 0; trial < 50; trial++) {
      ir.params.forEach((p, i) => (s[i] = p.defaultValue * (0.5 + rand())));
      for (let i = ir.params.length; i < names.length - 4; i++) s[i] = -80 + 120 * rand();
      s[slot.get('t')!] = 10;
      s[slot.get('dt')!] = 0.1;
      s[slot.get('lastspike')!] = -1e7;
      s[slot.get('pi')!] = Math.PI;
      code(s, out);
      closures.forEach((c, i) => {
        const want = c(s);
        if (Number.isNaN(want)) expect(out[i]).toBeNaN();
        // The last bit may differ (Math.pow against repeated products for v^4).
        else expect(Math.abs(out[i] - want)).toBeLessThanOrEqual(1e-14 * Math.abs(want));
      });
    }
  });
});
