/**
 * Generates the CPU step function of one population: one fused loop over neurons per step
 * (integrate → clamp → spike test → reset), over struct-of-arrays typed arrays.
 *
 * Every identifier in the output comes from the tables below (x3, p1, d7, …) and every number is
 * printed from its value: no name or text from a model source ever appears in the output.
 */
import type { AssignmentIR, Expr } from '../../model/ir';
import { symbolsOf } from '../../model/symbolic';
import { externalInput, flatExpressions, neededDefinitions, type FlatModel } from '../flatten';
import { BUTCHER_TABLEAUS, planIntegration, sequentialOrder, stageCombination, type IntegratorName, type StatePlan } from '../integrators';
import { collectNodes, hoistedName, InvariantHoister, isRandomDraw, isReduction, type SymbolTables } from './invariants';
import { phi } from './expEuler';
import { printExpr, printNumber } from './printExpr';

export interface CodegenOptions {
  readonly integrator: IntegratorName;
  readonly sequential: boolean;
  /** Per parameter: true when it varies per neuron (array), false for one value for all. */
  readonly paramIsArray: readonly boolean[];
  /** Per external input: true when some stimulus differs per neuron (needs an array). */
  readonly inputHasArray: readonly boolean[];
  /** Keep at most one spike per step (ngclearn's one_spike): resets are deferred until one is picked. */
  readonly oneSpike: boolean;
  /** Element type of the state arrays (the blow-up check uses its largest finite value). */
  readonly precision: 'f32' | 'f64';
  /** Base stream of this population's rand()/randn() draws (a u32, e.g. streamId('rand', id)). */
  readonly randomStream: number;
}

/**
 * Numbers every generated function so that no two share source text: V8 shares compiled code (and
 * its type feedback) between identical sources, which slowed a recompiled population 2–2.5×.
 */
let generatedCount = 0;

/** Sentinel in the last-spike array for "never spiked". */
export const NEVER_SPIKED = -1_000_000_000;

export interface GeneratedPopulation {
  readonly code: string;
}

export function generatePopulationCode(flat: FlatModel, options: CodegenOptions): GeneratedPopulation {
  return { code: new Generator(flat, options).generate() };
}

/**
 * Code for `observe(i, n, dt, D)`: every definition of neuron i (currents, gates' rates, the summed
 * input) from its present state, written to D — for recording, never in the hot loop.
 */
export function generateObserverCode(flat: FlatModel, options: CodegenOptions): string {
  return new Generator(flat, options).observer();
}

class Generator {
  private readonly names: SymbolTables;
  private readonly defs: FlatModel['definitions'];
  private readonly plans: StatePlan[];
  private readonly deferred: boolean;
  private readonly reductions: Expr[] = [];
  /** rand()/randn() sites: each is drawn once per neuron and step (the same value in every stage). */
  private readonly draws: Expr[] = [];
  /** Loop-invariant values, declared once per step before the loop. */
  private readonly invariants: InvariantHoister;

  constructor(
    private readonly flat: FlatModel,
    private readonly options: CodegenOptions,
  ) {
    this.names = {
      state: new Map(flat.states.map((s, i) => [s.name, i])),
      param: new Map(flat.params.map((p, i) => [p.name, i])),
      input: new Map(flat.inputs.map((p, i) => [externalInput(p.name), i])),
      def: new Map(flat.definitions.map((d, i) => [d.name, i])),
    };
    this.defs = flat.definitions;
    this.plans = planIntegration(flat, options.integrator);
    for (const s of flat.spikes) collectNodes(s.condition, isReduction, this.reductions);
    for (const e of flatExpressions(flat)) collectNodes(e, isRandomDraw, this.draws);
    this.deferred = this.reductions.length > 0 || options.oneSpike;
    this.invariants = new InvariantHoister(this.names, options);
  }

  generate(): string {
    const { flat } = this;
    // Build the loop first: printing collects the loop-invariant values to compute once per step.
    const refSteps = this.hoistedRefractory();
    const body = this.neuronBody();
    const deferred = this.deferred ? this.deferredSpikes() : [];
    const lines: string[] = ['"use strict";', `// population code ${++generatedCount}`];
    lines.push('const N = ctx.N, S = ctx.S, PS = ctx.PS, PA = ctx.PA, US = ctx.US, UA = ctx.UA, LS = ctx.LS, SPK = ctx.SPK, RU = ctx.RU, RN = ctx.RN;');
    flat.states.forEach((_, k) => lines.push(`const S${k} = S[${k}];`));
    this.options.paramIsArray.forEach((isArray, k) => {
      if (isArray) lines.push(`const PA${k} = PA[${k}];`);
    });
    this.options.inputHasArray.forEach((hasArray, k) => {
      if (hasArray) lines.push(`const UA${k} = UA[${k}];`);
    });
    lines.push('function step(n, dt) {');
    lines.push('  const t0 = n * dt;');
    lines.push('  let count = 0, bad = 0;');
    this.options.paramIsArray.forEach((isArray, k) => {
      if (!isArray) lines.push(`  const p${k} = PS[${k}];`);
    });
    this.options.inputHasArray.forEach((_, k) => lines.push(`  const US${k} = US[${k}];`));
    lines.push(...this.invariants.declarations.map((h) => '  ' + h));
    if (refSteps) lines.push(`  const refSteps = ${refSteps};`);
    lines.push('  for (let i = 0; i < N; i++) {');
    lines.push(...body.map((l) => '    ' + l));
    lines.push('  }');
    lines.push('  ctx.bad = bad;');
    lines.push(...deferred.map((l) => '  ' + l));
    lines.push('  return count;');
    lines.push('}');
    lines.push('return step;');
    return lines.join('\n');
  }

  observer(): string {
    const lines: string[] = ['"use strict";'];
    lines.push('const PS = ctx.PS, PA = ctx.PA, US = ctx.US, UA = ctx.UA, LS = ctx.LS, S = ctx.S, RU = ctx.RU, RN = ctx.RN;');
    lines.push('return function observe(i, n, dt, D) {');
    lines.push('  const t0 = n * dt;');
    this.flat.states.forEach((_, k) => lines.push(`  const S${k} = S[${k}];`));
    this.options.paramIsArray.forEach((isArray, k) => lines.push(isArray ? `  const PA${k} = PA[${k}];` : `  const p${k} = PS[${k}];`));
    this.options.inputHasArray.forEach((hasArray, k) => {
      lines.push(`  const US${k} = US[${k}];`);
      if (hasArray) lines.push(`  const UA${k} = UA[${k}];`);
    });
    lines.push('  ' + this.loadNeuron());
    const current = new Map<string, string>(this.flat.states.map((s, k) => [s.name, `x${k}`]));
    const all = this.defs.map((_, k) => k);
    const defs = this.emitDefinitions(all, current, 'o', 't0');
    lines.push(...this.invariants.declarations.map((h) => '  ' + h));
    lines.push(...defs.map((l) => '  ' + l));
    all.forEach((k) => lines.push(`  D[${k}] = d${k}_o;`));
    lines.push('};');
    return lines.join('\n');
  }

  /** Loads, integrates, clamps and stores one neuron; tests spikes inline unless deferred. */
  private neuronBody(): string[] {
    const { flat } = this;
    const out: string[] = [];
    out.push(this.loadNeuron());
    out.push(this.refractoryLine());
    const current = new Map<string, string>(flat.states.map((s, k) => [s.name, `x${k}`]));
    out.push(...this.integrate(current));
    out.push(...this.assignments(flat.clamp, current, 'c'));
    // Checked in the register, not read back (a re-read cost 40% on LIF): NaN fails the comparison,
    // and the limit is the largest value the state array holds, so a float32 overflow counts too.
    const limit = printNumber(this.options.precision === 'f32' ? 3.4028234663852886e38 : Number.MAX_VALUE);
    flat.states.forEach((_, k) => out.push(`S${k}[i] = x${k}; if (!(Math.abs(x${k}) <= ${limit})) bad = 1;`));
    if (!this.deferred) out.push(...this.spikeTestAndReset(current, false));
    return out;
  }

  private loadNeuron(): string {
    const parts = this.flat.states.map((_, k) => `x${k} = S${k}[i]`);
    const loads = parts.length > 0 ? [`let ${parts.join(', ')};`] : [];
    this.options.paramIsArray.forEach((isArray, k) => {
      if (isArray) loads.push(`const p${k} = PA${k}[i];`);
    });
    this.options.inputHasArray.forEach((hasArray, k) => {
      loads.push(hasArray ? `const u${k} = US${k} + UA${k}[i];` : `const u${k} = US${k};`);
    });
    // Counter-based draws: (seed, stream of this site, neuron, step) — any backend reproduces them.
    this.draws.forEach((d, k) => {
      const stream = (this.options.randomStream ^ Math.imul(k + 1, 0x9e3779b1)) >>> 0;
      loads.push(`const r${k} = ${(d as { fn: string }).fn === 'rand' ? 'RU' : 'RN'}(${stream}, i, n);`);
    });
    return loads.join(' ');
  }

  /** The refractory period in steps, once per step, when it is the same for every neuron. */
  private hoistedRefractory(): string | undefined {
    const ref = this.flat.refractory;
    if (!ref) return undefined;
    const uniform = [...symbolsOf(ref)].every((name) => name === 'dt' || (this.names.param.has(name) && !this.options.paramIsArray[this.names.param.get(name)!]));
    return uniform ? `Math.floor(${this.print(ref, new Map(), 'h', 't0')} / dt + 1e-3)` : undefined;
  }

  private refractoryLine(): string {
    if (!this.flat.refractory) return 'const nr = true;';
    if (this.hoistedRefractory()) return 'const nr = (n - LS[i]) >= refSteps;';
    const needed = this.definitionsFor([this.flat.refractory]);
    const defs = this.emitDefinitions(needed, new Map(this.flat.states.map((s, k) => [s.name, `x${k}`])), 'r', 't0');
    const ref = this.print(this.flat.refractory, new Map(this.flat.states.map((s, k) => [s.name, `x${k}`])), 'r', 't0');
    // Brian2's rule: not refractory once the whole steps since the spike reach round(t_ref/dt).
    return `${defs.join(' ')} const nr = (n - LS[i]) >= Math.floor(${ref} / dt + 1e-3);`;
  }

  private integrate(current: Map<string, string>): string[] {
    const { integrator, sequential } = this.options;
    const out: string[] = [];
    const states = this.flat.states;
    if (sequential) {
      // States one after another, each seeing the new values of those before it.
      sequentialOrder(this.plans).forEach((k) => {
        const plan = this.plans[k];
        const tag = `q${k}`;
        out.push(...this.emitDefinitions(this.definitionsFor([plan.rhs, ...(plan.B ? [plan.B] : [])]), current, tag, 't0'));
        out.push(`x${k} = ${this.update(plan, k, current, tag)};`);
      });
      return out;
    }
    const stage = (tag: string, values: Map<string, string>, tExpr: string): void => {
      const exprs = this.plans.flatMap((p) => (p.B && integrator === 'exponential_euler' ? [p.rhs, p.B] : [p.rhs]));
      out.push(...this.emitDefinitions(this.definitionsFor(exprs), values, tag, tExpr));
      this.plans.forEach((plan, k) => {
        const rhs = this.print(plan.rhs, values, tag, tExpr);
        out.push(`const k${tag}_${k} = ${plan.unlessRefractory ? `nr ? ${rhs} : 0` : rhs};`);
      });
    };
    if (integrator === 'exponential_euler' || integrator === 'exact') {
      stage('1', current, 't0');
      this.plans.forEach((plan, k) => {
        if (!plan.B) {
          out.push(`const n${k} = x${k} + dt * k1_${k};`);
          return;
        }
        const B = this.print(plan.B, current, '1', 't0');
        // x + f·(e^{B dt} − 1)/B: the exact step of dx/dt = A + Bx with A, B frozen over the step.
        // When B is the same for every neuron (a time constant), φ is computed once per step.
        if (this.invariants.isInvariant(plan.B)) out.push(`const n${k} = x${k} + k1_${k} * ${this.invariants.hoistCode(phi(B, 'dt'))};`);
        else out.push(`const B${k} = ${B}; const n${k} = x${k} + k1_${k} * ${phi(`B${k}`, 'dt')};`);
      });
    } else {
      // An explicit Runge–Kutta method from its Butcher tableau: stage s evaluates the derivatives
      // at x + dt·Σ a[s][j]·k_j and t0 + c[s]·dt; the step is x + dt·Σ b[s]·k_s.
      const { a, b, c } = BUTCHER_TABLEAUS[integrator];
      const combination = (weights: readonly number[], k: number): string => stageCombination(weights, k, printNumber);
      c.forEach((ci, s) => {
        const tExpr = ci === 0 ? 't0' : `t0 + ${printNumber(ci)} * dt`;
        if (s === 0) return stage('1', current, tExpr);
        states.forEach((_, k) => out.push(`const y${s}_${k} = x${k} + dt * (${combination(a[s], k)});`));
        stage(`${s + 1}`, new Map(states.map((st, k) => [st.name, `y${s}_${k}`])), tExpr);
      });
      states.forEach((_, k) => out.push(`const n${k} = x${k} + dt * (${combination(b, k)});`));
    }
    states.forEach((_, k) => out.push(`x${k} = n${k};`));
    return out;
  }

  /** One sequential update of state k (euler or exponential Euler), as an expression. */
  private update(plan: StatePlan, k: number, current: Map<string, string>, tag: string): string {
    const rhs = this.print(plan.rhs, current, tag, 't0');
    const hold = (e: string): string => (plan.unlessRefractory ? `(nr ? ${e} : x${k})` : e);
    if (plan.B && this.options.integrator !== 'euler') {
      const B = this.print(plan.B, current, tag, 't0');
      return hold(`((B) => x${k} + (${rhs}) * ${phi('B', 'dt')})(${B})`);
    }
    return hold(`x${k} + dt * (${rhs})`);
  }

  private spikeTestAndReset(current: Map<string, string>, deferredReset: boolean): string[] {
    const spikes = this.flat.spikes;
    if (spikes.length === 0) return [];
    const out: string[] = [];
    const conds = spikes.map((s) => s.condition);
    const defs = this.emitDefinitions(this.definitionsFor(conds), current, 's', 't0');
    out.push('if (nr) {');
    out.push(...defs.map((l) => '  ' + l));
    spikes.forEach((s, k) => out.push(`  const sp${k} = ${this.print(s.condition, current, 's', 't0')};`));
    out.push(`  if (${spikes.map((_, k) => `sp${k}`).join(' || ')}) {`);
    if (deferredReset || this.options.oneSpike) {
      out.push('    SPK[count++] = i;');
    } else {
      out.push(...this.resetBody(current).map((l) => '    ' + l));
      out.push('    LS[i] = n; SPK[count++] = i;');
    }
    out.push('  }');
    out.push('}');
    return out;
  }

  private resetBody(current: Map<string, string>): string[] {
    const out: string[] = [];
    const single = this.flat.spikes.length === 1;
    this.flat.spikes.forEach((s, k) => {
      if (s.reset.length === 0) return;
      const statements = this.assignments(s.reset, current, `r${k}`);
      if (single) out.push(...statements);
      else out.push(`if (sp${k}) {`, ...statements.map((l) => '  ' + l), '}');
    });
    this.flat.states.forEach((_, k) => {
      if (this.flat.spikes.some((s) => s.reset.some((r) => this.names.state.get(r.target) === k))) out.push(`S${k}[i] = x${k};`);
    });
    return out;
  }

  /** Spike detection when it needs the whole population first (reductions, one spike per step). */
  private deferredSpikes(): string[] {
    const out: string[] = [];
    const current = new Map<string, string>(this.flat.states.map((s, k) => [s.name, `x${k}`]));
    // After integration LS still holds the previous spike, so `nr` is the same as in the main loop.
    const load = (): string => this.loadNeuron() + ' ' + this.refractoryLine();
    this.reductions.forEach((r, k) => {
      const arg = (r as { a: Expr }).a;
      const op = (r as { op: 'sum' | 'max' }).op;
      out.push(`let R${k} = ${op === 'sum' ? '0' : '-Infinity'};`);
      out.push('for (let i = 0; i < N; i++) {');
      out.push('  ' + load());
      out.push(...this.emitDefinitions(this.definitionsFor([arg]), current, `R${k}`, 't0').map((l) => '  ' + l));
      const v = this.print(arg, current, `R${k}`, 't0');
      out.push(op === 'sum' ? `  R${k} += ${v};` : `  R${k} = Math.max(R${k}, ${v});`);
      out.push('}');
    });
    out.push('count = 0;');
    out.push('for (let i = 0; i < N; i++) {');
    out.push('  ' + load());
    out.push(...this.spikeTestAndReset(current, true).map((l) => '  ' + l));
    out.push('}');
    if (this.options.oneSpike) out.push('if (count > 1) { SPK[0] = SPK[ctx.pickOne(n, count)]; count = 1; }');
    // Resets for the accepted spikes, after every neuron has been tested.
    out.push('for (let c = 0; c < count; c++) {');
    out.push('  const i = SPK[c];');
    out.push('  ' + load());
    const conds = this.flat.spikes.map((s) => s.condition);
    out.push(...this.emitDefinitions(this.definitionsFor(conds), current, 's', 't0').map((l) => '  ' + l));
    this.flat.spikes.forEach((s, k) => out.push(`  const sp${k} = ${this.print(s.condition, current, 's', 't0')};`));
    out.push(...this.resetBody(current).map((l) => '  ' + l));
    out.push('  LS[i] = n;');
    out.push('}');
    return out;
  }

  /** Assignment statements in order; each statement sees the values written before it. */
  private assignments(list: readonly AssignmentIR[], current: Map<string, string>, tagPrefix: string): string[] {
    const out: string[] = [];
    list.forEach((a, j) => {
      const tag = `${tagPrefix}${j}`;
      out.push(...this.emitDefinitions(this.definitionsFor([a.expr]), current, tag, 't0'));
      const target = current.get(a.target);
      if (!target) throw new Error(`internal: assignment to non-state ${a.target}`);
      const value = this.print(a.expr, current, tag, 't0');
      const op = a.op === '=' ? '=' : a.op;
      out.push(`${target} ${op} ${value};`);
    });
    return out;
  }

  /** The definitions the expressions need (transitively), in dependency order. */
  private definitionsFor(exprs: readonly Expr[]): number[] {
    return neededDefinitions(this.defs, this.names.def, exprs);
  }

  private emitDefinitions(indices: number[], values: Map<string, string>, tag: string, tExpr: string): string[] {
    return indices.map((idx) => `const d${idx}_${tag} = ${this.print(this.defs[idx].expr, values, tag, tExpr)};`);
  }

  private print(e: Expr, values: Map<string, string>, tag: string, tExpr: string): string {
    const nameOf = (name: string): string => {
      const hoisted = hoistedName(name);
      if (hoisted) return hoisted;
      const state = values.get(name);
      if (state) return state;
      const def = this.names.def.get(name);
      if (def !== undefined) return `d${def}_${tag}`;
      const param = this.names.param.get(name);
      if (param !== undefined) return `p${param}`;
      const input = this.names.input.get(name);
      if (input !== undefined) return `u${input}`;
      switch (name) {
        case 't':
          return `(${tExpr})`;
        case 'dt':
          return 'dt';
        case 'pi':
          return printNumber(Math.PI);
        case 'lastspike':
          return `(LS[i] === ${NEVER_SPIKED} ? -1e7 : LS[i] * dt)`;
      }
      throw new Error(`internal: unresolved symbol in code generation`);
    };
    return printExpr(this.invariants.rewrite(e), nameOf, (node) => {
      const draw = this.draws.indexOf(node);
      if (draw >= 0) return `r${draw}`;
      const reduction = this.reductions.indexOf(node);
      if (reduction >= 0) return `R${reduction}`;
      throw new Error('internal: unknown per-step node in code generation');
    });
  }
}
