/**
 * Common-subexpression elimination of pure Math calls in generated straight-line code: a step with
 * tangents evaluates `exp((v − VT)/ΔT)` in the value and again in each partial derivative (AdEx: three
 * times; HH's rate functions likewise), and V8 does not merge repeated Math.exp calls. Each call text
 * that occurs more than once becomes one local, declared just before the first line that uses it
 * (its arguments are defined there, since that line reads them). Innermost calls first, so nested
 * repeats collapse too. The functions are pure, so evaluating one once instead of in a branch only
 * saves work. printExpr's exprel lambda counts as a call too.
 */
import { EXPREL_LAMBDA } from '../engine/cpu/printExpr';

const PURE = new RegExp(`Math\\.(exp|log|sqrt|pow|tanh|sin|cos|expm1|log1p|atan|abs)\\(|${EXPREL_LAMBDA.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\(`, 'g');
/** printExpr's exprel is a lambda of `a`: a call inside it reads `a` and stays where it is. */
const LAMBDA_PARAMETER = /\ba\b/;

/** Call texts whose arguments contain no other Math call, in order of appearance. */
function innermostCalls(line: string): string[] {
  const calls: string[] = [];
  for (const match of line.matchAll(PURE)) {
    const start = match.index;
    let depth = 0;
    let end = start + match[0].length - 1;
    for (; end < line.length; end++) {
      if (line[end] === '(') depth++;
      else if (line[end] === ')' && --depth === 0) break;
    }
    const text = line.slice(start, end + 1);
    const args = text.slice(match[0].length);
    if (!args.includes('Math.') && !args.includes('=>') && !LAMBDA_PARAMETER.test(args)) calls.push(text);
  }
  return calls;
}

/** `lines` with every repeated pure call computed once (locals named `${prefix}0`, `${prefix}1`, …). */
export function shareCommonCalls(lines: readonly string[], prefix = 'mc'): string[] {
  let out = [...lines];
  let next = 0;
  for (;;) {
    const calls = new Set(out.flatMap(innermostCalls));
    const repeated = [...calls].filter((call) => out.reduce((n, line) => n + line.split(call).length - 1, 0) >= 2);
    if (repeated.length === 0) return out;
    for (const call of repeated) {
      const name = `${prefix}${next++}`;
      const first = out.findIndex((line) => line.includes(call));
      out = out.map((line) => line.split(call).join(name));
      out.splice(first, 0, `const ${name} = ${call};`);
    }
  }
}
