/** Registration against a recording stand-in for Monaco's `languages`/`editor` API (Monaco itself needs a DOM). */
import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../../../library';
import { catalogOf } from '../../../library/catalog';
import { LIF } from '../../../library/cells/LIF';
import { LANGUAGE_ID, spikeflowMonarch } from './monarch';
import { spikeflowLanguageConfiguration } from './languageConfiguration';
import { registerSpikeflowLanguage, SPIKEFLOW_THEMES, type MonacoApi } from './register';
import { positionOf } from './testing';
import type { LanguageContext } from './types';

type Provider = Record<string, (...args: unknown[]) => unknown> & { triggerCharacters?: string[] };

function fakeMonaco() {
  const languages: { id: string }[] = [];
  const providers: Record<string, Provider[]> = { completion: [], hover: [], definition: [] };
  const calls = { register: 0, monarch: [] as unknown[], configuration: [] as unknown[], themes: [] as string[], disposed: 0 };
  const disposable = () => ({ dispose: () => void calls.disposed++ });
  const add = (kind: string) => (id: string, provider: Provider) => {
    expect(id).toBe(LANGUAGE_ID);
    providers[kind].push(provider);
    return {
      dispose: () => {
        calls.disposed++;
        providers[kind].splice(providers[kind].indexOf(provider), 1);
      },
    };
  };
  const monaco = {
    languages: {
      getLanguages: () => languages,
      register: (l: { id: string }) => {
        calls.register++;
        languages.push(l);
      },
      setMonarchTokensProvider: (_id: string, def: unknown) => (calls.monarch.push(def), disposable()),
      setLanguageConfiguration: (_id: string, conf: unknown) => (calls.configuration.push(conf), disposable()),
      registerCompletionItemProvider: add('completion'),
      registerHoverProvider: add('hover'),
      registerDefinitionProvider: add('definition'),
      CompletionItemKind: { Keyword: 17, Module: 8, EnumMember: 16, Function: 1, Unit: 12, Constant: 14, Field: 3, Variable: 4, Value: 13, Snippet: 28 },
      CompletionItemInsertTextRule: { None: 0, KeepWhitespace: 1, InsertAsSnippet: 4 },
    },
    editor: { defineTheme: (name: string) => void calls.themes.push(name) },
  };
  return { monaco: monaco as unknown as MonacoApi, providers, calls };
}

const model = (source: string) => ({ getValue: () => source, uri: { path: '/models/LIF' } });
const catalog = catalogOf(builtinRegistry());

describe('registerSpikeflowLanguage', () => {
  it('registers the language, tokenizer, configuration, providers and themes once', () => {
    const { monaco, providers, calls } = fakeMonaco();
    const first = registerSpikeflowLanguage(monaco, () => ({ catalog: [] }));
    const second = registerSpikeflowLanguage(monaco, () => ({ catalog }));
    expect(second).toBe(first);
    expect(calls.register).toBe(1);
    expect(monaco.languages.getLanguages().map((l) => l.id)).toEqual([LANGUAGE_ID]);
    expect(calls.monarch).toEqual([spikeflowMonarch]);
    expect(calls.configuration).toEqual([spikeflowLanguageConfiguration]);
    expect([providers.completion.length, providers.hover.length, providers.definition.length]).toEqual([1, 1, 1]);
    expect(calls.themes).toEqual([SPIKEFLOW_THEMES.light, SPIKEFLOW_THEMES.dark]);
    expect(providers.completion[0].triggerCharacters).toEqual(['/']);
    first.dispose();
  });

  it('serves completions with Monaco ranges, kinds and snippet rules, using the latest context', () => {
    const { monaco, providers } = fakeMonaco();
    let context: LanguageContext = { catalog: [] };
    const handle = registerSpikeflowLanguage(monaco, () => context);
    const source = 'model Kd : channel\ninputs\n  \nstates\n  n = steady\nequations\n  ';
    const complete = (lineNumber: number, column: number, triggerCharacter?: string) =>
      providers.completion[0].provideCompletionItems(model(source), { lineNumber, column }, { triggerKind: 0, triggerCharacter }, {}) as {
        suggestions: { label: string; kind: number; insertText: string; insertTextRules?: number; range: unknown; documentation?: unknown }[];
      };
    expect(complete(3, 3).suggestions.some((s) => s.label === 'v : mV')).toBe(false);
    context = { catalog };
    registerSpikeflowLanguage(monaco, () => context);
    const inputs = complete(3, 3).suggestions;
    expect(inputs.find((s) => s.label === 'v : mV')).toMatchObject({ kind: 3, insertText: 'v : mV' });
    const eq = complete(7, 3).suggestions.find((s) => s.label === 'dn/dt');
    expect(eq).toMatchObject({ kind: 28, insertText: 'dn/dt = $0', insertTextRules: 4 });
    expect(eq?.range).toEqual({ startLineNumber: 7, startColumn: 3, endLineNumber: 7, endColumn: 3 });
    expect(complete(7, 3, '/').suggestions).toEqual([]);
    const header = complete(7, 3).suggestions.find((s) => s.label === 'reset') as { additionalTextEdits?: unknown } | undefined;
    expect(header?.additionalTextEdits).toEqual([{ range: { startLineNumber: 7, startColumn: 1, endLineNumber: 7, endColumn: 3 }, text: '' }]);
    handle.dispose();
  });

  it('serves hovers and definitions in Monaco’s shapes', () => {
    const { monaco, providers } = fakeMonaco();
    const handle = registerSpikeflowLanguage(monaco, () => ({ catalog }));
    const use = positionOf(LIF.source, 'tau_m   (unless');
    const hover = providers.hover[0].provideHover(model(LIF.source), { lineNumber: use.line, column: use.column }, {}) as {
      contents: { value: string }[];
      range: unknown;
    };
    expect(hover.contents.map((c) => c.value).join('\n')).toContain('default `10 ms`');
    expect(hover.range).toEqual({ startLineNumber: use.line, startColumn: use.column, endLineNumber: use.line, endColumn: use.column + 5 });
    const definition = providers.definition[0].provideDefinition(model(LIF.source), { lineNumber: use.line, column: use.column + 2 }, {}) as {
      uri: { path: string };
      range: unknown;
    };
    const decl = positionOf(LIF.source, 'tau_m   = 10 ms');
    expect(definition).toEqual({ uri: { path: '/models/LIF' }, range: { startLineNumber: decl.line, startColumn: 3, endLineNumber: decl.line, endColumn: 8 } });
    expect(providers.hover[0].provideHover(model(LIF.source), { lineNumber: 1, column: 3 }, {})).toBeNull();
    expect(providers.definition[0].provideDefinition(model(LIF.source), { lineNumber: 1, column: 3 }, {})).toBeNull();
    handle.dispose();
  });

  it('disposes everything, and can register again without registering the id twice', () => {
    const { monaco, providers, calls } = fakeMonaco();
    const handle = registerSpikeflowLanguage(monaco, () => ({ catalog }));
    handle.dispose();
    expect(calls.disposed).toBe(5);
    expect(providers.completion).toEqual([]);
    const again = registerSpikeflowLanguage(monaco, () => ({ catalog }));
    expect(again).not.toBe(handle);
    expect(calls.register).toBe(1);
    expect(providers.completion.length).toBe(1);
    again.dispose();
  });
});
