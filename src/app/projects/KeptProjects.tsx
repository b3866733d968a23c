/**
 * Projects set aside in this browser (an autosave that failed validation, one that a share link
 * replaced): listed under the examples, to open, download or discard.
 */
import { useEffect, useState } from 'react';
import { listRecovery, removeRecovery, type RecoveryEntry } from './autosave';
import { downloadText, openProjectText } from './fileActions';
import { persistenceStore } from './persistence';
import { projectFileName } from './projectFile';
import './KeptProjects.css';

const when = (ms: number) => new Date(ms).toLocaleString();

export function KeptProjects() {
  const [entries, setEntries] = useState<readonly RecoveryEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const refresh = () =>
    listRecovery(persistenceStore()).then(setEntries, (err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  useEffect(() => {
    void refresh();
  }, []);
  if (error) return <p className="kept-projects-error">Projects kept in this browser could not be listed: {error}</p>;
  if (entries.length === 0) return null;
  return (
    <section className="kept-projects" aria-label="Projects kept in this browser">
      <h3>Kept in this browser</h3>
      <ul>
        {entries.map((entry, i) => {
          const fileName = projectFileName({ name: entry.name });
          return (
            <li key={entry.id} data-testid={`kept-${i}`}>
              <div className="kept-projects-text">
                <strong>{entry.name || 'Untitled project'}</strong>
                <span className="muted">
                  {' '}
                  autosaved {when(entry.savedAt)}; {entry.reason}
                  {entry.errors.length > 0 && ` (${entry.errors.length} problem${entry.errors.length === 1 ? '' : 's'})`}
                </span>
              </div>
              <button type="button" data-testid={`kept-${i}-open`} onClick={() => openProjectText(entry.text, fileName)} title="Open it (the current project stays one Undo away)">
                Open
              </button>
              <button type="button" data-testid={`kept-${i}-download`} onClick={() => downloadText(fileName, entry.text)}>
                Download
              </button>
              <button
                type="button"
                data-testid={`kept-${i}-discard`}
                onClick={() => void removeRecovery(persistenceStore(), entry.id).then(refresh)}
                title="Delete it from this browser"
              >
                Discard
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
