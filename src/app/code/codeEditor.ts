/** The Monaco editor widget as the code panel configures it, with its two keyboard commands. */
import type { editor as MonacoEditor } from 'monaco-editor/editor';
import { SPIKEFLOW_THEMES } from './language/register';
import type { Monaco } from './monacoSetup';

export interface EditorCommands {
  /** Ctrl/⌘+S while the editor has focus. */
  readonly save: () => void;
  /** Ctrl/⌘+Enter, the app's run-or-pause key. */
  readonly runOrPause?: () => void;
}

export function createCodeEditor(monaco: Monaco, host: HTMLElement, theme: 'light' | 'dark', commands: EditorCommands): MonacoEditor.IStandaloneCodeEditor {
  const editor = monaco.editor.create(host, {
    model: null,
    theme: SPIKEFLOW_THEMES[theme],
    fontSize: 13,
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    tabSize: 2,
    insertSpaces: true,
    // Hovers and completion lists may reach past the panel's edges.
    fixedOverflowWidgets: true,
    readOnlyMessage: { value: 'Built-in models are read-only: use **Duplicate** to edit a copy.' },
    // Input through a hidden textarea rather than Chromium's EditContext: the page's shortcut
    // handlers know a textarea as a text field, and synthetic typing (the e2e tests) keeps its
    // spaces, which EditContext input drops in headless Chromium.
    editContext: false,
  });
  // While the editor has focus Ctrl/⌘+S saves the model: Monaco handles the key and stops it there,
  // so the page's own Ctrl/⌘+S (save the project file) never sees it.
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, commands.save);
  // Ctrl/⌘+Enter runs or pauses the simulation everywhere in the app, here too (Monaco would
  // otherwise take it for "insert line below").
  if (commands.runOrPause) editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, commands.runOrPause);
  return editor;
}
