/**
 * Go to definition within one model: from a use of a name (or from `dX` in `dX/dt`) to where the
 * name is declared. Positions follow types.ts (1-based, Monaco's convention).
 */
import { findSymbol, scanModel } from './scope';
import { inComment, wordAt } from './text';
import type { SourceRange } from './types';

/** The declaration's name range, or undefined when the word is not a declared name (a unit, a function, a keyword). */
export function definitionAt(source: string, line: number, column: number): SourceRange | undefined {
  const scope = scanModel(source);
  if (inComment(scope.lines, line, column)) return undefined;
  const word = wordAt(scope.lines, line, column);
  if (!word) return undefined;
  let symbol = findSymbol(scope, word.text);
  const equation = scope.equations.find((e) => e.line === line && e.col === word.startColumn);
  if (equation && word.text === `d${equation.state}`) symbol = findSymbol(scope, equation.state) ?? symbol;
  if (!symbol) return undefined;
  return { startLine: symbol.line, startColumn: symbol.col, endLine: symbol.line, endColumn: symbol.col + symbol.length };
}
