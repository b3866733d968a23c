/**
 * Which recorded series the trace plot shows, and how they are grouped: the picker groups them by
 * population and variable; the plot puts each unit on its own chart (never mV and nA on one axis),
 * with the axis labelled by the variables and the unit, e.g. "v (mV)".
 */
import type { LoadedMessage, SeriesInfo } from '../../worker/protocol';

export interface SeriesRef {
  /** Unique in a layout (a key may be recorded by two recorders). */
  readonly id: string;
  readonly recorder: number;
  /** Column of the series in its recorder. */
  readonly index: number;
  readonly info: SeriesInfo;
}

export interface VariableGroup {
  /** `population.variable` */
  readonly id: string;
  readonly label: string;
  readonly series: readonly SeriesRef[];
}

export interface UnitGroup {
  readonly unit: string;
  /** Axis label: the variables shown and the unit. */
  readonly axisLabel: string;
  readonly series: readonly SeriesRef[];
}

/** Series shown by default when a run's layout is first seen. */
export const DEFAULT_SHOWN = 8;

export function listSeries(layout: LoadedMessage | null): SeriesRef[] {
  if (!layout) return [];
  return layout.series.flatMap((series, recorder) => series.map((info, index) => ({ id: `${recorder}:${info.key}`, recorder, index, info })));
}

/** A unit as shown in labels ('' and '1' are dimensionless). */
export function unitText(unit: string): string {
  return unit && unit !== '1' ? unit : '1';
}

export function groupByVariable(series: readonly SeriesRef[]): VariableGroup[] {
  const groups = new Map<string, SeriesRef[]>();
  for (const s of series) {
    const id = `${s.info.population}.${s.info.variable}`;
    const list = groups.get(id) ?? [];
    list.push(s);
    groups.set(id, list);
  }
  return [...groups].map(([id, list]) => ({ id, label: `${id} (${unitText(list[0].info.unit)})`, series: list }));
}

/** One group per unit, in order of first appearance. */
export function groupByUnit(series: readonly SeriesRef[]): UnitGroup[] {
  const groups = new Map<string, SeriesRef[]>();
  for (const s of series) {
    const unit = unitText(s.info.unit);
    const list = groups.get(unit) ?? [];
    list.push(s);
    groups.set(unit, list);
  }
  return [...groups].map(([unit, list]) => {
    const variables = [...new Set(list.map((s) => s.info.variable))];
    const shown = variables.length > 3 ? `${variables.slice(0, 3).join(', ')}, …` : variables.join(', ');
    return { unit, axisLabel: `${shown} (${unit})`, series: list };
  });
}

/**
 * The selection for a (new) layout: series that were selected stay selected, series that were
 * not there before are added while fewer than DEFAULT_SHOWN are shown (so a rerun keeps the user's
 * choice, even an empty one, and a newly added recording appears).
 */
export function carrySelection(
  previous: { readonly selected: ReadonlySet<string>; readonly known: ReadonlySet<string> } | null,
  series: readonly SeriesRef[],
): Set<string> {
  const selected = new Set(series.filter((s) => previous?.selected.has(s.id)).map((s) => s.id));
  for (const s of series) {
    if (selected.size >= DEFAULT_SHOWN) break;
    if (!previous?.known.has(s.id)) selected.add(s.id);
  }
  return selected;
}

/** Series label in legends and PNGs: the key, e.g. `exc[0].v`. */
export function seriesLabel(s: SeriesRef): string {
  return s.info.key;
}
