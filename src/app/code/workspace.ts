/**
 * The code panel's engine, outside React: the Monaco editor and one text model per tab, live
 * diagnostics (debounced, computed off the main thread by ModelChecker), saving into the project
 * document, and the drafts autosave. React components read `store` and call the methods.
 *
 * One workspace lives for the page: closing the panel disposes the editor widget but keeps the
 * text models, so their undo history, drafts and markers are there when it opens again.
 */
import { createStore } from 'zustand/vanilla';
import type { editor as MonacoEditor, IDisposable } from 'monaco-editor/editor';
import { ModelChecker, SupersededCheckError } from '../../worker/modelClient';
import type { ProjectDoc } from '../store/document';
import type { ProjectStore } from '../store/projectStore';
import { checkResult, failedCheck, type TabCheck } from './checkResult';
import type { CodeState, Notice, WorkspaceDeps } from './codeState';
import { createCodeEditor } from './codeEditor';
import { DraftAutosave } from './draftAutosave';
import { loadDrafts } from './drafts';
import type { LibraryEntry } from './libraryList';
import type { Monaco } from './monacoSetup';
import { modelNameProblem, renameModelHeader } from './modelNames';
import { countProblems, markerFor, type ModelDiagnostic } from './problems';
import { LANGUAGE_ID } from './language/monarch';
import { SPIKEFLOW_THEMES } from './language/register';
import { errorsBlockSave } from './saveRules';
import { activateTab, closeTab, findTab, NO_TABS, openTab, recordText, tabText, type CodeTab, type TabsState } from './tabs';
import { templateSource, type ModelKind } from './templates';

export const CHECK_DEBOUNCE_MS = 250;
const MARKER_OWNER = 'spikeflow';

export class CodeWorkspace {
  readonly store = createStore<CodeState>()(() => ({ tabs: NO_TABS, checks: {}, notice: null, draftsKept: true }));
  private readonly monaco: Monaco;
  private readonly project: ProjectStore;
  private readonly library: ReadonlyMap<string, LibraryEntry>;
  /** The built-in models, for the library picker. */
  readonly libraryList: readonly LibraryEntry[];
  private readonly checker = new ModelChecker();
  private editor: MonacoEditor.IStandaloneCodeEditor | null = null;
  private readonly models = new Map<string, { model: MonacoEditor.ITextModel; listener: IDisposable }>();
  private readonly viewStates = new Map<string, MonacoEditor.ICodeEditorViewState | null>();
  private readonly checkTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly checkSerials = new Map<string, number>();
  private readonly autosave: DraftAutosave;
  private noticeSerial = 0;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(private readonly deps: WorkspaceDeps) {
    this.monaco = deps.monaco;
    this.project = deps.project;
    this.library = new Map(deps.library.map((e) => [e.name, e]));
    this.libraryList = deps.library;
    const { doc } = this.project.getState();
    this.autosave = new DraftAutosave(deps.storage, doc.name, () => this.tabs(), (kept) => {
      if (kept !== this.store.getState().draftsKept) this.store.setState({ draftsKept: kept });
    });
    this.restoreTabs(doc);
    this.unsubscribe.push(
      this.project.subscribe((s, prev) => {
        if (s.projectSerial !== prev.projectSerial) this.switchProject(s.doc);
        else {
          if (s.doc.name !== prev.doc.name) this.autosave.rename(s.doc.name);
          if (s.doc.models !== prev.doc.models) this.savedSourcesChanged(prev.doc.models ?? {}, s.doc.models ?? {});
        }
      }),
      this.store.subscribe((s, prev) => {
        if (s.tabs !== prev.tabs) this.autosave.schedule();
      }),
    );
  }

  // ---- the editor widget ------------------------------------------------------------------

  attach(host: HTMLElement, theme: 'light' | 'dark'): void {
    this.detach();
    this.editor = createCodeEditor(this.monaco, host, theme, { save: () => void this.save(), runOrPause: this.deps.runOrPause });
    this.showActive();
  }

  detach(): void {
    if (!this.editor) return;
    this.rememberViewState();
    this.editor.dispose();
    this.editor = null;
  }

  setTheme(theme: 'light' | 'dark'): void {
    this.monaco.editor.setTheme(SPIKEFLOW_THEMES[theme]);
  }

  focus(): void {
    this.editor?.focus();
  }

  /** Puts the cursor on a problem and scrolls it into the middle of the view. */
  reveal(p: ModelDiagnostic): void {
    const editor = this.editor;
    if (!editor) return;
    editor.setPosition({ lineNumber: p.line, column: p.col });
    editor.revealLineInCenter(p.line);
    editor.focus();
  }

  // ---- tabs -------------------------------------------------------------------------------

  /** Every name a new model may not take. */
  takenNames(): Set<string> {
    const names = new Set<string>(this.library.keys());
    for (const n of Object.keys(this.doc().models ?? {})) names.add(n);
    for (const t of this.store.getState().tabs.tabs) names.add(t.name);
    for (const n of this.deps.catalogNames()) names.add(n);
    return names;
  }

  /** Shows a model: the project's own (editable), else a built-in one (read-only). */
  openModel(name: string): boolean {
    if (findTab(this.tabs(), name)) this.activate(name);
    else if (this.doc().models?.[name] !== undefined) this.open({ name, builtin: false });
    else if (this.library.has(name)) this.open({ name, builtin: true });
    else {
      this.notify(`There is no model named '${name}'.`, 'error');
      return false;
    }
    return true;
  }

  newModel(kind: ModelKind, name: string): boolean {
    return this.create(name, templateSource(kind, name));
  }

  /** Copies a model (its current text) under a new name, as an editable project model. */
  duplicate(from: string, name: string): boolean {
    const tab = findTab(this.tabs(), from);
    const entry = this.library.get(from);
    const text = tab ? this.textOf(tab) : (this.doc().models?.[from] ?? entry?.source);
    if (text === undefined) return false;
    const builtin = tab ? tab.builtin : this.doc().models?.[from] === undefined;
    const note = builtin ? `Duplicated from the built-in model ${from}${entry ? ` (${entry.origin})` : ''}.` : `Duplicated from ${from}.`;
    return this.create(name, renameModelHeader(text, name, note));
  }

  activate(name: string): void {
    const next = activateTab(this.tabs(), name);
    if (next === this.tabs()) return;
    this.rememberViewState();
    this.setTabs(next);
    this.showActive();
  }

  /** Closes a tab, dropping its unsaved text (the panel asks first). */
  close(name: string): void {
    const wasActive = this.tabs().active === name;
    if (wasActive) this.rememberViewState();
    this.setTabs(closeTab(this.tabs(), name));
    this.disposeModel(name);
    this.viewStates.delete(name);
    const { [name]: _dropped, ...checks } = this.store.getState().checks;
    this.store.setState({ checks });
    if (wasActive) this.showActive();
  }

  // ---- saving -----------------------------------------------------------------------------

  /** Saves the active tab into the project, after checking its current text. */
  async save(): Promise<boolean> {
    const tab = findTab(this.tabs(), this.tabs().active);
    if (!tab) return false;
    if (tab.builtin) {
      this.notify('Built-in models are read-only: use Duplicate to edit a copy.', 'error');
      return false;
    }
    const text = this.textOf(tab);
    const check = await this.check(tab.name, text);
    if (!check || check.failure) {
      this.notify(`Not saved: the model could not be checked${check?.failure ? ` (${check.failure})` : ''}.`, 'error');
      return false;
    }
    const { errors } = countProblems(check.problems);
    if (errors > 0) {
      this.notify(`'${tab.name}' was not saved. ${errorsBlockSave(errors)}`, 'error');
      return false;
    }
    if (this.doc().models?.[tab.name] === text) return true;
    if (!this.project.getState().dispatch({ type: 'setModelSource', name: tab.name, source: text })) {
      this.notify(`Not saved: ${this.project.getState().editError ?? 'the project refused the model'}.`, 'error');
      return false;
    }
    this.notify(`Saved '${tab.name}' into the project.`, 'info');
    return true;
  }

  /** Hides the notice `serial` (a newer one stays). */
  dismissNotice(serial: number): void {
    if (this.store.getState().notice?.serial === serial) this.store.setState({ notice: null });
  }

  dispose(): void {
    this.autosave.flush();
    for (const u of this.unsubscribe) u();
    this.detach();
    for (const name of [...this.models.keys()]) this.disposeModel(name);
    for (const t of this.checkTimers.values()) clearTimeout(t);
    this.checker.dispose();
  }

  /** Writes pending drafts now (the page is going away). */
  flushDrafts(): void {
    this.autosave.flush();
  }

  // ---- internals --------------------------------------------------------------------------

  private doc(): ProjectDoc {
    return this.project.getState().doc;
  }

  private tabs(): TabsState {
    return this.store.getState().tabs;
  }

  private setTabs(tabs: TabsState): void {
    if (tabs !== this.tabs()) this.store.setState({ tabs });
  }

  private notify(text: string, tone: Notice['tone']): void {
    this.store.setState({ notice: { text, tone, serial: ++this.noticeSerial } });
  }

  private textOf(tab: CodeTab): string {
    return this.models.get(tab.name)?.model.getValue() ?? tabText(tab, this.doc().models?.[tab.name], this.library.get(tab.name)?.source);
  }

  private create(name: string, text: string): boolean {
    const problem = modelNameProblem(name, this.takenNames());
    if (problem) {
      this.notify(problem, 'error');
      return false;
    }
    this.open({ name, builtin: false, draft: text });
    return true;
  }

  private open(tab: CodeTab): void {
    this.rememberViewState();
    this.setTabs(openTab(this.tabs(), tab));
    this.ensureModel(findTab(this.tabs(), tab.name)!);
    this.showActive();
    this.editor?.focus();
  }

  /** The text model of a tab, created on first need; every change records the draft and schedules a check. */
  private ensureModel(tab: CodeTab): MonacoEditor.ITextModel {
    const existing = this.models.get(tab.name);
    if (existing) return existing.model;
    const uri = this.monaco.Uri.from({ scheme: 'spikeflow', path: `/${tab.builtin ? 'library' : 'project'}/${tab.name}.model` });
    this.monaco.editor.getModel(uri)?.dispose();
    const model = this.monaco.editor.createModel(this.textOf(tab), LANGUAGE_ID, uri);
    const listener = model.onDidChangeContent(() => {
      this.setTabs(recordText(this.tabs(), tab.name, model.getValue(), this.doc().models?.[tab.name]));
      this.scheduleCheck(tab.name);
    });
    this.models.set(tab.name, { model, listener });
    if (!tab.builtin) this.scheduleCheck(tab.name, 0);
    return model;
  }

  private disposeModel(name: string): void {
    const entry = this.models.get(name);
    if (!entry) return;
    clearTimeout(this.checkTimers.get(name));
    this.checkTimers.delete(name);
    entry.listener.dispose();
    entry.model.dispose();
    this.models.delete(name);
  }

  private showActive(): void {
    const editor = this.editor;
    if (!editor) return;
    const tab = findTab(this.tabs(), this.tabs().active);
    if (!tab) {
      editor.setModel(null);
      return;
    }
    editor.setModel(this.ensureModel(tab));
    editor.updateOptions({ readOnly: tab.builtin });
    const view = this.viewStates.get(tab.name);
    if (view) editor.restoreViewState(view);
  }

  private rememberViewState(): void {
    const active = this.tabs().active;
    if (this.editor && active !== null && this.editor.getModel()) this.viewStates.set(active, this.editor.saveViewState());
  }

  private scheduleCheck(name: string, delayMs = CHECK_DEBOUNCE_MS): void {
    clearTimeout(this.checkTimers.get(name));
    this.checkTimers.set(
      name,
      setTimeout(() => {
        this.checkTimers.delete(name);
        const tab = findTab(this.tabs(), name);
        if (tab && !tab.builtin) void this.check(name, this.textOf(tab), true);
      }, delayMs),
    );
  }

  /**
   * Checks `text` as the model `name`; shows the result (markers, Problems) if the tab still holds
   * that text when it arrives, and returns it either way (Save needs the answer for its text).
   * `typing`: a check while typing, which a newer one of the same tab may replace (undefined then).
   */
  private async check(name: string, text: string, typing = false): Promise<TabCheck | undefined> {
    const serial = (this.checkSerials.get(name) ?? 0) + 1;
    this.checkSerials.set(name, serial);
    // The model's own saved version is not another model: leave it out, so it is no name clash.
    const { [name]: _self, ...others } = this.doc().models ?? {};
    let result: TabCheck;
    try {
      result = checkResult(name, text, await this.checker.check(text, others, typing ? { latestOnly: name } : {}));
    } catch (e) {
      if (e instanceof SupersededCheckError) return undefined;
      result = failedCheck(text, e);
    }
    const entry = this.models.get(name);
    const current = entry !== undefined && !entry.model.isDisposed() && entry.model.getValue() === text;
    if (current && this.checkSerials.get(name) === serial) {
      this.monaco.editor.setModelMarkers(
        entry.model,
        MARKER_OWNER,
        result.problems.map((p) => markerFor(p, this.monaco.MarkerSeverity)),
      );
      this.store.setState({ checks: { ...this.store.getState().checks, [name]: result } });
    }
    return result;
  }

  /** The project's saved sources changed (Save, undo, redo): clean tabs follow, the others re-mark. */
  private savedSourcesChanged(before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>): void {
    for (const tab of this.tabs().tabs) {
      if (tab.builtin || before[tab.name] === after[tab.name]) continue;
      const entry = this.models.get(tab.name);
      const saved = after[tab.name];
      if (tab.draft === undefined && saved !== undefined && entry && entry.model.getValue() !== saved) {
        // An undo or redo of a save: a clean tab shows the project's version, as an undoable edit
        // (its content listener records the text).
        entry.model.pushEditOperations([], [{ range: entry.model.getFullModelRange(), text: saved }], () => null);
      } else {
        // Dirty tabs keep their text (now compared with the new saved source); a clean tab whose
        // model left the project keeps its text as a draft.
        this.setTabs(recordText(this.tabs(), tab.name, this.textOf(tab), saved));
      }
    }
    // Other models' names matter to a check (clashes): refresh what is shown.
    const active = findTab(this.tabs(), this.tabs().active);
    if (active && !active.builtin) this.scheduleCheck(active.name, 0);
  }

  private restoreTabs(doc: ProjectDoc): void {
    const stored = this.deps.storage ? loadDrafts(this.deps.storage, doc.name) : NO_TABS;
    // A tab with nothing to show (its model is in neither the project nor the library) is dropped.
    const tabs = stored.tabs.filter((t) => (t.builtin ? this.library.has(t.name) : t.draft !== undefined || doc.models?.[t.name] !== undefined));
    const active = tabs.some((t) => t.name === stored.active) ? stored.active : (tabs[0]?.name ?? null);
    this.store.setState({ tabs: { tabs, active }, checks: {} });
    for (const t of tabs) this.ensureModel(t);
  }

  /** Another project was opened: keep this one's drafts, show the new one's. */
  private switchProject(doc: ProjectDoc): void {
    this.rememberViewState();
    this.editor?.setModel(null);
    this.autosave.switchTo(doc.name, () => {
      for (const name of [...this.models.keys()]) this.disposeModel(name);
      this.viewStates.clear();
      this.restoreTabs(doc);
    });
    this.showActive();
  }
}
