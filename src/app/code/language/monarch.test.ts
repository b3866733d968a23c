/**
 * The tokenizer is run by Monaco's own Monarch compiler and lexer (plain ES modules that need no
 * DOM), so these tests see exactly the tokens the editor will colour.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { LIBRARY_SOURCES } from '../../../library';
import { LANGUAGE_ID, spikeflowMonarch, TOKENS } from './monarch';
import { UNIT_ATOMS } from './unitsCatalog';
import { BLOCK_HEADER, SECTION_START, spikeflowLanguageConfiguration } from './languageConfiguration';

interface MonarchToken {
  readonly offset: number;
  readonly type: string;
}
interface LineState {
  readonly stack: { readonly state: string };
}
interface Tokenizer {
  getInitialState(): LineState;
  tokenize(line: string, hasEOL: boolean, state: LineState): { tokens: MonarchToken[]; endState: LineState };
}

// Monaco's internal modules ship without type declarations; non-literal specifiers keep tsc out of them.
const COMPILE_MODULE: string = 'monaco-editor/editor/standalone/common/monarch/monarchCompile';
const LEXER_MODULE: string = 'monaco-editor/editor/standalone/common/monarch/monarchLexer';

let tokenizer: Tokenizer;

beforeAll(async () => {
  const { compile } = (await import(COMPILE_MODULE)) as { compile(id: string, def: unknown): unknown };
  const { MonarchTokenizer } = (await import(LEXER_MODULE)) as {
    MonarchTokenizer: new (languageService: unknown, themeService: unknown, id: string, lexer: unknown, config: unknown) => Tokenizer;
  };
  const configuration = { getValue: () => 20_000, onDidChangeConfiguration: () => ({ dispose() {} }) };
  tokenizer = new MonarchTokenizer({}, {}, LANGUAGE_ID, compile(LANGUAGE_ID, spikeflowMonarch), configuration);
});

/** Tokenizes a source: per line, [text, token type without the `.spikeflow` postfix], whitespace left out. */
function tokenize(source: string): [string, string][][] {
  let state = tokenizer.getInitialState();
  return source.split('\n').map((line) => {
    const result = tokenizer.tokenize(line, true, state);
    state = result.endState;
    return result.tokens
      .map((t, i): [string, string] => [line.slice(t.offset, result.tokens[i + 1]?.offset ?? line.length), t.type.replace(`.${LANGUAGE_ID}`, '')])
      .filter(([text, type]) => text.trim() !== '' && type !== 'white');
  });
}

/** The type of the first token with exactly this text on a one-line source. */
function typeOf(line: string, text: string): string | undefined {
  return tokenize(line)[0].find(([t]) => t === text)?.[1];
}

describe('Monarch definition', () => {
  it('has the expected structure', () => {
    expect(Object.keys(spikeflowMonarch.tokenizer).sort()).toEqual(['quantity', 'root']);
    expect(spikeflowMonarch.tokenPostfix).toBe('.spikeflow');
    expect(spikeflowMonarch.brackets).toEqual([{ open: '(', close: ')', token: 'delimiter.parenthesis' }]);
    expect(spikeflowMonarch.functions).toEqual(expect.arrayContaining(['exp', 'exprel', 'rand', 'randn', 'pop_sum', 'pop_max']));
    expect(spikeflowMonarch.units).toEqual(UNIT_ATOMS.map((u) => u.atom));
    expect(spikeflowMonarch.reserved).toEqual(expect.arrayContaining(['params', 'on_pre', 'steady', 'unless', 'model', 'and']));
  });
});

describe('tokens', () => {
  it('colours the header: model keyword, name and kind', () => {
    expect(tokenize('model LIF : cell')[0]).toEqual([
      ['model', TOKENS.keyword],
      ['LIF', TOKENS.modelName],
      [':', TOKENS.delimiter],
      ['cell', TOKENS.kind],
    ]);
  });

  it('tells doc comments from ordinary comments', () => {
    expect(tokenize('## Leaky integrate-and-fire')[0]).toEqual([['## Leaky integrate-and-fire', TOKENS.docComment]]);
    expect(tokenize('  tau = 10 ms   # membrane time constant')[0].at(-1)).toEqual(['# membrane time constant', TOKENS.comment]);
    // `##` after code is an ordinary comment, as in the lexer.
    expect(tokenize('  x = 1 ## not doc')[0].at(-1)).toEqual(['## not doc', TOKENS.comment]);
  });

  it('marks section headers at the start of a line, but not an assignment to the same word', () => {
    for (const section of ['params', 'inputs', 'states', 'definitions', 'equations', 'current', 'reset', 'clamp', 'on_pre', 'on_post']) {
      expect(tokenize(section)[0]).toEqual([[section, TOKENS.section]]);
    }
    expect(tokenize('spike v >= thr')[0]).toEqual([
      ['spike', TOKENS.section],
      ['v', TOKENS.identifier],
      ['>=', TOKENS.operator],
      ['thr', TOKENS.identifier],
    ]);
    expect(typeOf('refractory t_ref', 'refractory')).toBe(TOKENS.section);
    expect(typeOf('reset = 3', 'reset')).toBe(TOKENS.keyword);
  });

  it('colours units after numbers, in compounds and powers, and after a declaration colon', () => {
    expect(tokenize('  tau_m = 10 ms')[0]).toEqual([
      ['tau_m', TOKENS.identifier],
      ['=', TOKENS.operator],
      ['10', TOKENS.number],
      ['ms', TOKENS.unit],
    ]);
    expect(tokenize('  g = 0.12 S/cm2')[0].slice(2)).toEqual([
      ['0.12', TOKENS.number],
      ['S', TOKENS.unit],
      ['/', TOKENS.operator],
      ['cm2', TOKENS.unit],
    ]);
    expect(tokenize('  k = 0.02/ms')[0].slice(3)).toEqual([['/', TOKENS.operator], ['ms', TOKENS.unit]]);
    // Monaco merges neighbouring tokens of one type: the atom and its power read as one unit.
    expect(tokenize('  a = 2 um^2')[0].slice(3)).toEqual([['um^2', TOKENS.unit]]);
    expect(tokenize('  j : nA')[0]).toEqual([['j', TOKENS.identifier], [':', TOKENS.delimiter], ['nA', TOKENS.unit]]);
    expect(typeOf('  g : nS = 0 nS', 'nS')).toBe(TOKENS.unit);
    expect(typeOf('  x = 1e-3 mV', '1e-3')).toBe(TOKENS.number);
    expect(typeOf('  x = 1e-3 mV', 'mV')).toBe(TOKENS.unit);
    expect(typeOf('  x = 10ms', 'ms')).toBe(TOKENS.unit);
  });

  it('does not colour names as units away from numbers', () => {
    expect(tokenize('  x = 10 / tau')[0].slice(-2)).toEqual([['/', TOKENS.operator], ['tau', TOKENS.identifier]]);
    expect(typeOf('  y = 5 mV * rand()', 'rand')).toBe(TOKENS.fn);
    expect(typeOf('  c = a ? b : m', 'm')).toBe(TOKENS.identifier);
    // A name that happens to be a unit is a name where no number precedes it.
    expect(typeOf('  z = ms + 1', 'ms')).toBe(TOKENS.identifier);
  });

  it('never carries a quantity over to the next line', () => {
    const lines = tokenize('  x = (1 +\nms)\nparams');
    expect(lines[1][0]).toEqual(['ms', TOKENS.identifier]);
    expect(lines[2]).toEqual([['params', TOKENS.section]]);
    expect(tokenize('  t_ref = 5 ms\nreset')[1]).toEqual([['reset', TOKENS.section]]);
  });

  it('colours calls of built-in functions, built-in symbols and keywords', () => {
    const line = tokenize('  r = exprel(-(v + 40 mV)/(10 mV)) * exp(t/tau) + not_a_fn(1) + pi')[0];
    expect(line.find(([t]) => t === 'exprel')?.[1]).toBe(TOKENS.fn);
    expect(line.find(([t]) => t === 'exp')?.[1]).toBe(TOKENS.fn);
    expect(line.find(([t]) => t === 'not_a_fn')?.[1]).toBe(TOKENS.identifier);
    expect(line.find(([t]) => t === 't')?.[1]).toBe(TOKENS.builtin);
    expect(line.find(([t]) => t === 'pi')?.[1]).toBe(TOKENS.builtin);
    expect(typeOf('spike exp(v) / pop_sum(exp(v)) >= thr', 'pop_sum')).toBe(TOKENS.fn);
    expect(typeOf('  m = steady', 'steady')).toBe(TOKENS.keyword);
    expect(typeOf('spike a > b and not c < d', 'and')).toBe(TOKENS.keyword);
  });

  it('colours derivatives and (unless refractory)', () => {
    const line = tokenize('  dv/dt = ((v_rest - v) + R*j) / tau_m   (unless refractory)')[0];
    expect(line[0]).toEqual(['dv/dt', TOKENS.derivative]);
    expect(line.slice(-4)).toEqual([
      ['(', 'delimiter.parenthesis'],
      ['unless', TOKENS.keyword],
      ['refractory', TOKENS.keyword],
      [')', 'delimiter.parenthesis'],
    ]);
    expect(typeOf('  x = dt', 'dt')).toBe(TOKENS.builtin);
  });

  it('flags characters the lexer rejects', () => {
    expect(typeOf('  x = 1 ; y', ';')).toBe(TOKENS.invalid);
  });

  it('tokenizes every library model without an invalid token', () => {
    for (const { source } of LIBRARY_SOURCES) {
      const invalid = tokenize(source).flat().filter(([, type]) => type === TOKENS.invalid);
      expect(invalid, source.split('\n').find((l) => l.startsWith('model'))).toEqual([]);
    }
  });
});

describe('language configuration', () => {
  it('toggles # line comments and pairs parentheses', () => {
    expect(spikeflowLanguageConfiguration.comments).toEqual({ lineComment: '#' });
    expect(spikeflowLanguageConfiguration.brackets).toEqual([['(', ')']]);
    expect(spikeflowLanguageConfiguration.autoClosingPairs).toEqual([{ open: '(', close: ')' }]);
  });

  it('indents after block headers and outdents new sections', () => {
    expect(BLOCK_HEADER.test('params')).toBe(true);
    expect(BLOCK_HEADER.test('equations   # the dynamics')).toBe(true);
    expect(BLOCK_HEADER.test('spike v >= thr')).toBe(false);
    expect(BLOCK_HEADER.test('  tau = 10 ms')).toBe(false);
    expect(SECTION_START.test('  reset')).toBe(true);
    expect(SECTION_START.test('  spike v > thr')).toBe(true);
    expect(SECTION_START.test('  reset = 2')).toBe(false);
    expect(SECTION_START.test('  v = v_reset')).toBe(false);
  });

  it('has a word pattern matching names with digits, underscores and µ', () => {
    const words = 'tau_m2 + µm * 0.5'.match(spikeflowLanguageConfiguration.wordPattern!);
    expect(words).toEqual(['tau_m2', 'µm', '0.5']);
  });
});
