/** CSV of a sweep: one row per combination, the swept values (with units) then the measure. */
import { csvField } from './fiCsv';
import { combination, combinationCount, type SweepAxisValues } from './sweep';

const num = (x: number) => (Number.isFinite(x) ? String(Number(x.toPrecision(12))) : '');
const head = (name: string, unit: string) => (unit === '' || unit === '1' ? name : `${name} (${unit})`);

export function sweepCsv(axes: readonly SweepAxisValues[], values: readonly number[], measure: { label: string; unit: string }): string {
  const lines = [[...axes.map((a) => head(a.param, a.unit)), head(measure.label, measure.unit)].map(csvField).join(',')];
  for (let k = 0; k < combinationCount(axes); k++) lines.push([...combination(axes, k).map(num), num(values[k])].join(','));
  return lines.join('\n') + '\n';
}
