/** The bottom line: what the simulation is doing, how far it is, and how fast it runs. */
import { backendLabel } from './backendLabel';
import { useProject, useRun } from '../store';

const PHASE_TEXT = {
  starting: 'Starting the simulation worker…',
  idle: 'Ready',
  loading: 'Compiling the project…',
  running: 'Running',
  paused: 'Paused',
  done: 'Finished',
  error: 'Stopped by an error',
} as const;

export function formatSpeed(bioSecondsPerSecond: number): string {
  if (!(bioSecondsPerSecond > 0)) return '';
  return bioSecondsPerSecond >= 1 ? `${bioSecondsPerSecond.toFixed(2)} s/s` : `${(bioSecondsPerSecond * 1000).toFixed(1)} ms/s`;
}

export function StatusBar() {
  const phase = useRun((s) => s.phase);
  const tMs = useRun((s) => s.tMs);
  const endMs = useRun((s) => s.endMs);
  const speed = useRun((s) => s.bioSecondsPerSecond);
  const stale = useRun((s) => s.staleReason);
  const loaded = useRun((s) => s.loaded);
  const backend = useRun((s) => s.backend);
  const canUndo = useProject((s) => s.past.length > 0);
  const editError = useProject((s) => s.editError);
  const fraction = endMs > 0 ? Math.min(1, tMs / endMs) : 0;
  const neurons = loaded?.populations.reduce((n, p) => n + p.size, 0);
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span data-testid="run-phase" data-phase={phase}>
        {PHASE_TEXT[phase]}
      </span>
      {(phase === 'running' || phase === 'paused' || phase === 'done') && (
        <>
          <progress data-testid="run-progress" max={1} value={fraction} aria-label="Simulated time" />
          <span className="mono" data-testid="run-time">
            t = {tMs.toFixed(1)} / {endMs.toFixed(0)} ms
          </span>
          {backend && (
            <span data-testid="run-backend" title={backendLabel(backend).title}>
              {backendLabel(backend).text}
            </span>
          )}
          {speed > 0 && (
            <span className="mono" data-testid="run-speed" title="Biological time simulated per second of wall-clock time">
              {formatSpeed(speed)}
            </span>
          )}
        </>
      )}
      {loaded && neurons !== undefined && (
        <span className="muted">
          {loaded.populations.length} population{loaded.populations.length === 1 ? '' : 's'}, {neurons} neurons, dt {loaded.dtMs} ms, {loaded.precision === 'f64' ? 'float64' : 'float32'}
        </span>
      )}
      {stale && (
        <span className="status-warn" data-testid="run-stale" title="This edit applies when the simulation is run again">
          ⚠ {stale} — press Run to apply
        </span>
      )}
      {editError && (
        <span className="status-warn" data-testid="edit-error">
          ⚠ {editError}
        </span>
      )}
      <span className="status-spacer" />
      <span className="muted">{canUndo ? 'Edits are undoable (Ctrl+Z)' : ''}</span>
    </footer>
  );
}
