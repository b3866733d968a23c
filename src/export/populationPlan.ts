/**
 * What the script needs to know about one population before anything is written: its flattened
 * model, the Brian2 name of every symbol, how it is integrated, and which symbols are driven from
 * outside (stimuli, per-connection synapse currents).
 */
import type { Expr, ModelIR } from '../model/ir';
import { dependsOn, inlineDefinitions, linearIn, symbolsOf } from '../model/symbolic';
import { DIMENSIONLESS, type Dimension, type Unit } from '../model/units';
import { canonicalIntegrator, type CanonicalIntegrator, type Population, type Project } from '../project/schema';
import type { ExprContext, ResolvedSymbol } from './brian2Expr';
import { SECOND } from './brian2Units';
import { ExportError } from './errors';
import { externalSymbol, flattenForExport, type ExportFlat, type LumpedInsert, type SummedInsert } from './flatten';
import { NameTable } from './names';

/** Names the script defines in every group's namespace (so no variable may take them). */
export const SCRIPT_NAMES = ['ifelse', 't_tol'];

/** How states are advanced: a Brian2 method (a Python expression), or explicit update code in a run_regularly. */
export type Integration = { readonly kind: 'method'; readonly method: string } | { readonly kind: 'explicit'; readonly sequential: boolean };

export interface PopulationPlan {
  readonly index: number;
  readonly population: Population;
  readonly path: string;
  readonly flat: ExportFlat;
  readonly names: NameTable;
  /** Python variable of the NeuronGroup (`pop_exc`). */
  readonly variable: string;
  readonly integrator: CanonicalIntegrator;
  readonly integration: Integration;
  /** Unit of every symbol of the flat model (params, states, definitions, inputs, summed currents). */
  readonly units: ReadonlyMap<string, Unit>;
  /** External inputs some stimulus drives (the others are 0). */
  readonly stimulated: ReadonlySet<string>;
  /** rand()/randn() sites in equations and definitions: Brian2 'constant over dt' subexpressions. */
  readonly draws: ReadonlyMap<Expr, string>;
}

/**
 * Brian2 methods as Python expressions. Brian2's own 'heun' is the stochastic (Stratonovich) Heun
 * scheme, which differs from the deterministic one; the script defines `heun_method` instead.
 */
const BRIAN2_METHODS: Record<CanonicalIntegrator, string> = {
  euler: "'euler'",
  midpoint: "'rk2'",
  heun: 'heun_method',
  rk4: "'rk4'",
  exponential_euler: "'exponential_euler'",
  exact: "'exact'",
};

export function planPopulation(
  project: Project,
  index: number,
  cell: ModelIR,
  channels: readonly ModelIR[],
  lumped: readonly LumpedInsert[],
  summed: readonly SummedInsert[],
  taken: readonly string[],
): PopulationPlan {
  const population = project.populations[index];
  const path = `$.populations[${index}]`;
  const where = `population '${population.id}' (${population.model})`;
  const flat = flattenForExport(cell, channels, where, lumped, summed);
  if (population.oneSpike) {
    throw new ExportError(`${where}: "oneSpike" (at most one spike per step in the population) has no Brian2 equivalent; it cannot be exported`, `${path}.oneSpike`);
  }
  if (flat.spikes.some((s) => containsReduction(s.condition))) {
    throw new ExportError(`${where}: its spike condition uses pop_sum/pop_max (a sum over the population), which a Brian2 threshold cannot express; it cannot be exported`, `${path}.model`);
  }
  const names = new NameTable([...SCRIPT_NAMES, ...taken]);
  const units = new Map<string, Unit>();
  // The model's own names first, so that they stay as written; generated names yield to them.
  for (const s of flat.states) units.set(s.name, s.unit);
  for (const p of flat.params) units.set(p.name, p.unit);
  for (const d of flat.definitions) units.set(d.name, d.unit);
  for (const name of units.keys()) names.add(name);
  const stimulated = new Set(project.stimuli.filter((s) => s.target === population.id).map((s) => s.input ?? flat.inputs[0]?.name));
  for (const input of flat.inputs) {
    units.set(externalSymbol(input.name), input.unit);
    if (stimulated.has(input.name)) names.add(externalSymbol(input.name), `${input.name}_ext`);
  }
  for (const s of flat.summed) {
    units.set(s.name, s.unit);
    names.add(s.name, `${s.projection}_${s.input}`);
  }
  const draws = new Map<Expr, string>();
  let drawCount = 0;
  const collect = (e: Expr): void => {
    if (e.k === 'call' && (e.fn === 'rand' || e.fn === 'randn')) draws.set(e, names.add(`draw:${++drawCount}`, `${e.fn}_${drawCount}`));
    if (e.k === 'un' || e.k === 'reduce') collect(e.a);
    else if (e.k === 'bin') [e.a, e.b].forEach(collect);
    else if (e.k === 'cond') [e.c, e.a, e.b].forEach(collect);
    else if (e.k === 'call') e.args.forEach(collect);
  };
  flat.definitions.forEach((d) => collect(d.expr));
  flat.equations.forEach((eq) => collect(eq.rhs));

  const integrator = canonicalIntegrator(population.integrator);
  return {
    index,
    population,
    path,
    flat,
    names,
    variable: `pop_${population.id}`,
    integrator,
    integration: chooseIntegration(flat, integrator, population, where, path),
    units,
    stimulated,
    draws,
  };
}

function chooseIntegration(flat: ExportFlat, integrator: CanonicalIntegrator, population: Population, where: string, path: string): Integration {
  if (population.update === 'sequential') {
    if (integrator !== 'euler' && integrator !== 'exponential_euler') {
      throw new ExportError(`${where}: 'sequential' update works with euler or exponential_euler, not ${integrator}`, `${path}.update`);
    }
    return { kind: 'explicit', sequential: true };
  }
  if (integrator !== 'exponential_euler' && integrator !== 'exact') return { kind: 'method', method: BRIAN2_METHODS[integrator] };
  // Brian2's exponential_euler and exact need every equation (conditionally) linear in its state,
  // found by sympy; Spikeflow takes a plain Euler step for a state that is not. Where any state
  // is not plainly linear, the script spells out Spikeflow's update instead.
  const defs = new Map(flat.definitions.map((d) => [d.name, d.expr]));
  const suitable = flat.equations.every((eq) => {
    const f = inlineDefinitions(eq.rhs, defs);
    if (!linearIn(f, eq.state) || !onlyArithmetic(f, eq.state)) return false;
    return integrator !== 'exact' || !dependsOn(f, 't');
  });
  if (integrator === 'exact' && !suitable) {
    throw new ExportError(`${where}: the 'exact' integrator needs equations linear in their own state with constant coefficients; use exponential_euler or rk4`, `${path}.integrator`);
  }
  return suitable ? { kind: 'method', method: BRIAN2_METHODS[integrator] } : { kind: 'explicit', sequential: false };
}

/** Whether `x` appears only under + − × ÷, negation and constant powers (what sympy can factor). */
function onlyArithmetic(e: Expr, x: string): boolean {
  switch (e.k) {
    case 'num':
    case 'sym':
      return true;
    case 'un':
      return e.op === 'neg' ? onlyArithmetic(e.a, x) : !dependsOn(e.a, x);
    case 'bin':
      if (['+', '-', '*', '/'].includes(e.op)) return onlyArithmetic(e.a, x) && onlyArithmetic(e.b, x);
      if (e.op === '^') return onlyArithmetic(e.a, x) && !dependsOn(e.b, x);
      return !dependsOn(e, x);
    default:
      return !dependsOn(e, x);
  }
}

function containsReduction(e: Expr): boolean {
  switch (e.k) {
    case 'reduce':
      return true;
    case 'un':
      return containsReduction(e.a);
    case 'bin':
      return containsReduction(e.a) || containsReduction(e.b);
    case 'cond':
      return containsReduction(e.c) || containsReduction(e.a) || containsReduction(e.b);
    case 'call':
      return e.args.some(containsReduction);
    default:
      return false;
  }
}

const BUILTIN_DIMS: Record<string, Dimension> = { t: SECOND, dt: SECOND, lastspike: SECOND, pi: DIMENSIONLESS };

/** How expressions of this population resolve their symbols (unstimulated inputs are 0, substituted before). */
export function populationContext(plan: PopulationPlan, onIfelse: () => void, useDraws: boolean): ExprContext {
  return {
    resolve(name: string): ResolvedSymbol | undefined {
      if (name in BUILTIN_DIMS) return { text: name, dim: BUILTIN_DIMS[name] };
      const unit = plan.units.get(name);
      const text = plan.names.get(name);
      return unit && text ? { text, dim: unit.dim } : undefined;
    },
    draw: useDraws ? (node) => plan.draws.get(node) : undefined,
    onIfelse,
  };
}

/** `in:j` of an input no stimulus drives is 0; everything else stays. */
export function withoutSilentInputs(plan: PopulationPlan, e: Expr): Expr {
  const silent = [...symbolsOf(e)].filter((name) => name.startsWith('in:') && !plan.names.get(name));
  if (silent.length === 0) return e;
  const replace = (x: Expr): Expr => {
    switch (x.k) {
      case 'sym':
        return silent.includes(x.name) ? { k: 'num', v: 0 } : x;
      case 'un':
        return { ...x, a: replace(x.a) };
      case 'reduce':
        return { ...x, a: replace(x.a) };
      case 'bin': {
        const a = replace(x.a);
        const b = replace(x.b);
        // `0 + y` and `0 - y` (an input with no stimulus, then its currents) read better as `y`, `-y`.
        const zero = (y: Expr) => y.k === 'num' && y.v === 0;
        if ((x.op === '+' || x.op === '-') && zero(b)) return a;
        if (x.op === '+' && zero(a)) return b;
        if (x.op === '-' && zero(a)) return { k: 'un', op: 'neg', a: b };
        return { ...x, a, b };
      }
      case 'cond':
        return { ...x, c: replace(x.c), a: replace(x.a), b: replace(x.b) };
      case 'call':
        // rand() sites keep their identity (they are looked up by node).
        return x.args.length === 0 ? x : { ...x, args: x.args.map(replace) };
      default:
        return x;
    }
  };
  return replace(e);
}
