/**
 * What the names of trained parameters refer to (`tau`, `Na.gNa`: a parameter of the fitted
 * population; `init:v`: its initial value; `syn:ee.w`: a parameter of projection ee's synapse),
 * with their units and starting values, or an error that says what exists instead.
 */
import type { Unit } from '../model/units';
import { EngineError } from '../engine/errors';
import type { FlatModel } from '../engine/flatten';
import type { ProjectionSetup } from '../engine/projection';

/** `syn:ee.w`: a parameter of the synapse of projection `ee`. */
const SYNAPSE_PARAM = /^syn:([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)$/;

export interface TrainedParamMap {
  readonly units: readonly Unit[];
  /** Starting values (canonical units). */
  readonly initial: Float64Array;
  /** Trained initial values of the fitted population: state index → θ slot. */
  readonly trainedInits: ReadonlyMap<number, number>;
  /** Trained synapse parameters: projection id → (parameter name → θ slot). */
  readonly synapseSlots: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** Per θ slot: the flat parameter of `flat` it sets (see flatIndices), or -1. */
  readonly fittedParams: readonly number[];
}

export interface FittedPopulation {
  readonly id: string;
  readonly flat: FlatModel;
  /** The flat parameter's value for the simulated (observed) neuron. */
  readonly paramValue: (index: number) => number;
  /** The state's initial value for that neuron. */
  readonly initialValue: (state: number) => number;
}

export function resolveTrainedParams(names: readonly string[], fitted: FittedPopulation, projections: readonly ProjectionSetup[], projectionsWhere: string): TrainedParamMap {
  const { flat } = fitted;
  const units: Unit[] = [];
  const initial = new Float64Array(names.length);
  const trainedInits = new Map<number, number>();
  const synapseSlots = new Map<string, Map<string, number>>();
  names.forEach((name, k) => {
    const syn = SYNAPSE_PARAM.exec(name);
    if (syn) {
      const [, projection, param] = syn;
      const setup = projections.find((q) => q.id === projection);
      if (!setup) throw new EngineError('invalid-value', `'${name}': no projection '${projection}' ${projectionsWhere}; its projections: ${projections.map((q) => q.id).join(', ') || 'none'}`);
      const j = setup.ir.params.findIndex((p) => p.name === param);
      if (j < 0) throw new EngineError('invalid-value', `'${name}': ${setup.ir.name} has no parameter '${param}'; its parameters are: ${setup.ir.params.map((p) => p.name).join(', ')}`);
      if (setup.connectionParams[j]) throw new EngineError('unsupported', `'${name}': '${param}' of projection '${projection}' differs per connection; a fit trains one value for all connections — give it a single value`);
      if (!synapseSlots.has(projection)) synapseSlots.set(projection, new Map());
      synapseSlots.get(projection)!.set(param, k);
      units.push(setup.ir.params[j].unit);
      initial[k] = setup.scalarParams[j];
      return;
    }
    if (name.startsWith('init:')) {
      const state = flat.states.findIndex((s) => s.name === name.slice(5));
      if (state < 0) throw new EngineError('invalid-value', `'${name}': no state '${name.slice(5)}'; states: ${flat.states.map((s) => s.name).join(', ')}`);
      trainedInits.set(state, k);
      units.push(flat.states[state].unit);
      initial[k] = fitted.initialValue(state);
      return;
    }
    const index = flat.params.findIndex((p) => p.name === name);
    if (index < 0) throw new EngineError('invalid-value', `'${name}' is not a parameter of population '${fitted.id}'; its parameters are: ${flat.params.map((p) => p.name).join(', ')}`);
    units.push(flat.params[index].unit);
    initial[k] = fitted.paramValue(index);
  });
  return { units, initial, trainedInits, synapseSlots, fittedParams: flatIndices(names, flat, true) };
}

/**
 * Per θ slot, the flat parameter of a population's model it sets: for the fitted population its own
 * parameters; for every population the summed equations' copy of a trained synapse parameter
 * (`ee.tau` when the synapse's equations are summed into the post cell). -1 where none.
 */
export function flatIndices(names: readonly string[], flat: FlatModel, fitted: boolean): number[] {
  return names.map((name) => {
    const syn = SYNAPSE_PARAM.exec(name);
    if (syn) return flat.params.findIndex((p) => p.name === `${syn[1]}.${syn[2]}`);
    if (name.startsWith('init:') || !fitted) return -1;
    return flat.params.findIndex((p) => p.name === name);
  });
}
