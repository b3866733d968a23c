/**
 * Compiles a population's step program (engine/stepProgram.ts: the same integration plan as the
 * JavaScript step) to a WebAssembly function over four float32 lanes, four neurons per iteration.
 *
 * Lines whose value is the same for every neuron (scalar parameters, uniform inputs, t, dt and what
 * is computed from them only) are computed once per step in JavaScript, in float64, and passed in
 * scalar slots; divisions by them become multiplications by a reciprocal, as in the JavaScript
 * step. Everything per neuron is float32 arithmetic, as on the GPU. Conditions are lane masks, so
 * refractoriness, spike tests and resets are selections, not branches; only spiking lanes leave
 * the vector code (their indices are appended to the spike buffer in order).
 *
 * Models the kernel cannot express throw KernelUnsupported with the reason; their population runs
 * the JavaScript step instead.
 */
import type { Expr } from '../../model/ir';
import { symbolsOf } from '../../model/symbolic';
import { NEVER_SPIKED } from '../cpu/codegen';
import { printExpr, printNumber } from '../cpu/printExpr';
import { EngineError } from '../errors';
import { externalInput, flatExpressions, type FlatModel } from '../flatten';
import { collectNodes, isRandomDraw, isReduction } from '../cpu/invariants';
import type { IntegratorName } from '../integrators';
import { buildStepProgram } from '../stepProgram';
import { CodeBuilder, moduleBytes, OP, SIMD } from './binary';
import { SCALAR_SLOTS, type KernelLayout } from './kernelMemory';
import { emitCos2Pi, emitExp, emitExprel, emitLog, emitMix32, emitTanh } from './vectorMath';
import { RNG_CONSTANTS } from '../rng';

export class KernelUnsupported extends Error {}

export interface KernelOptions {
  readonly integrator: IntegratorName;
  readonly sequential: boolean;
  readonly oneSpike: boolean;
  readonly paramIsArray: readonly boolean[];
  readonly inputHasArray: readonly boolean[];
  /** Base stream of the population's rand()/randn() sites (as the JavaScript step's). */
  readonly randomStream: number;
}

export interface CompiledKernel {
  readonly module: WebAssembly.Module;
  /**
   * JavaScript source of `(n, dt, PS, US, H, HI, RK) => void`: fills the scalar slots for step n;
   * RK(stream, n, sub) is rng.ts's rngKey with the project's seed.
   */
  readonly prelude: string;
}

type Kind = 'num' | 'mask';
const FLOAT32_MIN_NORMAL = 1.1754943508222875e-38;

export function compileKernel(flat: FlatModel, options: KernelOptions, layout: KernelLayout): CompiledKernel {
  if (options.oneSpike) throw new KernelUnsupported('one spike per step (one_spike) needs the whole population first');
  for (const e of flatExpressions(flat)) {
    if (collectNodes(e, isReduction).length > 0) throw new KernelUnsupported('population reductions (pop_sum, pop_max) need the whole population first');
  }
  let program;
  try {
    program = buildStepProgram(flat, { integrator: options.integrator, sequential: options.sequential, allowRandom: true });
  } catch (e) {
    if (e instanceof EngineError) throw new KernelUnsupported(e.message);
    throw e;
  }
  return new KernelCompiler(flat, options, layout, program).compile();
}

class KernelCompiler {
  private readonly lineExpr = new Map<string, Expr>();
  private readonly lineOrder: string[];
  private readonly stateIndex: Map<string, number>;
  private readonly paramIndex: Map<string, number>;
  private readonly inputIndex: Map<string, number>;
  private readonly uniformCache = new Map<string, boolean>();
  private readonly kindCache = new Map<string, Kind>();
  /** Scalar slots: JavaScript code per slot (deduplicated), and each slot's kind. */
  private readonly slotCode: string[] = [];
  private readonly slotKind: Kind[] = [];
  /** Slots written as int32 (HI): the refractory step count, random-stream keys. */
  private readonly intSlots = new Set<number>();
  /** rand()/randn() sites in the JavaScript step's order (its stream numbering), and their values. */
  private readonly draws: Expr[] = [];
  private readonly drawLocals = new Map<Expr, number>();
  private lanes = -1;
  private readonly slotByCode = new Map<string, number>();
  private readonly preludeLines: string[] = [];
  private readonly code = new CodeBuilder(1);
  /** Locals holding each varying value (lines, leaves) in the loop, and splatted slots before it. */
  private readonly locals = new Map<string, number>();
  private readonly slotLocals = new Map<number, number>();

  constructor(
    private readonly flat: FlatModel,
    private readonly options: KernelOptions,
    private readonly layout: KernelLayout,
    private readonly program: ReturnType<typeof buildStepProgram>,
  ) {
    for (const line of program.lines) this.lineExpr.set(line.name, line.expr);
    this.lineOrder = program.lines.map((l) => l.name);
    this.stateIndex = new Map(flat.states.map((s, k) => [s.name, k]));
    this.paramIndex = new Map(flat.params.map((p, k) => [p.name, k]));
    this.inputIndex = new Map(flat.inputs.map((p, k) => [externalInput(p.name), k]));
    for (const e of flatExpressions(flat)) collectNodes(e, isRandomDraw, this.draws);
  }

  compile(): CompiledKernel {
    const { program } = this;
    const roots = [...program.next, ...program.integrated, ...program.decisions];
    const needed = this.neededLines(roots);
    // Uniform lines are computed by the prelude; the loop reads them from slots.
    const lineName = new Map(this.lineOrder.map((name, k) => [name, `L${k}`]));
    for (const name of this.lineOrder) {
      if (!needed.has(name) || !this.isUniform(sym(name))) continue;
      this.preludeLines.push(`const ${lineName.get(name)} = ${this.printScalar(this.lineExpr.get(name)!, lineName)};`);
    }
    this.jsLineNames = lineName;
    const refSlot = this.refractorySlot();
    this.emitKernel(needed, refSlot);
    if (this.slotCode.length > SCALAR_SLOTS) throw new KernelUnsupported(`more than ${SCALAR_SLOTS} per-step values`);
    const prelude = [
      '"use strict";',
      'return function prelude(n, dt, PS, US, H, HI, RK) {',
      '  const t = n * dt;',
      ...this.preludeLines.map((l) => '  ' + l),
      ...this.slotCode.map((c, k) => (this.intSlots.has(k) ? `  HI[${k}] = ${c};` : `  H[${k}] = ${c};`)),
      '};',
    ].join('\n');
    const bytes = moduleBytes(
      [
        { name: 'step', params: ['i32'], code: this.code },
        { name: 'flush', params: [], code: flushSubnormals(this.layout) },
      ],
      Math.ceil(this.layout.bytes / 65536),
    );
    return { module: new WebAssembly.Module(bytes), prelude };
  }

  private jsLineNames = new Map<string, string>();

  /** Lines the roots need, transitively. */
  private neededLines(roots: readonly string[]): Set<string> {
    const needed = new Set<string>();
    const visit = (name: string): void => {
      if (needed.has(name) || !this.lineExpr.has(name)) return;
      needed.add(name);
      for (const s of symbolsOf(this.lineExpr.get(name)!)) visit(s);
    };
    roots.forEach(visit);
    return needed;
  }

  // ---- classification -------------------------------------------------------------------------

  private isUniform(e: Expr): boolean {
    for (const s of symbolsOf(e)) {
      if (!this.isUniformSymbol(s)) return false;
    }
    return collectNodes(e, isRandomDraw).length === 0;
  }

  private isUniformSymbol(s: string): boolean {
    const cached = this.uniformCache.get(s);
    if (cached !== undefined) return cached;
    let uniform: boolean;
    if (this.lineExpr.has(s)) uniform = this.isUniform(this.lineExpr.get(s)!);
    else if (this.stateIndex.has(s)) uniform = false;
    else if (this.paramIndex.has(s)) uniform = !this.options.paramIsArray[this.paramIndex.get(s)!];
    else if (this.inputIndex.has(s)) uniform = !this.options.inputHasArray[this.inputIndex.get(s)!];
    else if (s === 't' || s === 'dt' || s === 'pi') uniform = true;
    else if (s === 'nr' || s === 'lastspike') uniform = false;
    else throw new Error(`internal: unresolved symbol in the SIMD kernel`);
    this.uniformCache.set(s, uniform);
    return uniform;
  }

  private kindOf(e: Expr): Kind {
    switch (e.k) {
      case 'num':
        return 'num';
      case 'sym': {
        if (e.name === 'nr') return 'mask';
        if (!this.lineExpr.has(e.name)) return 'num';
        let kind = this.kindCache.get(e.name);
        if (kind === undefined) this.kindCache.set(e.name, (kind = this.kindOf(this.lineExpr.get(e.name)!)));
        return kind;
      }
      case 'un':
        return e.op === 'not' ? 'mask' : 'num';
      case 'bin':
        return ['<', '>', '<=', '>=', '==', '!=', 'and', 'or'].includes(e.op) ? 'mask' : 'num';
      case 'cond': {
        const a = this.kindOf(e.a);
        const b = this.kindOf(e.b);
        const maskLike = (x: Expr, kind: Kind) => kind === 'mask' || (x.k === 'num' && (x.v === 0 || x.v === 1));
        return (a === 'mask' || b === 'mask') && maskLike(e.a, a) && maskLike(e.b, b) ? 'mask' : 'num';
      }
      default:
        return 'num';
    }
  }

  // ---- the prelude (per-step scalars, JavaScript) ---------------------------------------------

  private printScalar(e: Expr, lineName: ReadonlyMap<string, string>): string {
    return printExpr(e, (name) => {
      const line = lineName.get(name);
      if (line) return line;
      const p = this.paramIndex.get(name);
      if (p !== undefined) return `PS[${p}]`;
      const u = this.inputIndex.get(name);
      if (u !== undefined) return `US[${u}]`;
      if (name === 't' || name === 'dt') return name;
      if (name === 'pi') return printNumber(Math.PI);
      throw new Error('internal: a per-neuron symbol in the prelude');
    });
  }

  /** The slot holding a uniform expression's value this step (booleans as 1/0). */
  private slot(e: Expr): number {
    const text = this.printScalar(e, this.jsLineNames);
    const code = this.kindOf(e) === 'mask' ? `(${text} ? 1 : 0)` : text;
    let k = this.slotByCode.get(code);
    if (k === undefined) {
      k = this.slotCode.length;
      this.slotCode.push(code);
      this.slotKind.push(this.kindOf(e));
      this.slotByCode.set(code, k);
    }
    return k;
  }

  private refractorySlot(): number | undefined {
    const ref = this.flat.refractory;
    if (!ref) return undefined;
    if (!this.isUniform(ref) || [...symbolsOf(ref)].some((s) => s === 't' || this.inputIndex.has(s))) {
      throw new KernelUnsupported('the refractory period differs between neurons');
    }
    // Brian2's rule, as in the JavaScript step: refractory for round-down(t_ref/dt + 0.001) steps.
    return this.intSlot(`Math.floor(${this.printScalar(ref, this.jsLineNames)} / dt + 1e-3)`);
  }

  private intSlot(code: string): number {
    let k = this.slotByCode.get(code);
    if (k === undefined) {
      k = this.slotCode.length;
      this.slotCode.push(code);
      this.slotKind.push('num');
      this.slotByCode.set(code, k);
      this.intSlots.add(k);
    }
    return k;
  }

  // ---- the kernel -------------------------------------------------------------------------------

  private emitKernel(needed: ReadonlySet<string>, refSlot: number | undefined): void {
    const c = this.code;
    const { layout, program } = this;
    const n = 0;
    const i = c.local('i32');
    const count = c.local('i32');
    const bits = c.local('i32');
    const vn = c.local('v128');
    const bad = c.local('v128');
    const finite = c.local('v128');
    const lanes = c.local('v128');
    this.lanes = lanes;
    const vsize = c.local('v128');
    const lastSpike = c.local('v128');
    const nr = c.local('v128');
    const spiked = c.local('v128');
    const vref = refSlot === undefined ? -1 : c.local('v128');
    c.get(n).simd(SIMD.i32x4Splat).set(vn);
    c.i32(layout.size).simd(SIMD.i32x4Splat).set(vsize);
    c.i32x4(0, 1, 2, 3).set(lanes);
    c.f32x4(0).set(bad);
    if (refSlot !== undefined) c.i32(0).simdMem(SIMD.load32Splat, layout.scalars + 4 * refSlot, 2).set(vref);

    // The loop is emitted first and then moved after the splats of the slots it turned out to read.
    const loopStart = c.bytes.length;
    c.op(OP.block, 0x40).op(OP.loop, 0x40);
    c.get(i).i32(layout.padded * 4).op(OP.i32GeU).op(OP.brIf, 1);
    // Leaves: states, the last spike, refractoriness, per-neuron parameters and inputs.
    this.flat.states.forEach((s, k) => {
      const local = c.local('v128');
      c.get(i).simdMem(SIMD.load, layout.states[k]).set(local);
      this.locals.set(s.name, local);
    });
    c.get(i).simdMem(SIMD.load, layout.lastSpike).set(lastSpike);
    if (refSlot !== undefined) c.get(vn).get(lastSpike).simd(SIMD.i32x4Sub).get(vref).simd(SIMD.i32x4GeS).set(nr);
    else c.i32x4(-1).set(nr);
    this.locals.set('nr', nr);
    this.options.paramIsArray.forEach((isArray, k) => {
      if (!isArray) return;
      const local = c.local('v128');
      c.get(i).simdMem(SIMD.load, layout.params[k]!).set(local);
      this.locals.set(this.flat.params[k].name, local);
    });
    this.options.inputHasArray.forEach((hasArray, k) => {
      if (!hasArray) return;
      // float64 values, two per vector: demote both halves and join them; plus the uniform part.
      const local = c.local('v128');
      c.get(i).i32(1).op(OP.i32Shl).simdMem(SIMD.load, layout.inputs[k]).simd(SIMD.f32x4DemoteF64x2Zero);
      c.get(i).i32(1).op(OP.i32Shl).simdMem(SIMD.load, layout.inputs[k] + 16).simd(SIMD.f32x4DemoteF64x2Zero);
      c.shuffle([0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23]);
      const name = externalInput(this.flat.inputs[k].name);
      this.emitSlotOf(name);
      c.simd(SIMD.f32x4Add).set(local);
      this.locals.set(name, local);
    });
    if ([...needed].some((line) => symbolsOf(this.lineExpr.get(line)!).has('lastspike'))) {
      // t of the last spike, −1e7 ms before any (as the JavaScript step)
      const local = c.local('v128');
      c.f32x4(-1e7).get(lastSpike).simd(SIMD.f32x4ConvertI32x4S);
      this.emit(sym('dt'), 'num');
      c.simd(SIMD.f32x4Mul).get(lastSpike).i32x4(NEVER_SPIKED).simd(SIMD.i32x4Eq).simd(SIMD.bitselect).set(local);
      this.locals.set('lastspike', local);
    }
    // Lines in order: each varying line once, into its own local.
    // Varying lines are computed where first used (then kept in a local), so a line that a
    // rewrite below made unnecessary costs nothing.
    // Blow-up: a state after integration that is not finite in float32. x − x is 0 for finite x and
    // NaN otherwise; the valid lanes' sum is carried through the loop and tested once after it.
    const valid = c.local('v128');
    c.get(lanes).get(vsize).simd(SIMD.i32x4LtS).set(valid);
    program.integrated.forEach((line, k) => {
      this.emitValue(line, 'num');
      c.tee(finite).get(finite).simd(SIMD.f32x4Sub);
      if (k > 0) c.simd(SIMD.f32x4Add);
    });
    if (program.integrated.length > 0) c.get(valid).simd(SIMD.and).get(bad).simd(SIMD.f32x4Add).set(bad);
    // Store the states (subnormal values are flushed to 0 every few steps by `flush`).
    program.next.forEach((line, k) => {
      c.get(i);
      this.emitValue(line, 'num');
      c.simdMem(SIMD.store, layout.states[k]);
    });
    // Spikes: lanes where any decision holds; their last-spike step and indices, in neuron order.
    if (program.decisions.length > 0) {
      c.get(valid);
      program.decisions.forEach((line, k) => {
        this.emitValue(line, 'mask');
        if (k > 0) c.simd(SIMD.or);
      });
      c.simd(SIMD.and).tee(spiked).simd(SIMD.i32x4Bitmask).tee(bits);
      c.op(OP.if, 0x40);
      c.get(i).get(vn).get(lastSpike).get(spiked).simd(SIMD.bitselect).simdMem(SIMD.store, layout.lastSpike);
      c.op(OP.loop, 0x40);
      c.get(count).i32(2).op(OP.i32Shl);
      c.get(i).i32(2).op(OP.i32ShrU).get(bits).op(OP.i32Ctz).op(OP.i32Add);
      c.mem(OP.i32Store, layout.spikes);
      c.get(count).i32(1).op(OP.i32Add).set(count);
      c.get(bits).get(bits).i32(1).op(OP.i32Sub).op(OP.i32And).tee(bits);
      c.op(OP.brIf, 0);
      c.op(OP.end);
      c.op(OP.end);
    }
    c.get(i).i32(16).op(OP.i32Add).set(i);
    c.get(lanes).i32x4(4).simd(SIMD.i32x4Add).set(lanes);
    c.op(OP.br, 0).op(OP.end).op(OP.end);
    // Splat the scalar slots the loop reads, before the loop.
    const loop = c.bytes.splice(loopStart);
    for (const [slot, local] of this.slotLocals) {
      c.i32(0).simdMem(SIMD.load32Splat, layout.scalars + 4 * slot, 2);
      if (this.slotKind[slot] === 'mask') c.f32x4(0).simd(SIMD.f32x4Ne);
      c.set(local);
    }
    c.bytes.push(...loop);
    // count, or −1 after a blow-up
    c.i32(-1).get(count).get(bad).get(bad).simd(SIMD.f32x4Ne).simd(SIMD.anyTrue).op(OP.select);
  }

  /** Pushes the uniform part of an input (the stimuli summed over all neurons), splatted. */
  private emitSlotOf(name: string): void {
    this.code.get(this.splatSlot(this.slot(sym(name))));
  }

  /** Pushes the value of a line or leaf, converted to the wanted kind. */
  private emitValue(name: string, want: Kind): void {
    this.emit(sym(name), want);
  }

  private splatSlot(slot: number): number {
    let local = this.slotLocals.get(slot);
    if (local === undefined) this.slotLocals.set(slot, (local = this.code.local('v128')));
    return local;
  }

  /** Emits `e` as a vector of the wanted kind. */
  private emit(e: Expr, want: Kind): void {
    const c = this.code;
    const kind = this.kindOf(e);
    if (this.isUniform(e) && e.k !== 'num') {
      const slot = this.slot(e);
      c.get(this.splatSlot(slot));
      return this.convert(this.slotKind[slot], want);
    }
    switch (e.k) {
      case 'num':
        if (want === 'mask') c.i32x4(e.v !== 0 ? -1 : 0);
        else c.f32x4(e.v);
        return;
      case 'sym': {
        let local = this.locals.get(e.name);
        if (local === undefined) {
          const line = this.lineExpr.get(e.name);
          if (!line) throw new Error('internal: a value used before it is computed in the SIMD kernel');
          local = c.local('v128');
          this.emit(line, kind);
          c.tee(local);
          this.locals.set(e.name, local);
        } else c.get(local);
        return this.convert(kind, want);
      }
      case 'un':
        if (e.op === 'not') {
          this.emit(e.a, 'mask');
          c.simd(SIMD.not);
        } else {
          this.emit(e.a, 'num');
          c.simd(SIMD.f32x4Neg);
        }
        return this.convert(kind, want);
      case 'cond':
        // c ? a : 0 is a & c, and c ? 0 : b is b & ~c (refractoriness, spike decisions).
        if (isZero(e.b)) {
          this.emit(e.a, kind);
          this.emit(e.c, 'mask');
          c.simd(SIMD.and);
        } else if (isZero(e.a)) {
          this.emit(e.b, kind);
          this.emit(e.c, 'mask');
          c.simd(SIMD.andnot);
        } else {
          this.emit(e.a, kind);
          this.emit(e.b, kind);
          this.emit(e.c, 'mask');
          c.simd(SIMD.bitselect);
        }
        return this.convert(kind, want);
      case 'bin':
        this.emitBinary(e);
        return this.convert(kind, want);
      case 'call':
        this.emitCall(e);
        return this.convert('num', want);
      case 'reduce':
        throw new KernelUnsupported('population reductions need the whole population first');
    }
  }

  /** c with e ≡ c·x and c the same for every neuron (through lines, −, · and / by such values), if any. */
  private uniformFactor(e: Expr, x: string): Expr | undefined {
    switch (e.k) {
      case 'sym':
        if (e.name === x) return { k: 'num', v: 1 };
        return this.lineExpr.has(e.name) ? this.uniformFactor(this.lineExpr.get(e.name)!, x) : undefined;
      case 'un': {
        const c = e.op === 'neg' ? this.uniformFactor(e.a, x) : undefined;
        return c && { k: 'un', op: 'neg', a: c };
      }
      case 'bin': {
        if (e.op === '*') {
          const left = this.isUniform(e.a) ? this.uniformFactor(e.b, x) : undefined;
          if (left) return { k: 'bin', op: '*', a: e.a, b: left };
          const right = this.isUniform(e.b) ? this.uniformFactor(e.a, x) : undefined;
          return right && { k: 'bin', op: '*', a: right, b: e.b };
        }
        const c = e.op === '/' && this.isUniform(e.b) ? this.uniformFactor(e.a, x) : undefined;
        return c && { k: 'bin', op: '/', a: c, b: e.b };
      }
      default:
        return undefined;
    }
  }

  private convert(from: Kind, to: Kind): void {
    if (from === to) return;
    if (to === 'num') this.code.f32x4(1).simd(SIMD.and);
    else this.code.f32x4(0).simd(SIMD.f32x4Ne);
  }

  private emitBinary(e: Extract<Expr, { k: 'bin' }>): void {
    const c = this.code;
    const arithmetic: Record<string, number> = { '+': SIMD.f32x4Add, '-': SIMD.f32x4Sub, '*': SIMD.f32x4Mul, '/': SIMD.f32x4Div };
    const comparison: Record<string, number> = { '<': SIMD.f32x4Lt, '>': SIMD.f32x4Gt, '<=': SIMD.f32x4Le, '>=': SIMD.f32x4Ge, '==': SIMD.f32x4Eq, '!=': SIMD.f32x4Ne };
    if (e.op === '+') {
      // x + (c·x)·u → x·(1 + c·u) with c and u the same for every neuron: the update of a decaying
      // state (Euler and exponential Euler alike) becomes one multiplication.
      for (const [x, product] of [[e.a, e.b], [e.b, e.a]]) {
        if (x.k !== 'sym' || product.k !== 'bin' || product.op !== '*') continue;
        for (const [f, u] of [[product.a, product.b], [product.b, product.a]]) {
          const factor = this.isUniform(u) ? this.uniformFactor(f, x.name) : undefined;
          if (!factor) continue;
          this.emit(x, 'num');
          this.emit({ k: 'bin', op: '+', a: { k: 'num', v: 1 }, b: { k: 'bin', op: '*', a: factor, b: u } }, 'num');
          c.simd(SIMD.f32x4Mul);
          return;
        }
      }
    }
    if (e.op === '/' && this.isUniform(e.b)) {
      if (e.a.k === 'un' && e.a.op === 'neg') {
        // (−x) / u → x · (−1/u)
        this.emit(e.a.a, 'num');
        this.emit({ k: 'bin', op: '/', a: { k: 'num', v: -1 }, b: e.b }, 'num');
        c.simd(SIMD.f32x4Mul);
        return;
      }
      // x / u → x · (1/u), with 1/u computed once per step (the JavaScript step does the same).
      this.emit(e.a, 'num');
      this.emit({ k: 'bin', op: '/', a: { k: 'num', v: 1 }, b: e.b }, 'num');
      c.simd(SIMD.f32x4Mul);
      return;
    }
    if (e.op === '*') {
      // (−x)·u → x·(−u), with −u computed once per step: decays such as −g/τ.
      const [x, u] = this.isUniform(e.b) ? [e.a, e.b] : this.isUniform(e.a) ? [e.b, e.a] : [undefined, undefined];
      if (x?.k === 'un' && x.op === 'neg' && u) {
        this.emit(x.a, 'num');
        this.emit({ k: 'un', op: 'neg', a: u }, 'num');
        c.simd(SIMD.f32x4Mul);
        return;
      }
    }
    if (arithmetic[e.op] !== undefined) {
      this.emit(e.a, 'num');
      this.emit(e.b, 'num');
      c.simd(arithmetic[e.op]);
    } else if (comparison[e.op] !== undefined) {
      this.emit(e.a, 'num');
      this.emit(e.b, 'num');
      c.simd(comparison[e.op]);
    } else if (e.op === 'and' || e.op === 'or') {
      this.emit(e.a, 'mask');
      this.emit(e.b, 'mask');
      c.simd(e.op === 'and' ? SIMD.and : SIMD.or);
    } else if (e.op === '^') this.emitPower(e.a, e.b);
    else throw new KernelUnsupported(`operator ${e.op}`);
  }

  private emitCall(e: Extract<Expr, { k: 'call' }>): void {
    const c = this.code;
    const arg = (k: number): void => this.emit(e.args[k], 'num');
    switch (e.fn) {
      case 'exp':
        arg(0);
        return emitExp(c);
      case 'log':
        arg(0);
        return emitLog(c);
      case 'exprel':
        arg(0);
        return emitExprel(c);
      case 'tanh':
        arg(0);
        return emitTanh(c);
      case 'sqrt':
        arg(0);
        c.simd(SIMD.f32x4Sqrt);
        return;
      case 'abs':
        arg(0);
        c.simd(SIMD.f32x4Abs);
        return;
      case 'min':
      case 'max':
        arg(0);
        arg(1);
        c.simd(e.fn === 'min' ? SIMD.f32x4Min : SIMD.f32x4Max);
        return;
      case 'clip':
        arg(0);
        arg(1);
        c.simd(SIMD.f32x4Max);
        arg(2);
        c.simd(SIMD.f32x4Min);
        return;
      case 'heaviside':
        arg(0);
        c.f32x4(0).simd(SIMD.f32x4Ge).f32x4(1).simd(SIMD.and);
        return;
      case 'pow':
        return this.emitPower(e.args[0], e.args[1]);
      case 'rand':
      case 'randn':
        return this.emitDraw(e);
      default:
        throw new KernelUnsupported(`${e.fn}() has no vector form yet`);
    }
  }

  /**
   * A draw site's value for each lane: rng.ts's counter-based hash of (seed, the site's stream,
   * step n, neuron i), as the JavaScript step's RU/RN: uniforms are bit-identical, normals (Box–Muller
   * through the vector log and cos) agree to float32 rounding. Drawn once per neuron and step.
   */
  private emitDraw(e: Expr & { k: 'call' }): void {
    const c = this.code;
    const cached = this.drawLocals.get(e);
    if (cached !== undefined) {
      c.get(cached);
      return;
    }
    const site = this.draws.indexOf(e);
    const stream = (this.options.randomStream ^ Math.imul(site + 1, 0x9e3779b1)) >>> 0;
    const uniform = (sub: number): void => {
      const key = this.splatSlot(this.intSlot(`RK(${stream}, n, ${sub})`));
      // hashWithKey(key, i) = mix32(mix32(((key ^ i) + K4) | 0) + key), then ((h >>> 9) + ½)·2^-23
      c.get(key).get(this.lanes).simd(SIMD.xor).i32x4(RNG_CONSTANTS.K4 | 0).simd(SIMD.i32x4Add);
      emitMix32(c);
      c.get(key).simd(SIMD.i32x4Add);
      emitMix32(c);
      c.i32(9).simd(SIMD.i32x4ShrU).simd(SIMD.f32x4ConvertI32x4S).f32x4(0.5).simd(SIMD.f32x4Add).f32x4(2 ** -23).simd(SIMD.f32x4Mul);
    };
    if (e.fn === 'rand') uniform(0);
    else {
      // √(−2 ln u1) · cos(2π u2)
      uniform(1);
      emitLog(c);
      c.f32x4(-2).simd(SIMD.f32x4Mul).simd(SIMD.f32x4Sqrt);
      uniform(2);
      emitCos2Pi(c);
      c.simd(SIMD.f32x4Mul);
    }
    const local = c.local('v128');
    c.tee(local);
    this.drawLocals.set(e, local);
  }

  /** Integer powers as products (exact, any sign of base); other constant powers as exp(b·log a). */
  private emitPower(base: Expr, exponent: Expr): void {
    const c = this.code;
    if (exponent.k !== 'num') throw new KernelUnsupported('a power with an exponent that is not a constant');
    const b = exponent.v;
    if (Number.isInteger(b) && Math.abs(b) <= 16) {
      const x = c.local('v128');
      const acc = c.local('v128');
      this.emit(base, 'num');
      c.set(x);
      c.f32x4(1).set(acc);
      // square-and-multiply on |b|
      let e = Math.abs(b);
      let first = true;
      while (e > 0) {
        if (e & 1) {
          if (first) c.get(x).set(acc);
          else c.get(acc).get(x).simd(SIMD.f32x4Mul).set(acc);
          first = false;
        }
        e >>= 1;
        if (e > 0) c.get(x).get(x).simd(SIMD.f32x4Mul).set(x);
      }
      if (b < 0) c.f32x4(1).get(acc).simd(SIMD.f32x4Div);
      else c.get(acc);
      return;
    }
    if (b === 0.5) {
      this.emit(base, 'num');
      c.simd(SIMD.f32x4Sqrt);
      return;
    }
    this.emit(base, 'num');
    emitLog(c);
    c.f32x4(b).simd(SIMD.f32x4Mul);
    emitExp(c);
  }
}

/**
 * The module's second function: every state flushed to 0 where it is subnormal. Subnormal float32
 * arithmetic is ~20× slower on x86 (WebAssembly cannot set flush-to-zero), and decaying states
 * (synaptic conductances) end there; called every 16 steps, a value stays subnormal at most 15.
 */
function flushSubnormals(layout: KernelLayout): CodeBuilder {
  const c = new CodeBuilder(0);
  const i = c.local('i32');
  c.op(OP.block, 0x40).op(OP.loop, 0x40);
  c.get(i).i32(layout.padded * 4).op(OP.i32GeU).op(OP.brIf, 1);
  for (const at of layout.states) {
    c.get(i).get(i).simdMem(SIMD.load, at).get(i).simdMem(SIMD.load, at).simd(SIMD.f32x4Abs).f32x4(FLOAT32_MIN_NORMAL).simd(SIMD.f32x4Lt).simd(SIMD.andnot);
    c.simdMem(SIMD.store, at);
  }
  c.get(i).i32(16).op(OP.i32Add).set(i);
  c.op(OP.br, 0).op(OP.end).op(OP.end);
  c.i32(0);
  return c;
}

const isZero = (e: Expr): boolean => e.k === 'num' && e.v === 0;

function sym(name: string): Expr {
  return { k: 'sym', name };
}
