/**
 * CSV of overlaid f–I curves: the first column is the current (`I (nA)`), then one rate column
 * per curve (`rate (Hz) [tau_m = 20 ms]`). Curves swept over different currents share rows where
 * their currents coincide; a curve without a point at a row's current leaves its cell empty.
 */

export interface CsvCurve {
  readonly label: string;
  readonly points: readonly { readonly current: number; readonly rateHz: number }[];
}

/** A CSV field, quoted when it holds a comma, quote or line break. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** 12 significant digits: exact for the numbers a sweep makes, without binary noise. */
const num = (x: number) => (Number.isFinite(x) ? String(Number(x.toPrecision(12))) : '');

export function fiCsv(curves: readonly CsvCurve[], unit: string): string {
  const header = [unit === '' || unit === '1' ? 'I' : `I (${unit})`, ...curves.map((c) => `rate (Hz) [${c.label}]`)];
  // Currents are keyed by their printed form, so 0.1 + 0.2 and 0.3 land in one row.
  const rows = new Map<string, { current: number; cells: string[] }>();
  curves.forEach((curve, k) => {
    for (const p of curve.points) {
      const key = num(p.current);
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { current: Number(key), cells: curves.map(() => '') }));
      row.cells[k] = num(p.rateHz);
    }
  });
  const lines = [header.map(csvField).join(',')];
  for (const [key, row] of [...rows].sort((a, b) => a[1].current - b[1].current)) lines.push([key, ...row.cells].join(','));
  return lines.join('\n') + '\n';
}
