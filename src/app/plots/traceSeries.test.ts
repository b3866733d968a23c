import { describe, expect, it } from 'vitest';
import { carrySelection, DEFAULT_SHOWN, groupByUnit, groupByVariable, listSeries } from './traceSeries';
import { loaded, series } from './testing';

describe('trace series', () => {
  const layout = loaded();
  const all = listSeries(layout);

  it('lists every recorded series with a unique id', () => {
    expect(all.map((s) => s.id)).toEqual(['0:exc[0].v', '0:exc[0].j', '1:inh[1].v']);
    expect(all[2]).toMatchObject({ recorder: 1, index: 0 });
    expect(listSeries(null)).toEqual([]);
  });

  it('groups by population and variable for the picker', () => {
    expect(groupByVariable(all).map((g) => g.label)).toEqual(['exc.v (mV)', 'exc.j (nA)', 'inh.v (mV)']);
  });

  it('puts each unit on its own chart with the unit in the axis label', () => {
    const groups = groupByUnit(all);
    expect(groups.map((g) => g.axisLabel)).toEqual(['v (mV)', 'j (nA)']);
    expect(groups[0].series.map((s) => s.id)).toEqual(['0:exc[0].v', '1:inh[1].v']);
    const dimensionless = groupByUnit(listSeries(loaded({ series: [[series('a', 0, 'm', ''), series('a', 0, 'h', '1')]] })));
    expect(dimensionless.map((g) => g.axisLabel)).toEqual(['m, h (1)']);
  });

  it('default selection shows the first few; a rerun keeps the choice and adds new series', () => {
    const many = listSeries(loaded({ series: [Array.from({ length: 12 }, (_, n) => series('exc', n, 'v', 'mV'))] }));
    expect(carrySelection(null, many).size).toBe(DEFAULT_SHOWN);
    const known = new Set(all.map((s) => s.id));
    expect(carrySelection({ selected: new Set(), known }, all).size).toBe(0);
    expect([...carrySelection({ selected: new Set(['1:inh[1].v']), known }, all)]).toEqual(['1:inh[1].v']);
    const grown = listSeries(loaded({ series: [...layout.series, [series('inh', 0, 'v', 'mV')]] }));
    expect([...carrySelection({ selected: new Set(['1:inh[1].v']), known }, grown)]).toEqual(['1:inh[1].v', '2:inh[0].v']);
  });
});
