/**
 * One population as Brian2 code: the NeuronGroup (equations with units, threshold, reset,
 * refractoriness, integration method), its parameter values, initial values, clamp statements,
 * stimuli, and — where Brian2's own methods do not do what Spikeflow does — the update spelt out.
 */
import type { AssignmentIR, Expr } from '../model/ir';
import { dependsOn, inlineDefinitions, linearIn, symbolsOf } from '../model/symbolic';
import { DIMENSIONLESS, dimDiv, type Dimension } from '../model/units';
import type { Project } from '../project/schema';
import { ExprExportError, printBrian2, type Expected } from './brian2Expr';
import { declarationUnit, quantityInUnit, SECOND } from './brian2Units';
import { ExportError } from './errors';
import { externalSymbol, type ExportFlat } from './flatten';
import { populationContext, withoutSilentInputs, type PopulationPlan } from './populationPlan';
import { pyString } from './pyFormat';
import type { StimulusCode } from './stimuli';
import { pythonValue, type ValueInput } from './values';

export interface ScriptState {
  /** Set when some expression uses the `ifelse` helper. */
  usesIfelse: boolean;
  /** Things the reader should know about (expressions written in canonical numbers, ...). */
  readonly notes: string[];
}

/** Parameter values the projections give lumped synapse parameters living in this population. */
export type LumpedValues = readonly { readonly prefix: string; readonly values: Record<string, unknown>; readonly path: string }[];

export function emitPopulation(plan: PopulationPlan, project: Project, state: ScriptState, stimuli: StimulusCode, lumpedValues: LumpedValues): string[] {
  const { flat, names, population } = plan;
  const where = `population '${population.id}' (${population.model})`;
  const ifelse = () => void (state.usesIfelse = true);
  const withDraws = populationContext(plan, ifelse, true);
  const direct = populationContext(plan, ifelse, false);
  const print = (e: Expr, expected: Expected, what: string, draws = true): string => {
    try {
      const r = printBrian2(withoutSilentInputs(plan, e), expected, draws ? withDraws : direct);
      if (r.canonical) state.notes.push(`${where}: ${what} is written in canonical numbers (mV, ms, nA, ...), as its numbers could not be given consistent units`);
      return r.text;
    } catch (err) {
      if (err instanceof ExprExportError) throw new ExportError(`${where}: ${what}: ${err.message} cannot be exported to Brian2`, plan.path);
      throw err;
    }
  };
  const unitOf = (symbol: string): Dimension => plan.units.get(symbol)!.dim;
  const explicit = plan.integration.kind === 'explicit';

  // Equations ---------------------------------------------------------------------------------
  const eqs: string[] = [];
  for (const s of flat.states) {
    const eq = flat.equations.find((e) => e.state === s.name)!;
    const decl = declarationUnit(s.unit.dim);
    if (explicit) eqs.push(`${names.of(s.name)} : ${decl}`);
    else eqs.push(`d${names.of(s.name)}/dt = ${print(eq.rhs, dimDiv(s.unit.dim, SECOND), `d${s.name}/dt`)} : ${decl}${eq.unlessRefractory ? ' (unless refractory)' : ''}`);
  }
  for (const d of flat.definitions) eqs.push(`${names.of(d.name)} = ${print(d.expr, d.unit.dim, `definition '${d.name}'`)} : ${declarationUnit(d.unit.dim)}`);
  for (const input of flat.inputs) {
    const name = names.get(externalSymbol(input.name));
    if (name) eqs.push(`${name} : ${declarationUnit(input.unit.dim)}  # stimuli into ${input.name} (set at the start of each step)`);
  }
  for (const s of flat.summed) eqs.push(`${names.of(s.name)} : ${declarationUnit(s.unit.dim)}  # summed current of projection '${s.projection}'`);
  for (const [node, name] of plan.draws) eqs.push(`${name} = ${(node as { fn: string }).fn}() : 1 (constant over dt)  # one draw per neuron and step`);
  for (const p of flat.params) eqs.push(`${names.of(p.name)} : ${declarationUnit(p.unit.dim)} (constant)`);
  for (const m of stimuli.masks) eqs.push(`${m.name} : 1 (constant)  # how often stimulus '${m.stimulus}' reaches each neuron`);

  // Threshold, reset, refractoriness -------------------------------------------------------------
  const args: string[] = [];
  if (flat.spikes.length > 0) {
    args.push(`threshold=${pyString(flat.spikes.map((s) => print(s.condition, 'bool', `the spike condition of ${s.owner}`, false)).join(' or '))}`);
    const reset = resetCode(flat, plan, print);
    if (reset.length > 0) args.push(`reset=${codeBlock(reset, '    ')}`);
  }
  // Brian2 keeps lastspike and not_refractory only for groups with a refractory period: 0 ms is none.
  const usesLastspike = allExpressions(flat).some((e) => dependsOn(e, 'lastspike'));
  if (flat.refractory) args.push(`refractory=${pyString(print(flat.refractory, SECOND, 'the refractory period', false))}`);
  else if (usesLastspike || flat.equations.some((eq) => eq.unlessRefractory)) args.push(`refractory=${pyString('0*ms')}`);
  if (!explicit && flat.states.length > 0) args.push(`method=${(plan.integration as { method: string }).method}`);
  args.push('namespace=namespace', `name=${pyString(population.id)}`);

  const v = plan.variable;
  const label = population.label ? ` (${population.label})` : '';
  const lines: string[] = [
    `# Population '${population.id}'${label}: ${population.model}${flat.channels.length ? ` with ${flat.channels.join(', ')}` : ''}, ${population.size} neuron${population.size === 1 ? '' : 's'}, integrator ${plan.integrator}${population.update === 'sequential' ? ' (sequential update)' : ''}`,
    `${v} = NeuronGroup(`,
    `    ${population.size},`,
    `    ${codeBlock(eqs, '    ')},`,
    ...args.map((a) => `    ${a},`),
    ')',
  ];

  // Parameter values ----------------------------------------------------------------------------
  const assigned = new Map<string, string>();
  const assign = (values: Record<string, unknown> | undefined, prefix: string, path: string, kind: 'parameter' | 'state'): void => {
    for (const [name, value] of Object.entries(values ?? {})) {
      const full = prefix + name;
      const target = kind === 'parameter' ? flat.params.find((p) => p.name === full) : flat.states.find((s) => s.name === full);
      if (!target) throw new ExportError(`${path}.${name}: '${name}' is not a ${kind} of ${where}`, `${path}.${name}`);
      assigned.set(full, pythonValue(value as ValueInput, target.unit, String(population.size), population.size, `${path}.${name}`).code);
    }
  };
  assign(population.params, '', `${plan.path}.params`, 'parameter');
  for (const l of lumpedValues) assign(Object.fromEntries(Object.entries(l.values).filter(([n]) => flat.params.some((p) => p.name === l.prefix + n))), l.prefix, l.path, 'parameter');
  (population.channels ?? []).forEach((c, k) => assign(c.params, `${c.model}.`, `${plan.path}.channels[${k}].params`, 'parameter'));
  for (const p of flat.params) {
    const value = assigned.get(p.name) ?? pythonValue(p.defaultValue / p.unit.scale, p.unit, '1', undefined, '').code;
    lines.push(`${v}.${names.of(p.name)} = ${value}`);
  }
  for (const m of stimuli.masks) lines.push(`${v}.${m.name} = ${m.code}`);

  // Initial values: project values, then the model's expressions in order, then steady states ---
  assigned.clear();
  assign(population.init, '', `${plan.path}.init`, 'state');
  (population.channels ?? []).forEach((c, k) => assign(c.init, `${c.model}.`, `${plan.path}.channels[${k}].init`, 'state'));
  const steady: string[] = [];
  for (const s of flat.states) {
    const b = names.of(s.name);
    const given = assigned.get(s.name);
    if (given !== undefined) lines.push(`${v}.${b} = ${given}`);
    else if (s.init === 'steady') steady.push(`${v}.${b} = ${pyString(print(steadyState(flat, s.name, where), s.unit.dim, `the steady state of ${s.name}`, false))}  # steady state`);
    else if (s.init.k === 'num') lines.push(`${v}.${b} = ${quantityInUnit(s.init.v, s.unit)}`);
    else lines.push(`${v}.${b} = ${pyString(print(s.init, s.unit.dim, `the initial value of ${s.name}`, false))}`);
  }
  lines.push(...steady);

  // Spelt-out integration, clamp, stimuli --------------------------------------------------------
  if (explicit && flat.states.length > 0) {
    lines.push(`${v}.run_regularly(${codeBlock(explicitUpdate(plan, print, unitOf), '    ')}, when='groups', order=1, name=${pyString(`${population.id}_update`)})`);
  }
  if (flat.clamp.length > 0) {
    lines.push(`${v}.run_regularly(${codeBlock(flat.clamp.map((a) => statement(a, plan, print, 'clamp')), '    ')}, when='after_groups', name=${pyString(`${population.id}_clamp`)})`);
  }
  for (const [input, terms] of stimuli.terms) {
    const name = names.of(externalSymbol(input));
    // One statement per stimulus (the first sets, the others add), before the monitors record.
    const code = terms.map((term, k) => `${name} ${k === 0 ? '=' : '+='} ${term}`);
    lines.push(`${v}.run_regularly(${codeBlock(code, '    ')}, when='start', order=-1, name=${pyString(`${population.id}_${input}_stimuli`)})`);
  }
  return lines;
}

type Print = (e: Expr, expected: Expected, what: string, draws?: boolean) => string;

function statement(a: AssignmentIR, plan: PopulationPlan, print: Print, what: string): string {
  const unit = plan.units.get(a.target);
  if (!unit) throw new ExportError(`population '${plan.population.id}': ${what} assigns to '${a.target}', which is not a variable`, plan.path);
  return `${plan.names.of(a.target)} ${a.op} ${print(a.expr, unit.dim, `the ${what} of ${a.target}`, false)}`;
}

/** Reset statements; with several spike conditions each reset is guarded by its own condition. */
function resetCode(flat: ExportFlat, plan: PopulationPlan, print: Print): string[] {
  const withReset = flat.spikes.filter((s) => s.reset.length > 0);
  if (flat.spikes.length === 1 || withReset.length === 0) return (withReset[0]?.reset ?? []).map((a) => statement(a, plan, print, 'reset'));
  // Conditions first (as Spikeflow tests them all before any reset), then guarded assignments.
  const out: string[] = [];
  const flags = flat.spikes.map((s, k) => {
    const flag = plan.names.add(`spiked:${k}`, `spiked_${s.owner}`);
    out.push(`${flag} = ${print(s.condition, 'bool', `the spike condition of ${s.owner}`, false)}`);
    return flag;
  });
  flat.spikes.forEach((s, k) => {
    for (const a of s.reset) {
      const target = plan.names.of(a.target);
      const unit = plan.units.get(a.target)!;
      const value = print(a.expr, unit.dim, `the reset of ${a.target}`, false);
      const next = a.op === '=' ? value : `${target} ${a.op[0]} (${value})`;
      out.push(`${target} = ifelse(${flags[k]}, ${next}, ${target})`);
    }
  });
  return out;
}

/** Spikeflow's update written out (sequential updates; exponential Euler where sympy cannot). */
function explicitUpdate(plan: PopulationPlan, print: Print, unitOf: (s: string) => Dimension): string[] {
  const { flat, names } = plan;
  const defs = new Map(flat.definitions.map((d) => [d.name, d.expr]));
  const sequential = plan.integration.kind === 'explicit' && plan.integration.sequential;
  const order = sequential ? [...flat.states].sort((a, b) => Number(!a.name.includes('.')) - Number(!b.name.includes('.'))) : flat.states;
  const rates: string[] = [];
  const updates: string[] = [];
  for (const s of order) {
    const eq = flat.equations.find((e) => e.state === s.name)!;
    const b = names.of(s.name);
    const rate = names.add(`rate:${s.name}`, `d_${b}`);
    const rhs = print(eq.rhs, dimDiv(unitOf(s.name), SECOND), `d${s.name}/dt`);
    rates.push(`${rate} = ${eq.unlessRefractory ? `(${rhs})*int(not_refractory)` : rhs}`);
    const split = plan.integrator === 'exponential_euler' ? linearIn(inlineDefinitions(eq.rhs, dependentDefinitions(defs, s.name)), s.name) : undefined;
    let step = `dt*${rate}`;
    if (split) {
      // x + f·(e^{B dt} − 1)/B = x + f·dt·exprel(B dt): Spikeflow's exponential Euler step, B from the values before the step.
      const coefficient = names.add(`coefficient:${s.name}`, `B_${b}`);
      rates.push(`${coefficient} = ${print(split.B, dimDiv(DIMENSIONLESS, SECOND), `the linear coefficient of d${s.name}/dt`)}`);
      step = `${rate}*dt*exprel(${coefficient}*dt)`;
    }
    updates.push(`${b} = ${b} + ${step}`);
    if (sequential) rates.push(updates.pop()!);
  }
  return [...rates, ...updates];
}

function dependentDefinitions(defs: ReadonlyMap<string, Expr>, state: string): Map<string, Expr> {
  const memo = new Map<string, boolean>();
  const depends = (name: string): boolean => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    memo.set(name, false);
    const expr = defs.get(name)!;
    const result = dependsOn(expr, state) || [...symbolsOf(expr)].some((s) => defs.has(s) && depends(s));
    memo.set(name, result);
    return result;
  };
  return new Map([...defs].filter(([name]) => depends(name)));
}

/** −A/B for dx/dt = A + B·x (definitions depending on x inlined, the others kept by name). */
function steadyState(flat: ExportFlat, state: string, where: string): Expr {
  const eq = flat.equations.find((e) => e.state === state);
  const defs = new Map(flat.definitions.map((d) => [d.name, d.expr]));
  const split = eq ? linearIn(inlineDefinitions(eq.rhs, dependentDefinitions(defs, state)), state) : undefined;
  if (!split) throw new ExportError(`${where}: '${state} = steady' needs d${state}/dt to be linear in ${state}`);
  return { k: 'un', op: 'neg', a: { k: 'bin', op: '/', a: split.A, b: split.B } };
}

function allExpressions(flat: ExportFlat): Expr[] {
  return [
    ...flat.definitions.map((d) => d.expr),
    ...flat.equations.map((e) => e.rhs),
    ...flat.clamp.map((a) => a.expr),
    ...flat.spikes.flatMap((s) => [s.condition, ...s.reset.map((r) => r.expr)]),
  ];
}

/** Lines as a Python triple-quoted string (Brian2 code never contains quotes). */
export function codeBlock(lines: readonly string[], indent = ''): string {
  if (lines.length === 1 && !lines[0].includes('#')) return pyString(lines[0]);
  return `'''\n${lines.map((l) => `${indent}${l}`).join('\n')}\n${indent}'''`;
}
