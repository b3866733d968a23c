/**
 * The open models as tabs: ● marks unsaved changes, "lib" a read-only built-in model, a count
 * the errors. Closing a tab with unsaved changes asks first (the panel shows the question).
 */
import type { CodeTab } from './tabs';
import './CodeTabs.css';

export interface TabView {
  readonly tab: CodeTab;
  readonly dirty: boolean;
  readonly errors: number;
}

export interface CodeTabsProps {
  readonly tabs: readonly TabView[];
  readonly active: string | null;
  readonly onActivate: (name: string) => void;
  readonly onClose: (name: string) => void;
}

export function CodeTabs({ tabs, active, onActivate, onClose }: CodeTabsProps) {
  if (tabs.length === 0) return null;
  return (
    <div className="code-tabs" role="tablist" aria-label="Open models">
      {tabs.map(({ tab, dirty, errors }) => {
        const selected = tab.name === active;
        const state = [tab.builtin ? 'built-in, read-only' : null, dirty ? 'unsaved changes' : null, errors > 0 ? `${errors} error${errors === 1 ? '' : 's'}` : null].filter(Boolean).join(', ');
        return (
          <div key={tab.name} className={`code-tab${selected ? ' is-active' : ''}`} data-dirty={dirty || undefined} data-readonly={tab.builtin || undefined}>
            <button
              type="button"
              role="tab"
              aria-selected={selected}
              data-testid={`code-tab-${tab.name}`}
              title={state ? `${tab.name} (${state})` : tab.name}
              onClick={() => onActivate(tab.name)}
              onAuxClick={(e) => {
                if (e.button === 1) onClose(tab.name);
              }}
            >
              {tab.builtin && (
                <span className="code-tab-lib" aria-hidden>
                  lib
                </span>
              )}
              <span className="code-tab-name mono">{tab.name}</span>
              {errors > 0 && (
                <span className="code-tab-errors" aria-hidden>
                  {errors}
                </span>
              )}
              {dirty && (
                <span className="code-tab-dirty" data-testid={`code-tab-dirty-${tab.name}`} aria-label="unsaved changes">
                  ●
                </span>
              )}
            </button>
            <button type="button" className="code-tab-close" data-testid={`code-tab-close-${tab.name}`} aria-label={`Close ${tab.name}`} title="Close" onClick={() => onClose(tab.name)}>
              ×
            </button>
          </div>
        );
      })}
    </div>
  );
}
