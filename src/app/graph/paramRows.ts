/**
 * The parameter list on a population node: every parameter of the model, `name = value unit`, with
 * the ones the document sets highlighted (students never find hidden parameters), collapsed to the
 * first few when long.
 */
import type { ModelInfo } from '../../library/catalog';
import type { PopulationDoc } from '../store/document';
import { formatValue, withUnit, type AnyValue } from './format';
import type { ParamRow } from './types';

/** How many rows a collapsed node shows (rows the document sets are always shown). */
export const COLLAPSED_ROWS = 6;

export function paramRows(pop: PopulationDoc, info: ModelInfo | undefined): ParamRow[] {
  const written = (pop.params ?? {}) as Record<string, AnyValue>;
  const rows: ParamRow[] = [];
  for (const p of info?.params ?? []) {
    const value = written[p.name];
    rows.push({
      name: p.name,
      text: value !== undefined ? formatValue(value, p.unit) : withUnit(p.defaultValue, p.unit),
      set: value !== undefined,
      known: true,
      description: p.description,
    });
  }
  // Values the model does not declare: a typo, or the catalog does not know the model (yet).
  const declared = new Set(info?.params.map((p) => p.name));
  for (const [name, value] of Object.entries(written)) {
    if (declared.has(name)) continue;
    rows.push({ name, text: formatValue(value, ''), set: true, known: info === undefined, description: info ? `${info.name} has no parameter '${name}'` : '' });
  }
  return rows;
}

/** The rows a node shows and how many it hides: the first COLLAPSED_ROWS, plus every row that is set. */
export function visibleRows(rows: readonly ParamRow[], expanded: boolean): { shown: ParamRow[]; hidden: number } {
  if (expanded || rows.length <= COLLAPSED_ROWS + 1) return { shown: [...rows], hidden: 0 };
  const shown = rows.filter((r, i) => i < COLLAPSED_ROWS || r.set || !r.known);
  return { shown, hidden: rows.length - shown.length };
}
