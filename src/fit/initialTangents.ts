/**
 * Initial states as the engine sets them (overrides, then expressions, then steady states), with
 * their forward-mode tangents: seeded for trained initial values, else by differentiating the
 * initial-value expression (a gate at steady state moves with the parameters of its rate functions).
 * Used by the differentiable cell (one neuron) and the differentiable network (every neuron).
 */
import { evaluate } from '../model/evaluate';
import { differentiate, inlineDefinitions, symbolsOf } from '../model/symbolic';
import type { Expr } from '../model/ir';
import { EngineError } from '../engine/errors';
import { steadyStateExpr } from '../engine/integrators';
import type { PopulationSetup } from '../engine/population';
import { standardNormal, streamId, uniform01 } from '../engine/rng';
import { collectNodes, isRandomDraw } from '../engine/cpu/invariants';

export interface InitialTangentSpec {
  readonly setup: PopulationSetup;
  /** Flat parameter index of each of the P trained parameters (-1: not a parameter of this population). */
  readonly trainedParams: readonly number[];
  /** Trained initial values: state index → θ slot. */
  readonly trainedInits: ReadonlyMap<number, number>;
}

/**
 * Neuron `neuron`'s initial states and tangents ([state * P + k]) for parameter values PV; θ seeds
 * trained initial values (null: the project's own initial values, no tangents).
 */
export function initialStateWithTangents(
  spec: InitialTangentSpec,
  neuron: number,
  PV: ArrayLike<number>,
  theta: Float64Array | null,
  P: number,
): { X: Float64Array; DX: Float64Array } {
  const { setup, trainedParams, trainedInits } = spec;
  const flat = setup.flat;
  const X = new Float64Array(flat.states.length);
  const DX = new Float64Array(flat.states.length * P);
  const defs = new Map(flat.definitions.map((d) => [d.name, d.expr]));
  const stateIndex = new Map(flat.states.map((s, k) => [s.name, k]));
  const paramIndex = new Map(flat.params.map((p, k) => [p.name, k]));
  const stream = streamId('init', setup.id);
  let draw = 0;
  const random = { uniform: () => uniform01(setup.seed, stream, neuron, draw++), normal: () => standardNormal(setup.seed, stream, neuron, draw++) };
  const lookup = (name: string): number => {
    const p = paramIndex.get(name);
    if (p !== undefined) return PV[p];
    const s = stateIndex.get(name);
    if (s !== undefined) return X[s];
    if (name.startsWith('in:')) return 0;
    switch (name) {
      case 't':
        return 0;
      case 'dt':
        return setup.dtMs;
      case 'pi':
        return Math.PI;
      case 'lastspike':
        return -1e7;
    }
    throw new EngineError('invalid-model', `${setup.id}: cannot evaluate '${name}' for initial values`);
  };
  const set = (k: number, expr: Expr | undefined, override: number | Float64Array | undefined): void => {
    const trained = trainedInits.get(k);
    if (theta && trained !== undefined) {
      X[k] = theta[trained];
      if (P > 0) DX[k * P + trained] = 1;
      return;
    }
    if (override !== undefined) {
      X[k] = typeof override === 'number' ? override : override[neuron];
      return;
    }
    const e = inlineDefinitions(expr!, defs);
    X[k] = evaluate(e, lookup, random);
    if (P === 0) return;
    for (const s of symbolsOf(e)) {
      const p = paramIndex.get(s);
      const st = stateIndex.get(s);
      const slot = p !== undefined ? trainedParams.indexOf(p) : -1;
      if (slot < 0 && st === undefined) continue;
      const partial = evaluate(differentiate(e, s), lookup, random);
      if (slot >= 0) DX[k * P + slot] += partial;
      if (st !== undefined) for (let q = 0; q < P; q++) DX[k * P + q] += partial * DX[st * P + q];
    }
  };
  const steady = flat.states.map((s) => (s.init === 'steady' && !setup.initOverrides.has(s.name) ? steadyStateExpr(flat, s.name) : undefined));
  flat.states.forEach((s, k) => {
    if (!steady[k]) set(k, s.init === 'steady' ? undefined : s.init, setup.initOverrides.get(s.name));
  });
  flat.states.forEach((_, k) => steady[k] && set(k, steady[k], undefined));
  return { X, DX };
}

/**
 * Whether an initial value moves with θ, read from the expressions (not from derivatives at one θ):
 * a trained initial value, or a trained parameter in an initial-value expression, directly or
 * through the states it reads (steady states after the others, as they are set).
 */
export function initialValuesMoveWithTheta(spec: InitialTangentSpec): boolean {
  const { setup, trainedParams, trainedInits } = spec;
  if (trainedInits.size > 0) return true;
  const flat = setup.flat;
  const trained = new Set(trainedParams.filter((p) => p >= 0).map((p) => flat.params[p].name));
  const defs = new Map(flat.definitions.map((d) => [d.name, d.expr]));
  const moved = new Set<string>();
  const visit = (name: string, expr: Expr): void => {
    if ([...symbolsOf(inlineDefinitions(expr, defs))].some((s) => trained.has(s) || moved.has(s))) moved.add(name);
  };
  const steady = flat.states.filter((s) => s.init === 'steady' && !setup.initOverrides.has(s.name));
  for (const s of flat.states) if (s.init !== 'steady' && !setup.initOverrides.has(s.name)) visit(s.name, s.init);
  for (const s of steady) visit(s.name, steadyStateExpr(flat, s.name));
  return moved.size > 0;
}

/**
 * Whether every neuron of the population starts from the same values (so one evaluation serves all):
 * no per-neuron overrides or parameters, no random draws in the initial-value expressions.
 */
export function initialValuesUniform(setup: PopulationSetup): boolean {
  if ([...setup.initOverrides.values()].some((v) => typeof v !== 'number')) return false;
  if (setup.paramValues.some((v) => typeof v !== 'number')) return false;
  const defs = new Map(setup.flat.definitions.map((d) => [d.name, d.expr]));
  return setup.flat.states.every((s) => s.init === 'steady' || collectNodes(inlineDefinitions(s.init, defs), isRandomDraw).length === 0);
}
