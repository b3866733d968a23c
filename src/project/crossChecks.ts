/**
 * Cross-reference checks on a schema-valid project: what one field's schema cannot see (unknown or
 * duplicate ids, per-neuron array lengths, neuron indices, units that must agree, sampled stimuli).
 */
import { dimEquals, parseQuantityText } from '../model/units';
import { parseCsv, formatCsvIssue } from './csv';
import { quoteList, suggestion, withGot, type PathSegment, type RawIssue } from './errors';
import type { Amount, ParamValue, Project } from './schema';

export function crossCheck(p: Project): RawIssue[] {
  const out: RawIssue[] = [];
  const add = (path: PathSegment[], message: string) => out.push({ path, message });

  if (p.simulation.dtMs > p.simulation.durationMs) {
    add(
      ['simulation', 'dtMs'],
      `the time step (${p.simulation.dtMs} ms) is longer than the simulation (durationMs = ${p.simulation.durationMs} ms)`,
    );
  }

  // Populations.
  const sizes = new Map<string, number>();
  const firstIndex = new Map<string, number>();
  p.populations.forEach((pop, i) => {
    const prev = firstIndex.get(pop.id);
    if (prev !== undefined) {
      add(['populations', i, 'id'], `duplicate population id '${pop.id}' (also used by $.populations[${prev}])`);
    } else {
      firstIndex.set(pop.id, i);
      sizes.set(pop.id, pop.size);
    }
    const base: PathSegment[] = ['populations', i];
    checkParamMap(pop.params, [...base, 'params'], pop.size, pop.id, add);
    checkParamMap(pop.init, [...base, 'init'], pop.size, pop.id, add);
    const channelAt = new Map<string, number>();
    (pop.channels ?? []).forEach((ch, j) => {
      const seen = channelAt.get(ch.model);
      if (seen !== undefined) {
        add(
          [...base, 'channels', j, 'model'],
          `channel '${ch.model}' is already inserted in population '${pop.id}' ($.populations[${i}].channels[${seen}])`,
        );
      } else channelAt.set(ch.model, j);
      checkParamMap(ch.params, [...base, 'channels', j, 'params'], pop.size, pop.id, add);
      checkParamMap(ch.init, [...base, 'channels', j, 'init'], pop.size, pop.id, add);
    });
    if (pop.update === 'sequential' && pop.integrator !== 'euler' && pop.integrator !== 'rk1' && pop.integrator !== 'exponential_euler') {
      add(
        [...base, 'update'],
        `update 'sequential' works with integrator 'euler' or 'exponential_euler', not '${pop.integrator}'`,
      );
    }
  });

  const ids = [...sizes.keys()];
  const knownPopulation = (id: string, path: PathSegment[]): number | undefined => {
    const size = sizes.get(id);
    if (size === undefined) {
      const list = ids.length > 0 ? `populations are: ${ids.join(', ')}` : 'the project has no populations';
      add(path, `unknown population '${id}'${suggestion(id, ids)}; ${list}`);
    }
    return size;
  };
  const checkNeurons = (neurons: number[] | 'all', size: number, id: string, path: PathSegment[]) => {
    if (neurons === 'all') return;
    neurons.forEach((k, j) => {
      if (k >= size) add([...path, j], `neuron ${k} does not exist: population '${id}' has ${size} neurons (0 to ${size - 1})`);
    });
  };

  // Stimuli.
  const stimulusIds = new Map<string, number>();
  p.stimuli.forEach((s, i) => {
    const base: PathSegment[] = ['stimuli', i];
    const prev = stimulusIds.get(s.id);
    if (prev !== undefined) add([...base, 'id'], `duplicate stimulus id '${s.id}' (also used by $.stimuli[${prev}])`);
    else stimulusIds.set(s.id, i);
    const size = knownPopulation(s.target, [...base, 'target']);
    if (size !== undefined) checkNeurons(s.neurons, size, s.target, [...base, 'neurons']);
    if (s.stopMs !== undefined && s.stopMs <= s.startMs) {
      add([...base, 'stopMs'], `stopMs (${s.stopMs}) must be greater than startMs (${s.startMs})`);
    }
    switch (s.type) {
      case 'step':
      case 'sine':
      case 'noise':
      case 'expression':
        break;
      case 'ramp':
        if (s.stopMs === undefined) {
          add([...base, 'stopMs'], "missing required field 'stopMs' (a ramp reaches 'to' at stopMs)");
        }
        break;
      case 'pulses':
        if (s.widthMs > s.periodMs) {
          add([...base, 'widthMs'], `the pulse width (${s.widthMs} ms) is longer than the period (periodMs = ${s.periodMs} ms)`);
        }
        break;
      case 'sampled':
        checkSampled(s, base, add);
        break;
      default: {
        const never: never = s;
        throw new Error(`unhandled stimulus ${JSON.stringify(never)}`);
      }
    }
    if (s.type === 'noise') checkSameDimension([...base], { mean: s.mean, std: s.std }, add);
    if (s.type === 'noise' && isNegative(s.std)) add([...base, 'std'], withGot('expected a standard deviation >= 0', s.std));
  });

  // Recordings.
  p.recordings.forEach((r, i) => {
    const base: PathSegment[] = ['recordings', i];
    const size = knownPopulation(r.population, [...base, 'population']);
    if (size !== undefined) checkNeurons(r.neurons, size, r.population, [...base, 'neurons']);
    if (r.intervalMs !== undefined && r.intervalMs < p.simulation.dtMs) {
      add([...base, 'intervalMs'], `the interval (${r.intervalMs} ms) is shorter than the time step (dtMs = ${p.simulation.dtMs} ms)`);
    }
    const seen = new Set<string>();
    r.variables.forEach((v, j) => {
      if (seen.has(v)) add([...base, 'variables', j], `variable '${v}' is listed twice`);
      seen.add(v);
    });
  });

  if (p.spikes.populations !== 'all') {
    p.spikes.populations.forEach((id, j) => knownPopulation(id, ['spikes', 'populations', j]));
  }
  return out;
}

type Add = (path: PathSegment[], message: string) => void;

function checkParamMap(
  map: Record<string, ParamValue> | undefined,
  path: PathSegment[],
  size: number,
  popId: string,
  add: Add,
) {
  if (!map) return;
  for (const [name, value] of Object.entries(map)) {
    const at = [...path, name];
    if (Array.isArray(value)) {
      if (value.length !== size) {
        add(at, `expected ${size} values (one per neuron of '${popId}'), got ${value.length}`);
      }
    } else if (typeof value === 'object') {
      if (value.dist === 'uniform') {
        checkSameDimension(at, { low: value.low, high: value.high }, add);
        const lo = comparable(value.low);
        const hi = comparable(value.high);
        if (lo && hi && sameUnit(lo, hi) && lo.value > hi.value) {
          add([...at, 'high'], `high (${describeAmount(value.high)}) must not be below low (${describeAmount(value.low)})`);
        }
      } else {
        checkSameDimension(at, { mean: value.mean, std: value.std, min: value.min, max: value.max }, add);
        if (isNegative(value.std)) add([...at, 'std'], withGot('expected a standard deviation >= 0', value.std));
        const lo = value.min !== undefined ? comparable(value.min) : undefined;
        const hi = value.max !== undefined ? comparable(value.max) : undefined;
        if (lo && hi && sameUnit(lo, hi) && lo.value > hi.value) {
          add([...at, 'max'], `max (${describeAmount(value.max!)}) must not be below min (${describeAmount(value.min!)})`);
        }
      }
    }
  }
}

interface Comparable {
  /** In canonical units for quantities; as written for bare numbers. */
  value: number;
  /** undefined for a bare number (unit: the declared one, unknown here). */
  dim?: readonly number[];
}

function comparable(a: Amount): Comparable | undefined {
  if (typeof a === 'number') return { value: a };
  const q = parseQuantityText(a);
  return q ? { value: q.value * q.unit.scale, dim: q.unit.dim } : undefined;
}

function sameUnit(a: Comparable, b: Comparable): boolean {
  if (a.dim === undefined || b.dim === undefined) return a.dim === b.dim;
  return dimEquals(a.dim as never, b.dim as never);
}

function isNegative(a: Amount): boolean {
  const c = comparable(a);
  return c !== undefined && c.value < 0;
}

function describeAmount(a: Amount): string {
  return typeof a === 'number' ? String(a) : a;
}

/** Quantity strings that set one thing together (low/high, mean/std) must share a dimension. */
function checkSameDimension(path: PathSegment[], amounts: Record<string, Amount | undefined>, add: Add) {
  let first: { key: string; text: string; dim: readonly number[] } | undefined;
  for (const [key, a] of Object.entries(amounts)) {
    if (typeof a !== 'string') continue;
    const q = parseQuantityText(a);
    if (!q) continue;
    if (!first) first = { key, text: q.unit.text, dim: q.unit.dim };
    else if (!dimEquals(first.dim as never, q.unit.dim)) {
      add([...path, key], `${key} is in ${q.unit.text} but ${first.key} is in ${first.text}; they must have the same dimension`);
    }
  }
}

function checkSampled(s: Extract<Project['stimuli'][number], { type: 'sampled' }>, base: PathSegment[], add: Add) {
  if (s.values !== undefined && s.csv !== undefined) {
    add(base, "give exactly one of 'values' and 'csv', not both");
    return;
  }
  if (s.values === undefined && s.csv === undefined) {
    add(base, "missing samples: give 'values' (with 'sampleIntervalMs') or 'csv'");
    return;
  }
  if (s.values !== undefined) {
    if (s.sampleIntervalMs === undefined) {
      add([...base, 'sampleIntervalMs'], "missing required field 'sampleIntervalMs' (the time between 'values', in ms)");
    }
    if (s.column !== undefined) add([...base, 'column'], "'column' is only used with 'csv'");
    return;
  }
  if (s.sampleIntervalMs !== undefined) {
    add([...base, 'sampleIntervalMs'], "'sampleIntervalMs' is only used with 'values' (the CSV's first column holds the times)");
  }
  const parsed = parseCsv(s.csv!);
  if (!parsed.ok) {
    for (const e of parsed.errors) add([...base, 'csv'], `CSV ${formatCsvIssue(e)}`);
    return;
  }
  const { columns } = parsed.table;
  const dataColumns = columns.slice(1);
  if (s.column === undefined) {
    if (dataColumns.length > 1) {
      add(
        [...base, 'column'],
        `missing required field 'column': the CSV has ${dataColumns.length} data columns (${quoteList(dataColumns)})`,
      );
    }
  } else if (s.column === columns[0]) {
    add([...base, 'column'], `'${s.column}' is the time column; choose one of ${quoteList(dataColumns)}`);
  } else if (!dataColumns.includes(s.column)) {
    add(
      [...base, 'column'],
      `the CSV has no column '${s.column}'${suggestion(s.column, dataColumns)}; its data columns are ${quoteList(dataColumns)}`,
    );
  }
}
