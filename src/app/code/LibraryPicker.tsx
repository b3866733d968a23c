/**
 * "Models ▾": the project's own models (open to edit) and the built-in library (search, open
 * read-only; Duplicate makes an editable copy).
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import { useProject } from '../store';
import { codePanelUi } from './codePanelUi';
import { searchLibrary, type LibraryEntry } from './libraryList';
import { useDismiss } from './useDismiss';
import './CodeMenus.css';

const KIND_TITLES = { cell: 'Cells', channel: 'Channels', synapse: 'Synapses' } as const;

export function LibraryPicker({ entries, onOpen }: { readonly entries: readonly LibraryEntry[]; readonly onOpen: (name: string) => void }) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const rootRef = useRef<HTMLSpanElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(rootRef, open, close);
  const groups = useMemo(() => searchLibrary(entries, query), [entries, query]);
  const projectModels = useProject((s) => s.doc.models);
  const projectNames = Object.keys(projectModels ?? {}).filter((n) => n.toLowerCase().includes(query.trim().toLowerCase()));
  const first = groups[0]?.entries[0];
  const pick = (name: string) => {
    setOpen(false);
    setQuery('');
    onOpen(name);
  };
  return (
    <span className="code-menu" ref={rootRef}>
      <button
        type="button"
        data-testid="code-open-builtin"
        aria-haspopup="dialog"
        aria-expanded={open}
        title="Open one of this project's models, or a built-in model (read-only; Duplicate makes an editable copy)"
        onClick={() => setOpen(!open)}
      >
        Models ▾
      </button>
      {open && (
        <div className="code-menu-popup code-library" role="dialog" aria-label="Built-in models">
          <input
            type="search"
            autoFocus
            data-testid="code-library-search"
            aria-label="Search the built-in models"
            placeholder="Search models…"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && first) pick(first.name);
            }}
          />
          <div className="code-library-list">
            {projectNames.length > 0 && (
              <section aria-label="This project">
                <h4>This project</h4>
                {projectNames.map((name) => (
                  <button
                    key={name}
                    type="button"
                    data-testid={`code-project-${name}`}
                    onClick={() => {
                      setOpen(false);
                      setQuery('');
                      codePanelUi.getState().showModel(name);
                    }}
                    title="Open this project model to edit it"
                  >
                    <span className="code-menu-title">{name}</span>
                    <span className="code-menu-hint">stored in the project file</span>
                  </button>
                ))}
              </section>
            )}
            {groups.map((g) => (
              <section key={g.kind} aria-label={KIND_TITLES[g.kind]}>
                <h4>{KIND_TITLES[g.kind]}</h4>
                {g.entries.map((e) => (
                  <button key={e.name} type="button" data-testid={`code-library-${e.name}`} onClick={() => pick(e.name)} title={`${e.summary} (${e.origin})`}>
                    <span className="code-menu-title">{e.name}</span>
                    <span className="code-menu-hint">{e.summary}</span>
                  </button>
                ))}
              </section>
            ))}
            {groups.length === 0 && projectNames.length === 0 && <p className="code-menu-empty">No built-in model matches “{query}”.</p>}
          </div>
        </div>
      )}
    </span>
  );
}
