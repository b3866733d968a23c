/**
 * From a project document to what a phase plane needs for one population: its model's IR, the
 * states it can use as axes with their initial values, its inputs with the value the project's
 * stimuli give them, and its parameter values (means for distributions and per-neuron arrays).
 *
 * Model sources compile here (a registry per `models` object, compiled on first use), so this runs
 * wherever the phase plane is computed without the engine.
 */
import { builtinRegistry, ModelRegistry } from '../library';
import { definitionMap } from '../model/compile';
import { evaluate } from '../model/evaluate';
import type { Expr, ModelIR } from '../model/ir';
import { inlineDefinitions, linearIn } from '../model/symbolic';
import { dimEquals, type Unit } from '../model/units';
import type { ProjectInput } from '../project/schema';
import { amountToCanonical, meanValue } from './phase/meanValue';
import { planeStates, type PlaneValues } from './phasePlaneModel';

type PopulationInput = ProjectInput['populations'][number];
type StimulusInput = NonNullable<ProjectInput['stimuli']>[number];

const AMPERE: Unit['dim'] = [0, 0, 0, 1, 0, 0];

const registries = new WeakMap<object, ModelRegistry>();
const NO_MODELS = {};

/** The library plus the project's models (those that cannot be registered are left out). */
export function registryFor(models: Readonly<Record<string, string>> | undefined): ModelRegistry {
  const key = models ?? NO_MODELS;
  let registry = registries.get(key);
  if (!registry) {
    registry = new ModelRegistry(builtinRegistry());
    for (const [name, source] of Object.entries(models ?? {})) {
      try {
        if (!registry.has(name)) registry.register(source, 'project', name);
      } catch {
        // A source without a header: the code panel reports it; the phase plane leaves it out.
      }
    }
    registries.set(key, registry);
  }
  return registry;
}

export interface PhaseCandidate {
  readonly id: string;
  readonly label?: string;
  readonly model: string;
  /** States with a non-zero equation, in declaration order: the possible axes. */
  readonly states: readonly string[];
}

export interface PhaseExclusion {
  readonly id: string;
  readonly model: string;
  readonly reason: string;
}

/** Why a population has no phase plane, or its IR when it has one. */
function examine(pop: PopulationInput, registry: ModelRegistry): { ir: ModelIR } | { reason: string } {
  const compiled = registry.compile(pop.model);
  if (!compiled) return { reason: `'${pop.model}' is not a known model` };
  if (!compiled.ir) return { reason: `${pop.model} does not compile (see the code panel)` };
  const ir = compiled.ir;
  if (ir.kind !== 'cell') return { reason: `${pop.model} is not a cell model` };
  if ((pop.channels?.length ?? 0) > 0) return { reason: 'cells with inserted channels are not shown in the phase plane yet' };
  if (planeStates(ir).length < 2) return { reason: `${pop.model} has fewer than two state variables with an equation (states only a reset changes do not count)` };
  return { ir };
}

/** The populations that have a phase plane (a cell model with at least two states with non-zero equations). */
export function phaseCandidates(doc: ProjectInput): { candidates: PhaseCandidate[]; excluded: PhaseExclusion[] } {
  const registry = registryFor(doc.models);
  const candidates: PhaseCandidate[] = [];
  const excluded: PhaseExclusion[] = [];
  for (const pop of doc.populations) {
    const r = examine(pop, registry);
    if ('reason' in r) excluded.push({ id: pop.id, model: pop.model, reason: r.reason });
    else candidates.push({ id: pop.id, label: pop.label, model: pop.model, states: planeStates(r.ir) });
  }
  return { candidates, excluded };
}

export interface PhaseVariableSetup {
  readonly name: string;
  readonly unit: string;
  /** canonical = scale × value in `unit`. */
  readonly scale: number;
  readonly description: string;
}

export interface PhaseStateSetup extends PhaseVariableSetup {
  /** The population's initial value (declared unit): the project's `init`, or the model's. */
  readonly initial: number;
  /** It has a non-zero equation, so it can be an axis (planeStates). */
  readonly hasEquation: boolean;
}

export interface PhaseInputSetup extends PhaseVariableSetup {
  /** An injected current (its unit is a current), as opposed to another kind of input. */
  readonly isCurrent: boolean;
  /** What the project's stimuli put into this input while they are on (declared unit); 0 without any. */
  readonly fromStimuli: number;
}

export interface PhaseSetup {
  readonly population: string;
  readonly model: string;
  readonly ir: ModelIR;
  readonly states: readonly PhaseStateSetup[];
  readonly inputs: readonly PhaseInputSetup[];
  /** Canonical parameter values (the model's default where the project sets none). */
  readonly params: Readonly<Record<string, number>>;
  /** Parameters and initial values given as a distribution or per neuron, shown at their mean. */
  readonly averaged: readonly string[];
  /** The simulation's time step (trajectories use it), ms. */
  readonly dtMs: number;
}

export function phaseSetup(doc: ProjectInput, populationId: string): PhaseSetup | { readonly problem: string } {
  const pop = doc.populations.find((p) => p.id === populationId);
  if (!pop) return { problem: `there is no population '${populationId}'` };
  const r = examine(pop, registryFor(doc.models));
  if ('reason' in r) return { problem: r.reason };
  const ir = r.ir;
  const averaged: string[] = [];
  const params: Record<string, number> = {};
  for (const p of ir.params) {
    const given = pop.params?.[p.name];
    const mean = given === undefined ? undefined : meanValue(given, p.unit);
    params[p.name] = mean?.value ?? p.defaultValue;
    if (mean?.averaged) averaged.push(p.name);
  }
  const initial = initialValues(ir, params, pop.init ?? {}, averaged);
  const withEquation = new Set(planeStates(ir));
  const variable = (v: { name: string; unit: Unit; description: string }): PhaseVariableSetup => ({
    name: v.name,
    unit: v.unit.text,
    scale: v.unit.scale,
    description: v.description,
  });
  const stimuli = (doc.stimuli ?? []).filter((s) => s.target === pop.id);
  return {
    population: pop.id,
    model: pop.model,
    ir,
    states: ir.states.map((s) => ({ ...variable(s), initial: initial[s.name] / s.unit.scale, hasEquation: withEquation.has(s.name) })),
    inputs: ir.inputs.map((input) => ({
      ...variable(input),
      isCurrent: dimEquals(input.unit.dim, AMPERE),
      fromStimuli: stimulusLevel(stimuli.filter((s) => (s.input ?? ir.inputs[0]?.name) === input.name && reachesFirstNeuron(s)), input.unit) / input.unit.scale,
    })),
    params,
    averaged,
    dtMs: doc.simulation?.dtMs !== undefined && doc.simulation.dtMs > 0 ? doc.simulation.dtMs : 0.1,
  };
}

/** The canonical values for a plane: the setup's parameters, inputs and states in declared units. */
export function planeValues(setup: PhaseSetup, inputs: Readonly<Record<string, number>>, states: Readonly<Record<string, number>>): PlaneValues {
  const canonicalInputs: Record<string, number> = {};
  for (const i of setup.inputs) canonicalInputs[i.name] = (inputs[i.name] ?? i.fromStimuli) * i.scale;
  const canonicalStates: Record<string, number> = {};
  for (const s of setup.states) canonicalStates[s.name] = (states[s.name] ?? s.initial) * s.scale;
  return { params: setup.params, inputs: canonicalInputs, states: canonicalStates };
}

function reachesFirstNeuron(s: StimulusInput): boolean {
  return s.neurons === undefined || s.neurons === 'all' || s.neurons.includes(0);
}

/**
 * The input level the stimuli make while on (canonical): steps and pulse trains at their amplitude,
 * ramps at their end value, sines at their offset, noise at its mean, summed over the stimuli that
 * are on together; of the moments when one switches on, the one with the largest total. Expression
 * and sampled stimuli have no single level and are left out.
 */
export function stimulusLevel(stimuli: readonly StimulusInput[], unit: Unit): number {
  const level = (s: StimulusInput): number => {
    const c = (a: unknown) => amountToCanonical(a, unit) ?? 0;
    switch (s.type) {
      case 'step':
      case 'pulses':
        return c(s.amplitude);
      case 'ramp':
        return c(s.to);
      case 'sine':
        return c(s.offset ?? 0);
      case 'noise':
        return c(s.mean ?? 0);
      default:
        return 0;
    }
  };
  let best = 0;
  for (const at of stimuli) {
    const t = at.startMs ?? 0;
    const total = stimuli
      .filter((s) => (s.startMs ?? 0) <= t && (s.stopMs === undefined || s.stopMs > t))
      .reduce((sum, s) => sum + level(s), 0);
    if (Math.abs(total) > Math.abs(best)) best = total;
  }
  return best;
}

/**
 * Initial values (canonical) as the population starts: the project's `init` (its mean), else the
 * model's initial expression (which may read parameters and other states), else for `steady` the
 * zero of its linear equation with the other states at their initial values.
 */
function initialValues(ir: ModelIR, params: Readonly<Record<string, number>>, init: Readonly<Record<string, unknown>>, averaged: string[]): Record<string, number> {
  const defs = definitionMap(ir);
  const values: Record<string, number> = {};
  const busy = new Set<string>();
  const mean = { uniform: () => 0.5, normal: () => 0 };
  const lookup = (name: string): number => {
    if (name in params) return params[name];
    if (ir.states.some((s) => s.name === name)) return stateValue(name);
    const def = defs.get(name);
    if (def) return evaluate(def, lookup, mean);
    if (name === 'pi') return Math.PI;
    if (name === 'lastspike') return -1e7;
    if (name === 'dt') return 0.1;
    return 0; // inputs and t start at 0
  };
  const stateValue = (name: string): number => {
    if (name in values) return values[name];
    if (busy.has(name)) return 0; // a cycle of initial values: the checker refuses those; stay safe
    busy.add(name);
    const state = ir.states.find((s) => s.name === name)!;
    const given = init[name] === undefined ? undefined : meanValue(init[name], state.unit);
    let v: number;
    if (given) {
      v = given.value;
      if (given.averaged) averaged.push(`${name} (initial)`);
    } else if (state.init === 'steady') v = steadyValue(ir, name, defs, lookup);
    else v = evaluate(state.init as Expr, lookup, mean);
    values[name] = Number.isFinite(v) ? v : 0;
    busy.delete(name);
    return values[name];
  };
  for (const s of ir.states) stateValue(s.name);
  return values;
}

function steadyValue(ir: ModelIR, name: string, defs: Map<string, Expr>, lookup: (n: string) => number): number {
  const eq = ir.equations.find((e) => e.state === name);
  if (!eq) return 0;
  const split = linearIn(inlineDefinitions(eq.rhs, defs), name);
  if (!split) return 0;
  const own = (n: string) => (n === name ? 0 : lookup(n));
  return -evaluate(split.A, own) / evaluate(split.B, own);
}
