/**
 * The Problems list under the editor: every error and warning of the shown model with its
 * position; a click puts the cursor there. When there are none, what the model declares.
 */
import type { ModelInfo } from '../../library/catalog';
import { countProblems, describeCounts, type ModelDiagnostic } from './problems';
import './ProblemsList.css';

export interface ProblemsListProps {
  readonly problems: readonly ModelDiagnostic[];
  /** The checked model, when it compiled. */
  readonly info?: ModelInfo;
  /** Results are for older text (a check is on its way). */
  readonly checking: boolean;
  readonly failure?: string;
  /** Built-in models are not checked: they are known to compile. */
  readonly builtin: boolean;
  /** The shown text is not what the project holds. */
  readonly dirty: boolean;
  readonly onReveal: (p: ModelDiagnostic) => void;
}

export function ProblemsList({ problems, info, checking, failure, builtin, dirty, onReveal }: ProblemsListProps) {
  const counts = countProblems(problems);
  return (
    <section className="code-problems" data-testid="code-problems" aria-label="Problems" data-errors={counts.errors} data-warnings={counts.warnings}>
      <header className="panel-title">
        <span>Problems</span>
        <span className="code-problems-count" data-testid="code-problems-count">
          {builtin ? 'Built-in model (read-only)' : failure ? 'Could not check' : describeCounts(counts)}
        </span>
        {checking && !builtin && <span className="code-problems-checking">checking…</span>}
      </header>
      {failure && (
        <p className="code-problems-note" role="alert">
          The checker failed: {failure}
        </p>
      )}
      {problems.length > 0 ? (
        <ul>
          {problems.map((p, i) => (
            <li key={`${p.line}:${p.col}:${i}`}>
              <button
                type="button"
                className={`code-problem is-${p.severity}`}
                data-testid={`code-problem-${i}`}
                data-severity={p.severity}
                data-line={p.line}
                data-col={p.col}
                onClick={() => onReveal(p)}
                title="Go to this problem"
              >
                <span className="code-problem-icon" aria-label={p.severity}>
                  {p.severity === 'error' ? '✖' : '▲'}
                </span>
                <span className="code-problem-pos mono">
                  {p.line}:{p.col}
                </span>
                <span className="code-problem-message">{p.message}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        info &&
        !failure && (
          <p className="code-problems-note" data-testid="code-model-info">
            {describeInfo(info)} {dirty ? 'Save to use this version in the network.' : 'Saved in the project.'}
          </p>
        )
      )}
    </section>
  );
}

/** "cell MyCell: 6 parameters, 1 input, 1 state; spikes." */
export function describeInfo(info: ModelInfo): string {
  const n = (k: number, what: string) => `${k} ${what}${k === 1 ? '' : 's'}`;
  const parts = [n(info.params.length, 'parameter'), n(info.inputs.length, 'input'), n(info.states.length, 'state')];
  return `${info.kind} ${info.name}: ${parts.join(', ')}${info.spikes ? '; spikes' : ''}.`;
}
