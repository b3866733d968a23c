/**
 * Integrators, by name, and what each needs from the equations (aliases such as ngclearn's `rk2` are
 * resolved by the project schema). The code for each lives in the backends; this module decides, per state,
 * the right-hand side and (for exponential Euler and exact) the linear coefficient B of dx/dt = A + Bx.
 */
import type { Expr } from '../model/ir';
import { dependsOn, inlineDefinitions, linearIn, symbolsOf } from '../model/symbolic';
import { EngineError } from './errors';
import type { FlatEquation, FlatModel } from './flatten';

export const INTEGRATORS = ['euler', 'midpoint', 'heun', 'rk4', 'exponential_euler', 'exact'] as const;
export type IntegratorName = (typeof INTEGRATORS)[number];

/** Explicit Runge–Kutta methods as Butcher tableaus: every backend generates its stages from these. */
export const BUTCHER_TABLEAUS: Record<'euler' | 'midpoint' | 'heun' | 'rk4', { a: number[][]; b: number[]; c: number[] }> = {
  euler: { a: [[]], b: [1], c: [0] },
  midpoint: { a: [[], [0.5]], b: [0, 1], c: [0, 0.5] },
  heun: { a: [[], [1]], b: [0.5, 0.5], c: [0, 1] },
  rk4: { a: [[], [0.5], [0, 0.5], [0, 0, 1]], b: [1 / 6, 1 / 3, 1 / 3, 1 / 6], c: [0, 0.5, 0.5, 1] },
};

/** `k1_3 + 0.5 * k2_3`: the stage sum Σ w_j·k_j of state k, with numbers printed by the backend. */
export function stageCombination(weights: readonly number[], k: number, printNumber: (v: number) => string): string {
  return weights
    .map((w, j) => (w === 0 ? '' : w === 1 ? `k${j + 1}_${k}` : `${printNumber(w)} * k${j + 1}_${k}`))
    .filter(Boolean)
    .join(' + ');
}

/**
 * The order of `update: sequential`: inserted channels' states first (as Jaxley updates channel
 * states before solving for v), then the cell's in declaration order. Indices into `plans`.
 */
export function sequentialOrder(plans: readonly StatePlan[]): number[] {
  return plans.map((p, k) => ({ channel: p.state.includes('.'), k })).sort((a, b) => Number(!a.channel) - Number(!b.channel)).map((e) => e.k);
}

export interface StatePlan {
  readonly state: string;
  readonly rhs: Expr;
  readonly unlessRefractory: boolean;
  /** ∂rhs/∂state with definitions inlined, when rhs is linear in the state. */
  readonly B?: Expr;
}

/** Orders of accuracy, used by the convergence tests and documented for users. */
export const INTEGRATOR_ORDER: Record<IntegratorName, number> = {
  euler: 1,
  midpoint: 2,
  heun: 2,
  rk4: 4,
  exponential_euler: 1,
  exact: Infinity,
};

export function planIntegration(flat: FlatModel, integrator: IntegratorName): StatePlan[] {
  const defs = new Map(flat.definitions.map((d) => [d.name, d.expr]));
  const stateNames = flat.states.map((s) => s.name);
  return flat.states.map((s) => {
    const eq = flat.equations.find((e) => e.state === s.name);
    if (!eq) throw new EngineError('invalid-model', `state '${s.name}' has no equation`);
    if (integrator !== 'exponential_euler' && integrator !== 'exact') return { state: s.name, rhs: eq.rhs, unlessRefractory: eq.unlessRefractory };
    // Inline only the definitions that depend on this state: the others (a gate's rate functions,
    // say) stay as names, so B reuses values the step computes anyway instead of repeating exp().
    const inlined = inlineDefinitions(eq.rhs, dependentDefinitions(defs, s.name));
    const split = linearIn(inlined, s.name);
    if (integrator === 'exact') {
      if (!split) {
        throw integratorError(eq, `the 'exact' integrator needs linear equations, but d${s.name}/dt is not linear in ${s.name}; use rk4 or exponential_euler`);
      }
      const full = inlineDefinitions(eq.rhs, defs);
      const other = stateNames.find((o) => o !== s.name && dependsOn(full, o));
      if (other) {
        throw integratorError(
          eq,
          `the 'exact' integrator needs each equation to depend only on its own state, but d${s.name}/dt depends on '${other}'; use rk4 or exponential_euler`,
        );
      }
    }
    return { state: s.name, rhs: eq.rhs, unlessRefractory: eq.unlessRefractory, B: split?.B };
  });
}

/** An integrator that cannot handle an equation: reported at the equation's line and column. */
function integratorError(eq: FlatEquation, message: string): EngineError {
  const local = eq.state.includes('.') ? eq.state.slice(eq.state.indexOf('.') + 1) : eq.state;
  const text = message.replaceAll(eq.state, local);
  return new EngineError('unsupported', message, undefined, [{ model: eq.owner, line: eq.span.line, col: eq.span.col, message: text, severity: 'error' }]);
}

/** The definitions whose value depends (directly or through other definitions) on `state`. */
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

/** The fixed point -A/B of a linear equation, for `x = steady`. */
export function steadyStateExpr(flat: FlatModel, state: string): Expr {
  const eq = flat.equations.find((e) => e.state === state);
  const defs = new Map(flat.definitions.map((d) => [d.name, d.expr]));
  const split = eq ? linearIn(inlineDefinitions(eq.rhs, defs), state) : undefined;
  if (!split) throw new EngineError('invalid-model', `'${state} = steady' needs d${state}/dt to be linear in ${state}`);
  return { k: 'un', op: 'neg', a: { k: 'bin', op: '/', a: split.A, b: split.B } };
}
