/**
 * "CSV" export: a small menu with the traces file and the spikes file, each one download per click
 * (browsers may block several downloads started by a single click).
 */
import { useEffect, useRef, useState } from 'react';
import { spikesCsv, tracesCsv } from './csv';
import { downloadText, fileSlug } from './download';
import type { RunData } from './runData';
import './ExportCsvMenu.css';

interface Props {
  readonly data: RunData;
  readonly projectName: string | undefined;
  readonly disabled: boolean;
}

export function ExportCsvMenu({ data, projectName, disabled }: Props) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  const save = (kind: 'traces' | 'spikes') => {
    setOpen(false);
    const text = kind === 'traces' ? tracesCsv(data) : spikesCsv(data);
    downloadText(text, `${fileSlug(projectName)}-${kind}.csv`);
  };

  const traces = data.recorders.reduce((n, r) => n + r.series.length, 0);
  return (
    <span className="plots-csv" ref={rootRef}>
      <button type="button" onClick={() => setOpen(!open)} disabled={disabled} aria-haspopup="menu" aria-expanded={open} data-testid="export-csv" title="Export the run's data as CSV">
        CSV ▾
      </button>
      {open && (
        <span className="plots-csv-menu" role="menu">
          <button type="button" role="menuitem" onClick={() => save('traces')} disabled={traces === 0} data-testid="export-csv-traces">
            Traces ({traces} series): time_ms + one column per series
          </button>
          <button type="button" role="menuitem" onClick={() => save('spikes')} data-testid="export-csv-spikes">
            Spikes ({data.spikeCount.toLocaleString('en-US')}): time_ms, population, neuron
          </button>
        </span>
      )}
    </span>
  );
}
