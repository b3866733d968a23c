/** The front door of the language: source text → checked IR plus diagnostics. */
import { checkModel } from './check';
import { DiagnosticList, type Diagnostic } from './diagnostics';
import type { Expr, ModelIR } from './ir';
import { parseModel } from './parser';
import { inlineDefinitions, linearIn } from './symbolic';

export interface CompileResult {
  /** Present when the source has no errors (warnings allowed). */
  readonly ir?: ModelIR;
  readonly diagnostics: readonly Diagnostic[];
}

export function compileModel(source: string): CompileResult {
  const diags = new DiagnosticList();
  let ast;
  try {
    ast = parseModel(source, diags);
  } catch (e) {
    // The parser reports what it can; anything else is our bug, but must not escape as a crash.
    diags.error('syntax', { line: 1, col: 1, length: 1 }, `internal error while parsing: ${(e as Error).message}`);
  }
  if (!ast) return { diagnostics: diags.sorted() };
  const ir = checkModel(ast, source, diags);
  if (!diags.hasErrors) checkSteadyStates(ir, diags);
  return { ir: diags.hasErrors ? undefined : ir, diagnostics: diags.sorted() };
}

/** `x = steady` needs dx/dt linear in x, so that the fixed point -A/B exists in closed form. */
function checkSteadyStates(ir: ModelIR, diags: DiagnosticList): void {
  const defs = definitionMap(ir);
  for (const state of ir.states) {
    if (state.init !== 'steady') continue;
    const eq = ir.equations.find((e) => e.state === state.name);
    if (!eq) continue;
    const f = inlineDefinitions(eq.rhs, defs);
    if (!linearIn(f, state.name)) {
      diags.error('nonlinear', { ...state.span }, `'${state.name} = steady' needs d${state.name}/dt to be linear in ${state.name}`);
    }
  }
}

export function definitionMap(ir: ModelIR): Map<string, Expr> {
  return new Map(ir.definitions.map((d) => [d.name, d.expr]));
}
