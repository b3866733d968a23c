/**
 * Projections as Brian2 Synapses. The synapse model is split as the engine splits it
 * (model/synapsePlan.ts, the same decision the engine makes): lumped states live in the post NeuronGroup (`on_pre='ee_g_post += w'`),
 * event-driven and clock-driven states are synaptic variables, a per-connection current is a
 * `(summed)` variable into the post group. Connectivity rules map onto `connect(p=...)`,
 * `connect(j='i')`, `connect()` or explicit index arrays drawn with numpy.
 */
import type { AssignmentIR, Expr, ModelIR } from '../model/ir';
import { definitionMap } from '../model/compile';
import { inlineDefinitions, symbolsOf } from '../model/symbolic';
import { dimDiv, DIMENSIONLESS, type Dimension, type Unit } from '../model/units';
import type { ModelRegistry } from '../library';
import type { Project, Projection } from '../project/schema';
import { ExprExportError, printBrian2, type ExprContext, type Expected } from './brian2Expr';
import { declarationUnit, quantityInUnit, SECOND } from './brian2Units';
import { ExportError } from './errors';
import { summedSymbol, type LumpedInsert, type SummedInsert } from './flatten';
import { modelIR } from './models';
import { NameTable } from './names';
import { codeBlock, type LumpedValues, type ScriptState } from './populationEmit';
import { SCRIPT_NAMES, type PopulationPlan } from './populationPlan';
import { pyList, pyNumber, pyString } from './pyFormat';
import { boundSymbol, isPreInput, planSynapse, type SynapsePlan } from '../model/synapsePlan';
import { pythonValue, toCanonical, type ValueInput } from './values';

export interface ProjectionSpec {
  readonly projection: Projection;
  readonly path: string;
  readonly ir: ModelIR;
  readonly plan: SynapsePlan;
  readonly perConnection: ReadonlySet<string>;
}

const isPerConnectionValue = (v: unknown): boolean => Array.isArray(v) || (typeof v === 'object' && v !== null);
/** The value a projection gives a synapse parameter (`weight` is the parameter `w`). */
const valueFor = (p: Projection, name: string): unknown => p.params?.[name] ?? (name === 'w' ? p.weight : undefined);

export function planProjections(project: Project, registry: ModelRegistry): ProjectionSpec[] {
  const ids = new Set<string>();
  return project.projections.map((projection, k) => {
    const path = `$.projections[${k}]`;
    if (ids.has(projection.id)) throw new ExportError(`${path}.id: duplicate projection id '${projection.id}'`, `${path}.id`);
    ids.add(projection.id);
    for (const side of ['pre', 'post'] as const) {
      if (!project.populations.some((p) => p.id === projection[side])) throw new ExportError(`${path}.${side}: unknown population '${projection[side]}'`, `${path}.${side}`);
    }
    const ir = modelIR(registry, projection.synapse, `${path}.synapse`, 'synapse');
    if (projection.weight !== undefined && !ir.params.some((p) => p.name === 'w')) throw new ExportError(`${path}.weight: '${ir.name}' has no weight parameter 'w'`, `${path}.weight`);
    for (const name of Object.keys(projection.params ?? {})) {
      if (!ir.params.some((p) => p.name === name)) throw new ExportError(`${path}.params.${name}: '${name}' is not a parameter of ${ir.name}`, `${path}.params.${name}`);
    }
    const assigned = new Set([...ir.onPre, ...ir.onPost].map((a) => a.target));
    const perConnection = new Set(ir.params.filter((p) => assigned.has(p.name) || isPerConnectionValue(valueFor(projection, p.name))).map((p) => p.name));
    return { projection, path, ir, plan: planSynapse(ir, perConnection), perConnection };
  });
}

export function lumpedInsertsFor(populationId: string, specs: readonly ProjectionSpec[]): LumpedInsert[] {
  return specs.filter((s) => s.projection.post === populationId && s.plan.current === 'lumped').map((s) => ({ id: s.projection.id, ir: s.ir, plan: s.plan, input: s.projection.input }));
}

export function summedInsertsFor(populationId: string, specs: readonly ProjectionSpec[]): SummedInsert[] {
  return specs.filter((s) => s.projection.post === populationId && s.plan.current === 'per-connection').map((s) => ({ id: s.projection.id, input: s.projection.input }));
}

/** Values of the lumped synapse parameters that live in the post population (`ee.tau`). */
export function lumpedValuesFor(populationId: string, specs: readonly ProjectionSpec[]): LumpedValues {
  return specs
    .filter((s) => s.projection.post === populationId && s.plan.current === 'lumped')
    .map((s) => {
      const values: Record<string, unknown> = {};
      for (const p of s.ir.params) {
        const value = valueFor(s.projection, p.name);
        if (value !== undefined && !s.perConnection.has(p.name)) values[p.name] = value;
      }
      return { prefix: `${s.projection.id}.`, values, path: `${s.path}.params` };
    });
}

/** The number of connections a rule makes, when it does not depend on random draws. */
function knownCount(p: Projection, nPre: number, nPost: number): number | undefined {
  const c = p.connectivity;
  const noSelf = p.pre === p.post && !('allowSelf' in c && c.allowSelf);
  switch (c.rule) {
    case 'all_to_all':
      return nPre * nPost - (noSelf ? nPre : 0);
    case 'one_to_one':
      return nPre;
    case 'fixed_in_degree':
      return c.k * nPost;
    case 'fixed_out_degree':
      return c.k * nPre;
    case 'explicit':
      return c.pre.length;
    case 'fixed_probability':
      return undefined;
  }
}

/** The Synapses of a projection: its code, and the names of its per-connection variables (for monitors). */
export interface EmittedProjection {
  readonly lines: string[];
  readonly variable: string;
  readonly names: NameTable;
  readonly units: ReadonlyMap<string, Unit>;
  readonly lumped: ReadonlySet<string>;
}

export function emitProjection(spec: ProjectionSpec, pre: PopulationPlan, post: PopulationPlan, state: ScriptState, dtMs: number, objectName: string): EmittedProjection {
  const { projection: p, path, ir, plan } = spec;
  const where = `projection '${p.id}' (${ir.name})`;
  const variable = `syn_${p.id}`;
  const defs = definitionMap(ir);
  const lumped = new Set(plan.lumped);
  // Everything per-connection code reads or writes (events, clock-driven states, a per-connection current).
  const code: Expr[] = [
    ...[...ir.onPre, ...ir.onPost].flatMap((a) => [a.expr, { k: 'sym' as const, name: a.target }]),
    ...ir.equations.filter((eq) => !lumped.has(eq.state)).map((eq) => eq.rhs),
    ...(plan.current === 'per-connection' && ir.current ? [ir.current.expr] : []),
  ];
  // What that code reads, with the definitions it reads and what they read in turn.
  const used = new Set<string>();
  const visit = (e: Expr): void => {
    for (const name of symbolsOf(e)) {
      if (used.has(name)) continue;
      used.add(name);
      const def = defs.get(name);
      if (def) visit(def);
    }
  };
  code.forEach(visit);
  // 'j' is the post-synaptic index in a Synapses object.
  const names = new NameTable([...SCRIPT_NAMES, 'j']);
  const units = new Map<string, Unit>();
  const states = ir.states.filter((s) => !lumped.has(s.name));
  const params = ir.params.filter((x) => used.has(x.name));
  const definitions = ir.definitions.filter((d) => used.has(d.name));
  for (const x of [...states, ...params, ...definitions]) {
    units.set(x.name, x.unit);
    names.add(x.name);
  }
  const inputs = new Map(ir.inputs.map((i) => [i.name, i]));
  const ctx: ExprContext = {
    resolve(name) {
      if (name === 't' || name === 'dt') return { text: name, dim: SECOND };
      if (name === 'pi') return { text: name, dim: DIMENSIONLESS };
      const own = names.get(name);
      if (own) return { text: own, dim: units.get(name)!.dim };
      if (lumped.has(name)) {
        const full = `${p.id}.${name}`;
        return { text: `${post.names.of(full)}_post`, dim: post.units.get(full)!.dim };
      }
      if (inputs.has(name)) {
        const side = isPreInput(name) ? pre : post;
        const host = boundSymbol(name);
        const text = side.names.get(host);
        if (!text) throw new ExportError(`${path}: ${where} needs '${host}' from population '${side.population.id}', which has none`, path);
        return { text: `${text}_${isPreInput(name) ? 'pre' : 'post'}`, dim: side.units.get(host)!.dim };
      }
      return undefined;
    },
    onIfelse: () => void (state.usesIfelse = true),
  };
  const print = (e: Expr, expected: Expected, what: string): string => {
    try {
      const r = printBrian2(e, expected, ctx);
      if (r.canonical) state.notes.push(`${where}: ${what} is written in canonical numbers (mV, ms, nA, ...)`);
      return r.text;
    } catch (err) {
      if (err instanceof ExprExportError || err instanceof ExportError) throw new ExportError(`${where}: ${what}: ${err.message} cannot be exported to Brian2`, path);
      throw err;
    }
  };
  const statement = (a: AssignmentIR, what: string): string => {
    const target = ctx.resolve(a.target);
    if (!target) throw new ExportError(`${where}: its ${what} assigns to '${a.target}', which it cannot reach`, path);
    return `${target.text} ${a.op} ${print(a.expr, target.dim, `the ${what} of ${a.target}`)}`;
  };

  // The Synapses model --------------------------------------------------------------------------
  const model: string[] = [];
  const assigned = new Set([...ir.onPre, ...ir.onPost].map((a) => a.target));
  // Event-driven states whose equation sympy cannot solve (conditionals, functions of the state)
  // are advanced by Spikeflow's exact step at each event, from the time of the connection's last one.
  const spelt = states.filter((s) => plan.eventDriven.includes(s.name) && !sympySolvable(inlineDefinitions(ir.equations.find((e) => e.state === s.name)!.rhs, defs), s.name));
  const lastEvent = spelt.length > 0 ? names.add('last event', 'last_event') : undefined;
  const catchUp = (): string[] => {
    if (!lastEvent) return [];
    const elapsed = names.add('elapsed', 'elapsed');
    const lines = [`${elapsed} = t - ${lastEvent}`];
    for (const s of spelt) {
      const { A, B } = plan.linear.get(s.name)!;
      const x = names.of(s.name);
      const b = print(B, dimDiv(DIMENSIONLESS, SECOND), `the linear coefficient of d${s.name}/dt`);
      const a = A.k === 'num' && A.v === 0 ? '' : `${print(A, dimDiv(s.unit.dim, SECOND), `d${s.name}/dt`)} + `;
      // x + (A + B x)·(e^{B D} − 1)/B over the time D since the last event, as the engine steps it.
      lines.push(`${x} = ${x} + (${a}(${b})*${x})*${elapsed}*exprel((${b})*${elapsed})`);
    }
    return lines;
  };
  const eventCode = (statements: readonly AssignmentIR[], what: string): string[] => [...catchUp(), ...statements.map((a) => statement(a, what)), ...(lastEvent ? [`${lastEvent} = t`] : [])];
  for (const s of states) {
    const eq = ir.equations.find((e) => e.state === s.name);
    if (spelt.includes(s)) {
      model.push(`${names.of(s.name)} : ${declarationUnit(s.unit.dim)}  # event-driven, advanced exactly at each event (in on_pre/on_post)`);
      continue;
    }
    const flag = plan.eventDriven.includes(s.name) ? 'event-driven' : 'clock-driven';
    const rhs = eq ? print(eq.rhs, dimDiv(s.unit.dim, SECOND), `d${s.name}/dt`) : '0';
    model.push(`d${names.of(s.name)}/dt = ${rhs} : ${declarationUnit(s.unit.dim)} (${flag})`);
  }
  for (const d of definitions) model.push(`${names.of(d.name)} = ${print(d.expr, d.unit.dim, `definition '${d.name}'`)} : ${declarationUnit(d.unit.dim)}`);
  if (plan.current === 'per-connection' && ir.current) {
    const target = post.names.of(summedSymbol(p.id));
    model.push(`${target}_post = ${print(ir.current.expr, post.units.get(summedSymbol(p.id))!.dim, 'its current')} : ${declarationUnit(ir.current.unit.dim)} (summed)`);
  }
  if (lastEvent) model.push(`${lastEvent} : second  # time of the connection's last event`);
  for (const x of params) model.push(`${names.of(x.name)} : ${declarationUnit(x.unit.dim)}${assigned.has(x.name) ? '  # plastic' : ' (constant)'}`);

  const args: string[] = [];
  if (model.length > 0) args.push(`model=${codeBlock(model, '    ')}`);
  if (ir.onPre.length > 0) args.push(`on_pre=${codeBlock(eventCode(ir.onPre, 'on_pre'), '    ')}`);
  if (ir.onPost.length > 0) args.push(`on_post=${codeBlock(eventCode(ir.onPost, 'on_post'), '    ')}`);
  if (plan.clockDriven.length > 0) args.push(`method='euler'`);
  const delay = delayCode(p, path, dtMs, variable);
  // Delays act on spikes arriving through on_pre; without it a projection has no pathway to delay.
  if (delay.scalar && ir.onPre.length > 0) args.push(`delay=${delay.scalar}`);
  args.push('namespace=namespace', `name=${pyString(objectName)}`);

  const lines = [
    `# Projection '${p.id}': ${p.pre} -> ${p.post} through ${ir.name} (${p.connectivity.rule}); ${describePlan(plan)}`,
    `${variable} = Synapses(`,
    `    ${pre.variable}, ${post.variable},`,
    ...args.map((a) => `    ${a},`),
    ')',
    ...connectCode(p, path, variable, pre.population.size, post.population.size, needsCreationOrder(spec)),
  ];

  // Values: parameters, then states (initial values may read parameters), then delays.
  const count = knownCount(p, pre.population.size, post.population.size);
  for (const x of params) {
    const value = valueFor(p, x.name) as ValueInput | undefined;
    const at = x.name === 'w' && p.params?.w === undefined ? `${path}.weight` : `${path}.params.${x.name}`;
    if (Array.isArray(value) && count === undefined) throw new ExportError(`${at}: ${where}: one value per connection needs a connectivity rule that makes the connections in a known order (not fixed_probability)`, at);
    const code = value === undefined ? quantityInUnit(x.defaultValue, x.unit) : pythonValue(value, x.unit, `len(${variable})`, count, at).code;
    lines.push(`${variable}.${names.of(x.name)} = ${code}`);
  }
  for (const name of Object.keys(p.init ?? {})) {
    if (lumped.has(name)) throw new ExportError(`${path}.init.${name}: '${name}' is summed per post-synaptic neuron; set it on population '${p.post}' as "${p.id}.${name}"`, `${path}.init.${name}`);
    if (!states.some((s) => s.name === name)) throw new ExportError(`${path}.init.${name}: '${name}' is not a state of ${ir.name}`, `${path}.init.${name}`);
  }
  for (const s of states) {
    const given = p.init?.[s.name] as ValueInput | undefined;
    if (given !== undefined) lines.push(`${variable}.${names.of(s.name)} = ${pythonValue(given, s.unit, `len(${variable})`, count, `${path}.init.${s.name}`).code}`);
    else if (s.init === 'steady') throw new ExportError(`${path}: ${where}: synapse state '${s.name}' = steady is not supported`, path);
    else if (s.init.k === 'num') lines.push(`${variable}.${names.of(s.name)} = ${quantityInUnit(s.init.v, s.unit)}`);
    else lines.push(`${variable}.${names.of(s.name)} = ${pyString(print(s.init, s.unit.dim, `the initial value of ${s.name}`))}`);
  }
  if (delay.perConnection && ir.onPre.length > 0) lines.push(delay.perConnection);
  return { lines, variable, names, units, lumped };
}

/** Whether Brian2 (sympy) can integrate `dx/dt = f` exactly: x only under + − × ÷ and no conditionals or functions at all. */
function sympySolvable(f: Expr, x: string): boolean {
  const plain = (e: Expr): boolean => {
    switch (e.k) {
      case 'num':
      case 'sym':
        return true;
      case 'un':
        return e.op === 'neg' && plain(e.a);
      case 'bin':
        return ['+', '-', '*', '/'].includes(e.op) ? plain(e.a) && plain(e.b) : e.op === '^' && plain(e.a) && e.b.k === 'num';
      default:
        return false;
    }
  };
  return plain(f) && symbolsOf(f).has(x);
}

function describePlan(plan: SynapsePlan): string {
  const parts: string[] = [];
  if (plan.lumped.length) parts.push(`${plan.lumped.join(', ')} summed per post neuron (in the post group)`);
  if (plan.eventDriven.length) parts.push(`${plan.eventDriven.join(', ')} event-driven`);
  if (plan.clockDriven.length) parts.push(`${plan.clockDriven.join(', ')} clock-driven`);
  if (plan.current === 'per-connection') parts.push('current summed per connection');
  return parts.join('; ') || 'no state';
}

/** Explicit index arrays keep the engine's creation order, which per-connection arrays refer to. */
function needsCreationOrder(spec: ProjectionSpec): boolean {
  const p = spec.projection;
  return [p.weight, p.delayMs, ...Object.values(p.params ?? {}), ...Object.values(p.init ?? {})].some((v) => Array.isArray(v));
}

function connectCode(p: Projection, path: string, v: string, nPre: number, nPost: number, ordered: boolean): string[] {
  const c = p.connectivity;
  const same = p.pre === p.post;
  const noSelf = same && !('allowSelf' in c && c.allowSelf);
  const at = `${path}.connectivity`;
  switch (c.rule) {
    case 'all_to_all':
      if (ordered) return [`${v}.connect(i=np.repeat(np.arange(${nPre}), ${nPost})${noSelf ? `[~np.eye(${nPre}, dtype=bool).ravel()]` : ''}, j=np.tile(np.arange(${nPost}), ${nPre})${noSelf ? `[~np.eye(${nPre}, dtype=bool).ravel()]` : ''})`];
      return [noSelf ? `${v}.connect(condition='i != j')` : `${v}.connect()`];
    case 'one_to_one':
      if (nPre !== nPost) throw new ExportError(`${at}: one_to_one needs populations of the same size (${nPre} and ${nPost})`, at);
      return [`${v}.connect(j='i')`];
    case 'fixed_probability':
      return [noSelf ? `${v}.connect(condition='i != j', p=${pyNumber(c.p)})` : `${v}.connect(p=${pyNumber(c.p)})`];
    case 'fixed_in_degree':
    case 'fixed_out_degree': {
      const n = c.rule === 'fixed_in_degree' ? nPre : nPost;
      if (c.k > n - (noSelf ? 1 : 0)) throw new ExportError(`${at}: k = ${c.k} is more than the ${n - (noSelf ? 1 : 0)} possible partners`, at);
      return [`${v}.connect(**${c.rule}(${nPre}, ${nPost}, ${c.k}, no_self=${noSelf ? 'True' : 'False'}))`];
    }
    case 'explicit': {
      if (c.pre.length !== c.post.length) throw new ExportError(`${at}: 'pre' and 'post' must have the same length`, at);
      c.pre.forEach((i, k) => {
        if (i >= nPre) throw new ExportError(`${at}.pre[${k}]: neuron ${i} does not exist ('${p.pre}' has ${nPre})`, `${at}.pre[${k}]`);
      });
      c.post.forEach((j, k) => {
        if (j >= nPost) throw new ExportError(`${at}.post[${k}]: neuron ${j} does not exist ('${p.post}' has ${nPost})`, `${at}.post[${k}]`);
      });
      return [`${v}.connect(i=np.array(${pyList(c.pre)}, dtype=int), j=np.array(${pyList(c.post)}, dtype=int))`];
    }
  }
}

const MS_UNIT: Unit = { text: 'ms', dim: SECOND as Dimension, scale: 1 };

/** Delays rounded to whole steps as in Spikeflow (round(delay / dt), halves up). */
function delayCode(p: Projection, path: string, dtMs: number, variable: string): { scalar?: string; perConnection?: string } {
  const at = `${path}.delayMs`;
  const value = (p.delayMs ?? 0) as ValueInput;
  if (typeof value === 'number' || typeof value === 'string') {
    const d = toCanonical(value, MS_UNIT, at);
    if (!(d >= 0)) throw new ExportError(`${at}: delays must be >= 0 ms, got ${d}`, at);
    const steps = Math.round(d / dtMs);
    return steps === 0 ? {} : { scalar: `${steps}*defaultclock.dt` };
  }
  const code = pythonValue(value, MS_UNIT, `len(${variable})`, undefined, at).code;
  return { perConnection: `${variable}.delay = delay_in_steps(${code})` };
}
