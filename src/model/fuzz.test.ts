/**
 * Deterministic fuzzing of the model language: random token soup and mutations of every built-in
 * library source. The compiler must never throw, every diagnostic must point inside the source, and
 * code generated from any mutated model that compiles must contain no identifier typed in the source
 * (only the generator's own names) and must parse as JavaScript.
 */
import { describe, expect, it } from 'vitest';
import { generateObserverCode, generatePopulationCode, type CodegenOptions } from '../engine/cpu/codegen';
import { EngineError } from '../engine/errors';
import { flattenPopulation, type FlatModel } from '../engine/flatten';
import type { IntegratorName } from '../engine/integrators';
import { LIBRARY_SOURCES } from '../library';
import { compileModel } from './compile';
import type { ModelIR } from './ir';

/** mulberry32: a small seeded PRNG, so every failure reproduces. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T,>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

const HOSTILE_NAMES = [
  'constructor',
  '__proto__',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'process',
  'alert',
  'eval',
  'Function',
  'globalThis',
  'require',
  'window',
  'document',
  'this_',
  'return_',
  'x")+alert(1)+("',
  "y');alert(1);//",
  '\u0000',
  'a\u0000b',
  '\u2028',
  'ẞtate',
  'µ',
  'long_' + 'n'.repeat(3000),
  'Math',
  'ctx',
  'S0',
  'p0',
  'x0',
  'd0_1',
  'NaN',
  'Infinity',
  'undefined',
  'then',
  'arguments',
  'let',
  'function',
];

const HOSTILE_NUMBERS = ['1e400', '-1e400', '1e-400', 'NaN', 'Infinity', '0x10', '1..2', '.', '1e', '1e+', '00012', '9'.repeat(400), '0.0000000000000000000001', '-0', '1_000'];

const SOUP = [
  'model', 'A', ':', 'cell', 'channel', 'synapse', '\n', '\n', '\n', 'params', 'inputs', 'states', 'definitions', 'equations', 'current',
  'spike', 'reset', 'refractory', 'clamp', 'on_pre', 'on_post', 'steady', 'unless', 'and', 'or', 'not', 'v', 'w', 'm', 'dv', '/', 'dt',
  '=', '+=', '-=', '+', '-', '*', '**', '^', '(', ')', ',', '<', '<=', '>', '>=', '==', '!=', '?', ':', '#', '##', '1', '0.5', '-65',
  '10', 'mV', 'ms', 'nA', 'S/cm2', 'cm2', '/ms', 'exp', 'log', 'pop_sum', 'pop_max', 'clip', 'max', 'pow', 'heaviside', 't', 'lastspike',
  'pi', '  ', '\t', '"', "'", '$', '@', '{', '}', ';', '\\', '`', '\r', '\r\n', ...HOSTILE_NAMES, ...HOSTILE_NUMBERS,
];

const TOKEN_RE = /[A-Za-z_µ][A-Za-z0-9_µ]*|\d+\.?\d*(?:[eE][-+]?\d+)?|\*\*|[+\-<>=!]=|\s+|[\s\S]/g;
const IDENT_RE = /^[A-Za-z_µ][A-Za-z0-9_µ]*$/;

/** Applies 1–4 random edits to a source at token level. */
function mutate(source: string, r: Random): string {
  let toks: string[] = [...(source.match(TOKEN_RE) ?? [])];
  const edits = 1 + Math.floor(r() * 4);
  for (let e = 0; e < edits && toks.length > 0; e++) {
    const k = Math.floor(r() * toks.length);
    switch (Math.floor(r() * 8)) {
      case 0: // delete
        toks.splice(k, 1);
        break;
      case 1: // duplicate
        toks.splice(k, 0, toks[k]);
        break;
      case 2: {
        // swap with another token
        const j = Math.floor(r() * toks.length);
        [toks[k], toks[j]] = [toks[j], toks[k]];
        break;
      }
      case 3: // insert random characters
        toks.splice(k, 0, String.fromCharCode(...Array.from({ length: 1 + Math.floor(r() * 3) }, () => Math.floor(r() * 128))));
        break;
      case 4: {
        // rename one identifier everywhere (keeps the model valid): the way hostile names reach the IR
        const idents = toks.filter((t) => IDENT_RE.test(t));
        if (idents.length === 0) break;
        const victim = pick(r, idents);
        const name = pick(r, HOSTILE_NAMES);
        toks = toks.map((t) => (t === victim ? name : t));
        break;
      }
      case 5: {
        // replace one identifier occurrence
        const at = toks.findIndex((t, i) => i >= k && IDENT_RE.test(t));
        if (at >= 0) toks[at] = pick(r, HOSTILE_NAMES);
        break;
      }
      case 6: {
        // replace a number
        const at = toks.findIndex((t, i) => i >= k && /^\d/.test(t));
        if (at >= 0) toks[at] = pick(r, HOSTILE_NUMBERS);
        break;
      }
      default:
        toks.splice(k, 0, pick(r, SOUP));
    }
  }
  return toks.join('');
}

function tokenSoup(r: Random): string {
  const n = Math.floor(r() * 60);
  const parts = r() < 0.5 ? ['model', ' ', 'F', ' ', ':', ' ', pick(r, ['cell', 'channel', 'synapse']), '\n'] : [];
  for (let i = 0; i < n; i++) parts.push(pick(r, SOUP), r() < 0.7 ? ' ' : '');
  return parts.join('');
}

/** Every diagnostic is a 1-based position inside the source (col may be one past the end of its line). */
function checkDiagnostics(source: string): ModelIR | undefined {
  let result;
  try {
    result = compileModel(source);
  } catch (e) {
    throw new Error(`compileModel threw ${(e as Error).stack}\n--- source ---\n${source}`);
  }
  const lines = source.split(/\r?\n/);
  for (const d of result.diagnostics) {
    const ok =
      Number.isInteger(d.line) &&
      Number.isInteger(d.col) &&
      d.line >= 1 &&
      d.line <= lines.length &&
      d.col >= 1 &&
      d.col <= lines[d.line - 1].length + 1 &&
      d.length >= 1 &&
      d.message.length > 0;
    if (!ok) throw new Error(`diagnostic outside the source: ${JSON.stringify(d)}\n--- source ---\n${source}`);
  }
  if (result.ir && result.diagnostics.some((d) => d.severity === 'error')) throw new Error('IR returned despite errors');
  return result.ir;
}

const JS_RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else export extends false finally for function if import in ' +
    'instanceof new null return super switch this throw true try typeof var void while with yield let static enum await implements ' +
    'package protected interface private public'
  ).split(' '),
);

/**
 * The generator's own vocabulary: its mangled names (x3, p1, d7_1, k1_0, ym_2, …), the ctx fields,
 * Math and the number literals it prints. A user name that happens to be one of these can appear
 * in the code without having been copied from the source.
 */
const GENERATOR_WORD =
  /^(?:use|strict|ctx|N|S|PS|PA|US|UA|LS|SPK|step|observe|n|i|c|D|dt|t0|nr|chk|bad|refSteps|count|B|RU|RN|Math|NaN|Infinity|pickOne|expm1|floor|exp|log|sqrt|abs|tanh|sin|cos|min|max|pow|(?:S|PA|UA|US|p|u|x|n|B|sp|R|r|h)\d+|d\d+_[A-Za-z0-9]+|k[A-Za-z]*\d*_\d+|y\d+_\d+|e\d+)$/;

function checkGenerated(ir: ModelIR, flat: FlatModel, r: Random, label: string): void {
  const integrator = pick<IntegratorName>(r, ['euler', 'euler', 'rk4', 'midpoint', 'heun', 'exponential_euler']);
  const options: CodegenOptions = {
    integrator,
    sequential: (integrator === 'euler' || integrator === 'exponential_euler') && r() < 0.3,
    paramIsArray: flat.params.map(() => r() < 0.3),
    inputHasArray: flat.inputs.map(() => r() < 0.3),
    precision: r() < 0.5 ? 'f32' : 'f64',
    randomStream: 12345,
    oneSpike: r() < 0.2,
  };
  let step: string;
  let observer: string;
  try {
    step = generatePopulationCode(flat, options).code;
    observer = generateObserverCode(flat, options);
  } catch (e) {
    throw new Error(`${label}: code generation threw ${(e as Error).stack}\n--- source ---\n${ir.source}`);
  }
  const declared = [...ir.params, ...ir.inputs, ...ir.states, ...ir.definitions, ...(ir.current ? [ir.current] : [])].map((d) => d.name);
  for (const code of [step, observer]) {
    // Comments may only hold sanitised text; the word check below is on code.
    const comments = code.match(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g) ?? [];
    for (const c of comments) expect(c, label).toMatch(/^(?:\/\/|\/\*)[A-Za-z0-9_.: ,()=*/-]*$/);
    const bare = code.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, ' ');
    const words = new Set(bare.match(/[A-Za-z_$][A-Za-z0-9_$]*/g) ?? []);
    for (const name of declared) {
      if (name.length <= 1 || JS_RESERVED.has(name) || GENERATOR_WORD.test(name)) continue;
      if (words.has(name)) throw new Error(`${label}: the source name '${name.slice(0, 40)}' reached generated code\n${code}`);
    }
    for (const bad of ["'", '`', '\\', '\u0000', '\u2028', '$']) expect(bare.includes(bad), `${label}: ${JSON.stringify(bad)} in code`).toBe(false);
    // The only string literal is the 'use strict' directive.
    expect(bare.match(/"[^"]*"/g), label).toEqual(['"use strict"']);
    try {
      new Function('ctx', code);
    } catch (e) {
      throw new Error(`${label}: generated code does not parse: ${(e as Error).message}\n${code}`);
    }
  }
}

const HOST = compileModel(`model Host : cell
inputs
  j : nA
states
  v = -65 mV
equations
  dv/dt = j / (100 pF)
`).ir!;

/** Flattens a compiled model (a cell alone, or a channel in a host cell); undefined if the engine refuses it. */
function flatten(ir: ModelIR): FlatModel | undefined {
  try {
    if (ir.kind === 'cell') return flattenPopulation(ir, [], 'fuzz');
    if (ir.kind === 'channel') return flattenPopulation(HOST, [ir], 'fuzz');
    return undefined;
  } catch (e) {
    if (e instanceof EngineError) return undefined;
    throw e;
  }
}

describe('fuzz: the model language', () => {
  it('every library source compiles cleanly and generates safe code', () => {
    expect(LIBRARY_SOURCES.length).toBeGreaterThan(10);
    const r = rng(1);
    for (const { source } of LIBRARY_SOURCES) {
      const ir = checkDiagnostics(source);
      expect(ir, source.slice(0, 200)).toBeDefined();
      const flat = flatten(ir!);
      if (ir!.kind === 'cell') expect(flat).toBeDefined();
      if (flat) checkGenerated(ir!, flat, r, ir!.name);
    }
  });

  it('token soup never crashes the compiler and yields in-source diagnostics', () => {
    const r = rng(2024);
    for (let k = 0; k < 1500; k++) {
      const ir = checkDiagnostics(tokenSoup(r));
      const flat = ir && flatten(ir);
      if (ir && flat) checkGenerated(ir, flat, r, `soup #${k}`);
    }
  });

  it('mutated library models: no crash, in-source diagnostics, and no source text in generated code', () => {
    const r = rng(7);
    let compiled = 0;
    let renamedHostile = 0;
    for (let round = 0; round < 80; round++) {
      for (const { source } of LIBRARY_SOURCES) {
        const mutated = mutate(source, r);
        const ir = checkDiagnostics(mutated);
        if (!ir) continue;
        const flat = flatten(ir);
        if (!flat) continue;
        compiled++;
        const names = [...ir.params, ...ir.states, ...ir.definitions].map((d) => d.name);
        if (names.some((n) => HOSTILE_NAMES.includes(n))) renamedHostile++;
        checkGenerated(ir, flat, r, `round ${round}, ${ir.name}`);
      }
    }
    // The fuzzer must actually reach code generation, including with hostile names.
    expect(compiled).toBeGreaterThan(200);
    expect(renamedHostile).toBeGreaterThan(10);
  });

  it('library models with declared names renamed to hostile identifiers compile and generate safe code', () => {
    const r = rng(99);
    const valid = HOSTILE_NAMES.filter((n) => IDENT_RE.test(n));
    let compiled = 0;
    for (let round = 0; round < 12; round++) {
      for (const { source } of LIBRARY_SOURCES) {
        const original = compileModel(source).ir!;
        const names = [...original.params, ...original.states, ...original.definitions, ...original.inputs].map((d) => d.name);
        // Rename up to three names everywhere, as whole words (documentation lines included).
        let renamed = source;
        const used = new Set<string>();
        for (let k = 0; k < 3; k++) {
          const victim = pick(r, names);
          const name = pick(r, valid);
          if (used.has(name) || used.has(victim)) continue;
          used.add(name).add(victim);
          renamed = renamed.replace(new RegExp(`(?<![A-Za-z0-9_µ])${victim}(?![A-Za-z0-9_µ])`, 'g'), name);
        }
        const ir = checkDiagnostics(renamed);
        if (!ir) continue;
        const flat = flatten(ir);
        if (!flat) continue;
        compiled++;
        checkGenerated(ir, flat, r, `rename round ${round}, ${ir.name}`);
      }
    }
    // Synapses are not flattened into a population here, so only cells and channels count.
    const flattenable = LIBRARY_SOURCES.filter(({ source }) => !/^model\s+\w+\s*:\s*synapse/m.test(source)).length;
    expect(compiled).toBeGreaterThan(flattenable * 4);
  });
});
