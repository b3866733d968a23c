/**
 * Registers the model language with a Monaco instance: tokenizer, editing configuration,
 * completion, hover, go-to-definition and two colour themes. The Monaco module is passed in (the
 * code panel loads it lazily), so importing this file adds nothing of Monaco to the main bundle.
 *
 * POSITIONS: Monaco's positions are 1-based (lineNumber, column) and so are the pure services'
 * (types.ts), and both use end-exclusive ranges: the conversion below only renames fields.
 */
import type * as Monaco from 'monaco-editor';
import { completionsAt, type CompletionItem, type CompletionKind } from './completion';
import { definitionAt } from './definition';
import { hoverAt } from './hover';
import { spikeflowLanguageConfiguration } from './languageConfiguration';
import { LANGUAGE_ID, spikeflowMonarch, TOKENS } from './monarch';
import type { LanguageContext, SourceRange } from './types';

/** What registration uses of Monaco: the full `monaco-editor` module and `editor.api` both fit. */
export type MonacoApi = Pick<typeof Monaco, 'languages' | 'editor'>;

export interface LanguageRegistration {
  /** Removes the tokenizer, editing configuration and providers (Monaco cannot forget a language id or a theme). */
  dispose(): void;
}

/** Theme names defined by registration; pick one from `document.documentElement.dataset.theme`. */
export const SPIKEFLOW_THEMES = { light: 'spikeflow-light', dark: 'spikeflow-dark' } as const;

interface Entry {
  getContext: () => LanguageContext;
  readonly handle: LanguageRegistration;
}

/**
 * Registrations per Monaco instance (keyed by its `languages` object, shared by both entry
 * points). Kept on globalThis so that a hot-reloaded copy of this module finds them too and does
 * not register every provider a second time.
 */
const STORE_KEY = Symbol.for('spikeflow.languageRegistrations');
function store(): WeakMap<object, Entry> {
  const g = globalThis as { [STORE_KEY]?: WeakMap<object, Entry> };
  return (g[STORE_KEY] ??= new WeakMap());
}

/**
 * Registers everything once per Monaco instance; calling it again only replaces `getContext`
 * (the latest caller's catalog wins) and returns the same registration.
 */
export function registerSpikeflowLanguage(monaco: MonacoApi, getContext: () => LanguageContext): LanguageRegistration {
  const { languages, editor } = monaco;
  const registrations = store();
  const existing = registrations.get(languages);
  if (existing) {
    existing.getContext = getContext;
    return existing.handle;
  }
  if (!languages.getLanguages().some((l) => l.id === LANGUAGE_ID)) {
    languages.register({ id: LANGUAGE_ID, aliases: ['Spikeflow model', LANGUAGE_ID], extensions: ['.sfm'] });
  }
  const context = () => registrations.get(languages)?.getContext() ?? getContext();
  const kinds = completionKinds(monaco);
  const disposables: Monaco.IDisposable[] = [
    languages.setMonarchTokensProvider(LANGUAGE_ID, spikeflowMonarch),
    languages.setLanguageConfiguration(LANGUAGE_ID, spikeflowLanguageConfiguration),
    languages.registerCompletionItemProvider(LANGUAGE_ID, {
      // Not ' ': a list opened by a space would take the next Enter (`x = 1 ⏎` would insert a unit).
      triggerCharacters: ['/'],
      provideCompletionItems(model, position, completionContext) {
        const result = completionsAt(model.getValue(), position.lineNumber, position.column, context(), {
          triggerCharacter: completionContext.triggerCharacter,
        });
        const range = toRange(result.range);
        return { suggestions: result.items.map((item) => toSuggestion(item, range, kinds, languages)) };
      },
    }),
    languages.registerHoverProvider(LANGUAGE_ID, {
      provideHover(model, position) {
        const hover = hoverAt(model.getValue(), position.lineNumber, position.column, context());
        return hover ? { contents: hover.contents.map((value) => ({ value })), range: toRange(hover.range) } : null;
      },
    }),
    languages.registerDefinitionProvider(LANGUAGE_ID, {
      provideDefinition(model, position) {
        const range = definitionAt(model.getValue(), position.lineNumber, position.column);
        return range ? { uri: model.uri, range: toRange(range) } : null;
      },
    }),
  ];
  defineThemes(editor);
  const handle: LanguageRegistration = {
    dispose() {
      for (const d of disposables) d.dispose();
      registrations.delete(languages);
    },
  };
  registrations.set(languages, { getContext, handle });
  return handle;
}

export function toRange(r: SourceRange): Monaco.IRange {
  return { startLineNumber: r.startLine, startColumn: r.startColumn, endLineNumber: r.endLine, endColumn: r.endColumn };
}

function completionKinds(monaco: MonacoApi): Record<CompletionKind, Monaco.languages.CompletionItemKind> {
  const K = monaco.languages.CompletionItemKind;
  return {
    keyword: K.Keyword,
    section: K.Module,
    kind: K.EnumMember,
    function: K.Function,
    unit: K.Unit,
    param: K.Constant,
    input: K.Field,
    state: K.Variable,
    definition: K.Value,
    current: K.Value,
    builtin: K.Constant,
    snippet: K.Snippet,
  };
}

function toSuggestion(
  item: CompletionItem,
  range: Monaco.IRange,
  kinds: Record<CompletionKind, Monaco.languages.CompletionItemKind>,
  languages: MonacoApi['languages'],
): Monaco.languages.CompletionItem {
  return {
    label: item.label,
    kind: kinds[item.kind],
    insertText: item.insertText,
    insertTextRules: item.snippet ? languages.CompletionItemInsertTextRule.InsertAsSnippet : undefined,
    filterText: item.filterText,
    detail: item.detail,
    documentation: item.documentation ? { value: item.documentation } : undefined,
    sortText: item.sortText,
    range,
    additionalTextEdits: item.additionalEdits?.map((e) => ({ range: toRange(e.range), text: e.text })),
  };
}

/** Colours for the tokens the default themes leave plain (units, functions, derivatives, doc comments). */
function defineThemes(editor: MonacoApi['editor']): void {
  editor.defineTheme(SPIKEFLOW_THEMES.light, {
    base: 'vs',
    inherit: true,
    colors: {},
    rules: [
      { token: TOKENS.docComment, foreground: '2e7d32', fontStyle: 'italic' },
      { token: TOKENS.section, foreground: '0033b3', fontStyle: 'bold' },
      { token: TOKENS.kind, foreground: '267f99' },
      { token: TOKENS.modelName, foreground: '267f99', fontStyle: 'bold' },
      { token: TOKENS.unit, foreground: '0f7a6c' },
      { token: TOKENS.fn, foreground: '795e26' },
      { token: TOKENS.builtin, foreground: '7b55c7' },
      { token: TOKENS.derivative, foreground: '001080', fontStyle: 'bold' },
      { token: TOKENS.invalid, foreground: 'c62828' },
    ],
  });
  editor.defineTheme(SPIKEFLOW_THEMES.dark, {
    base: 'vs-dark',
    inherit: true,
    colors: {},
    rules: [
      { token: TOKENS.docComment, foreground: '6a9955', fontStyle: 'italic' },
      { token: TOKENS.section, foreground: '569cd6', fontStyle: 'bold' },
      { token: TOKENS.kind, foreground: '4ec9b0' },
      { token: TOKENS.modelName, foreground: '4ec9b0', fontStyle: 'bold' },
      { token: TOKENS.unit, foreground: '4ec9b0' },
      { token: TOKENS.fn, foreground: 'dcdcaa' },
      { token: TOKENS.builtin, foreground: 'c586c0' },
      { token: TOKENS.derivative, foreground: '9cdcfe', fontStyle: 'bold' },
      { token: TOKENS.invalid, foreground: 'f44747' },
    ],
  });
}
