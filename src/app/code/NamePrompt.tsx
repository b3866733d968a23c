/**
 * Asks for a new model's name (New, Duplicate): validated as typed — an identifier, not a word of
 * the language, not taken by a library or project model or an open tab.
 */
import { useState, type FormEvent } from 'react';
import { modelNameProblem } from './modelNames';
import './NamePrompt.css';

export interface NamePromptProps {
  /** e.g. "New channel", "Duplicate LIF". */
  readonly title: string;
  readonly initial: string;
  readonly taken: ReadonlySet<string>;
  readonly onSubmit: (name: string) => void;
  readonly onCancel: () => void;
}

export function NamePrompt({ title, initial, taken, onSubmit, onCancel }: NamePromptProps) {
  const [name, setName] = useState(initial);
  const [touched, setTouched] = useState(false);
  const problem = modelNameProblem(name.trim(), taken);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!problem) onSubmit(name.trim());
  };
  return (
    <form className="code-name-prompt" onSubmit={submit} data-testid="code-name-prompt" aria-label={title}>
      <label>
        <span>{title}: name</span>
        <input
          autoFocus
          data-testid="code-name-input"
          value={name}
          spellCheck={false}
          aria-invalid={problem !== undefined}
          aria-describedby={problem ? 'code-name-error' : undefined}
          onFocus={(e) => e.currentTarget.select()}
          onChange={(e) => {
            setName(e.target.value);
            setTouched(true);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') onCancel();
          }}
        />
      </label>
      <button type="submit" className="primary" data-testid="code-name-ok" disabled={problem !== undefined}>
        Create
      </button>
      <button type="button" data-testid="code-name-cancel" onClick={onCancel}>
        Cancel
      </button>
      {problem && touched && (
        <span className="code-name-error" id="code-name-error" role="alert" data-testid="code-name-error">
          {problem}
        </span>
      )}
    </form>
  );
}
