/**
 * The palette: the catalog's models (cells, spike sources, channels, synapses), the stimulus types,
 * the recorder and the firing-pattern presets, with a search box. Click an item to add it (at the
 * centre of the view, attached to the selected population where it needs one), or drag it onto the
 * canvas; a channel is dropped onto a cell. A synapse is picked for the next connections (and
 * applied to selected projections). A preset adds a whole cell with its stimulus and recorder.
 */
import { useMemo, useState, type DragEvent } from 'react';
import { useCatalog } from '../store';
import { encodeDrag, PALETTE_MIME, paletteGroups, paletteItemTestId, type PaletteItem } from './palette';
import './Palette.css';

export interface PaletteProps {
  readonly onActivate: (item: PaletteItem) => void;
  /** The synapse new connections use, if one was picked. */
  readonly nextSynapse?: string;
}

/** How a group's items are used, where a click does not simply add a node. */
const GROUP_HINTS: Partial<Record<string, string>> = {
  channels: 'Drag onto a cell, or click to insert into the selected cells.',
  synapses: 'Click to use for new connections (and the selected projections).',
  stimuli: 'Drives the selected population (or the one it is dropped on).',
  recorder: 'Records the selected population (or the one it is dropped on).',
  presets: 'A cell with the stimulus and recorder that show its pattern; hover for why it fires so.',
};

export function Palette({ onActivate, nextSynapse }: PaletteProps) {
  const models = useCatalog((s) => s.models);
  const ready = useCatalog((s) => s.ready);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(true);
  const groups = useMemo(() => paletteGroups(models, query), [models, query]);

  if (!open) {
    return (
      <div className="graph-palette is-collapsed" data-testid="palette">
        <button type="button" className="graph-palette-toggle" data-testid="palette-toggle" aria-label="Show the palette" title="Show the palette" onClick={() => setOpen(true)}>
          ›
        </button>
        <span className="graph-palette-vertical">Palette</span>
      </div>
    );
  }

  const onDragStart = (e: DragEvent, item: PaletteItem) => {
    e.dataTransfer.setData(PALETTE_MIME, encodeDrag(item));
    e.dataTransfer.setData('text/plain', item.name);
    e.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <aside className="graph-palette" data-testid="palette" aria-label="Palette">
      <div className="graph-palette-head">
        <span>Palette</span>
        <button type="button" className="graph-palette-toggle" data-testid="palette-toggle" aria-label="Hide the palette" title="Hide the palette" onClick={() => setOpen(false)}>
          ‹
        </button>
      </div>
      <input
        type="search"
        className="graph-palette-search"
        data-testid="palette-search"
        aria-label="Search the palette"
        placeholder="Search models…"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setQuery('');
        }}
      />
      <div className="graph-palette-list">
        {!ready && <div className="graph-palette-note">Loading the model library…</div>}
        {groups.map((g) => (
          <section key={g.id} className="graph-palette-group" aria-label={g.title}>
            <h3>{g.title}</h3>
            {GROUP_HINTS[g.id] && <p className="graph-palette-grouphint">{GROUP_HINTS[g.id]}</p>}
            <ul>
              {g.items.map((item) => {
                const picked = item.kind === 'synapse' && item.name === nextSynapse;
                return (
                  <li key={`${item.kind}:${item.name}`}>
                    <button
                      type="button"
                      className={`graph-palette-item kind-${item.kind}${picked ? ' is-picked' : ''}`}
                      data-testid={paletteItemTestId(item)}
                      draggable={item.kind !== 'synapse'}
                      onDragStart={(e) => onDragStart(e, item)}
                      onClick={() => onActivate(item)}
                      title={[item.detail ?? item.summary, item.origin && `(${item.origin})`].filter(Boolean).join(' ')}
                      aria-pressed={item.kind === 'synapse' ? picked : undefined}
                    >
                      <span className="graph-palette-name">{item.title}</span>
                      {item.summary && <span className="graph-palette-summary">{item.summary}</span>}
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
        {groups.length === 0 && <div className="graph-palette-note">Nothing matches “{query}”.</div>}
      </div>
    </aside>
  );
}
