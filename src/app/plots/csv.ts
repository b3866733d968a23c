/**
 * CSV export of the run's data as held by RunData (after any memory-cap trimming).
 *
 * traces: `time_ms` then one column per recorded series, headed `key (unit)`, e.g. `exc[0].v (mV)`.
 * Recorders sampled at different times share rows where their times coincide; a series without a
 * sample at a row's time leaves its cell empty.
 * spikes: `time_ms,population,neuron`, one row per spike in time order (time = step · dt, the start
 * of the step in which the threshold was crossed, as the protocol stamps it).
 */
import type { RunData } from './runData';
import { SPIKE_NEURON, SPIKE_POPULATION, SPIKE_STEP } from './runData';

/** A CSV field, quoted when it holds a comma, quote or line break. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Column header of a series: its key with the unit in parentheses (no parentheses when dimensionless). */
export function seriesHeader(key: string, unit: string): string {
  return unit && unit !== '1' ? `${key} (${unit})` : key;
}

/** Times are step · dt in binary floating point: 12 significant digits drop the noise (0.30000000000000004). */
export function formatTime(ms: number): string {
  return String(Number(ms.toPrecision(12)));
}

function formatValue(v: number, f32: boolean): string {
  if (Number.isNaN(v)) return 'NaN';
  return f32 ? String(Number(v.toPrecision(7))) : String(v);
}

export function tracesCsv(data: RunData): string {
  const header = ['time_ms'];
  for (const r of data.recorders) for (const s of r.series) header.push(seriesHeader(s.key, s.unit));
  const lines = [header.map(csvField).join(',')];
  const f32 = data.layout?.precision !== 'f64';
  const recorders = data.recorders.map((r, i) => ({
    times: data.traceTimes(i),
    values: r.series.map((_, s) => data.traceValues(i, s)),
  }));
  const pos = new Int32Array(recorders.length);
  const cells: string[] = [];
  while (true) {
    let t = Infinity;
    for (let r = 0; r < recorders.length; r++) if (pos[r] < recorders[r].times.length && recorders[r].times[pos[r]] < t) t = recorders[r].times[pos[r]];
    if (t === Infinity) break;
    cells.length = 0;
    cells.push(formatTime(t));
    for (let r = 0; r < recorders.length; r++) {
      const rec = recorders[r];
      const hit = pos[r] < rec.times.length && rec.times[pos[r]] === t;
      for (const col of rec.values) cells.push(hit ? formatValue(col[pos[r]], f32) : '');
      if (hit) pos[r]++;
    }
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}

export function spikesCsv(data: RunData): string {
  const lines = ['time_ms,population,neuron'];
  const steps = data.spikes.view(SPIKE_STEP);
  const pops = data.spikes.view(SPIKE_POPULATION);
  const neurons = data.spikes.view(SPIKE_NEURON);
  const names = data.populations.map((p) => csvField(p.id));
  for (let i = 0; i < steps.length; i++) lines.push(`${formatTime(steps[i] * data.dtMs)},${names[pops[i]] ?? pops[i]},${neurons[i]}`);
  return lines.join('\n') + '\n';
}
