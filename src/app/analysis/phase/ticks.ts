/** Axis ticks at 1, 2 or 5 × 10^k: the step that gives closest to `count` intervals over [min, max]. */
export function niceTicks(min: number, max: number, count = 6): number[] {
  if (!(max > min) || !Number.isFinite(min) || !Number.isFinite(max)) return [];
  const span = max - min;
  const want = Math.max(1, count);
  const p = 10 ** Math.floor(Math.log10(span / want));
  let step = p;
  for (const m of [1, 2, 5, 10]) if (Math.abs(span / (m * p) - want) < Math.abs(span / step - want)) step = m * p;
  const first = Math.ceil(min / step - 1e-9);
  const out: number[] = [];
  for (let k = first; k * step <= max + step * 1e-9; k++) {
    // Printing k·step keeps 0.30000000000000004 out of the labels.
    out.push(Number.parseFloat((k * step).toPrecision(12)));
  }
  return out;
}
