/// <reference types="vite/client" />
/**
 * Monaco, as the code panel uses it: the core editor with only the features a model editor needs
 * (not `monaco-editor`'s root entry, which brings every language and the TypeScript, CSS, HTML and
 * JSON services with their workers). Everything here is bundled by Vite into the code panel's lazy
 * chunk and its one worker: no CDN, so the editor works offline.
 *
 * Importing this module registers the model language once (language/register.ts), with completion
 * and hover reading the catalog the worker describes.
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/gotoLine/register';
import 'monaco-editor/features/gotoSymbol/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/indentation/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/readOnlyMessage/register';
import 'monaco-editor/features/smartSelect/register';
import 'monaco-editor/features/snippet/register';
import 'monaco-editor/features/suggest/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/wordOperations/register';
// The suggest feature's entry registers inline suggestions only; the completion widget (what a
// completion provider shows) is this contribution.
import 'monaco-editor/editor/contrib/suggest/browser/suggestController.js';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { catalogStore } from '../store';
import { registerSpikeflowLanguage } from './language/register';

// The base editor worker (diffs, word ranges for completion) is the only worker: the model
// language's diagnostics come from our own checker (worker/modelClient.ts).
self.MonacoEnvironment = {
  getWorker: () => new EditorWorker({ name: 'monaco-editor' }),
};

registerSpikeflowLanguage(monaco, () => ({ catalog: catalogStore.getState().models }));

export { monaco };
export type Monaco = typeof monaco;
