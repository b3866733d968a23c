/**
 * One neuron's time step as a straight-line program of named expressions (single assignment), built
 * from the same flat model and integration plan as the CPU backend: integrate (every integrator,
 * sequential or not) → clamp → spike margins → differentiable reset. Forward-mode differentiation
 * (tangentCodegen.ts) then derives every line by the chain rule, so the gradient path follows the
 * simulated arithmetic exactly — finite differences of the simulation agree with it.
 *
 * Leaf symbols: state names (the values at the start of the step), flat parameter names, external
 * inputs (`in:NAME`), `t`, `dt`, `pi`, `lastspike`, and `nr` (not refractory: 1/0, set by the driver
 * from the last spike). Spike decisions are lines marked `surrogateOf` their margin.
 */
import type { AssignmentIR, Expr } from '../model/ir';
import { bin, num, sym } from '../model/ir';
import { substitute, symbolsOf } from '../model/symbolic';
import { EngineError } from './errors';
import { flatExpressions, type FlatModel } from './flatten';
import { collectNodes, isRandomDraw, isReduction } from './cpu/invariants';
import { BUTCHER_TABLEAUS, planIntegration, type IntegratorName, type StatePlan } from './integrators';

export interface ProgramLine {
  readonly name: string;
  readonly expr: Expr;
  /**
   * A spike decision (1/0): its derivative is not the expression's (zero almost everywhere) but the
   * surrogate σ'(margin)·∂margin/∂θ, with `margin` the line of this condition's margin.
   */
  readonly surrogateOf?: string;
  /** A reset: `decision ? to : from`, whose tangent adds ∂decision/∂θ · (to − from). */
  readonly blend?: { readonly decision: string; readonly from: string; readonly to: string };
}

export interface StepProgram {
  /** Lines in evaluation order; each reads leaves and earlier lines. */
  readonly lines: readonly ProgramLine[];
  /** Per flat state: the line holding its value at the end of the step (after reset). */
  readonly next: readonly string[];
  /** Per flat state: the line holding its value after integration and clamping, before any reset. */
  readonly integrated: readonly string[];
  /** Per spike condition: the line with its margin after integration (> 0: the condition holds). */
  readonly margins: readonly string[];
  /** Per spike condition: the line with its decision (1 when not refractory and the condition holds). */
  readonly decisions: readonly string[];
  /** Lines computing the margins at the start of the step (for interpolating crossing times). */
  readonly startMargins: readonly string[];
}

export interface ProgramOptions {
  readonly integrator: IntegratorName;
  readonly sequential: boolean;
  /**
   * Keep rand()/randn() call nodes (each one draw site, by identity) for a simulating backend;
   * refused by default, since gradients cannot go through draws.
   */
  readonly allowRandom?: boolean;
}

const isState = (flat: FlatModel) => {
  const names = new Set(flat.states.map((s) => s.name));
  return (name: string) => names.has(name);
};

export function buildStepProgram(flat: FlatModel, options: ProgramOptions): StepProgram {
  return new ProgramBuilder(flat, options).build();
}

/**
 * The signed distance of a spike condition: > 0 exactly when it holds (for comparisons); `and` is
 * the smaller and `or` the larger of two margins. Other conditions cannot be differentiated.
 */
export function conditionMargin(c: Expr): Expr {
  if (c.k === 'bin') {
    switch (c.op) {
      case '>':
      case '>=':
        return bin('-', c.a, c.b);
      case '<':
      case '<=':
        return bin('-', c.b, c.a);
      case 'and':
        return { k: 'call', fn: 'min', args: [conditionMargin(c.a), conditionMargin(c.b)] };
      case 'or':
        return { k: 'call', fn: 'max', args: [conditionMargin(c.a), conditionMargin(c.b)] };
    }
  }
  throw new EngineError('unsupported', 'the spike condition is not a comparison (such as v > v_th), so it has no margin to differentiate');
}

class ProgramBuilder {
  private readonly lines: ProgramLine[] = [];
  private readonly defs: Map<string, Expr>;
  private readonly defOrder: string[];
  private readonly plans: StatePlan[];
  private readonly state: (name: string) => boolean;

  constructor(
    private readonly flat: FlatModel,
    private readonly options: ProgramOptions,
  ) {
    this.defs = new Map(flat.definitions.map((d) => [d.name, d.expr]));
    this.defOrder = flat.definitions.map((d) => d.name);
    this.plans = planIntegration(flat, options.integrator);
    this.state = isState(flat);
    for (const e of flatExpressions(flat)) {
      if (collectNodes(e, isReduction).length > 0) throw new EngineError('unsupported', 'spike conditions with population reductions cannot be fitted by gradient');
      if (!options.allowRandom && collectNodes(e, isRandomDraw).length > 0) throw new EngineError('unsupported', 'models with rand()/randn() cannot be fitted by gradient (their draws are not differentiable)');
    }
  }

  build(): StepProgram {
    const current = new Map(this.flat.states.map((s) => [s.name, s.name]));
    const startMargins = this.flat.spikes.map((s, k) => this.emit(`m0_${k}`, conditionMargin(s.condition), current, 'm0'));
    if (this.options.sequential) this.integrateSequential(current);
    else if (this.options.integrator === 'exponential_euler' || this.options.integrator === 'exact') this.integrateExponential(current);
    else this.integrateRungeKutta(current);
    this.assign(this.flat.clamp, current, 'c');
    const integrated = this.flat.states.map((s) => current.get(s.name)!);
    const margins = this.flat.spikes.map((s, k) => this.emit(`m_${k}`, conditionMargin(s.condition), current, 'm'));
    // Every condition is decided before any reset (as on the CPU backend), and only out of refractoriness.
    const decisions = this.flat.spikes.map((s, k) => {
      const decision = this.emit(`spk${k}`, { k: 'cond', c: sym('nr'), a: s.condition, b: num(0) }, current, 'sp');
      const line = this.lines.at(-1)!;
      this.lines[this.lines.length - 1] = { ...line, surrogateOf: margins[k] };
      return decision;
    });
    // The reset: the new value where the decision is 1, else the old one. Its tangent also carries
    // the surrogate ∂spk/∂θ·(reset − old) (the derivative of old + spk·(reset − old)), unless detached;
    // the value is selected, not blended, since old may be huge (AdEx's V at the cutoff step).
    this.flat.spikes.forEach((s, k) => {
      const resetValues = new Map(current);
      this.assign(s.reset, resetValues, `r${k}`);
      for (const [name, line] of resetValues) {
        const old = current.get(name)!;
        if (line === old) continue;
        const unique = this.line(`x_${name}_reset${k}`, { k: 'cond', c: sym(decisions[k]), a: sym(line), b: sym(old) });
        this.lines[this.lines.length - 1] = { ...this.lines[this.lines.length - 1], blend: { decision: decisions[k], from: old, to: line } };
        current.set(name, unique);
      }
    });
    return { lines: this.lines, next: this.flat.states.map((s) => current.get(s.name)!), integrated, margins, decisions, startMargins };
  }

  private line(name: string, expr: Expr): string {
    const unique = `${name}#${this.lines.length}`;
    this.lines.push({ name: unique, expr });
    return unique;
  }

  /** Emits `expr` (and the definitions it needs, tagged) with states read from `values`. */
  private emit(name: string, expr: Expr, values: ReadonlyMap<string, string>, tag: string, tExpr: Expr = sym('t')): string {
    const defLines = new Map<string, string>();
    const rename = (e: Expr): Expr =>
      substitute(e, (s) => {
        if (this.state(s)) return sym(values.get(s)!);
        if (defLines.has(s)) return sym(defLines.get(s)!);
        if (s === 't') return tExpr;
        return undefined;
      });
    for (const d of this.definitionsFor([expr])) defLines.set(d, this.line(`${tag}:${d}`, rename(this.defs.get(d)!)));
    return this.line(name, rename(expr));
  }

  private definitionsFor(exprs: readonly Expr[]): string[] {
    const needed = new Set<string>();
    const visit = (e: Expr): void => {
      for (const s of symbolsOf(e)) {
        if (this.defs.has(s) && !needed.has(s)) {
          needed.add(s);
          visit(this.defs.get(s)!);
        }
      }
    };
    exprs.forEach(visit);
    return this.defOrder.filter((d) => needed.has(d));
  }

  private rhs(plan: StatePlan): Expr {
    return plan.unlessRefractory ? { k: 'cond', c: sym('nr'), a: plan.rhs, b: num(0) } : plan.rhs;
  }

  private integrateRungeKutta(current: Map<string, string>): void {
    const integrator = this.options.integrator as keyof typeof BUTCHER_TABLEAUS;
    const { a, b, c } = BUTCHER_TABLEAUS[integrator];
    const dt = sym('dt');
    const start = new Map(current);
    const k: string[][] = [];
    c.forEach((ci, s) => {
      const tExpr = ci === 0 ? sym('t') : bin('+', sym('t'), bin('*', num(ci), dt));
      let values = start;
      if (s > 0) {
        values = new Map();
        this.plans.forEach((plan, j) => {
          const sum = weighted(a[s], (w) => sym(k[w][j]));
          values.set(plan.state, sum ? this.line(`y${s}:${plan.state}`, bin('+', sym(start.get(plan.state)!), bin('*', dt, sum))) : start.get(plan.state)!);
        });
      }
      k.push(this.plans.map((plan) => this.emit(`k${s + 1}:${plan.state}`, this.rhs(plan), values, `s${s + 1}`, tExpr)));
    });
    this.plans.forEach((plan, j) => {
      const sum = weighted(b, (w) => sym(k[w][j]))!;
      current.set(plan.state, this.line(`n:${plan.state}`, bin('+', sym(start.get(plan.state)!), bin('*', dt, sum))));
    });
  }

  /** x + f·φ(B), φ(B) = dt·exprel(B·dt): the exact step of dx/dt = A + Bx with A, B frozen. */
  private integrateExponential(current: Map<string, string>): void {
    const start = new Map(current);
    const updates = this.plans.map((plan) => this.exponentialUpdate(plan, start, 'e'));
    this.plans.forEach((plan, j) => current.set(plan.state, updates[j]));
  }

  private exponentialUpdate(plan: StatePlan, values: ReadonlyMap<string, string>, tag: string): string {
    const x = sym(values.get(plan.state)!);
    const f = sym(this.emit(`f:${plan.state}`, this.rhs(plan), values, tag));
    if (!plan.B) return this.line(`n:${plan.state}`, bin('+', x, bin('*', sym('dt'), f)));
    const B = sym(this.emit(`B:${plan.state}`, plan.B, values, tag));
    const phi = bin('*', sym('dt'), { k: 'call', fn: 'exprel', args: [bin('*', B, sym('dt'))] });
    return this.line(`n:${plan.state}`, bin('+', x, bin('*', f, phi)));
  }

  /** Jaxley's order: channel states first, then the cell's; each sees the ones updated before it. */
  private integrateSequential(current: Map<string, string>): void {
    const order = [...this.plans].sort((p, q) => Number(!p.state.includes('.')) - Number(!q.state.includes('.')));
    for (const plan of order) {
      if (plan.B && this.options.integrator !== 'euler') current.set(plan.state, this.exponentialUpdate(plan, current, `q:${plan.state}`));
      else {
        const f = sym(this.emit(`f:${plan.state}`, this.rhs(plan), current, `q:${plan.state}`));
        current.set(plan.state, this.line(`n:${plan.state}`, bin('+', sym(current.get(plan.state)!), bin('*', sym('dt'), f))));
      }
    }
  }

  /** Assignment statements in order (`=`, `+=`, …); each sees the values written before it. */
  private assign(list: readonly AssignmentIR[], current: Map<string, string>, tag: string): void {
    list.forEach((a, j) => {
      if (!current.has(a.target)) throw new EngineError('invalid-model', `assignment to '${a.target}', which is not a state`);
      const value = this.emit(`${tag}${j}:${a.target}`, a.expr, current, `${tag}${j}`);
      const old = sym(current.get(a.target)!);
      const op = a.op === '=' ? undefined : (a.op[0] as '+' | '-' | '*' | '/');
      current.set(a.target, op ? this.line(`${tag}${j}:${a.target}`, bin(op, old, sym(value))) : value);
    });
  }
}

/** Σ w_j·k_j over the non-zero weights, or undefined when all are zero. */
function weighted(weights: readonly number[], term: (j: number) => Expr): Expr | undefined {
  let sum: Expr | undefined;
  weights.forEach((w, j) => {
    if (w === 0) return;
    const t = w === 1 ? term(j) : bin('*', num(w), term(j));
    sum = sum ? bin('+', sum, t) : t;
  });
  return sum;
}
