/**
 * A text field over a document value. What the user types is kept as a draft: each keystroke that
 * parses is dispatched at once (live edits reach a running simulation), one that does not shows an
 * inline error and leaves the document alone. The draft is dropped when the document value moves
 * on by itself (undo, a slider, another selection), so the field never shows stale text.
 */
import { useId, useState, type KeyboardEvent } from 'react';
import './DraftInput.css';

export type Parsed<V> = { readonly ok: true; readonly value: V } | { readonly ok: false; readonly error: string };

export interface DraftInputProps<V> {
  readonly value: V;
  readonly format: (value: V) => string;
  readonly parse: (text: string) => Parsed<V>;
  readonly onChange: (value: V) => void;
  /** `change` (default): dispatch on every valid keystroke; `commit`: on Enter or leaving the field (ids). */
  readonly commitOn?: 'change' | 'commit';
  readonly testid?: string;
  readonly ariaLabel: string;
  readonly id?: string;
  readonly placeholder?: string;
  readonly multiline?: boolean;
  readonly rows?: number;
  readonly className?: string;
  readonly title?: string;
  readonly disabled?: boolean;
  /** A problem of the document value itself (shown when there is no draft error). */
  readonly problem?: string;
}

interface Draft<V> {
  readonly text: string;
  /** The document value this draft belongs to; a different value means the draft is stale. */
  readonly basis: V;
  readonly error: string | undefined;
}

export function DraftInput<V>(props: DraftInputProps<V>) {
  const { value, format, parse, onChange, commitOn = 'change' } = props;
  const [draft, setDraft] = useState<Draft<V> | null>(null);
  const errorId = useId();
  const live = draft !== null && Object.is(draft.basis, value) ? draft : null;
  const text = live ? live.text : format(value);
  const error = live?.error ?? props.problem;

  const edit = (next: string) => {
    const parsed = parse(next);
    if (!parsed.ok) {
      setDraft({ text: next, basis: value, error: parsed.error });
      return;
    }
    if (commitOn === 'change' && !Object.is(parsed.value, value)) {
      setDraft({ text: next, basis: parsed.value, error: undefined });
      onChange(parsed.value);
    } else {
      setDraft({ text: next, basis: value, error: undefined });
    }
  };

  const commit = () => {
    if (!live) return;
    if (live.error !== undefined) return; // keep the text and its error in view until fixed
    if (commitOn === 'commit') {
      const parsed = parse(live.text);
      if (parsed.ok && !Object.is(parsed.value, value)) onChange(parsed.value);
    }
    setDraft(null);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (e.key === 'Escape') {
      setDraft(null);
      (e.target as HTMLElement).blur();
    } else if (e.key === 'Enter' && !props.multiline) {
      commit();
    }
  };

  const common = {
    id: props.id,
    className: `insp-input ${error ? 'insp-input-invalid' : ''} ${props.className ?? ''}`,
    value: text,
    placeholder: props.placeholder,
    title: props.title,
    disabled: props.disabled,
    'aria-label': props.ariaLabel,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? errorId : undefined,
    'data-testid': props.testid,
    spellCheck: false,
    onBlur: commit,
    onKeyDown,
  };
  return (
    <span className={`insp-draft ${props.multiline ? 'insp-draft-multiline' : ''}`}>
      {props.multiline ? (
        <textarea {...common} rows={props.rows ?? 3} onChange={(e) => edit(e.target.value)} />
      ) : (
        <input {...common} type="text" onChange={(e) => edit(e.target.value)} />
      )}
      {error && (
        <span id={errorId} className="insp-error" aria-live="polite" data-testid={props.testid ? `${props.testid}-error` : undefined}>
          {error}
        </span>
      )}
    </span>
  );
}
