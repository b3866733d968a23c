/**
 * The command-line options of `spikeflow fit` and how they change the project's `fit` section. The
 * changes are made to the project's JSON document (not the parsed one) so that fitted-project.json
 * is the user's own document with only the fit settings and fitted values changed, and so that the
 * result is validated by the same schema as a file would be.
 */
import { FIT_PARAM_NAME, LOSS_KINDS, OPTIMIZER_KINDS } from '../project/fitSchema';
import type { Project } from '../project/schema';
import { oneOf } from './args';
import { InputError } from './io';

export type LossKind = (typeof LOSS_KINDS)[number];
export type OptimizerKind = (typeof OPTIMIZER_KINDS)[number];

export interface FitOverrides {
  readonly params?: readonly string[];
  readonly loss?: readonly { readonly kind: LossKind; readonly weight: number }[];
  readonly optimizer?: OptimizerKind;
  readonly iterations?: number;
  readonly learningRate?: number;
}

type Json = Record<string, unknown>;

/** `--params gNa,gK,Na.gNa,init:v,syn:input.w`. */
export function parseParamsOption(text: string | boolean | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const names = String(text)
    .split(',')
    .map((s) => s.trim());
  if (names.length === 0 || names.some((n) => n === '')) throw new InputError(`--params: expected comma-separated parameter names such as 'gNa,gK,gL', got '${String(text)}'`);
  const bad = names.find((n) => !FIT_PARAM_NAME.test(n));
  if (bad !== undefined) throw new InputError(`--params: '${bad}' is not a parameter name (expected names such as 'tau_m', 'Na.gNa', 'init:v' or 'syn:input.w')`);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) throw new InputError(`--params: '${twice}' is named twice`);
  return names;
}

/** `--loss van-rossum:1,spike-count:0.1` (and/or several --loss options); weight 1 when not given. */
export function parseLossOption(texts: readonly string[] | undefined): FitOverrides['loss'] {
  if (texts === undefined || texts.length === 0) return undefined;
  const terms = texts.flatMap((t) => t.split(',')).map((item) => {
    const [kindText, weightText, ...extra] = item.trim().split(':');
    const kind = oneOf('loss', kindText, LOSS_KINDS)!;
    const weight = weightText === undefined ? 1 : Number(weightText);
    if (extra.length > 0 || weightText?.trim() === '' || !Number.isFinite(weight) || weight < 0) {
      throw new InputError(`--loss: expected KIND or KIND:WEIGHT with a weight >= 0 (e.g. 'van-rossum:0.5'), got '${item.trim()}'`);
    }
    return { kind, weight };
  });
  const twice = terms.find((t, i) => terms.findIndex((u) => u.kind === t.kind) !== i);
  if (twice) throw new InputError(`--loss: '${twice.kind}' is given twice`);
  return terms;
}

/** A whole number >= 1. */
export function positiveInteger(option: string, text: string | boolean | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = typeof text === 'string' && /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < 1) throw new InputError(`--${option}: expected a whole number >= 1, got '${String(text)}'`);
  return value;
}

/** A finite number > 0. */
export function positiveNumber(option: string, text: string | boolean | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = typeof text === 'string' && text.trim() !== '' ? Number(text) : NaN;
  if (!Number.isFinite(value) || value <= 0) throw new InputError(`--${option}: expected a number > 0, got '${String(text)}'`);
  return value;
}

/**
 * The project document with the options applied to its `fit` section. A project without one gets
 * `{population}` when it has a single population (so `--params` and `--target` alone make a fit).
 * `--params` keeps the bounds and transform the project gives a parameter of the same name;
 * `--loss` keeps a term's other settings (van Rossum's tauMs, a trace window) when the project has
 * a term of that kind.
 */
export function applyOverrides(doc: Json, project: Project, file: string, o: FitOverrides): Json {
  let fit = doc.fit as Json | undefined;
  if (fit === undefined) {
    if (project.populations.length !== 1) {
      throw new InputError(`${file}: the project has no fit section, and with ${project.populations.length} populations the fitted one is not obvious; add "fit": {"population": "<id>", ...} (see docs/fitting.md)`);
    }
    fit = { population: project.populations[0].id };
  }
  fit = { ...fit };
  if (o.params) {
    const old = (Array.isArray(fit.params) ? fit.params : []) as Json[];
    fit.params = o.params.map((name) => old.find((p) => p.name === name) ?? { name });
  }
  if (o.loss) {
    const old = (Array.isArray(fit.loss) ? fit.loss : []) as Json[];
    fit.loss = o.loss.map(({ kind, weight }) => ({ ...old.find((t) => t.kind === kind), kind, weight }));
  }
  if (o.optimizer !== undefined || o.iterations !== undefined || o.learningRate !== undefined) {
    fit.optimizer = {
      ...(fit.optimizer as Json | undefined),
      ...(o.optimizer !== undefined ? { kind: o.optimizer } : {}),
      ...(o.iterations !== undefined ? { iterations: o.iterations } : {}),
      ...(o.learningRate !== undefined ? { learningRate: o.learningRate } : {}),
    };
  }
  return { ...doc, fit };
}

/** Replaces the data of case 0 (creating it) with a trace or spike times from --target. */
export function withTarget(doc: Json, target: { trace: unknown } | { spikeTimesMs: number[] }): Json {
  const fit = { ...(doc.fit as Json) };
  const cases = [...((Array.isArray(fit.cases) ? fit.cases : []) as Json[])];
  const rest = { ...(cases[0] ?? {}) };
  delete rest.trace;
  delete rest.spikeTimesMs;
  cases[0] = { ...rest, ...target };
  fit.cases = cases;
  return { ...doc, fit };
}
