/** Run, pause/resume, stop, step and reset: the run session's commands, enabled by run phase. */
import { getSession } from '../run';
import { useRun } from '../store';
import { isMac } from './platform';

/** How far one press of Step advances. */
export const STEP_MS = 10;

export function RunControls() {
  const phase = useRun((s) => s.phase);
  const session = getSession();
  const running = phase === 'running';
  const paused = phase === 'paused';
  const busy = phase === 'starting' || phase === 'loading';
  const mod = isMac() ? '⌘' : 'Ctrl';
  return (
    <div className="toolbar-group" role="group" aria-label="Run controls">
      {running ? (
        <button type="button" className="primary" data-testid="run-pause" onClick={() => session.pause()} title={`Pause (${mod}+Enter)`}>
          ❚❚ Pause
        </button>
      ) : paused ? (
        <button type="button" className="primary" data-testid="run-resume" onClick={() => session.resume()} title={`Resume (${mod}+Enter)`}>
          ▶ Resume
        </button>
      ) : (
        <button type="button" className="primary" data-testid="run-start" disabled={busy} onClick={() => void session.run()} title={`Run from t = 0 (${mod}+Enter)`}>
          ▶ Run
        </button>
      )}
      <button type="button" data-testid="run-stop" disabled={!running && !paused} onClick={() => session.stop()} title="Stop the run">
        ■ Stop
      </button>
      <button type="button" data-testid="run-step" disabled={running || busy} onClick={() => void session.step(STEP_MS)} title={`Advance ${STEP_MS} ms of simulated time`}>
        Step +{STEP_MS} ms
      </button>
      <button type="button" data-testid="run-reset" disabled={busy} onClick={() => void session.reset()} title="Back to t = 0 and clear the plots">
        ↺ Reset
      </button>
    </div>
  );
}
