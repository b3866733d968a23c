/**
 * A cell model seen in a plane: two of its states (x, y) evolve, every other state is held at a
 * chosen value. Built once per (model, x, y) — definitions inlined, the Jacobian differentiated
 * symbolically from the IR, everything compiled to closures — and then bound to parameter values
 * as often as a slider moves, which only writes numbers into a slot array.
 *
 * The interface is in each state's declared unit (what the axes show: "w (pA)"); the IR and the
 * slots are canonical (mV, ms, nA, ...). With x = sx·X (canonical = scale × display), dX/dt =
 * f/sx and ∂(dX/dt)/∂Y = (sy/sx)·∂f/∂y: a diagonal similarity, so eigenvalues (hence stability)
 * are the same in either unit system. Time is always ms.
 */
import { definitionMap } from '../model/compile';
import type { Expr, ModelIR } from '../model/ir';
import { dependsOn, differentiate, inlineDefinitions, simplify, symbolsOf } from '../model/symbolic';
import { compileExpr, drawsNoise, type Compiled, type Slots } from './phase/exprClosure';
import { generate, printExpr } from './phase/exprCode';

export interface PlaneVariable {
  readonly name: string;
  /** The declared unit as written (`mV`, `pA`, `1`). */
  readonly unit: string;
  /** canonical = scale × value in `unit`. */
  readonly scale: number;
  readonly description: string;
}

/** Canonical values by name; a parameter left out takes the model's default, an input 0, a state 0. */
export interface PlaneValues {
  readonly params?: Readonly<Record<string, number>>;
  readonly inputs?: Readonly<Record<string, number>>;
  readonly states?: Readonly<Record<string, number>>;
}

export class PhasePlaneError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PhasePlaneError';
  }
}

const BUILTINS = ['t', 'dt', 'lastspike', 'pi'] as const;
const NEVER_SPIKED_MS = -1e7;

/** Writes into `out` from the slots (canonical units). */
type Filler = (s: Slots, out: Float64Array) => void;

interface CompiledAssignment {
  readonly slot: number;
  readonly op: '=' | '+=' | '-=';
  readonly value: Compiled;
}

/**
 * The states a plane can use as axes: those whose equation is not identically zero. A state that
 * only a reset or a clamp changes (ngclearn's refractory counters and adaptive thresholds are
 * written `dthr/dt = 0`) has no flow to draw.
 */
export function planeStates(ir: ModelIR): string[] {
  const defs = definitionMap(ir);
  const moving = new Set(ir.equations.filter((e) => !isZero(simplify(inlineDefinitions(e.rhs, defs)))).map((e) => e.state));
  return ir.states.filter((s) => moving.has(s.name)).map((s) => s.name);
}

const isZero = (e: Expr) => e.k === 'num' && e.v === 0;

export class PlaneModel {
  readonly name: string;
  readonly x: PlaneVariable;
  readonly y: PlaneVariable;
  /** The other states, held at their values in PlaneValues.states. */
  readonly held: readonly PlaneVariable[];
  readonly inputs: readonly PlaneVariable[];
  readonly hasSpike: boolean;
  /** True when a reset assigns x or y (the reset map is drawn). */
  readonly resetMovesPlane: boolean;
  /** True when the equations draw random numbers (shown noise-free). */
  readonly noisy: boolean;
  /** True when an equation reads the time `t` (the plane is drawn at t = 0). */
  readonly readsTime: boolean;
  /** Whether x and y stop while refractory (`unless refractory`). */
  readonly frozenWhenRefractory: readonly [boolean, boolean];

  /** @internal */ readonly slotOf: ReadonlyMap<string, number>;
  /** @internal */ readonly size: number;
  /** @internal ẋ, ẏ (canonical) into out[0], out[1]. */ readonly ratesFn: Filler;
  /** @internal The Jacobian (canonical) into out[0..3]. */ readonly jacobianFn: Filler;
  /** @internal */ readonly spike?: Compiled;
  /** True when the flow runs as generated code (false: closures, where the page forbids code generation). */
  readonly generated: boolean;
  /** @internal */ readonly reset: readonly CompiledAssignment[];
  /** @internal */ readonly clamp: readonly CompiledAssignment[];
  /** @internal */ readonly refractory?: Compiled;
  /** @internal */ readonly ir: ModelIR;

  constructor(ir: ModelIR, xName: string, yName: string) {
    const usable = planeStates(ir);
    for (const name of [xName, yName]) {
      if (!usable.includes(name)) throw new PhasePlaneError(`'${name}' is not a state with a (non-zero) equation in ${ir.name}`);
    }
    if (xName === yName) throw new PhasePlaneError('the two axes must be different states');
    this.ir = ir;
    this.name = ir.name;
    const variable = (v: { name: string; unit: { text: string; scale: number }; description: string }): PlaneVariable => ({
      name: v.name,
      unit: v.unit.text,
      scale: v.unit.scale,
      description: v.description,
    });
    const stateIr = (name: string) => ir.states.find((s) => s.name === name)!;
    this.x = variable(stateIr(xName));
    this.y = variable(stateIr(yName));
    this.held = ir.states.filter((s) => s.name !== xName && s.name !== yName).map(variable);
    this.inputs = ir.inputs.map(variable);

    const names = [...ir.params.map((p) => p.name), ...ir.inputs.map((i) => i.name), ...ir.states.map((s) => s.name), ...BUILTINS];
    this.slotOf = new Map(names.map((n, i) => [n, i]));
    this.size = names.length;
    const slot = (n: string) => this.slotOf.get(n);
    const defs = definitionMap(ir);
    const inline = (e: Expr) => inlineDefinitions(e, defs);
    const raw = (state: string) => ir.equations.find((e) => e.state === state)!.rhs;
    const f = inline(raw(xName));
    const g = inline(raw(yName));
    const jacobian = [differentiate(f, xName), differentiate(f, yName), differentiate(g, xName), differentiate(g, yName)];
    const fast = generateFlow(ir, [raw(xName), raw(yName)], jacobian, this.slotOf);
    if (fast) {
      this.ratesFn = fast.rates;
      this.jacobianFn = fast.jacobian;
    } else {
      const [fx, fy] = [compileExpr(f, slot), compileExpr(g, slot)];
      const jac = jacobian.map((e) => compileExpr(e, slot));
      this.ratesFn = (s, out) => {
        out[0] = fx(s);
        out[1] = fy(s);
      };
      this.jacobianFn = (s, out) => jac.forEach((c, i) => (out[i] = c(s)));
    }
    this.generated = fast !== undefined;
    const assignments = (list: ModelIR['reset']): CompiledAssignment[] =>
      list.map((a) => ({ slot: this.slotOf.get(a.target)!, op: a.op, value: compileExpr(inline(a.expr), slot) }));
    this.spike = ir.spike ? compileExpr(inline(ir.spike), slot) : undefined;
    this.reset = assignments(ir.reset);
    this.clamp = assignments(ir.clamp);
    this.refractory = ir.refractory ? compileExpr(inline(ir.refractory), slot) : undefined;
    this.hasSpike = this.spike !== undefined;
    this.resetMovesPlane = ir.reset.some((a) => a.target === xName || a.target === yName);
    this.noisy = drawsNoise(f) || drawsNoise(g);
    this.readsTime = dependsOn(f, 't') || dependsOn(g, 't');
    const frozen = (state: string) => ir.equations.find((e) => e.state === state)!.unlessRefractory;
    this.frozenWhenRefractory = [frozen(xName), frozen(yName)];
  }

  /** The system at these values (cheap: fills a slot array). */
  bind(values: PlaneValues): PlaneSystem {
    const slots = new Float64Array(this.size);
    for (const p of this.ir.params) slots[this.slotOf.get(p.name)!] = values.params?.[p.name] ?? p.defaultValue;
    for (const i of this.ir.inputs) slots[this.slotOf.get(i.name)!] = values.inputs?.[i.name] ?? 0;
    for (const s of this.ir.states) slots[this.slotOf.get(s.name)!] = values.states?.[s.name] ?? 0;
    slots[this.slotOf.get('t')!] = 0;
    slots[this.slotOf.get('dt')!] = 0.1;
    slots[this.slotOf.get('lastspike')!] = NEVER_SPIKED_MS;
    slots[this.slotOf.get('pi')!] = Math.PI;
    return new PlaneSystem(this, slots);
  }
}

/**
 * A plane model with numbers: the flow, its Jacobian, and the spike phases the trajectories need.
 * Every method takes and returns values in the axes' declared units.
 */
export class PlaneSystem {
  private readonly ix: number;
  private readonly iy: number;
  private readonly it: number;
  private readonly ils: number;
  private readonly heldSlots: readonly number[];
  private readonly heldValues: Float64Array;

  constructor(
    readonly model: PlaneModel,
    private readonly slots: Slots,
  ) {
    this.ix = model.slotOf.get(model.x.name)!;
    this.iy = model.slotOf.get(model.y.name)!;
    this.it = model.slotOf.get('t')!;
    this.ils = model.slotOf.get('lastspike')!;
    this.heldSlots = model.held.map((h) => model.slotOf.get(h.name)!);
    this.heldValues = Float64Array.from(this.heldSlots, (i) => slots[i]);
  }

  private place(x: number, y: number): void {
    this.slots[this.ix] = x * this.model.x.scale;
    this.slots[this.iy] = y * this.model.y.scale;
  }

  /** dx/dt and dy/dt (declared units per ms) into out[0], out[1]. */
  rates(x: number, y: number, out: Float64Array): void {
    this.place(x, y);
    this.model.ratesFn(this.slots, out);
    out[0] /= this.model.x.scale;
    out[1] /= this.model.y.scale;
  }

  /** The Jacobian [∂ẋ/∂x, ∂ẋ/∂y, ∂ẏ/∂x, ∂ẏ/∂y] (declared units) into out[0..3]. */
  jacobian(x: number, y: number, out: Float64Array): void {
    this.place(x, y);
    const { x: vx, y: vy } = this.model;
    this.model.jacobianFn(this.slots, out);
    out[1] *= vy.scale / vx.scale;
    out[2] *= vx.scale / vy.scale;
  }

  /** The canonical value of a parameter, input, state or built-in as bound (undefined for other names). */
  valueOf(name: string): number | undefined {
    const i = this.model.slotOf.get(name);
    return i === undefined ? undefined : this.slots[i];
  }

  /** Time for the flow (models that read t); the plane itself is drawn at t = 0. */
  setTime(tMs: number): void {
    this.slots[this.it] = tMs;
  }

  setLastSpike(tMs: number): void {
    this.slots[this.ils] = tMs;
  }

  /** The spike condition at (x, y); false for a model without one. */
  spiking(x: number, y: number): boolean {
    if (!this.model.spike) return false;
    this.place(x, y);
    return this.model.spike(this.slots) !== 0;
  }

  /** The refractory period after a spike at (x, y), ms (0 without one). */
  refractoryMs(x: number, y: number): number {
    if (!this.model.refractory) return 0;
    this.place(x, y);
    return this.model.refractory(this.slots);
  }

  /** Applies the reset (in order, each assignment seeing the ones before it) to (x, y) → out. */
  reset(x: number, y: number, out: Float64Array): void {
    this.assign(this.model.reset, x, y, out);
  }

  /** Applies the clamp assignments (run after every step, before the spike test). */
  clamp(x: number, y: number, out: Float64Array): void {
    this.assign(this.model.clamp, x, y, out);
  }

  private assign(list: readonly CompiledAssignment[], x: number, y: number, out: Float64Array): void {
    this.place(x, y);
    const s = this.slots;
    for (const a of list) {
      const v = a.value(s);
      s[a.slot] = a.op === '=' ? v : a.op === '+=' ? s[a.slot] + v : s[a.slot] - v;
    }
    out[0] = s[this.ix] / this.model.x.scale;
    out[1] = s[this.iy] / this.model.y.scale;
    // Held states stay where the user put them, whatever the reset says.
    this.heldSlots.forEach((i, k) => (s[i] = this.heldValues[k]));
  }
}

/**
 * The flow and its Jacobian as generated code: definitions the two equations read become locals
 * (computed once per evaluation: a Hodgkin–Huxley rate appears in several places); the Jacobian,
 * differentiated with definitions inlined, is printed as it is. Undefined without `new Function`.
 */
function generateFlow(ir: ModelIR, rhs: readonly Expr[], jacobian: readonly Expr[], slotOf: ReadonlyMap<string, number>): { rates: Filler; jacobian: Filler } | undefined {
  const wanted = new Set<string>();
  for (const e of rhs) symbolsOf(e, wanted);
  const needed: { name: string; expr: Expr }[] = [];
  for (let k = ir.definitions.length - 1; k >= 0; k--) {
    const d = ir.definitions[k];
    if (!wanted.has(d.name)) continue;
    needed.unshift(d);
    symbolsOf(d.expr, wanted);
  }
  const local = new Map(needed.map((d, k) => [d.name, `d${k}`]));
  const sym = (name: string) => local.get(name) ?? (slotOf.has(name) ? `s[${slotOf.get(name)}]` : undefined);
  const lines = needed.map((d, k) => `const d${k} = ${printExpr(d.expr, sym)};`);
  const rates = generate<Filler>([...lines, `out[0] = ${printExpr(rhs[0], sym)};`, `out[1] = ${printExpr(rhs[1], sym)};`].join('\n'));
  const jac = generate<Filler>(jacobian.map((e, i) => `out[${i}] = ${printExpr(e, sym)};`).join('\n'));
  return rates && jac ? { rates, jacobian: jac } : undefined;
}
