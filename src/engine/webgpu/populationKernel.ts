/**
 * Generates the WGSL of one population's step, as functions the network's kernels call
 * (networkKernel.ts): one thread per neuron, looping over the steps it is given with its states in
 * registers (a whole chunk in one dispatch when nothing couples the steps). Within a step it
 * follows the CPU backend exactly (engine/cpu/codegen.ts): stimuli → record (values at t) →
 * refractory flag → integrator stages → clamp → finiteness check → spike test → reset.
 *
 * Identifiers come from tables (x3, p1, d7_1) and numbers from values, as on the CPU.
 */
import type { AssignmentIR, Expr } from '../../model/ir';
import { NEVER_SPIKED } from '../cpu/codegen';
import { collectNodes, isRandomDraw, isReduction } from '../cpu/invariants';
import { externalInput, flatExpressions, neededDefinitions, type FlatModel } from '../flatten';
import { BUTCHER_TABLEAUS, planIntegration, sequentialOrder, stageCombination, type StatePlan } from '../integrators';
import type { KernelLayout } from './kernelLayout';
import { recordingLines } from './kernelRecording';
import { reductionLayout, type KernelOptions, type ReductionLayout } from './kernelPlan';
import { blockCandidates, blockTotals, candidateRank, reductionTotals } from './populationReductions';

export { CTRL_BYTES, CTRL_STRIDE, KERNEL_BINDING_TYPES, KERNEL_HEADER, kernelPhases, WORKGROUP_SIZE, type KernelOptions } from './kernelPlan';
import { printWgsl, printWgslCondition, wgslNumber } from './wgslExpr';
import { conditionMargin } from '../stepProgram';

/**
 * A population's step as WGSL functions `fn <prefix><phase>(i: u32, s0: i32, steps: i32, pull:
 * bool)`, one per phase in order (main; or main_a, main_b[, main_c]): neuron i, steps s0 … s0 +
 * steps − 1 of the chunk, after the arrivals of the step before s0 when `pull`.
 */
export function populationFunctions(flat: FlatModel, layout: KernelLayout, options: KernelOptions, prefix: string): { readonly source: string[]; readonly phases: readonly string[] } {
  return new KernelGenerator(flat, layout, options).functions(prefix);
}

class KernelGenerator {
  private readonly state = new Map<string, number>();
  private readonly param = new Map<string, number>();
  private readonly input = new Map<string, number>();
  private readonly def = new Map<string, number>();
  private readonly plans: StatePlan[];
  private readonly draws: Expr[] = [];
  /** pop_sum/pop_max nodes of the spike conditions: then the step is split in two kernels (main_a, main_b). */
  private readonly reductions: Expr[] = [];

  constructor(
    private readonly flat: FlatModel,
    private readonly layout: KernelLayout,
    private readonly options: KernelOptions,
  ) {
    flat.states.forEach((s, i) => this.state.set(s.name, i));
    flat.params.forEach((p, i) => this.param.set(p.name, i));
    flat.inputs.forEach((p, i) => this.input.set(externalInput(p.name), i));
    flat.definitions.forEach((d, i) => this.def.set(d.name, i));
    this.plans = planIntegration(flat, options.integrator);
    for (const e of flatExpressions(flat)) collectNodes(e, isRandomDraw, this.draws);
    for (const spike of flat.spikes) collectNodes(spike.condition, isReduction, this.reductions);
  }

  functions(prefix: string): { source: string[]; phases: string[] } {
    const out: string[] = [...(this.options.arrivals?.source ?? [])];
    const phases: string[] = [];
    this.prefix = prefix;
    this.phases = phases;
    const oneSpike = this.options.oneSpikeStream !== undefined && this.flat.spikes.length > 0;
    const loop = 'for (var s = s0; s < s0 + steps; s++) {';
    if (this.reductions.length === 0 && !oneSpike) out.push(...this.entry('main', [loop, ...this.stepBody('whole').map((l) => '  ' + l), '}']));
    else {
      // The spike test needs the whole population: integrate everyone (main_a, which leaves each
      // neuron's reduction terms in S), then test (main_b), and with one spike per step pick it
      // among the candidates main_b marked (main_c). One step per dispatch group, as the CPU's
      // deferred loop.
      const r = this.reductionLayout;
      out.push(...this.entry('main_a', [loop, ...this.stepBody('integrate').map((l) => '  ' + l), '}']));
      if (r.reductions > 0) out.push(...this.plainEntry('main_r', blockTotals(r, this.reductionSums, this.scratchRow, this.layout.size)));
      out.push(...this.entry('main_b', this.deferredSpikes(oneSpike ? 'mark' : 'fire')));
      if (oneSpike) out.push(...this.plainEntry('main_m', blockCandidates(r, this.scratchRow, this.layout.size)));
      if (oneSpike) out.push(...this.entry('main_c', this.deferredSpikes('pick')));
    }
    return { source: out, phases };
  }

  private prefix = '';
  private phases: string[] = [];

  private get reductionLayout(): ReductionLayout {
    return reductionLayout(this.flat, this.options.oneSpikeStream !== undefined, this.layout.size);
  }

  private get reductionSums(): boolean[] {
    return this.reductions.map((r) => (r as { op: 'sum' | 'max' }).op === 'sum');
  }

  /** Where scratch row r (after the states and input rows) starts in S. */
  private readonly scratchRow = (r: number): number => this.options.bases.states + ((this.options.reductionRow ?? 0) + r) * this.layout.size;

  /** A phase that reads and writes only scratch rows (block totals): no states loaded. */
  private plainEntry(name: string, body: readonly string[]): string[] {
    this.phases.push(name);
    return [`fn ${this.prefix}${name}(i: u32, s0: i32, steps: i32, pull: bool) {`, ...body.map((l) => '  ' + l), '}'];
  }

  /** A phase of the step for neuron i: its states and parameters loaded, `body`, stored back. */
  private entry(name: string, body: readonly string[]): string[] {
    const { flat, layout } = this;
    const N = layout.size;
    const { states: SB, lastSpike: LB } = this.options.bases;
    this.phases.push(name);
    const out = [`fn ${this.prefix}${name}(i: u32, s0: i32, steps: i32, pull: bool) {`, `  let dt = ${wgslNumber(this.options.dtMs)};`];
    const lines: string[] = [];
    // The arrivals of the step before this one, into this neuron's states before they are loaded
    // (the projections' part of that step, moved into this dispatch).
    const arrivals = this.options.arrivals?.names ?? [];
    if (arrivals.length > 0 && (name === 'main' || name === 'main_a')) lines.push(`if (pull) { let m = ctrl.firstStep + s0 - 1; ${arrivals.map((f) => `${f}(i, m);`).join(' ')} }`);
    flat.states.forEach((_, k) => lines.push(`var x${k} = S[${SB + k * N}u + i];`));
    lines.push(`var ls = LS[${LB}u + i];`);
    lines.push('var bad = false;');
    flat.params.forEach((_, k) => {
      const offset = layout.paramArrayOffsets[k];
      lines.push(offset >= 0 ? `let p${k} = bitcast<f32>(C[${offset}u + i]);` : `let p${k} = bitcast<f32>(C[${layout.paramScalarOffset + k}u]);`);
    });
    lines.push(...body);
    flat.states.forEach((_, k) => lines.push(`S[${SB + k * N}u + i] = x${k};`));
    lines.push(`LS[${LB}u + i] = ls;`);
    out.push(...lines.map((l) => '  ' + l), '}');
    return out;
  }

  /**
   * After every neuron integrated (as the CPU's deferred loop): each reduction summed over the
   * population in neuron order, then the test — and the reset ('fire'), or a mark for main_c
   * ('mark'); 'pick' keeps one marked neuron, drawn as the CPU draws it, and resets it.
   */
  private deferredSpikes(mode: 'fire' | 'mark' | 'pick'): string[] {
    const N = this.layout.size;
    const current = new Map(this.flat.states.map((s, k) => [s.name, `x${k}`]));
    const out: string[] = ['let s = s0;', 'let n = ctrl.firstStep + s;', 'let t0 = f32(n) * dt;'];
    out.push(...this.inputs(), ...this.drawLines(), this.refractoryLine());
    out.push(...reductionTotals(this.reductionLayout, this.reductionSums, this.scratchRow));
    const markRow = this.scratchRow(this.reductions.length);
    if (mode === 'mark') {
      out.push('var mark = 0.0f;', 'if (nr) {', ...this.conditionLines(current).map((l) => '  ' + l), `  if (${this.anySpike()}) { mark = 1.0f; }`, '}');
      out.push(`S[${markRow}u + i] = mark;`);
      return out;
    }
    const R = this.options.historySteps;
    if (R > 0) out.push('var fired = 0u;');
    if (mode === 'fire') out.push(...this.spikeTestAndReset(current));
    else {
      // The candidates in neuron order, and the CPU's draw: min(count − 1, ⌊u·count⌋), u from the
      // same hash (u = (2·(h >> 9) + 1)·2⁻²⁴, so ⌊u·count⌋ is an integer product shifted by 24).
      out.push(...candidateRank(this.reductionLayout, this.scratchRow));
      out.push(`if (S[${markRow}u + i] > 0.5f && rank == min(count - 1u, sf_pick(sf_hash(sf_key(${this.options.seed >>> 0}u, ${(this.options.oneSpikeStream ?? 0) >>> 0}u, 0u, 0u), u32(n)), count))) {`);
      out.push(...this.conditionLines(current).map((l) => '  ' + l), ...this.fireLines(current).map((l) => '  ' + l), '}');
    }
    if (R > 0) out.push(`HIST[${this.options.historyBase}u + u32(n % ${R}) * ${N}u + i] = fired;`);
    return out;
  }

  private stepBody(phase: 'whole' | 'integrate'): string[] {
    const { flat } = this;
    const out: string[] = ['let n = ctrl.firstStep + s;', 'let t0 = f32(n) * dt;'];
    out.push(...this.inputs());
    out.push(...this.drawLines());
    out.push(...this.recording());
    out.push(this.refractoryLine());
    const current = new Map(flat.states.map((s, k) => [s.name, `x${k}`]));
    const interpolate = this.options.spikeFractions === true || this.options.spikeSlots !== undefined;
    if (interpolate) out.push(...this.marginLines(current, 'mz0'));
    out.push(...this.integrate(current));
    out.push(...this.assignments(flat.clamp, current, 'c'));
    // Non-finite states (NaN, ±∞, f32 overflow) stamp the first bad step; the host reports it.
    const finite = flat.states.map((_, k) => `sf_finite(x${k})`).join(' && ') || 'true';
    // With spikes kept per neuron (a fit's candidates), the neuron's counter is marked instead (its top bit), and the others run on.
    const slots = this.options.spikeSlots;
    out.push(`if (!bad && !(${finite})) { bad = true; ${slots ? `atomicOr(&STATUS[${slots.counters}u + ${this.options.bases.neurons}u + i], 0x80000000u);` : 'atomicMin(&STATUS[1], u32(n));'} }`);
    if (phase === 'integrate') {
      // Each neuron's term of each reduction, for main_b to sum over the population.
      this.reductions.forEach((r, k) => {
        const arg = (r as { a: Expr }).a;
        const defs = this.emitDefinitions(this.definitionsFor([arg]), current, `R${k}`, 't0');
        out.push(`{ ${defs.join(' ')} S[${this.scratchRow(k)}u + i] = ${this.print(arg, current, `R${k}`, 't0')}; }`);
      });
      return out;
    }
    const R = this.options.historySteps;
    if (R > 0) out.push('var fired = 0u;');
    out.push(...this.spikeTestAndReset(current, interpolate));
    if (R > 0) out.push(`HIST[${this.options.historyBase}u + u32(n % ${R}) * ${this.layout.size}u + i] = fired;`);
    return out;
  }

  /** This step's rand()/randn() draws (the same counter-based stream as on the CPU). */
  private drawLines(): string[] {
    return this.draws.map((d, k) => {
      const stream = (this.options.randomStream ^ Math.imul(k + 1, 0x9e3779b1)) >>> 0;
      const fn = (d as { fn: string }).fn === 'rand' ? 'sf_uniform' : 'sf_normal';
      return `let r${k} = ${fn}(${this.options.seed >>> 0}u, ${stream}u, i, u32(n));`;
    });
  }

  /** u_k: this step's external inputs, summed over the stimuli on each. */
  private inputs(): string[] {
    const { layout } = this;
    const width = layout.stimuli.length;
    const out = this.flat.inputs.map((_, k) => `var u${k} = 0.0f;`);
    layout.stimuli.forEach((slot, j) => {
      const value = `U[${this.options.bases.stimuli}u + u32(s) * ${width}u + ${j}u]`;
      const times = slot.multiplicityOffset >= 0 ? ` * f32(C[${slot.multiplicityOffset}u + i])` : '';
      const spec = slot.stimulus.spec;
      if (spec.type === 'noise') {
        const draw = `(${wgslNumber(spec.mean)} + ${wgslNumber(spec.std)} * sf_normal(${spec.seed >>> 0}u, ${spec.stream >>> 0}u, i, u32(n)))`;
        out.push(`if (${value} != 0.0f) { u${slot.input} += ${draw}${times}; }`);
      } else out.push(`u${slot.input} += ${value}${times};`);
    });
    for (const [input, row] of this.options.inputRows ?? []) out.push(`u${input} += S[${this.options.bases.states + row * layout.size}u + i];`);
    return out;
  }

  /** Writes recorded values at t = n·dt for the series of neuron i whose recorder samples now. */
  private recording(): string[] {
    const current = new Map(this.flat.states.map((s, k) => [s.name, `x${k}`]));
    return recordingLines(this.layout, (index) => {
      const expr = this.flat.definitions[index].expr;
      return [...this.emitDefinitions(this.definitionsFor([expr]), current, 'o', 't0'), `v = ${this.print(expr, current, 'o', 't0')};`];
    });
  }

  private refractoryLine(): string {
    const ref = this.flat.refractory;
    if (!ref) return 'let nr = true;';
    const current = new Map(this.flat.states.map((s, k) => [s.name, `x${k}`]));
    const defs = this.emitDefinitions(this.definitionsFor([ref]), current, 'r', 't0');
    // Brian2's rule, as on the CPU: not refractory once whole steps since the spike reach round(t_ref/dt).
    return `${defs.join(' ')} let nr = (n - ls) >= i32(floor(${this.print(ref, current, 'r', 't0')} / dt + 1e-3f));`;
  }

  private integrate(current: Map<string, string>): string[] {
    const { integrator, sequential } = this.options;
    const out: string[] = [];
    const states = this.flat.states;
    if (sequential) {
      for (const k of sequentialOrder(this.plans)) {
        const plan = this.plans[k];
        const tag = `q${k}`;
        const defs = this.emitDefinitions(this.definitionsFor([plan.rhs, ...(plan.B ? [plan.B] : [])]), current, tag, 't0');
        const rhs = this.print(plan.rhs, current, tag, 't0');
        const next = plan.B && integrator !== 'euler' ? `x${k} + (${rhs}) * sf_phi(${this.print(plan.B, current, tag, 't0')}, dt)` : `x${k} + dt * (${rhs})`;
        out.push(`{ ${defs.join(' ')} x${k} = ${plan.unlessRefractory ? `select(x${k}, ${next}, nr)` : next}; }`);
      }
      return out;
    }
    const stage = (tag: string, values: Map<string, string>, tExpr: string): void => {
      const exprs = this.plans.flatMap((p) => (p.B && integrator === 'exponential_euler' ? [p.rhs, p.B] : [p.rhs]));
      out.push(...this.emitDefinitions(this.definitionsFor(exprs), values, tag, tExpr));
      this.plans.forEach((plan, k) => {
        const rhs = this.print(plan.rhs, values, tag, tExpr);
        out.push(`let k${tag}_${k} = ${plan.unlessRefractory ? `select(0.0f, ${rhs}, nr)` : rhs};`);
      });
    };
    if (integrator === 'exponential_euler' || integrator === 'exact') {
      stage('1', current, 't0');
      this.plans.forEach((plan, k) => {
        if (!plan.B) out.push(`let n${k} = x${k} + dt * k1_${k};`);
        else out.push(`let n${k} = x${k} + k1_${k} * sf_phi(${this.print(plan.B, current, '1', 't0')}, dt);`);
      });
    } else {
      const { a, b, c } = BUTCHER_TABLEAUS[integrator];
      const combination = (weights: readonly number[], k: number): string => stageCombination(weights, k, wgslNumber);
      c.forEach((ci, s) => {
        const tExpr = ci === 0 ? 't0' : `t0 + ${wgslNumber(ci)} * dt`;
        if (s === 0) return stage('1', current, tExpr);
        states.forEach((_, k) => out.push(`let y${s}_${k} = x${k} + dt * (${combination(a[s], k)});`));
        stage(`${s + 1}`, new Map(states.map((st, k) => [st.name, `y${s}_${k}`])), tExpr);
      });
      states.forEach((_, k) => out.push(`let n${k} = x${k} + dt * (${combination(b, k)});`));
    }
    states.forEach((_, k) => out.push(`x${k} = n${k};`));
    return out;
  }

  private spikeTestAndReset(current: Map<string, string>, interpolate = false): string[] {
    if (this.flat.spikes.length === 0) return [];
    return ['if (nr) {', ...this.conditionLines(current).map((l) => '  ' + l), `  if (${this.anySpike()}) {`, ...this.fireLines(current, interpolate).map((l) => '    ' + l), '  }', '}'];
  }

  /** `<name>_k`: each spike condition's margin (> 0 where it holds, stepProgram.ts) at the current values. */
  private marginLines(current: Map<string, string>, name: string): string[] {
    return this.flat.spikes.flatMap((s, k) => {
      const margin = conditionMargin(s.condition);
      const tag = `${name}_${k}`;
      return [...this.emitDefinitions(this.definitionsFor([margin]), current, tag, 't0'), `let ${tag} = ${this.print(margin, current, tag, 't0')};`];
    });
  }

  /**
   * `fr`: where in the step the first condition that holds crossed zero, linearly interpolated
   * between its margin at the step's start (mz0_k) and now, as the CPU's fits time spikes
   * (observationRecorder.ts); 0 when it already held at the start. Without the start margins (a
   * population tested after the whole population integrated), the step's middle.
   */
  private fractionLines(current: Map<string, string>, interpolate: boolean): string[] {
    if (!interpolate) return ['let fr = 0.5f;'];
    const out = this.marginLines(current, 'mz1');
    this.flat.spikes.forEach((_, k) => out.push(`let fz_${k} = select(0.0f, -mz0_${k} / (mz1_${k} - mz0_${k}), mz0_${k} <= 0.0f && mz1_${k} > mz0_${k});`));
    out.push(`var fr = fz_${this.flat.spikes.length - 1};`);
    for (let k = this.flat.spikes.length - 2; k >= 0; k--) out.push(`fr = select(fr, fz_${k}, sp${k});`);
    return out;
  }

  /** sp0, sp1, …: each spike condition now (with the definitions it reads). */
  private conditionLines(current: Map<string, string>): string[] {
    const spikes = this.flat.spikes;
    const out = this.emitDefinitions(this.definitionsFor(spikes.map((s) => s.condition)), current, 's', 't0');
    spikes.forEach((s, k) => out.push(`let sp${k} = ${printWgslCondition(s.condition, this.nameOf(current, 's', 't0'), this.perStep)};`));
    return out;
  }

  private anySpike(): string {
    return this.flat.spikes.map((_, k) => `sp${k}`).join(' || ');
  }

  /** The reset of the conditions that hold, the last-spike step, the history flag and the spike's slot. */
  private fireLines(current: Map<string, string>, interpolate = false): string[] {
    const spikes = this.flat.spikes;
    const fractions = this.options.spikeFractions === true || this.options.spikeSlots !== undefined;
    const out: string[] = fractions ? this.fractionLines(current, interpolate) : [];
    const single = spikes.length === 1;
    spikes.forEach((s, k) => {
      if (s.reset.length === 0) return;
      const statements = this.assignments(s.reset, current, `r${k}`);
      if (single) out.push(...statements);
      else out.push(`if (sp${k}) {`, ...statements.map((l) => '  ' + l), '}');
    });
    out.push('ls = n;');
    if (this.options.historySteps > 0) out.push('fired = 1u;');
    const neuron = `${this.options.bases.neurons}u + i`;
    const slots = this.options.spikeSlots;
    if (slots) return [...out, `let k = atomicAdd(&STATUS[${slots.counters}u + ${neuron}], 1u);`, `if (k < ${slots.perNeuron}u) { let at = 2u * ((${neuron}) * ${slots.perNeuron}u + k); SPK[at] = u32(n); SPK[at + 1u] = bitcast<u32>(fr); }`];
    out.push('let slot = atomicAdd(&STATUS[0], 1u);');
    if (fractions) out.push(`if (slot < ctrl.spikeCapacity) { SPK[3u * slot] = u32(s); SPK[3u * slot + 1u] = ${neuron}; SPK[3u * slot + 2u] = bitcast<u32>(fr); }`);
    else out.push(`if (slot < ctrl.spikeCapacity) { SPK[2u * slot] = u32(s); SPK[2u * slot + 1u] = ${neuron}; }`);
    return out;
  }

  /** Assignment statements in order, each in its own block; each sees the values written before it. */
  private assignments(list: readonly AssignmentIR[], current: Map<string, string>, tagPrefix: string): string[] {
    return list.map((a, j) => {
      const tag = `${tagPrefix}${j}`;
      const defs = this.emitDefinitions(this.definitionsFor([a.expr]), current, tag, 't0');
      const target = current.get(a.target);
      if (!target) throw new Error(`internal: assignment to non-state ${a.target}`);
      return `{ ${defs.join(' ')} ${target} ${a.op} ${this.print(a.expr, current, tag, 't0')}; }`;
    });
  }

  private definitionsFor(exprs: readonly Expr[]): number[] {
    return neededDefinitions(this.flat.definitions, this.def, exprs);
  }

  private emitDefinitions(indices: number[], values: Map<string, string>, tag: string, tExpr: string): string[] {
    return indices.map((idx) => `let d${idx}_${tag} = ${this.print(this.flat.definitions[idx].expr, values, tag, tExpr)};`);
  }

  private readonly perStep = (node: Expr): string => {
    const draw = this.draws.indexOf(node);
    if (draw >= 0) return `r${draw}`;
    const reduction = this.reductions.indexOf(node);
    if (reduction >= 0) return `R${reduction}`;
    throw new Error('internal: unknown per-step node in WGSL generation');
  };

  private nameOf(values: Map<string, string>, tag: string, tExpr: string): (name: string) => string {
    return (name) => {
      const state = values.get(name);
      if (state) return state;
      const def = this.def.get(name);
      if (def !== undefined) return `d${def}_${tag}`;
      const param = this.param.get(name);
      if (param !== undefined) return `p${param}`;
      const input = this.input.get(name);
      if (input !== undefined) return `u${input}`;
      switch (name) {
        case 't':
          return `(${tExpr})`;
        case 'dt':
          return 'dt';
        case 'pi':
          return wgslNumber(Math.PI);
        case 'lastspike':
          return `select(f32(ls) * dt, -1e7f, ls == ${NEVER_SPIKED})`;
      }
      throw new Error('internal: unresolved symbol in WGSL generation');
    };
  }

  private print(e: Expr, values: Map<string, string>, tag: string, tExpr: string): string {
    return printWgsl(e, this.nameOf(values, tag, tExpr), this.perStep);
  }
}
