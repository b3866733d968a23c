/**
 * Chooses the recorded series the trace plot shows: a drop-down of checkboxes grouped by
 * population and variable (with a checkbox per group), plus "All" and "None".
 */
import { useEffect, useRef } from 'react';
import { groupByVariable, type SeriesRef, type VariableGroup } from './traceSeries';
import './SeriesPicker.css';

interface Props {
  readonly series: readonly SeriesRef[];
  readonly selected: ReadonlySet<string>;
  readonly onChange: (selected: Set<string>) => void;
  readonly colorOf: (id: string) => string;
}

function GroupBox({ group, selected, onToggle }: { group: VariableGroup; selected: ReadonlySet<string>; onToggle: (ids: string[], on: boolean) => void }) {
  const ref = useRef<HTMLInputElement>(null);
  const count = group.series.filter((s) => selected.has(s.id)).length;
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = count > 0 && count < group.series.length;
  }, [count, group.series.length]);
  return (
    <label className="plots-picker-group">
      <input
        ref={ref}
        type="checkbox"
        checked={count === group.series.length}
        onChange={(e) => onToggle(group.series.map((s) => s.id), e.target.checked)}
        data-testid={`trace-group-${group.id}`}
      />
      {group.label}
    </label>
  );
}

export function SeriesPicker({ series, selected, onChange, colorOf }: Props) {
  const detailsRef = useRef<HTMLDetailsElement>(null);
  const groups = groupByVariable(series);
  const shown = series.filter((s) => selected.has(s.id)).length;

  // Close on a click outside or Escape, like a menu.
  useEffect(() => {
    const close = (e: Event) => {
      const d = detailsRef.current;
      if (!d?.open) return;
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !d.contains(e.target as Node)) d.open = false;
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', close);
    };
  }, []);

  const toggle = (ids: string[], on: boolean) => {
    const next = new Set(selected);
    for (const id of ids) {
      if (on) next.add(id);
      else next.delete(id);
    }
    onChange(next);
  };

  return (
    <details className="plots-picker" ref={detailsRef} data-testid="trace-series-picker">
      <summary aria-label="Choose the series to plot">
        Series {shown}/{series.length}
      </summary>
      <div className="plots-picker-menu" role="group" aria-label="Recorded series">
        <div className="plots-picker-actions">
          <button type="button" onClick={() => onChange(new Set(series.map((s) => s.id)))} data-testid="trace-series-all">
            All
          </button>
          <button type="button" onClick={() => onChange(new Set())} data-testid="trace-series-none">
            None
          </button>
        </div>
        {groups.map((g) => (
          <fieldset key={g.id} className="plots-picker-fieldset">
            <legend>
              <GroupBox group={g} selected={selected} onToggle={toggle} />
            </legend>
            <div className="plots-picker-items">
              {g.series.map((s) => (
                <label key={s.id} className="plots-picker-item" title={`${s.info.key} (${s.info.unit || '1'})`}>
                  <input
                    type="checkbox"
                    checked={selected.has(s.id)}
                    onChange={(e) => toggle([s.id], e.target.checked)}
                    data-testid={`trace-series-${s.info.key}`}
                    aria-label={`${s.info.key} (${s.info.unit || '1'})`}
                  />
                  <span className="plots-picker-swatch" style={{ background: selected.has(s.id) ? colorOf(s.id) : 'transparent' }} />
                  {s.info.neuron}
                </label>
              ))}
            </div>
          </fieldset>
        ))}
      </div>
    </details>
  );
}
