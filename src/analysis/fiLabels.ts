/**
 * Labels for overlaid f–I curves: each curve is named by what differs between the curves shown
 * (`tau_m = 20 ms`), not by everything it has, so that a teacher's comparison reads at a glance.
 * Labels are recomputed for the whole set whenever a curve is added or removed.
 */
import { formatValue } from './fiCell';

export interface CurveIdentity {
  /** For people when nothing tells the curves apart, or there is only one: `exc (LIF)`. */
  readonly title: string;
  readonly model: string;
  /** Every parameter value the cell ran with (defaults filled), keyed `tau_m` or `Na.gNa`. */
  readonly values: ReadonlyMap<string, { readonly value: number | string; readonly unit: string }>;
  readonly dtMs: number;
  readonly durationMs: number;
  readonly transientMs: number;
  readonly integrator: string;
}

/** At most this many differing parameters are spelled out in one label. */
export const MAX_PARTS = 3;

const show = (v: { value: number | string; unit: string } | undefined) =>
  v === undefined ? '(none)' : typeof v.value === 'number' ? (v.unit === '' || v.unit === '1' ? formatValue(v.value) : `${formatValue(v.value)} ${v.unit}`) : v.value;

export function curveLabels(curves: readonly CurveIdentity[]): string[] {
  if (curves.length <= 1) return curves.map((c) => c.title);
  const differs = <T>(get: (c: CurveIdentity) => T, among: readonly CurveIdentity[] = curves) => new Set(among.map((c) => String(get(c)))).size > 1;
  const modelsDiffer = differs((c) => c.model);
  const settings = ([
    { key: 'dt', get: (c) => `dt = ${formatValue(c.dtMs)} ms` },
    { key: 'integrator', get: (c) => c.integrator },
    { key: 'duration', get: (c) => `${formatValue(c.durationMs)} ms` },
    { key: 'transient', get: (c) => `transient ${formatValue(c.transientMs)} ms` },
  ] satisfies { key: string; get: (c: CurveIdentity) => string }[]).filter((s) => differs(s.get));

  const labels = curves.map((c) => {
    // Parameters are compared only between curves of the same model (other models have other parameters).
    const same = curves.filter((o) => o.model === c.model);
    const keys = [...new Set(same.flatMap((o) => [...o.values.keys()]))].filter((k) => differs((o) => show(o.values.get(k)), same));
    const params = keys.map((k) => `${k} = ${show(c.values.get(k))}`);
    const parts = [
      ...(modelsDiffer ? [c.model] : []),
      ...params.slice(0, MAX_PARTS),
      ...(params.length > MAX_PARTS ? [`+${params.length - MAX_PARTS} more`] : []),
      ...settings.map((s) => s.get(c)),
    ];
    return parts.length > 0 ? parts.join(', ') : c.title;
  });
  // Identical runs: number them so the legend and the CSV columns stay distinct.
  const seen = new Map<string, number>();
  return labels.map((l) => {
    const n = (seen.get(l) ?? 0) + 1;
    seen.set(l, n);
    return n === 1 ? l : `${l} (${n})`;
  });
}
