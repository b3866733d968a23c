/**
 * Errors from the worker, where they happened: the project's JSON path for an invalid project,
 * model, line and column for a model error, population, neuron, variable and time for a blow-up.
 */
import { getSession } from '../run';
import { useRun } from '../store';
import type { ErrorMessage } from '../../worker/protocol';

const TITLES: Partial<Record<ErrorMessage['code'], string>> = {
  'invalid-project': 'The project is not valid',
  'invalid-model': 'A model has errors',
  'unknown-model': 'Unknown model',
  'invalid-value': 'Invalid value',
  unsupported: 'Not supported',
  blowup: 'The simulation blew up (NaN or Inf)',
  'worker-crashed': 'The simulation worker crashed',
};

export function ErrorBanner() {
  const error = useRun((s) => s.error);
  const notice = useRun((s) => s.notice);
  if (!error && !notice) return null;
  return (
    <div className={`error-banner ${error ? '' : 'notice'}`} role="alert" data-testid="run-error" data-code={error?.code}>
      <div className="error-banner-body">
        {error && <strong>{TITLES[error.code] ?? 'Error'}</strong>}
        {notice && <div data-testid="run-notice">{notice}</div>}
        {error && <ErrorDetails error={error} />}
      </div>
      <button type="button" aria-label="Dismiss" data-testid="run-error-dismiss" onClick={() => getSession().dismissError()}>
        ✕
      </button>
    </div>
  );
}

function ErrorDetails({ error }: { error: ErrorMessage }) {
  if (error.blowup) {
    const b = error.blowup;
    return (
      <div className="mono">
        population <b>{b.population}</b>, neuron {b.neuron}, variable <b>{b.variable}</b> = {String(b.value)} at t = {b.tMs.toFixed(3)} ms. Try a smaller dt or another integrator.
      </div>
    );
  }
  if (error.issues && error.issues.length > 0) {
    return (
      <ul className="mono">
        {error.issues.slice(0, 8).map((i, k) => (
          <li key={k}>
            <b>{i.path}</b>: {i.message}
          </li>
        ))}
        {error.issues.length > 8 && <li>…and {error.issues.length - 8} more</li>}
      </ul>
    );
  }
  if (error.modelProblems && error.modelProblems.length > 0) {
    return (
      <ul className="mono">
        {error.modelProblems.slice(0, 8).map((p, k) => (
          <li key={k}>
            {p.model} {p.line}:{p.col} {p.severity}: {p.message}
          </li>
        ))}
      </ul>
    );
  }
  return (
    <div className="mono">
      {error.path && <b>{error.path}: </b>}
      {error.message}
    </div>
  );
}
