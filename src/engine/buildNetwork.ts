/**
 * Projections from the project document: plans (before populations are built, since lumped synapse
 * states live in their post population) and runtimes (after, since they point into its arrays).
 */
import { evaluate } from '../model/evaluate';
import { definitionMap } from '../model/compile';
import { inlineDefinitions, symbolsOf } from '../model/symbolic';
import type { ModelIR } from '../model/ir';
import type { Project, Projection } from '../project/schema';
import { buildConnections, ConnectivityError, incoming, outgoing } from './connectivity';
import { EngineError } from './errors';
import type { SynapseInsert } from './flattenSynapses';
import type { PopulationRuntime, StateArray } from './population';
import { ProjectionRuntime } from './projection';
import type { RateMonitorSetup, RecorderSetup, SeriesReader } from './simulation';
import { streamId } from './rng';
import { boundSymbol, isPreInput, planSynapse, type SynapsePlan } from '../model/synapsePlan';
import { resolveValue, type ParamInput } from './values';

export interface ProjectionSpec {
  readonly projection: Projection;
  readonly path: string;
  readonly ir: ModelIR;
  readonly plan: SynapsePlan;
  /** Parameters that differ between connections (or change at events): stored per connection. */
  readonly perConnection: ReadonlySet<string>;
}

type ModelLookup = (name: string, path: string, kind: 'synapse') => ModelIR;

const isPerConnectionValue = (v: unknown): boolean => Array.isArray(v) || (typeof v === 'object' && v !== null);

/** The value a projection gives a synapse parameter (`weight` is the parameter `w`). */
const valueFor = (p: Projection, name: string): unknown => p.params?.[name] ?? (name === 'w' ? p.weight : undefined);

export function planProjections(project: Project, model: ModelLookup): ProjectionSpec[] {
  const ids = new Set<string>();
  return project.projections.map((projection, k) => {
    const path = `$.projections[${k}]`;
    if (ids.has(projection.id)) throw new EngineError('invalid-project', `${path}.id: duplicate projection id '${projection.id}'`, `${path}.id`);
    ids.add(projection.id);
    for (const side of ['pre', 'post'] as const) {
      if (!project.populations.some((p) => p.id === projection[side])) {
        const at = `${path}.${side}`;
        throw new EngineError('invalid-project', `${at}: unknown population '${projection[side]}'; populations are: ${project.populations.map((p) => p.id).join(', ')}`, at);
      }
    }
    const ir = model(projection.synapse, `${path}.synapse`, 'synapse');
    if (projection.weight !== undefined && !ir.params.some((p) => p.name === 'w')) {
      throw new EngineError('invalid-value', `${path}.weight: '${ir.name}' has no weight parameter 'w'; set its parameters with "params"`, `${path}.weight`);
    }
    for (const name of Object.keys(projection.params ?? {})) {
      if (!ir.params.some((p) => p.name === name)) {
        const at = `${path}.params.${name}`;
        throw new EngineError('invalid-value', `${at}: '${name}' is not a parameter of ${ir.name}; its parameters are: ${ir.params.map((p) => p.name).join(', ')}`, at);
      }
    }
    const assigned = new Set([...ir.onPre, ...ir.onPost].map((a) => a.target));
    const perConnection = new Set(ir.params.filter((p) => assigned.has(p.name) || isPerConnectionValue(valueFor(projection, p.name))).map((p) => p.name));
    return { projection, path, ir, plan: planSynapse(ir, perConnection), perConnection };
  });
}

/** The lumped synapses onto a population, to flatten into it. */
export function insertsFor(populationId: string, specs: readonly ProjectionSpec[]): SynapseInsert[] {
  return specs
    .filter((s) => s.projection.post === populationId && s.plan.current === 'lumped')
    .map((s) => ({ id: s.projection.id, ir: s.ir, plan: s.plan, input: s.projection.input }));
}

/** Parameter values for the lumped pieces in the post population (`ee.tau`), from the projection. */
export function lumpedParams(spec: ProjectionSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of spec.ir.params) {
    const value = valueFor(spec.projection, p.name);
    if (value !== undefined && !spec.perConnection.has(p.name)) out[p.name] = value;
  }
  return out;
}

/** Inputs of the post population that need a per-neuron array for per-connection currents. */
export function currentInputsFor(populationId: string, specs: readonly ProjectionSpec[]): (string | undefined)[] {
  return specs.filter((s) => s.projection.post === populationId && s.plan.current === 'per-connection').map((s) => s.projection.input);
}

export interface NetworkContext {
  readonly seed: number;
  readonly dtMs: number;
  readonly precision: 'f32' | 'f64';
}

export function buildProjection(spec: ProjectionSpec, populations: readonly PopulationRuntime[], ctx: NetworkContext): ProjectionRuntime {
  const { projection: p, path, ir, plan } = spec;
  const pre = populations.find((x) => x.id === p.pre)!;
  const post = populations.find((x) => x.id === p.post)!;
  let connections;
  try {
    connections = buildConnections(p.connectivity, pre.size, post.size, ctx.seed, streamId('connectivity', p.id), pre === post);
  } catch (e) {
    if (e instanceof ConnectivityError) throw new EngineError('invalid-value', `${path}.connectivity: ${e.message}`, `${path}.connectivity`);
    throw e;
  }
  const count = connections.pre.length;
  const Values = ctx.precision === 'f64' ? Float64Array : Float32Array;
  const perConnection = (v: number | Float64Array): Float64Array | Float32Array => (typeof v === 'number' ? new Values(count).fill(v) : Values === Float64Array ? v : Float32Array.from(v));

  const scalarParams = new Float64Array(ir.params.length);
  const connectionParams = ir.params.map((param, k) => {
    const value = valueFor(p, param.name) as ParamInput | undefined;
    const at = param.name === 'w' && p.params?.w === undefined ? `${path}.weight` : `${path}.params.${param.name}`;
    const resolved = value === undefined ? param.defaultValue : resolveValue(value, param.unit, count, ctx.seed, [p.id, param.name], at);
    if (spec.perConnection.has(param.name)) return perConnection(resolved);
    scalarParams[k] = resolved as number;
    return null;
  });

  const delaySteps = resolveDelays(p, count, ctx, path);
  const connectionStates = [...plan.eventDriven, ...plan.clockDriven].sort((a, b) => ir.states.findIndex((s) => s.name === a) - ir.states.findIndex((s) => s.name === b));
  const stateArrays = connectionStates.map(() => new Values(count));
  // Plastic parameters (changed by on_pre/on_post) are kept as built, for reset().
  const assigned = new Set([...ir.onPre, ...ir.onPost].map((a) => a.target));
  const initialParams = connectionParams.map((a, k) => (a && assigned.has(ir.params[k].name) ? a.slice() : null));
  const restoreInitial = (): void => {
    initialParams.forEach((initial, k) => initial && connectionParams[k]!.set(initial));
    initialiseConnectionStates(spec, connectionStates, stateArrays, connectionParams, scalarParams, ctx, count);
  };
  restoreInitial();

  // What per-connection code (events, clock-driven states, per-connection current) reads or writes.
  const defs = definitionMap(ir);
  const perConnectionCode = [
    ...[...ir.onPre, ...ir.onPost].flatMap((a) => [a.expr, { k: 'sym' as const, name: a.target }]),
    ...ir.equations.filter((eq) => !plan.lumped.includes(eq.state)).map((eq) => eq.rhs),
    ...(plan.current === 'per-connection' && ir.current ? [ir.current.expr] : []),
  ];
  const usedPerConnection = new Set(perConnectionCode.flatMap((e) => [...symbolsOf(inlineDefinitions(e, defs))]));
  const bind = (population: PopulationRuntime, side: 'pre' | 'post', names: string[]): { map: Map<string, number>; arrays: StateArray[] } => {
    const map = new Map<string, number>();
    const arrays: StateArray[] = [];
    for (const name of names) {
      const k = population.flat.states.findIndex((s) => s.name === boundSymbol(name));
      if (k < 0) {
        // Summed (lumped) code lives in the post population and may read any of its symbols.
        if (!usedPerConnection.has(name)) continue;
        const at = `${path}.${side}`;
        throw new EngineError('invalid-model', `${at}: '${ir.name}' needs the ${side}-synaptic state '${boundSymbol(name)}', but '${population.id}' (${population.flat.states.length === 0 ? 'no states' : population.flat.states.map((s) => s.name).join(', ')}) has none`, at);
      }
      map.set(name, arrays.length);
      arrays.push(population.states[k]);
    }
    return { map, arrays };
  };
  const inputs = ir.inputs.map((i) => i.name);
  const postBound = bind(post, 'post', inputs.filter((n) => !isPreInput(n)));
  const preBound = bind(pre, 'pre', inputs.filter(isPreInput));
  const lumped = new Map(plan.lumped.map((s, k) => [s, k]));
  const lumpedArrays = plan.lumped.map((s) => post.states[post.flat.states.findIndex((x) => x.name === `${p.id}.${s}`)]);
  const inputIndex = p.input ? post.flat.inputs.findIndex((i) => i.name === p.input) : 0;
  const byPre = outgoing(connections);
  return new ProjectionRuntime({
    id: p.id,
    ir,
    plan,
    pre,
    post,
    connections,
    outgoing: byPre,
    incoming: incoming(connections),
    delaySteps,
    layout: {
      ir,
      plan,
      connectionStates,
      params: ir.params.map((param) => ({ name: param.name, perConnection: spec.perConnection.has(param.name) })),
      lumped,
      postInputs: postBound.map,
      preInputs: preBound.map,
      createdInPreOrder: byPre.ids.every((c, q) => c === q),
    },
    connectionStates: stateArrays,
    scalarParams,
    connectionParams,
    inputArray: plan.current === 'per-connection' ? post.inputArray(inputIndex) : null,
    lumpedArrays,
    postArrays: postBound.arrays,
    preArrays: preBound.arrays,
    initialParams,
    restoreInitial,
  });
}

/**
 * Delays in whole steps: round(delay / dt), the nearest step (0.5 rounds up). One number when every
 * connection has the same delay (the fast path), else one per connection.
 */
function resolveDelays(p: Projection, count: number, ctx: NetworkContext, path: string): number | Int32Array {
  const ms = { text: 'ms', dim: [0, 0, 1, 0, 0, 0] as const, scale: 1 };
  const value = resolveValue((p.delayMs ?? 0) as ParamInput, ms, count, ctx.seed, [p.id, 'delay'], `${path}.delayMs`);
  const steps = (d: number): number => {
    if (!(d >= 0)) throw new EngineError('invalid-value', `${path}.delayMs: delays must be ≥ 0 ms, got ${d}`, `${path}.delayMs`);
    return Math.round(d / ctx.dtMs);
  };
  if (typeof value === 'number') return steps(value);
  const perConnection = Int32Array.from(value, steps);
  return perConnection.every((d) => d === perConnection[0]) ? (perConnection[0] ?? 0) : perConnection;
}

function initialiseConnectionStates(
  spec: ProjectionSpec,
  names: readonly string[],
  arrays: StateArray[],
  params: readonly (Float64Array | Float32Array | null)[],
  scalars: Float64Array,
  ctx: NetworkContext,
  count: number,
): void {
  const { ir, projection: p, path } = spec;
  for (const name of Object.keys(p.init ?? {})) {
    if (spec.plan.lumped.includes(name)) {
      const at = `${path}.init.${name}`;
      throw new EngineError('invalid-value', `${at}: '${name}' is summed per post-synaptic neuron; set its initial value on population '${p.post}' as init {"${p.id}.${name}": ...}`, at);
    }
    if (!ir.states.some((s) => s.name === name)) {
      const at = `${path}.init.${name}`;
      throw new EngineError('invalid-value', `${at}: '${name}' is not a state of ${ir.name}; its states are: ${ir.states.map((s) => s.name).join(', ')}`, at);
    }
  }
  names.forEach((name, k) => {
    const state = ir.states.find((s) => s.name === name)!;
    const given = p.init?.[name];
    if (given !== undefined) {
      const v = resolveValue(given as ParamInput, state.unit, count, ctx.seed, [p.id, 'init', name], `${path}.init.${name}`);
      if (typeof v === 'number') arrays[k].fill(v);
      else arrays[k].set(v);
      return;
    }
    if (state.init === 'steady') throw new EngineError('unsupported', `${path}: synapse state '${name}' = steady is not supported`, path);
    const init = state.init;
    if (symbolsOf(init).size === 0) {
      arrays[k].fill(evaluate(init, () => 0));
      return;
    }
    for (let c = 0; c < count; c++) {
      arrays[k][c] = evaluate(init, (sym) => {
        const j = ir.params.findIndex((param) => param.name === sym);
        if (j >= 0) return params[j]?.[c] ?? scalars[j];
        const s = names.indexOf(sym);
        if (s >= 0) return arrays[s][c];
        throw new EngineError('invalid-model', `${path}: the initial value of '${name}' reads '${sym}', which a connection does not have`, path);
      });
    }
  });
}

/** A recorder of per-connection variables (synaptic states and weights) of one projection. */
export function buildConnectionRecorder(r: Project['connectionRecordings'][number], k: number, projections: readonly ProjectionRuntime[], dtMs: number): RecorderSetup {
  const path = `$.connectionRecordings[${k}]`;
  const projectionIndex = projections.findIndex((p) => p.id === r.projection);
  if (projectionIndex < 0) {
    throw new EngineError('invalid-project', `${path}.projection: unknown projection '${r.projection}'; projections are: ${projections.map((p) => p.id).join(', ')}`, `${path}.projection`);
  }
  const projection = projections[projectionIndex];
  const { ir, plan, layout } = projection.setup;
  const intervalSteps = Math.max(1, Math.round((r.intervalMs ?? dtMs) / dtMs));
  const connections = r.connections === 'all' ? Array.from({ length: projection.size }, (_, c) => c) : r.connections;
  connections.forEach((c, j) => {
    if (c >= projection.size) throw new EngineError('invalid-value', `${path}.connections[${j}]: connection ${c} does not exist ('${projection.id}' has ${projection.size})`, `${path}.connections[${j}]`);
  });
  const series: SeriesReader[] = [];
  r.variables.forEach((variable, v) => {
    const at = `${path}.variables[${v}]`;
    if (plan.lumped.includes(variable)) {
      throw new EngineError('invalid-value', `${at}: '${variable}' is summed per post-synaptic neuron; record it on population '${projection.setup.post.id}' as '${projection.id}.${variable}'`, at);
    }
    const s = layout.connectionStates.indexOf(variable);
    const p = ir.params.findIndex((x) => x.name === variable);
    if (s < 0 && p < 0) {
      const known = [...layout.connectionStates, ...ir.params.map((x) => x.name)];
      throw new EngineError('invalid-value', `${at}: '${ir.name}' has no per-connection variable '${variable}'; it has: ${known.join(', ')}`, at);
    }
    const unit = s >= 0 ? ir.states.find((x) => x.name === variable)!.unit : ir.params[p].unit;
    const index = s >= 0 ? s : layout.connectionStates.length + p;
    for (const c of connections) {
      series.push({ key: `${projection.id}[${c}].${variable}`, population: projection.id, neuron: c, variable, unit: unit.text, scale: unit.scale, kind: 'connection', index, populationIndex: -1, projectionIndex });
    }
  });
  return { intervalSteps, series };
}

export function buildRateMonitor(r: Project['rates'][number], k: number, populations: readonly PopulationRuntime[], dtMs: number): RateMonitorSetup {
  const path = `$.rates[${k}]`;
  const population = populations.findIndex((p) => p.id === r.population);
  if (population < 0) throw new EngineError('invalid-project', `${path}.population: unknown population '${r.population}'`, `${path}.population`);
  const binSteps = Math.round(r.binMs / dtMs);
  if (binSteps < 1 || Math.abs(binSteps * dtMs - r.binMs) > 1e-9 * r.binMs) {
    throw new EngineError('invalid-value', `${path}.binMs: ${r.binMs} ms is not a whole number of steps of ${dtMs} ms`, `${path}.binMs`);
  }
  return { population, binSteps, smoothMs: r.smoothMs };
}
