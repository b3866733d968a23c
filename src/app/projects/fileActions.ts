/**
 * What the project menu, drag and drop and keyboard shortcuts do: new, open, save, share, load an
 * example. Callable from anywhere (no React); they drive the project store and the menu's UI store.
 *
 * Every way of replacing the project (open, drop, example, share link, new) keeps the undo
 * history, so the project that was open is one Undo away, and says so.
 */
import { projectStore } from '../store';
import { emptyProject, type ProjectDoc } from '../store/document';
import { isMac } from '../toolbar/platform';
import type { ExampleEntry } from './exampleCatalogue';
import { projectFileName, readProjectText, serializeProject } from './projectFile';
import { projectUiStore } from './projectUi';
import { decodeShareData, SHARE_STAGE_LABEL, shareUrl } from './shareLink';

/** Files larger than this are refused before reading (a project is kilobytes; data belong in CSV). */
export const MAX_PROJECT_FILE_BYTES = 50 * 1024 * 1024;

const ui = () => projectUiStore.getState();
const quoted = (doc: ProjectDoc, fallback: string) => (doc.name ? `'${doc.name}'` : fallback);
const undoKeys = () => (isMac() ? '⌘Z' : 'Ctrl+Z');

/** Replaces the project, undoably, and reports it with an Undo button. */
function replaceProject(doc: ProjectDoc, title: string): void {
  const previous = projectStore.getState().doc;
  projectStore.getState().load(doc, { keepHistory: true });
  ui().markSaved(doc);
  ui().dismissProblem();
  ui().closeDialog();
  ui().showMessage({ title, lines: [`Undo (${undoKeys()}) returns to ${quoted(previous, 'the previous project')}.`] }, true);
}

// ---------------------------------------------------------------------------------------------
// Save

/** Offers the document as a download. */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The download has started once click() returns; revoke a little later for slow browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Saves the project as `<project name>.json` (the CLI's format), through the browser's download. */
export function saveProjectFile(): void {
  const doc = projectStore.getState().doc;
  const fileName = projectFileName(doc);
  downloadText(fileName, serializeProject(doc));
  ui().markSaved(doc);
  ui().showMessage({ title: `Saved ${fileName}`, lines: ['The browser saves it as a download.'] });
}

/**
 * Ctrl/⌘+S. A web page cannot write to a chosen path without a permission prompt on every save,
 * so saving is a download, and where it lands is the browser's download setting ("ask where to
 * save" makes this a save dialog).
 */
export const openSaveDialog = saveProjectFile;

// ---------------------------------------------------------------------------------------------
// Open

let filePicker: HTMLInputElement | null = null;

/** The project menu's hidden file input (so e2e tests can set files on it); null on unmount. */
export function registerFilePicker(input: HTMLInputElement | null): void {
  filePicker = input;
}

/** Shows the browser's file chooser for a project file. */
export function openProjectFilePicker(): void {
  if (filePicker) {
    filePicker.value = ''; // choosing the same file again must still fire `change`
    filePicker.click();
    return;
  }
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = '.json,application/json';
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) void openProjectFile(file);
  });
  input.click();
}

export function isProjectFileName(file: { name: string; type: string }): boolean {
  return /\.json$/i.test(file.name) || /json/i.test(file.type);
}

/** Opens project text (a file's contents); on any problem the current project is untouched. */
export function openProjectText(text: string, fileName: string): boolean {
  const result = readProjectText(text, fileName);
  if (!result.ok) {
    const n = result.lines.length;
    ui().showProblem({
      title: `Could not open ${fileName}: ${n} problem${n === 1 ? '' : 's'} (the current project was not changed)`,
      lines: result.lines,
    });
    return false;
  }
  replaceProject(result.doc, `Opened ${fileName}`);
  return true;
}

/** Opens a chosen or dropped file. */
export async function openProjectFile(file: File): Promise<boolean> {
  if (!isProjectFileName(file)) {
    ui().showProblem({ title: `Could not open ${file.name}: not a .json project file (the current project was not changed)`, lines: [] });
    return false;
  }
  if (file.size > MAX_PROJECT_FILE_BYTES) {
    ui().showProblem({ title: `Could not open ${file.name}: ${(file.size / 1048576).toFixed(0)} MB is too large for a project file`, lines: [] });
    return false;
  }
  let text: string;
  try {
    text = await file.text();
  } catch (err) {
    ui().showProblem({ title: `Could not read ${file.name}`, lines: [err instanceof Error ? err.message : String(err)] });
    return false;
  }
  return openProjectText(text, file.name);
}

// ---------------------------------------------------------------------------------------------
// New, examples

export function newProject(): void {
  replaceProject(emptyProject(), 'New project');
}

export function openExamples(): void {
  ui().openDialog('examples');
}

export function loadExample(example: ExampleEntry): void {
  if (example.problem) {
    ui().showProblem({ title: `The example ${example.fileName} is not valid`, lines: [example.problem] });
    return;
  }
  // A copy: the catalogue keeps the pristine example for the next time it is picked.
  replaceProject(structuredClone(example.doc), `Loaded the example ${quoted(example.doc, example.fileName)}`);
}

// ---------------------------------------------------------------------------------------------
// Share links

/** Makes the share link, shows it, and copies it to the clipboard (call from a click: the clipboard needs one). */
export async function shareProject(): Promise<void> {
  const url = shareUrl(location.href, projectStore.getState().doc);
  ui().setShare({ url, copied: null, copyError: null });
  ui().openDialog('share');
  await copyShareLink();
}

export async function copyShareLink(): Promise<void> {
  const share = ui().share;
  if (!share) return;
  try {
    if (!navigator.clipboard?.writeText) throw new Error('the clipboard is not available here (it needs https or localhost)');
    await navigator.clipboard.writeText(share.url);
    if (ui().share?.url === share.url) ui().setShare({ ...share, copied: true, copyError: null });
  } catch (err) {
    if (ui().share?.url === share.url) ui().setShare({ ...share, copied: false, copyError: err instanceof Error ? err.message : String(err) });
  }
}

/** Opens share data (a `#project=` link followed in an open tab); a corrupt link keeps the current project. */
export function openShareData(data: string): boolean {
  const result = decodeShareData(data);
  if (!result.ok) {
    ui().showProblem({
      title: `The share link could not be opened (${SHARE_STAGE_LABEL[result.stage]}); the current project was kept`,
      lines: [result.message, ...result.details],
    });
    return false;
  }
  replaceProject(result.doc, `Opened ${quoted(result.doc, 'the shared project')} from the share link`);
  return true;
}
