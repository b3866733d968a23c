/**
 * The code panel, loaded on first open: React.lazy over a dynamic import, so Monaco and the
 * panel's code stay out of the first screen's bundle. A failed load (offline with a stale page,
 * a deploy in between) shows a retry instead of breaking the app.
 */
import { Component, lazy, Suspense, useState, type ReactNode } from 'react';
import './LazyCodePanel.css';

/** Starts loading the panel (e.g. when the pointer nears the Code button). */
export const loadCodePanel = () => import('./CodePanel');

const makeLazy = () => lazy(loadCodePanel);

export function LazyCodePanel() {
  // A new lazy component per retry: React.lazy remembers a failed import.
  const [attempt, setAttempt] = useState(() => ({ n: 0, Panel: makeLazy() }));
  const { Panel } = attempt;
  return (
    <LoadBoundary key={attempt.n} onRetry={() => setAttempt((a) => ({ n: a.n + 1, Panel: makeLazy() }))}>
      <Suspense
        fallback={
          <div className="code-loading" data-testid="code-loading" role="status">
            Loading the code editor…
          </div>
        }
      >
        <Panel />
      </Suspense>
    </LoadBoundary>
  );
}

class LoadBoundary extends Component<{ children: ReactNode; onRetry: () => void }, { error: string | null }> {
  override state = { error: null as string | null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error.message : String(error) };
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    return (
      <div className="code-loading" role="alert" data-testid="code-load-error">
        <p>The code editor could not be loaded: {this.state.error}</p>
        <button type="button" onClick={this.props.onRetry}>
          Try again
        </button>
      </div>
    );
  }
}
