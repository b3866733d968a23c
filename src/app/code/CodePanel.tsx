/**
 * The code panel: model sources in Monaco, in tabs. New models come from templates, built-in
 * ones open read-only and can be duplicated; diagnostics appear as you type (markers and the
 * Problems list); Save (button, or Ctrl/⌘+S in the editor) stores the model in the project, where
 * the palette and the inspector pick it up. Loaded lazily (LazyCodePanel): Monaco is not part of
 * the first screen.
 */
import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { Group, Panel, Separator } from 'react-resizable-panels';
import { prefsStore, usePrefs, useProject } from '../store';
import { isMac } from '../toolbar/platform';
import { codePanelUi, useCodePanelUi } from './codePanelUi';
import { CodeTabs, type TabView } from './CodeTabs';
import { LibraryPicker } from './LibraryPicker';
import { freshModelName } from './modelNames';
import { NamePrompt } from './NamePrompt';
import { NewModelMenu } from './NewModelMenu';
import { ProblemsList } from './ProblemsList';
import { countProblems } from './problems';
import { saveBlocker } from './saveRules';
import { findTab, isDirty, tabText } from './tabs';
import { MODEL_TEMPLATES, type ModelKind } from './templates';
import { getWorkspace } from './workspaceInstance';
import './CodePanel.css';

const NOTICE_MS = 4000;

type Prompt = { readonly mode: 'new'; readonly kind: ModelKind } | { readonly mode: 'duplicate'; readonly from: string };

export default function CodePanel() {
  const ws = getWorkspace();
  const hostRef = useRef<HTMLDivElement>(null);
  const theme = usePrefs((s) => s.theme);
  const models = useProject((s) => s.doc.models);
  const tabsState = useStore(ws.store, (s) => s.tabs);
  const checks = useStore(ws.store, (s) => s.checks);
  const notice = useStore(ws.store, (s) => s.notice);
  const draftsKept = useStore(ws.store, (s) => s.draftsKept);
  const request = useCodePanelUi((s) => s.request);
  const [prompt, setPrompt] = useState<Prompt | null>(null);
  const [confirmClose, setConfirmClose] = useState<string | null>(null);

  useEffect(() => {
    ws.attach(hostRef.current!, prefsStore.getState().theme);
    return () => ws.detach();
  }, [ws]);
  useEffect(() => ws.setTheme(theme), [ws, theme]);
  useEffect(() => {
    // Confirmations fade; errors stay until dismissed or replaced.
    if (notice?.tone !== 'info') return;
    const timer = setTimeout(() => ws.dismissNotice(notice.serial), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [ws, notice]);
  useEffect(() => {
    if (!request) return;
    ws.openModel(request.name);
    codePanelUi.getState().clearRequest(request.serial);
  }, [ws, request]);

  const saved = (name: string) => models?.[name];
  const views: TabView[] = tabsState.tabs.map((tab) => ({
    tab,
    dirty: isDirty(tab, saved(tab.name)),
    errors: countProblems(checks[tab.name]?.problems ?? []).errors,
  }));
  const active = findTab(tabsState, tabsState.active);
  const check = active ? checks[active.name] : undefined;
  const activeText = active ? tabText(active, saved(active.name), undefined) : '';
  const blocker = saveBlocker(active, active ? saved(active.name) : undefined, check);
  const mod = isMac() ? '⌘' : 'Ctrl';

  const askClose = (name: string) => {
    const tab = findTab(tabsState, name);
    if (tab && isDirty(tab, saved(name))) setConfirmClose(name);
    else ws.close(name);
  };
  const submitName = (name: string) => {
    if (!prompt) return;
    const ok = prompt.mode === 'new' ? ws.newModel(prompt.kind, name) : ws.duplicate(prompt.from, name);
    if (ok) setPrompt(null);
  };
  const promptInitial = (p: Prompt) =>
    p.mode === 'new'
      ? freshModelName(MODEL_TEMPLATES.find((t) => t.kind === p.kind)!.suggestedName, ws.takenNames())
      : freshModelName(findTab(tabsState, p.from)?.builtin ? `My${p.from}` : p.from, ws.takenNames());

  return (
    <section className="code-panel" data-testid="code-panel" aria-label="Model code">
      <header className="code-header panel-title">
        <span>Code</span>
        <div className="code-actions">
          <NewModelMenu onPick={(kind) => setPrompt({ mode: 'new', kind })} />
          <LibraryPicker entries={ws.libraryList} onOpen={(name) => ws.openModel(name)} />
          <button
            type="button"
            data-testid="code-duplicate"
            disabled={!active}
            title={active ? `Copy ${active.name} under a new name, as a model of this project that you can edit` : 'Open a model first'}
            onClick={() => active && setPrompt({ mode: 'duplicate', from: active.name })}
          >
            Duplicate
          </button>
          <button
            type="button"
            className="primary"
            data-testid="code-save"
            disabled={blocker !== undefined}
            title={blocker ?? `Save ${active?.name} into the project (${mod}+S)`}
            onClick={() => void ws.save()}
          >
            Save
          </button>
        </div>
        <button type="button" className="code-close" data-testid="code-close" aria-label="Close the code panel" title="Close the code panel" onClick={() => codePanelUi.getState().setOpen(false)}>
          ×
        </button>
      </header>
      {prompt && (
        <NamePrompt
          key={prompt.mode === 'new' ? `new:${prompt.kind}` : `dup:${prompt.from}`}
          title={prompt.mode === 'new' ? `New ${prompt.kind}` : `Duplicate ${prompt.from}`}
          initial={promptInitial(prompt)}
          taken={ws.takenNames()}
          onSubmit={submitName}
          onCancel={() => setPrompt(null)}
        />
      )}
      {confirmClose && (
        <div className="code-notice is-error" role="alertdialog" aria-label="Unsaved changes" data-testid="code-confirm-close">
          <span>Close {confirmClose} and discard its unsaved changes?</span>
          <button
            type="button"
            data-testid="code-discard"
            onClick={() => {
              ws.close(confirmClose);
              setConfirmClose(null);
            }}
          >
            Discard
          </button>
          <button type="button" data-testid="code-keep" onClick={() => setConfirmClose(null)}>
            Keep editing
          </button>
        </div>
      )}
      {notice && (
        <div className={`code-notice is-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'} data-testid="code-notice" key={notice.serial}>
          <span>{notice.text}</span>
          <button type="button" aria-label="Dismiss" onClick={() => ws.dismissNotice(notice.serial)}>
            ×
          </button>
        </div>
      )}
      {!draftsKept && (
        <div className="code-notice is-error" role="alert">
          <span>This browser refuses to store drafts: unsaved text will not survive a reload.</span>
        </div>
      )}
      <CodeTabs tabs={views} active={tabsState.active} onActivate={(name) => ws.activate(name)} onClose={askClose} />
      <Group orientation="vertical" className="code-body" id="spikeflow.layout.code-rows">
        <Panel id="code-editor-panel" defaultSize="75" minSize="20">
          <div className="code-editor-wrap">
            <div className="code-editor" ref={hostRef} data-testid="code-editor" data-model={active?.name} data-readonly={active?.builtin || undefined} />
            {!active && <EmptyState onNew={(kind) => setPrompt({ mode: 'new', kind })} />}
          </div>
        </Panel>
        <Separator className="resize-handle horizontal" />
        <Panel id="code-problems-panel" defaultSize="25" minSize="8">
          <ProblemsList
            problems={check?.problems ?? []}
            info={check?.info}
            checking={!!active && !active.builtin && check?.text !== activeText}
            failure={check?.failure}
            builtin={active?.builtin ?? false}
            dirty={views.find((v) => v.tab === active)?.dirty ?? false}
            onReveal={(p) => ws.reveal(p)}
          />
        </Panel>
      </Group>
    </section>
  );
}

function EmptyState({ onNew }: { readonly onNew: (kind: ModelKind) => void }) {
  return (
    <div className="code-empty">
      <p>Write your own cell, channel or synapse in the model language, or open a built-in model from the Library to read and duplicate it.</p>
      <div className="code-empty-actions">
        {MODEL_TEMPLATES.map((t) => (
          <button key={t.kind} type="button" onClick={() => onNew(t.kind)} data-testid={`code-empty-new-${t.kind}`}>
            New {t.kind}
          </button>
        ))}
      </div>
    </div>
  );
}
