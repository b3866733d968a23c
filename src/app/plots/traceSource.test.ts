import { describe, expect, it } from 'vitest';
import { RunData } from './runData';
import { chunk, loaded, series } from './testing';
import { listSeries } from './traceSeries';
import { TraceSource } from './traceSource';

function setup(thinSecond: boolean) {
  const data = new RunData();
  const layout = loaded({ series: [[series('a', 0, 'v', 'mV')], [series('b', 0, 'v', 'mV')], [series('c', 0, 'v', 'mV')]] });
  data.reset(layout);
  const m = chunk({ firstStep: 0, stepCount: 1000, traces: [(s) => s, (s) => -s, (s) => 2 * s] });
  const recordings = thinSecond
    ? m.recordings.map((r) => (r.recorder === 1 ? { ...r, timesMs: r.timesMs.filter((_, i) => i % 3 === 0), values: r.values.filter((_, i) => i % 3 === 0) } : r))
    : m.recordings;
  data.append({ ...m, recordings });
  return { data, all: listSeries(layout) };
}

describe('TraceSource', () => {
  it('decimates recorders on the same time base together: every series has a value at every x', () => {
    const { data, all } = setup(false);
    const source = new TraceSource(data, [all[2], all[0], all[1]]);
    expect(source.ordered.map((s) => s.id)).toEqual(['2:c[0].v', '0:a[0].v', '1:b[0].v']);
    const out = source.frame({ min: 0, max: 500 }, 50, true)!;
    expect(out.length).toBe(4);
    expect(out[0].length).toBeLessThanOrEqual(50 * 8 + 2);
    for (let s = 1; s < 4; s++) expect(Array.from(out[s]).every((v) => v !== null)).toBe(true);
    // Column order follows `ordered`: c = 2·step, a = step, b = −step at t = step · 0.5.
    const i = 5;
    const step = (out[0][i] as number) / 0.5;
    expect([out[1][i], out[2][i], out[3][i]]).toEqual([2 * step, step, -step]);
    // Unchanged data and window: nothing to redraw.
    expect(source.frame({ min: 0, max: 500 }, 50, false)).toBeNull();
  });

  it('merges recorders on different time bases with gaps', () => {
    const { data, all } = setup(true);
    const source = new TraceSource(data, all);
    const out = source.frame({ min: 0, max: 10 }, 1000, true)!;
    // 21 samples of a and c in [0, 10] ms (+1 after), b every third step.
    expect(Array.from(out[2]).some((v) => v === null)).toBe(true);
    expect(Array.from(out[1]).every((v) => v !== null)).toBe(true);
  });

  it('folds new chunks in incrementally with the same result as from scratch', () => {
    const data = new RunData();
    const layout = loaded({ series: [[series('a', 0, 'v', 'mV')]] });
    data.reset(layout);
    const source = new TraceSource(data, listSeries(layout));
    const f = (s: number) => Math.sin(s / 17) * (s % 5);
    for (let c = 0; c < 20; c++) {
      data.append(chunk({ firstStep: c * 100, stepCount: 100, traces: [f] }));
      source.frame({ min: 0, max: 1000 }, 64, false);
    }
    const fresh = new TraceSource(data, listSeries(layout)).frame({ min: 0, max: 1000 }, 64, true)!;
    const incremental = source.frame({ min: 0, max: 1000 }, 64, true)!;
    expect(Array.from(incremental[0])).toEqual(Array.from(fresh[0]));
    expect(Array.from(incremental[1])).toEqual(Array.from(fresh[1]));
  });
});
