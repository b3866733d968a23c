/**
 * Rate functions with a removable singularity, written as the literature writes them,
 *
 *   α = 0.01·(v + 55) / (1 − e^{−(v+55)/10})       (Hodgkin & Huxley 1952)
 *   α = 0.32·x / (e^{x} − 1)                        (Traub & Miles' efun)
 *
 * are 0/0 where the exponent is 0 (v = −55 mV exactly). In float64 a trajectory almost never lands
 * there; in float32 (the GPU, and the CPU's f32 states) it does: one of 10,000 Hodgkin–Huxley fit
 * candidates reached v = −55 mV exactly and blew up. Where the numerator is a constant multiple k of
 * the exponent E (k free of anything that varies: states, inputs, definitions, time), the quotient
 * is rewritten with exprel(E) = (e^E − 1)/E, which is 1 at 0:
 *
 *   N / (e^E − 1) = k / exprel(E)        N / (1 − e^E) = −k / exprel(E)
 *
 * the same function, continued by its limit (Brian2 offers exprel for the same reason). Whether
 * N = k·E is decided by evaluating N/E at random points: it must not change with the varying
 * symbols; k is then N/E with them at one of those points.
 */
import { evaluate } from './evaluate';
import type { Expr } from './ir';
import { simplify, substitute, symbolsOf } from './symbolic';

const TRIALS = 4;
const RELATIVE = 1e-9;

/** `e` with every such quotient rewritten; `fixed(name)`: the symbol is constant during a run (a parameter, dt). */
export function removeRateSingularities(e: Expr, fixed: (name: string) => boolean): Expr {
  const visit = (x: Expr): Expr => {
    switch (x.k) {
      case 'num':
      case 'sym':
        return x;
      case 'un':
        return { ...x, a: visit(x.a) };
      case 'reduce':
        return { ...x, a: visit(x.a) };
      case 'cond':
        return { ...x, c: visit(x.c), a: visit(x.a), b: visit(x.b) };
      case 'call':
        return { ...x, args: x.args.map(visit) };
      case 'bin': {
        const a = visit(x.a);
        const b = visit(x.b);
        return (x.op === '/' && withExprel(a, b, fixed)) || { ...x, a, b };
      }
    }
  };
  return visit(e);
}

/** N/D as ±k/exprel(E) when D is e^E − 1 or 1 − e^E and N = k·E; else undefined. */
function withExprel(N: Expr, D: Expr, fixed: (name: string) => boolean): Expr | undefined {
  if (D.k !== 'bin' || D.op !== '-') return undefined;
  const isOne = (x: Expr): boolean => x.k === 'num' && x.v === 1;
  const exponent = (x: Expr): Expr | undefined => (x.k === 'call' && x.fn === 'exp' ? x.args[0] : undefined);
  const sign = exponent(D.a) && isOne(D.b) ? 1 : isOne(D.a) && exponent(D.b) ? -1 : 0;
  if (sign === 0) return undefined;
  const E = (sign > 0 ? exponent(D.a) : exponent(D.b))!;
  const k = constantRatio(N, E, fixed);
  if (!k) return undefined;
  const factor: Expr = sign > 0 ? k : k.k === 'num' ? { k: 'num', v: -k.v } : { k: 'un', op: 'neg', a: k };
  return { k: 'bin', op: '/', a: factor, b: { k: 'call', fn: 'exprel', args: [E] } };
}

/** N/E as an expression of fixed symbols only, when it does not change with the others; else undefined. */
function constantRatio(N: Expr, E: Expr, fixed: (name: string) => boolean): Expr | undefined {
  const symbols = [...symbolsOf({ k: 'bin', op: '+', a: N, b: E })];
  const varying = symbols.filter((s) => !fixed(s));
  if (varying.length === 0) return undefined;
  // A deterministic stream of sample values (symbols are named, so any spread of values will do).
  let seed = 12345;
  const sample = (): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return -50 + (100 * seed) / 2 ** 31;
  };
  const ratio = { k: 'bin', op: '/', a: N, b: E } as const;
  let first: { values: Map<string, number>; fixedValues: Map<string, number> } | undefined;
  for (let f = 0; f < 2; f++) {
    const fixedValues = new Map(symbols.filter(fixed).map((s) => [s, 0.5 + Math.abs(sample())]));
    let reference: number | undefined;
    for (let trial = 0; trial < TRIALS; trial++) {
      const values = new Map(varying.map((s) => [s, sample()]));
      let r: number;
      try {
        r = evaluate(ratio, (name) => values.get(name) ?? fixedValues.get(name)!);
      } catch {
        return undefined; // rand(), randn() or a reduction: not a rate function
      }
      if (!Number.isFinite(r) || r === 0) return undefined;
      if (reference === undefined) reference = r;
      else if (Math.abs(r - reference) > RELATIVE * Math.abs(reference)) return undefined;
      first ??= { values, fixedValues };
    }
  }
  const at = first!.values;
  return simplify(substitute(ratio, (name) => (at.has(name) ? { k: 'num', v: at.get(name)! } : undefined)));
}
