/** "New ▾": a model from a template (cell, channel, synapse); the name is asked next. */
import { useCallback, useRef, useState } from 'react';
import { MODEL_TEMPLATES, type ModelKind } from './templates';
import { useDismiss } from './useDismiss';
import './CodeMenus.css';

export function NewModelMenu({ onPick }: { readonly onPick: (kind: ModelKind) => void }) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLSpanElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(rootRef, open, close);
  return (
    <span className="code-menu" ref={rootRef}>
      <button
        type="button"
        data-testid="code-new"
        aria-haspopup="menu"
        aria-expanded={open}
        title="A new model from a template: cell, channel or synapse"
        onClick={() => setOpen(!open)}
      >
        New ▾
      </button>
      {open && (
        <span className="code-menu-popup" role="menu" aria-label="New model from a template">
          {MODEL_TEMPLATES.map((t) => (
            <button
              key={t.kind}
              type="button"
              role="menuitem"
              data-testid={`code-new-${t.kind}`}
              onClick={() => {
                setOpen(false);
                onPick(t.kind);
              }}
            >
              <span className="code-menu-title">{t.title}</span>
              <span className="code-menu-hint">{t.description}</span>
            </button>
          ))}
        </span>
      )}
    </span>
  );
}
