/**
 * compile(project) → Simulation: resolves models (built-in and the project's own), flattens cells
 * with their channels, converts every value to canonical units, compiles stimuli and recorders, and
 * generates each population's code. Every problem is an EngineError naming its JSON path.
 */
import { builtinRegistry, declaredModelName, ModelRegistry } from '../library';
import type { ModelIR } from '../model/ir';
import { didYouMean } from '../project/errors';
import { canonicalIntegrator, type Population, type Project } from '../project/schema';
import { EngineError, type ModelProblem } from './errors';
import { flattenPopulation, type FlatModel } from './flatten';
import { planIntegration } from './integrators';
import { PopulationRuntime } from './population';
import { Simulation, type RecorderSetup, type SeriesReader } from './simulation';
import { buildConnectionRecorder, buildProjection, buildRateMonitor, currentInputsFor, insertsFor, lumpedParams, planProjections, type ProjectionSpec } from './buildNetwork';
import { buildStimulus } from './stimulusBuild';
import { resolveValue, type ParamInput } from './values';

export interface CompileOptions {
  /** Overrides the project's precision (the CLI's --precision). */
  readonly precision?: 'f32' | 'f64';
  readonly dtMs?: number;
  readonly durationMs?: number;
  /**
   * float32 populations step on the WebAssembly SIMD kernel where the model allows (default true);
   * false keeps every population on generated JavaScript (the CLI's --no-simd).
   */
  readonly simd?: boolean;
}

export function projectRegistry(project: Project): ModelRegistry {
  const registry = new ModelRegistry(builtinRegistry());
  for (const [name, source] of Object.entries(project.models)) {
    const path = `$.models.${name}`;
    if (registry.has(name)) throw new EngineError('invalid-project', `${path}: a model named '${name}' already exists in the library; choose another name`, path);
    const declared = declaredModelName(source);
    if (declared !== name) {
      throw new EngineError('invalid-project', `${path}: the source declares ${declared ? `model '${declared}'` : "no 'model NAME : KIND' header"}; its key must be the model's name`, path);
    }
    registry.register(source, 'project', name);
  }
  return registry;
}

export function compileProject(project: Project, options: CompileOptions = {}): Simulation {
  const registry = projectRegistry(project);
  const dtMs = options.dtMs ?? project.simulation.dtMs;
  const precision = options.precision ?? project.simulation.precision;
  const seed = project.simulation.seed;
  // Synapses are planned first: their summed (lumped) states are flattened into the post populations.
  const specs = planProjections(project, (name, path, kind) => modelIR(registry, name, path, kind));
  const populations = project.populations.map((p, index) => buildPopulation(p, index, project, registry, { dtMs, precision, seed, simd: options.simd ?? true }, specs));
  const projections = specs.map((spec) => buildProjection(spec, populations, { seed, dtMs, precision }));
  const recorders = [
    ...project.recordings.map((r, k) => buildRecorder(r, k, populations, dtMs)),
    ...project.connectionRecordings.map((r, k) => buildConnectionRecorder(r, k, projections, dtMs)),
  ];
  const rateMonitors = project.rates.map((r, k) => buildRateMonitor(r, k, populations, dtMs));
  const spikePops = project.spikes.populations;
  const recordSpikes = populations.map((p) => spikePops === 'all' || spikePops.includes(p.id));
  return new Simulation(dtMs, populations, recorders, recordSpikes, options.durationMs ?? project.simulation.durationMs, precision, projections, rateMonitors);
}

function modelIR(registry: ModelRegistry, name: string, path: string, expected: 'cell' | 'channel' | 'synapse'): ModelIR {
  const result = registry.compile(name);
  if (!result) {
    const candidates = registry.names().filter((n) => registry.ir(n)?.kind === expected);
    const guess = didYouMean(name, candidates);
    throw new EngineError(
      'unknown-model',
      `${path}: unknown ${expected} model '${name}'${guess ? ` (did you mean '${guess}'?)` : ''}; available: ${candidates.join(', ')}`,
      path,
    );
  }
  if (!result.ir) {
    const problems: ModelProblem[] = result.diagnostics.map((d) => ({ model: name, line: d.line, col: d.col, message: d.message, severity: d.severity }));
    const first = problems.find((p) => p.severity === 'error');
    throw new EngineError(
      'invalid-model',
      `${path}: model '${name}' has errors (first: ${name}:${first?.line}:${first?.col}: ${first?.message})`,
      path,
      problems,
    );
  }
  if (result.ir.kind !== expected) throw new EngineError('invalid-model', `${path}: '${name}' is a ${result.ir.kind}, not a ${expected}`, path);
  return result.ir;
}

interface BuildContext {
  readonly dtMs: number;
  readonly precision: 'f32' | 'f64';
  readonly seed: number;
  readonly simd: boolean;
}

function buildPopulation(p: Population, index: number, project: Project, registry: ModelRegistry, ctx: BuildContext, specs: readonly ProjectionSpec[]): PopulationRuntime {
  const path = `$.populations[${index}]`;
  const cell = modelIR(registry, p.model, `${path}.model`, 'cell');
  const channels = (p.channels ?? []).map((c, k) => modelIR(registry, c.model, `${path}.channels[${k}].model`, 'channel'));
  let flat: FlatModel;
  try {
    flat = flattenPopulation(cell, channels, `${path} (${p.id})`, insertsFor(p.id, specs));
  } catch (e) {
    throw withPath(e, path);
  }
  const integrator = canonicalIntegrator(p.integrator);
  const sequential = p.update === 'sequential';
  if (sequential && integrator !== 'euler' && integrator !== 'exponential_euler') {
    throw new EngineError('unsupported', `${path}.update: 'sequential' works with euler or exponential_euler, not ${integrator}`, `${path}.update`);
  }
  try {
    planIntegration(flat, integrator);
  } catch (e) {
    throw withPath(e, `${path}.integrator`);
  }

  // Parameter values: the cell's own, then each channel's under its namespace.
  const paramValues: (number | Float64Array)[] = flat.params.map((fp) => fp.defaultValue);
  const assignParams = (values: Record<string, unknown> | undefined, prefix: string, valuesPath: string): void => {
    for (const [name, value] of Object.entries(values ?? {})) {
      const full = prefix + name;
      const k = flat.params.findIndex((fp) => fp.name === full);
      const at = `${valuesPath}.${name}`;
      if (k < 0) {
        const own = flat.params.filter((fp) => fp.name.startsWith(prefix) && !fp.name.slice(prefix.length).includes('.')).map((fp) => fp.name.slice(prefix.length));
        throw new EngineError('invalid-value', `${at}: '${name}' is not a parameter of this model; its parameters are: ${own.join(', ')}`, at);
      }
      paramValues[k] = resolveValue(value as ParamInput, flat.params[k].unit, p.size, ctx.seed, [p.id, full], at);
    }
  };
  assignParams(p.params, '', `${path}.params`);
  for (const spec of specs.filter((s) => s.projection.post === p.id && s.plan.current === 'lumped')) {
    // Only the parameters the summed equations and current use live in the population (`ee.tau`).
    const values = Object.entries(lumpedParams(spec)).filter(([name]) => flat.params.some((fp) => fp.name === `${spec.projection.id}.${name}`));
    assignParams(Object.fromEntries(values), `${spec.projection.id}.`, `${spec.path}.params`);
  }
  (p.channels ?? []).forEach((c, k) => assignParams(c.params, `${channels[k].name}.`, `${path}.channels[${k}].params`));

  const initOverrides = new Map<string, number | Float64Array>();
  const assignInit = (values: Record<string, unknown> | undefined, prefix: string, valuesPath: string): void => {
    for (const [name, value] of Object.entries(values ?? {})) {
      const full = prefix + name;
      const state = flat.states.find((s) => s.name === full);
      const at = `${valuesPath}.${name}`;
      if (!state) {
        const own = flat.states.filter((s) => s.name.startsWith(prefix) && !s.name.slice(prefix.length).includes('.')).map((s) => s.name.slice(prefix.length));
        throw new EngineError('invalid-value', `${at}: '${name}' is not a state of this model; its states are: ${own.join(', ')}`, at);
      }
      initOverrides.set(full, resolveValue(value as ParamInput, state.unit, p.size, ctx.seed, [p.id, 'init', full], at));
    }
  };
  assignInit(p.init, '', `${path}.init`);
  (p.channels ?? []).forEach((c, k) => assignInit(c.init, `${channels[k].name}.`, `${path}.channels[${k}].init`));

  const stimuli = project.stimuli
    .map((s, k) => ({ s, k }))
    .filter(({ s }) => s.target === p.id)
    .map(({ s, k }) => ({ id: s.id, ...buildStimulus(s, `$.stimuli[${k}]`, flat, p.size, ctx.seed) }));

  try {
    return new PopulationRuntime({
      id: p.id,
      size: p.size,
      flat,
      integrator,
      sequential,
      oneSpike: p.oneSpike,
      precision: ctx.precision,
      simd: ctx.simd,
      seed: ctx.seed,
      dtMs: ctx.dtMs,
      paramValues,
      initOverrides,
      stimuli,
      arrayInputs: currentInputsFor(p.id, specs).map((name) => (name === undefined ? 0 : flat.inputs.findIndex((i) => i.name === name))),
    });
  } catch (e) {
    throw withPath(e, path);
  }
}

function withPath(e: unknown, path: string): EngineError {
  if (e instanceof EngineError) return e.path ? e : new EngineError(e.code, e.message.startsWith('$') ? e.message : `${path}: ${e.message}`, path, e.modelProblems);
  throw e;
}

function buildRecorder(r: Project['recordings'][number], k: number, populations: PopulationRuntime[], dtMs: number): RecorderSetup {
  const path = `$.recordings[${k}]`;
  const populationIndex = populations.findIndex((p) => p.id === r.population);
  if (populationIndex < 0) throw new EngineError('invalid-project', `${path}.population: unknown population '${r.population}'`, `${path}.population`);
  const pop = populations[populationIndex];
  const intervalSteps = Math.max(1, Math.round((r.intervalMs ?? dtMs) / dtMs));
  if (r.intervalMs !== undefined && Math.abs(intervalSteps * dtMs - r.intervalMs) > 1e-9 * r.intervalMs) {
    throw new EngineError('invalid-value', `${path}.intervalMs: ${r.intervalMs} ms is not a whole number of steps of ${dtMs} ms`, `${path}.intervalMs`);
  }
  const neurons = r.neurons === 'all' ? Array.from({ length: pop.size }, (_, i) => i) : r.neurons;
  neurons.forEach((i, j) => {
    if (i >= pop.size) throw new EngineError('invalid-value', `${path}.neurons[${j}]: neuron ${i} does not exist ('${pop.id}' has ${pop.size})`, `${path}.neurons[${j}]`);
  });
  const series: SeriesReader[] = [];
  r.variables.forEach((variable, v) => {
    const at = `${path}.variables[${v}]`;
    const locate = locateVariable(pop.flat, variable);
    if (!locate) {
      const known = [...pop.flat.states.map((s) => s.name), ...pop.flat.definitions.map((d) => d.name), ...pop.flat.params.map((p) => p.name)];
      throw new EngineError('invalid-value', `${at}: '${pop.id}' has no variable '${variable}'; it has: ${known.join(', ')}`, at);
    }
    for (const neuron of neurons) {
      series.push({ key: `${pop.id}[${neuron}].${variable}`, population: pop.id, neuron, variable, populationIndex, ...locate });
    }
  });
  return { intervalSteps, series };
}

function locateVariable(flat: FlatModel, name: string): Pick<SeriesReader, 'kind' | 'index' | 'unit' | 'scale'> | undefined {
  const s = flat.states.findIndex((x) => x.name === name);
  if (s >= 0) return { kind: 'state', index: s, unit: flat.states[s].unit.text, scale: flat.states[s].unit.scale };
  const d = flat.definitions.findIndex((x) => x.name === name);
  if (d >= 0) return { kind: 'definition', index: d, unit: flat.definitions[d].unit.text, scale: flat.definitions[d].unit.scale };
  const p = flat.params.findIndex((x) => x.name === name);
  if (p >= 0) return { kind: 'param', index: p, unit: flat.params[p].unit.text, scale: flat.params[p].unit.scale };
  return undefined;
}
